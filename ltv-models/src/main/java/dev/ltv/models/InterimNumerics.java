package dev.ltv.models;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Stand-ins for the shared numerics (the hypergeometric function and the special functions), with
 * the same signatures, used until those are available. Deleted once they are.
 */
final class InterimNumerics {

  private InterimNumerics() {}

  static double logGamma(double x) {
    return Gamma.logGamma(x);
  }

  static double logBeta(double a, double b) {
    return Beta.logBeta(a, b);
  }

  /**
   * Digamma for x > 0. Not Hipparchus 4.0.2's, whose asymptotic series has the sign of its x^-4
   * term wrong (an error of 1/(60 x^4), 2.9e-9 near x = 49, where its recurrence hands over):
   * enough to move a fit's optimum and spoil finite-difference checks of gradients.
   */
  static double digamma(double x) {
    double result = 0;
    while (x < 12) {
      result -= 1 / x;
      x += 1;
    }
    double inv = 1 / (x * x);
    double series = inv
        * (1.0 / 12
            - inv
                * (1.0 / 120
                    - inv
                        * (1.0 / 252
                            - inv
                                * (1.0 / 240
                                    - inv * (1.0 / 132 - inv * (691.0 / 32760 - inv / 12))))));
    return result + Math.log(x) - 0.5 / x - series;
  }

  /** Trigamma for x > 0, by recurrence to x >= 12 and the asymptotic series. */
  static double trigamma(double x) {
    double result = 0;
    while (x < 12) {
      result += 1 / (x * x);
      x += 1;
    }
    double inv = 1 / (x * x);
    double series = 1
        + inv
            * (1.0 / 6
                - inv
                    * (1.0 / 30
                        - inv
                            * (1.0 / 42
                                - inv * (1.0 / 30 - inv * (5.0 / 66 - inv * (691.0 / 2730))))));
    return result + inv / 2 + series / x;
  }

  /** The Gauss 2F1 for 0 <= z < 1 by its power series; slow near z = 1. */
  static double hyp2f1(double a, double b, double c, double z) {
    double v = Math.exp(hyp2f1LogAbs(a, b, c, z)) * hyp2f1Sign(a, b, c, z);
    if (!Double.isFinite(v)) {
      throw new ArithmeticException("2F1 overflows");
    }
    return v;
  }

  static double hyp2f1LogAbs(double a, double b, double c, double z) {
    return series(a, b, c, z)[0];
  }

  static double hyp2f1Sign(double a, double b, double c, double z) {
    return series(a, b, c, z)[1];
  }

  /** ln|sum| and sign of the series, rescaling whenever the running sum grows large. */
  private static double[] series(double a, double b, double c, double z) {
    if (z < 0 || z >= 1) {
      throw new IllegalArgumentException("interim 2F1 needs 0 <= z < 1, was " + z);
    }
    double term = 1;
    double sum = 1;
    double logScale = 0;
    for (int n = 0; n < 50_000_000; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (Math.abs(sum) > 1e250) {
        sum *= 1e-250;
        term *= 1e-250;
        logScale += 250 * Math.log(10);
      }
      if (term == 0 || Math.abs(term) <= 1e-17 * Math.abs(sum) && n > 2) {
        break;
      }
    }
    return new double[] {logScale + Math.log(Math.abs(sum)), Math.signum(sum)};
  }
}
