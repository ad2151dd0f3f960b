package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The special functions against values derived exactly: factorials, harmonic sums, the values of ψ
 * and ψ′ at 1 and 1/2, Maclaurin series at tiny arguments, and the recurrence and reflection
 * identities. Tolerances are relative and stated in units of 2^-52 ≈ 2.2e-16.
 */
class SpecialTest {

  private static final double ULP = 0x1p-52;
  private static final double EULER = 0.57721566490153286061;
  private static final double ZETA3 = 1.2020569031595942854;
  private static final double PI2 = Math.PI * Math.PI;

  private static final BigDecimal LN2 =
      new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680");

  /** ln n! from the exact factorial, with an absolute error of about 1e-16. */
  private static BigDecimal logFactorialExact(int n) {
    BigInteger f = BigInteger.ONE;
    for (int k = 2; k <= n; k++) {
      f = f.multiply(BigInteger.valueOf(k));
    }
    int bits = f.bitLength();
    if (bits <= 53) {
      return new BigDecimal(Math.log(f.doubleValue()));
    }
    // f = m · 2^(bits − 1) with m in [1, 2) taken from its leading 53 bits.
    double m = f.shiftRight(bits - 53).doubleValue() / 0x1p52;
    return LN2.multiply(BigDecimal.valueOf(bits - 1L)).add(new BigDecimal(Math.log(m)));
  }

  private static double logFactorial(int n) {
    return logFactorialExact(n).doubleValue();
  }

