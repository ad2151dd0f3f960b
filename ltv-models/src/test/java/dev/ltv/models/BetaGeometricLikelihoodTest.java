package dev.ltv.models;

import static dev.ltv.models.BgNbdTest.assertRelative;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The fast likelihood of BG/NBD and MBG/NBD (distinct rows, recurrences per frequency, logs per
 * distinct time) against a slow per-customer transcription of the published formulas, and its
 * analytic gradient against central finite differences.
 */
class BetaGeometricLikelihoodTest {

  /** CDNOW plus heavy buyers, so that both the recurrences and the log-gamma path are used. */
  private static final CustomerBase BASE = withHeavyBuyers();

  private static final double[][] POINTS = {
    {0.2426, 4.4135, 0.7929, 2.4258},
    {1.5, 0.3, 3.0, 0.2},
    {0.01, 50, 0.05, 20},
    {5, 20, 1.0, 1.0},
  };

  @Test
  void value_matchesSlowTranscriptionOfPublishedFormula() {
    for (int offset = 0; offset <= 1; offset++) {
      BetaGeometricNbd.Likelihood fast =
          new BetaGeometricNbd.Likelihood(BASE.distinctRows(), offset);
      for (double[] p : POINTS) {
        double slow = 0;
        for (Customer c : BASE) {
          slow += slowLogLikelihood(p, offset, c);
        }
        assertRelative(slow, fast.value(p[0], p[1], p[2], p[3], null), 1e-12, "offset " + offset);
      }
    }
  }

  @Test
  void gradient_matchesCentralDifferences() {
    for (int offset = 0; offset <= 1; offset++) {
      BetaGeometricNbd.Likelihood fast =
          new BetaGeometricNbd.Likelihood(BASE.distinctRows(), offset);
      for (double[] p : POINTS) {
        double[] gradient = new double[4];
        fast.value(p[0], p[1], p[2], p[3], gradient);
        for (int i = 0; i < 4; i++) {
          double numeric = derivative(fast, p, i);
          // A five-point stencil with a step of 1e-4 (relative): truncation about 1e-16, rounding
          // of sums of about 1e5 in magnitude about 1e-8, against derivatives of order 1 to 1e4.
          assertRelative(numeric, gradient[i], 1e-7, "offset " + offset + ", parameter " + i);
        }
      }
    }
  }

  @Test
  void hessian_matchesCentralDifferencesOfTheGradient() {
    for (int offset = 0; offset <= 1; offset++) {
      BetaGeometricNbd.Likelihood fast =
          new BetaGeometricNbd.Likelihood(BASE.distinctRows(), offset);
      for (double[] p : POINTS) {
        double[][] hessian = new double[4][4];
        fast.hessian(p[0], p[1], p[2], p[3], hessian);
        for (int j = 0; j < 4; j++) {
          double h = 1e-4 * p[j];
          double[] up = p.clone();
          double[] down = p.clone();
          up[j] += h;
          down[j] -= h;
          double[] gUp = new double[4];
          double[] gDown = new double[4];
          fast.value(up[0], up[1], up[2], up[3], gUp);
          fast.value(down[0], down[1], down[2], down[3], gDown);
          for (int i = 0; i < 4; i++) {
            double numeric = (gUp[i] - gDown[i]) / (2 * h);
            // Steps of 1e-4 (relative): about 1e-8 relative truncation, and rounding of gradients
            // of sums of about 1e5 in magnitude, against the largest entry of the row.
            double scale = Math.max(Math.abs(hessian[i][j]), 1e-6 * rowMax(hessian[i]));
            assertRelative(
                numeric,
                hessian[i][j],
                1e-6 * scale / Math.max(Math.abs(numeric), 1e-300),
                "offset " + offset + ", entry " + i + "," + j);
          }
        }
      }
    }
  }

  private static double rowMax(double[] row) {
    double max = 0;
    for (double v : row) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  private static double derivative(BetaGeometricNbd.Likelihood f, double[] p, int i) {
    double h = 1e-4 * p[i];
    double sum = 0;
    double[] steps = {-2, -1, 1, 2};
    double[] weights = {1, -8, 8, -1};
    for (int k = 0; k < 4; k++) {
      double[] q = p.clone();
      q[i] += steps[k] * h;
      sum += weights[k] * f.value(q[0], q[1], q[2], q[3], null);
    }
    return sum / (12 * h);
  }

  /** Fader, Hardie and Lee (2005) eq. 6 and Batislam et al. (2007), term by term. */
  static double slowLogLikelihood(double[] p, int offset, Customer c) {
    double r = p[0];
    double alpha = p[1];
    double a = p[2];
    double b = p[3];
    int x = c.frequency();
    int m = x + offset;
    double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
    double stay = Gamma.logGamma(a + b)
        + Gamma.logGamma(b + m)
        - Gamma.logGamma(b)
        - Gamma.logGamma(a + b + m)
        - (r + x) * Math.log(alpha + c.age());
    if (m == 0) {
      return common + stay;
    }
    double leave = Gamma.logGamma(a + b)
        + Gamma.logGamma(a + 1)
        + Gamma.logGamma(b + m - 1)
        - Gamma.logGamma(a)
        - Gamma.logGamma(b)
        - Gamma.logGamma(a + b + m)
        - (r + x) * Math.log(alpha + c.recency());
    double max = Math.max(stay, leave);
    return common + max + Math.log(Math.exp(stay - max) + Math.exp(leave - max));
  }

  private static CustomerBase withHeavyBuyers() {
    List<Customer> customers = new ArrayList<>(Cdnow.summary().customers());
    int[] heavy = {150, 151, 400, 2000, 2001, 5000};
    for (int i = 0; i < heavy.length; i++) {
      customers.add(Customer.of("heavy" + i, heavy[i], 30 + i, 38.86));
    }
    customers.add(Customer.of("recent", 3000, 38.86, 38.86));
    return CustomerBase.of(ChronoUnit.WEEKS, customers);
  }
}
