package dev.ltv.models;

/**
 * A stand-in for the shared Gauss hypergeometric function, with the same signature, used by the
 * shifted-beta-geometric model until the shared one is available; deleted then. The power series,
 * for {@code 0 <= z < 1} and positive parameters, where every term is positive; slow near 1.
 */
final class StandInHypergeometric {

  private StandInHypergeometric() {}

  static double value(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1 && a > 0 && b > 0 && c > 0)) {
      throw new IllegalArgumentException(
          "the stand-in 2F1 needs 0 <= z < 1 and positive parameters");
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < 100_000_000; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (term <= 1e-17 * sum) {
        break;
      }
    }
    if (!Double.isFinite(sum)) {
      throw new ArithmeticException("2F1 overflows a double");
    }
    return sum;
  }
}
