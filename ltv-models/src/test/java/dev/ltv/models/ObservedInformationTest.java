package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Standard errors from the observed information against maximum-likelihood problems whose
 * information matrix is known in closed form: a Poisson rate, a normal sample, and a gamma sample
 * (whose observed information does not depend on the data, so equals n times the Fisher
 * information exactly). Each is fitted with {@link Minimizer} in log-parameters, as the models do.
 */
class ObservedInformationTest {

  @Test
  void poissonRate_hasStandardErrorSqrtOfRateOverN() {
    int[] counts = {3, 0, 2, 5, 1, 4, 2, 2, 7, 1, 0, 3};
    int n = counts.length;
    double total = 0;
    for (int k : counts) {
      total += k;
    }
    double sum = total;
    // −ln L(λ = e^x) = nλ − S ln λ + const
    Minimizer.Objective f = (x, g) -> {
      double rate = Math.exp(x[0]);
      g[0] = n * rate - sum;
      return n * rate - sum * x[0];
    };
    Minimizer.Result fit = Minimizer.minimize(f, new double[] {0}, Minimizer.Settings.DEFAULT);
    assertTrue(fit.converged(), fit.toString());
    double rate = Math.exp(fit.point()[0]);
    assertEquals(sum / n, rate, 1e-9);
    double[] se = ObservedInformation.standardErrors(f, fit.point());
    assertEquals(Math.sqrt(rate / n), se[0], 1e-7 * se[0]);
  }

  @Test
  void normalSample_hasTextbookStandardErrors() {
    Random random = new Random(11);
    int n = 500;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 10 + 2 * random.nextGaussian();
    }
    // −ln L(μ, σ) = n ln σ + Σ (y − μ)²/(2σ²) with μ = e^u, σ = e^v.
    Minimizer.Objective f = (x, g) -> {
      double mu = Math.exp(x[0]);
      double sigma = Math.exp(x[1]);
      double ss = 0;
      double s = 0;
      for (double v : y) {
        ss += (v - mu) * (v - mu);
        s += v - mu;
      }
      g[0] = -s / (sigma * sigma) * mu;
      g[1] = n - ss / (sigma * sigma);
      return n * x[1] + ss / (2 * sigma * sigma);
    };
    Minimizer.Result fit = Minimizer.minimize(f, new double[] {0, 0}, Minimizer.Settings.DEFAULT);
    assertTrue(fit.converged(), fit.toString());
    double mu = Math.exp(fit.point()[0]);
    double sigma = Math.exp(fit.point()[1]);
    double[] se = ObservedInformation.standardErrors(f, fit.point());
    assertEquals(sigma / Math.sqrt(n), se[0], 1e-6 * se[0]);
    assertEquals(sigma / Math.sqrt(2 * n), se[1], 1e-6 * se[1]);
    assertTrue(mu > 9 && mu < 11);
  }

  @Test
  void gammaSample_matchesInverseFisherInformation() {
    Random random = new Random(5);
    int n = 400;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      // Gamma(shape 3, rate 2) as a sum of three exponentials.
      y[i] = (-Math.log(random.nextDouble())
              - Math.log(random.nextDouble())
              - Math.log(random.nextDouble()))
          / 2;
    }
    double sumY = 0;
    double sumLogY = 0;
    for (double v : y) {
      sumY += v;
      sumLogY += Math.log(v);
    }
    double sy = sumY;
    double sly = sumLogY;
    // −ln L(k, β) = −nk ln β + n ln Γ(k) − (k − 1) Σ ln y + β Σ y, with k = e^u, β = e^v.
    Minimizer.Objective f = (x, g) -> {
      double k = Math.exp(x[0]);
      double beta = Math.exp(x[1]);
      g[0] = k * (-n * x[1] + n * Special.digamma(k) - sly);
      g[1] = beta * (-n * k / beta + sy);
      return -n * k * x[1] + n * Special.logGamma(k) - (k - 1) * sly + beta * sy;
    };
    Minimizer.Result fit = Minimizer.minimize(f, new double[] {0, 0}, Minimizer.Settings.DEFAULT);
    assertTrue(fit.converged(), fit.toString());
    double k = Math.exp(fit.point()[0]);
    double beta = Math.exp(fit.point()[1]);
    double trigamma = Special.trigamma(k);
    double det = k * trigamma - 1;
    double seK = Math.sqrt(k / (n * det));
    double seBeta = Math.sqrt(trigamma * beta * beta / (n * det));
    double[] se = ObservedInformation.standardErrors(f, fit.point());
    assertEquals(seK, se[0], 1e-6 * seK);
    assertEquals(seBeta, se[1], 1e-6 * seBeta);
  }

  @Test
  void undeterminedParameters_getInfiniteErrors_andTheOthersStayFinite() {
    // Only x0 + x1 is determined; x2 has curvature 2 at 0.5.
    Minimizer.Objective f = (x, g) -> {
      double a = x[0] + x[1] - 1;
      g[0] = 2 * a;
      g[1] = 2 * a;
      g[2] = 2 * (x[2] - 0.5);
      return a * a + (x[2] - 0.5) * (x[2] - 0.5);
    };
    double[] se = ObservedInformation.standardErrors(f, new double[] {0.3, 0.7, 0.5});
    assertEquals(Double.POSITIVE_INFINITY, se[0]);
    assertEquals(Double.POSITIVE_INFINITY, se[1]);
    assertEquals(Math.exp(0.5) * Math.sqrt(0.5), se[2], 1e-9);
  }

  @Test
  void negativeCurvature_marksOnlyThatParameter() {
    Minimizer.Objective saddle = (x, g) -> {
      g[0] = -2 * x[0];
      g[1] = 2 * x[1];
      return -x[0] * x[0] + x[1] * x[1];
    };
    double[] se = ObservedInformation.standardErrors(saddle, new double[] {0, 0});
    assertEquals(Double.POSITIVE_INFINITY, se[0]);
    assertEquals(Math.sqrt(0.5), se[1], 1e-9);
  }

  @Test
  void optimumNextToAnInfeasibleRegion_usesSmallerSteps() {
    // Defined only for x0 ≤ 1e-6: the first step (1e-5) is infeasible and is halved.
    Minimizer.Objective f = (x, g) -> {
      if (x[0] > 1e-6) {
        return Double.POSITIVE_INFINITY;
      }
      g[0] = 2 * x[0];
      return x[0] * x[0];
    };
    double[] se = ObservedInformation.standardErrors(f, new double[] {0});
    assertEquals(Math.sqrt(0.5), se[0], 1e-9);
  }

  @Test
  void pointWhereTheObjectiveIsUndefined_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ObservedInformation.standardErrors((x, g) -> Double.NaN, new double[] {1}));
  }
}
