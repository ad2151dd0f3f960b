package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Pareto/NBD integral against 30-digit mpmath values of the Gauss function ({@code
 * hyp2f1_vectors.csv}, regimes {@code pnbd_A0:*}) and its analytic derivatives against finite
 * differences.
 */
class ParetoNbdIntegralTest {

  /**
   * Each {@code pnbd_A0} row is {@code 2F1(n, e_m; n + 1; z)}. With {@code M = 1}, {@code m = 1 -
   * z} and {@code τ = 0}, the integral gives it as {@code ln 2F1 = L + ln n - e_m ln(1 - z)}.
   */
  @Test
  void logRatio_matchesMpmathGaussFunction_onEveryParetoNbdRow() {
    List<String> header = ReferenceData.header("reference/hyp2f1_vectors.csv");
    int regime = header.indexOf("regime");
    int a = header.indexOf("a");
    int b = header.indexOf("b");
    int c = header.indexOf("c");
    int z = header.indexOf("z");
    int logAbs = header.indexOf("log_abs_value");
    ParetoNbdIntegral integral = new ParetoNbdIntegral();
    int checked = 0;
    for (String[] row : ReferenceData.rows("reference/hyp2f1_vectors.csv")) {
      if (!row[regime].startsWith("pnbd_A0")) {
        continue;
      }
      double n = Double.parseDouble(row[a]);
      double expSmall = Double.parseDouble(row[b]);
      double expBig = Double.parseDouble(row[c]) - expSmall;
      double zz = Double.parseDouble(row[z]);
      double small = 1 - zz;
      double l = integral.logRatio(expSmall, small, expBig, 1.0, 0.0, false);
      double actual = l + Math.log(n) - expSmall * Math.log(small);
      double expected = Double.parseDouble(row[logAbs]);
      // The largest difference is 1.5e-15; z is rebuilt as 1 - (1 - z), an ulp of 1 away.
      assertEquals(
          expected, actual, 1e-13 * Math.max(1, Math.abs(expected)), String.join(",", row));
      checked++;
    }
    assertEquals(80, checked);
  }

  @ParameterizedTest
  @CsvSource({
    // p, alpha, q, beta, tau
    "0.5532755, 10.5776123, 1.6062136, 11.6679119, 0",
    "0.5532755, 10.5776123, 1.6062136, 11.6679119, 38.86",
    "2.5532755, 10.5776123, 1.6062136, 11.6679119, 30.43",
    "2.5532755, 11.6679119, 1.6062136, 10.5776123, 30.43",
    "1.2, 3.0, 1.5, 3.0, 5.0",
    "30.55, 10.5, 1.6, 11.6, 1.0",
    "1000.55, 10.5, 1.6, 11.6, 2.0",
    "1000.55, 12.5, 1.6, 11.6, 2.0",
    // z beyond the series limit: quadrature plus series
    "0.55, 10.0, 1.6, 0.2, 0",
    "0.55, 10.0, 1.6, 0.2, 0.5",
    "0.55, 0.2, 1.6, 10.0, 0",
    "0.55, 0.01, 1.6, 1000.0, 3",
    "5.55, 0.01, 1.6, 1000.0, 3",
    "200.55, 1000.0, 1.6, 0.01, 3",
    "0.05, 0.001, 1.05, 1000.0, 0",
    "3.0, 1.0e-6, 2.0, 50.0, 0",
  })
  void derivatives_matchFiniteDifferences(double p, double alpha, double q, double beta, double t) {
    ParetoNbdIntegral integral = new ParetoNbdIntegral();
    integral.logRatio(p, alpha, q, beta, t, true);
    double[] analytic = {integral.dp, integral.dAlpha, integral.dq, integral.dBeta};
    double[] x = {p, alpha, q, beta};
    for (int i = 0; i < 4; i++) {
      double h = 1e-5 * x[i];
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      double[] up2 = x.clone();
      double[] down2 = x.clone();
      up2[i] += 2 * h;
      down2[i] -= 2 * h;
      double fd = (8 * (value(integral, up, t) - value(integral, down, t))
              - (value(integral, up2, t) - value(integral, down2, t)))
          / (12 * h);
      assertEquals(fd, analytic[i], 1e-7 * Math.max(1, Math.abs(fd)), "parameter " + i);
    }
  }

  private static double value(ParetoNbdIntegral integral, double[] x, double t) {
    return integral.logRatio(x[0], x[1], x[2], x[3], t, false);
  }

  @Test
  void logRatio_isContinuousAcrossTheSeriesLimit() {
    ParetoNbdIntegral integral = new ParetoNbdIntegral();
    // z = (10 - m) / 10 crosses the limit at m = 1.
    double below = integral.logRatio(2.5, 10.0, 1.6, 1.0 + 1e-12, 0, true);
    double dBelow = integral.dBeta;
    double above = integral.logRatio(2.5, 10.0, 1.6, 1.0 - 1e-12, 0, true);
    double dAbove = integral.dBeta;
    assertEquals(below, above, 1e-11);
    assertEquals(dBelow, dAbove, 1e-9 * Math.abs(dBelow));
  }

  @Test
  void logRatio_isSmoothWhereAlphaEqualsBeta() {
    ParetoNbdIntegral integral = new ParetoNbdIntegral();
    double equal = integral.logRatio(1.5, 4.0, 1.7, 4.0, 2.0, true);
    double dAlpha = integral.dAlpha;
    double dBeta = integral.dBeta;
    double h = 1e-6;
    double left = integral.logRatio(1.5, 4.0 - h, 1.7, 4.0, 2.0, false);
    double right = integral.logRatio(1.5, 4.0 + h, 1.7, 4.0, 2.0, false);
    assertEquals((right - left) / (2 * h), dAlpha, 1e-8);
    left = integral.logRatio(1.5, 4.0, 1.7, 4.0 - h, 2.0, false);
    right = integral.logRatio(1.5, 4.0, 1.7, 4.0 + h, 2.0, false);
    assertEquals((right - left) / (2 * h), dBeta, 1e-8);
    // F(τ) = (4 + τ)^-(p+q-1) / (p+q-1) exactly when α = β.
    assertEquals(Math.log(6.0 / (1.5 + 1.7 - 1)), equal, 1e-15);
    assertTrue(Double.isFinite(equal));
  }
}
