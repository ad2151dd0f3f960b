package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The direct sum of 2F1's one-signed series that the BG/NBD family uses for large first
 * parameters, against the shared {@link Hypergeometric} where that one is quick.
 */
class PositiveSeriesTest {

  @Test
  void logPositive_matchesSharedHypergeometric() {
    double[] as = {1e-4, 0.3, 2.5, 40, 300};
    double[] bs = {1e-4, 1.0001, 7, 120};
    double[] cs = {2e-4, 0.6, 3.2, 500};
    double[] zs = {0, 1e-6, 0.3, 0.5, 0.83, 0.95};
    for (double a : as) {
      for (double b : bs) {
        for (double c : cs) {
          for (double z : zs) {
            double expected = Hypergeometric.logAbs(a, b, c, z);
            double actual = BetaGeometricNbd.logPositive(a, b, c, z);
            // Absolute in the logarithm, as ln 2F1 is conditioned: 1e-14 + a few ulps of it.
            assertEquals(
                expected,
                actual,
                1e-14 + 1e-15 * Math.abs(expected),
                () -> a + ", " + b + ", " + c + ", " + z);
          }
        }
      }
    }
  }
}