  /** Σ_{k=from}^{to} f(k) with Neumaier's compensated summation. */
  private static double compensatedSum(int from, int to, java.util.function.IntToDoubleFunction f) {
    double sum = 0;
    double compensation = 0;
    for (int k = from; k <= to; k++) {
      double term = f.applyAsDouble(k);
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  private static void assertRelative(double expected, double actual, double ulps, String what) {
    assertEquals(expected, actual, ulps * ULP * Math.abs(expected), what);
  }

  @Test
  void logGamma_atIntegers_isLogOfFactorial() {
    for (int n : new int[] {1, 2, 3, 10, 20, 100, 171, 1000, 3000}) {
      double expected = logFactorial(n - 1);
      if (n <= 2) {
        assertEquals(0.0, Special.logGamma(n), 0.0, "n = " + n);
      } else {
        assertRelative(expected, Special.logGamma(n), 2, "n = " + n);
      }
    }
    // ln Γ(10^6) = Σ ln k for k < 10^6, summed with compensation.
    double expected = compensatedSum(2, 999_999, Math::log);
    assertRelative(expected, Special.logGamma(1e6), 2, "n = 1e6");
  }

  @Test
  void logGamma_atTinyArguments_matchesMaclaurinSeries() {
    // ln Γ(x) = −ln x − γx + Σ_{k≥2} (−1)^k ζ(k) x^k / k.
    double[] zeta = {0, 0, PI2 / 6, ZETA3, PI2 * PI2 / 90, 1.0369277551433699263};
    for (double x : new double[] {1e-300, 1e-20, 1e-8, 1e-3}) {
      double series = -EULER * x;
      for (int k = 2; k <= 5; k++) {
        series += (k % 2 == 0 ? 1 : -1) * zeta[k] * Math.pow(x, k) / k;
      }
      double expected = -Math.log(x) + series;
      assertRelative(expected, Special.logGamma(x), 2, "x = " + x);
    }
    assertRelative(0.5 * Math.log(Math.PI), Special.logGamma(0.5), 2, "x = 1/2");
  }

  @Test
  void logBeta_matchesFactorialsAndClosedForms() {
    // B(m, n) = (m−1)!(n−1)!/(m+n−1)!
    int[][] pairs = {{1, 1}, {2, 3}, {10, 20}, {100, 3}, {1000, 2000}};
    for (int[] p : pairs) {
      double expected = logFactorialExact(p[0] - 1)
          .add(logFactorialExact(p[1] - 1))
          .subtract(logFactorialExact(p[0] + p[1] - 1))
          .doubleValue();
      assertEquals(
          expected, Special.logBeta(p[0], p[1]), 4 * ULP * Math.max(1, Math.abs(expected)));
    }
    assertRelative(Math.log(Math.PI), Special.logBeta(0.5, 0.5), 2, "B(1/2, 1/2) = π");
    assertRelative(Math.log(1e8), Special.logBeta(1, 1e-8), 2, "B(1, b) = 1/b");
    assertRelative(-Math.log(1e6), Special.logBeta(1, 1e6), 2, "B(1, b) = 1/b");
    double x = 0.3;
    assertRelative(
        Math.log(Math.PI / Math.sin(Math.PI * x)), Special.logBeta(x, 1 - x), 4, "reflection");
  }

  /** A few ulps of max(1, |ψ|): relative where |ψ| ≥ 1, absolute around the zero of ψ. */
  private static void assertDigamma(double expected, double actual, String what) {
    assertEquals(expected, actual, 4 * ULP * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void digamma_matchesExactValues() {
    assertDigamma(-EULER, Special.digamma(1), "ψ(1) = −γ");
    assertDigamma(-EULER - 2 * Math.log(2), Special.digamma(0.5), "ψ(1/2)");
    assertDigamma(2 - EULER - 2 * Math.log(2), Special.digamma(1.5), "ψ(3/2)");
    // ψ(n) = −γ + H_{n−1}
    for (int n : new int[] {2, 5, 10, 11, 49, 50, 1000, 1_000_000}) {
      double expected = -EULER + compensatedSum(1, n - 1, k -> 1.0 / k);
      assertDigamma(expected, Special.digamma(n), "n = " + n);
    }
    // ψ(x) = −1/x − γ + ζ(2) x − ζ(3) x² + ...
    for (double x : new double[] {1e-300, 1e-10, 1e-6, 1e-5, 2e-5}) {
      double expected = -1 / x - EULER + PI2 / 6 * x - ZETA3 * x * x;
      assertRelative(expected, Special.digamma(x), 2, "x = " + x);
    }
    // Reflection: ψ(−1/2) = ψ(3/2), then the recurrence down.
    double psiMinusHalf = 2 - EULER - 2 * Math.log(2);
    assertDigamma(psiMinusHalf, Special.digamma(-0.5), "ψ(−1/2)");
    assertDigamma(psiMinusHalf + 2.0 / 3, Special.digamma(-1.5), "ψ(−3/2)");
    assertEquals(Double.NaN, Special.digamma(-2.0));
  }

  @Test
  void trigamma_matchesExactValues() {
    assertRelative(PI2 / 6, Special.trigamma(1), 2, "ψ′(1) = π²/6");
    assertRelative(PI2 / 2, Special.trigamma(0.5), 2, "ψ′(1/2) = π²/2");
    // ψ′(n) = π²/6 − Σ_{k<n} 1/k², for n where the difference does not cancel much.
    for (int n : new int[] {2, 5, 10, 11, 49, 50}) {
      double expected = PI2 / 6 - compensatedSum(1, n - 1, k -> 1.0 / ((double) k * k));
      assertRelative(expected, Special.trigamma(n), 4 * n, "n = " + n);
    }
    // ψ′(x) = 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + ... (DLMF 5.15.8), tiny beyond for x = 1e6.
    double x = 1e6;
    assertRelative(1 / x + 1 / (2 * x * x) + 1 / (6 * x * x * x), Special.trigamma(x), 2, "1e6");
    // ψ′(x) = 1/x² + ζ(2) − 2ζ(3) x + ... near 0
    for (double t : new double[] {1e-150, 1e-8, 1e-5}) {
      assertRelative(1 / (t * t) + PI2 / 6 - 2 * ZETA3 * t, Special.trigamma(t), 2, "x = " + t);
    }
    // Reflection: ψ′(−1/2) = π²/sin²(π/2) − ψ′(3/2) = π² − (π²/2 − 4)
    assertRelative(PI2 / 2 + 4, Special.trigamma(-0.5), 4, "ψ′(−1/2)");
  }

  @Property(tries = 300)
  void digammaAndTrigamma_satisfyTheirRecurrences(
      @ForAll @DoubleRange(min = -30, max = 1e4) double x) {
    if (x == Math.rint(x) && x <= 0) {
      return;
    }
    double psi = Special.digamma(x);
    double next = Special.digamma(x + 1);
    // Both sides carry a few ulps of the largest of |ψ(x)|, |ψ(x + 1)| and 1/|x|.
    double scale = Math.max(1, Math.max(Math.abs(next), Math.max(Math.abs(psi), 1 / Math.abs(x))));
    assertEquals(psi + 1 / x, next, 8 * ULP * scale, "ψ at " + x);
    double tri = Special.trigamma(x);
    double triNext = Special.trigamma(x + 1);
    assertEquals(tri - 1 / (x * x), triNext, 8 * ULP * Math.max(tri, 1 / (x * x)), "ψ′ at " + x);
  }

  @Test
  void logGammaRatio_isExactForIntegerSteps_andFreeOfCancellationForTinySteps() {
    double x = 15.5;
    assertRelative(Math.log(15.5 * 16.5 * 17.5), Special.logGammaRatio(x, 3), 4, "three steps");
    double big = 1e6;
    assertRelative(
        Math.log(big) + Math.log(big + 1) + Math.log(big + 2),
        Special.logGammaRatio(big, 3),
        4,
        "three steps at 1e6");
    // ln Γ(x + d) − ln Γ(x) = d ψ(x) + d² ψ′(x)/2 + ...; at x = 1e6 the two log-gammas are 1.3e7
    // each, so subtracting them would leave no correct digit of a result of 1.4e-7.
    double d = 1e-8;
    double psi = Math.log(big) - 1 / (2 * big) - 1 / (12 * big * big);
    double expected = d * psi + d * d / (2 * big);
    assertRelative(expected, Special.logGammaRatio(big, d), 4, "tiny step at 1e6");
    assertRelative(
        Special.logGamma(7.25) - Special.logGamma(3.5),
        Special.logGammaRatio(3.5, 3.75),
        8,
        "small arguments");
  }

  @Test
  void logSumExp_isExactAtTheEdges() {
    assertEquals(Math.log(2), Special.logSumExp(0, 0), ULP);
    assertEquals(1000 + Math.log(2), Special.logSumExp(1000, 1000), 1000 * ULP);
    assertEquals(0.0, Special.logSumExp(-1000, 0));
    assertEquals(-745.0, Special.logSumExp(-745.0, Double.NEGATIVE_INFINITY));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        Special.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    assertEquals(Math.log(5), Special.logSumExp(Math.log(2), Math.log(3)), 2 * ULP);
  }

  @Test
  void logDiffExp_keepsDigitsWhereTheExponentialsCancel() {
    assertEquals(0.0, Special.logDiffExp(Math.log(3), Math.log(2)), 4 * ULP);
    assertEquals(Double.NEGATIVE_INFINITY, Special.logDiffExp(5, 5));
    assertEquals(5.0, Special.logDiffExp(5, Double.NEGATIVE_INFINITY));
    // ln(1 − e^(−1e-20)) = ln(1e-20) to 1e-20 relative.
    assertRelative(Math.log(1e-20), Special.logDiffExp(0, -1e-20), 2, "tiny difference");
    assertRelative(1000 + Math.log(-Math.expm1(-1)), Special.logDiffExp(1000, 999), 2, "large");
    assertThrows(IllegalArgumentException.class, () -> Special.logDiffExp(1, 2));
    assertThrows(IllegalArgumentException.class, () -> Special.logDiffExp(Double.NaN, 2));
  }

  @Test
  void log1mexpAndLog1pexp_areAccurateOnBothSides() {
    assertRelative(Math.log(1e-20), Special.log1mexp(-1e-20), 2, "near 0");
    assertRelative(-Math.exp(-50), Special.log1mexp(-50), 2, "far below");
    assertRelative(Math.log1p(-Math.exp(-1)), Special.log1mexp(-1), 2, "across ln 2");
    assertEquals(Double.NEGATIVE_INFINITY, Special.log1mexp(0));
    assertEquals(0.0, Special.log1mexp(Double.NEGATIVE_INFINITY), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Special.log1mexp(1e-300));

    assertEquals(Math.log(2), Special.log1pexp(0), ULP);
    assertEquals(800.0, Special.log1pexp(800));
    assertRelative(Math.exp(-40), Special.log1pexp(-40), 2, "far below");
    assertRelative(20 + Math.log1p(Math.exp(-20)), Special.log1pexp(20), 2, "above 18");
  }
}
