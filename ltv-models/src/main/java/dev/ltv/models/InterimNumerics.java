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

  static double digamma(double x) {
    return Gamma.digamma(x);
  }

  static double trigamma(double x) {
    return Gamma.trigamma(x);
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
