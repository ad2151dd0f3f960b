package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The minimizer and the observed information on the problem they exist for: the BG/NBD
 * log-likelihood (Fader, Hardie and Lee 2005, eq. 6) of the CDNOW sample, in log-parameters, from
 * r = α = a = b = 1. A simplex search stops early here (at −9589.78); the expected optimum is the
 * published −9582.43 at r, α, a, b = 0.2426, 4.4136, 0.7929, 2.4259, and lifetimes 0.11.3's fit
 * and standard errors are in data/reference/fitted_params.json. The likelihood is written out in
 * this test only to exercise the optimizer; the model itself lives elsewhere.
 */
class CdnowBgNbdFitTest {

  /** Distinct (x, t_x, T) rows of the CDNOW summary with their counts. */
  private static final double[][] ROWS = distinctRows();

  private static double[][] distinctRows() {
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (String[] r : ReferenceData.rows("cdnow_customers_summary.csv")) {
      String key = r[1] + "," + r[2] + "," + r[3];
      double[] row = rows.computeIfAbsent(key, k -> new double[] {
        Double.parseDouble(r[1]), Double.parseDouble(r[2]), Double.parseDouble(r[3]), 0
      });
      row[3]++;
    }
    return new ArrayList<>(rows.values()).toArray(new double[0][]);
  }

  /** −Σ ln L over the customers, with its gradient in (ln r, ln α, ln a, ln b). */
  private static final Minimizer.Objective NEGATIVE_LOG_LIKELIHOOD = (p, g) -> {
    double r = Math.exp(p[0]);
    double alpha = Math.exp(p[1]);
    double a = Math.exp(p[2]);
    double b = Math.exp(p[3]);
    double lnBab = Special.logBeta(a, b);
    double psiAb = Special.digamma(a + b);
    double psiA = Special.digamma(a);
    double psiB = Special.digamma(b);
    double f = 0;
    double[] grad = new double[4];
    for (double[] row : ROWS) {
      double x = row[0];
      double tx = row[1];
      double t = row[2];
      double n = row[3];
      double psiAbx = Special.digamma(a + b + x);
      // ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln(T1 + T2)
      double head = Special.logGamma(r + x) - Special.logGamma(r) + r * Math.log(alpha);
      double log1 = Special.logBeta(a, b + x) - lnBab - (r + x) * Math.log(alpha + t);
      double[] d1 = {
        -Math.log(alpha + t),
        -(r + x) / (alpha + t),
        psiAb - psiAbx,
        Special.digamma(b + x) - psiAbx - psiB + psiAb
      };
      double logSum = log1;
      double w1 = 1;
      double[] d2 = new double[4];
      if (x > 0) {
        double log2 = Special.logBeta(a + 1, b + x - 1) - lnBab - (r + x) * Math.log(alpha + tx);
        logSum = Special.logSumExp(log1, log2);
        w1 = Math.exp(log1 - logSum);
        d2[0] = -Math.log(alpha + tx);
        d2[1] = -(r + x) / (alpha + tx);
        d2[2] = Special.digamma(a + 1) - psiAbx - psiA + psiAb;
        d2[3] = Special.digamma(b + x - 1) - psiAbx - psiB + psiAb;
      }
      f -= n * (head + logSum);
      double[] dHead = {
        Special.digamma(r + x) - Special.digamma(r) + Math.log(alpha), r / alpha, 0, 0
      };
      for (int i = 0; i < 4; i++) {
        grad[i] -= n * (dHead[i] + w1 * d1[i] + (1 - w1) * d2[i]);
      }
    }
    double[] theta = {r, alpha, a, b};
    for (int i = 0; i < 4; i++) {
      g[i] = grad[i] * theta[i];
    }
    return f;
  };

  @Test
  void fit_cdnowSample_reachesThePublishedOptimum() {
    Minimizer.Result fit =
        Minimizer.minimize(NEGATIVE_LOG_LIKELIHOOD, new double[4], Minimizer.Settings.DEFAULT);
    assertTrue(fit.converged(), fit.toString());
    assertEquals(-9582.425560567368, -fit.value(), 1e-6, fit.toString());
    double[] expected = {
      0.24259292827982182, 4.413532265271819, 0.7928859664406882, 2.42575238262586
    };
    double[] point = fit.point();
    for (int i = 0; i < 4; i++) {
      // lifetimes stopped at a gradient tolerance of its own; 1e-4 is ten times tighter than the
      // published precision.
      assertEquals(expected[i], Math.exp(point[i]), 1e-4 * expected[i], fit.toString());
    }
    assertTrue(fit.iterations() < 60, fit.toString());
  }

  @Test
  void standardErrors_cdnowSample_matchLifetimes() {
    Minimizer.Result fit =
        Minimizer.minimize(NEGATIVE_LOG_LIKELIHOOD, new double[4], Minimizer.Settings.DEFAULT);
    double[] se = ObservedInformation.standardErrors(NEGATIVE_LOG_LIKELIHOOD, fit.point());
    // lifetimes 0.11.3 (autograd Hessian at its own optimum); both are the observed information,
    // so they agree to the precision of the two optima.
    double[] expected = {
      0.012557320698193191, 0.37822145704392723, 0.1857190719121201, 0.7053453435332477
    };
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], se[i], 1e-3 * expected[i], "parameter " + i);
    }
  }
}
