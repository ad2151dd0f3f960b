package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * ₂F₁ against independent references: the 334 rows of {@code data/reference/hyp2f1_vectors.csv}
 * (mpmath at 30 digits, see data/README.md), Gauss's closed form at z → 1, the leading terms of the
 * series at tiny z, exact polynomials, and the defining series (or Pfaff's, for z &lt; −1) summed in
 * decimals with as many digits as they need by {@link SlowHypergeometric}.
 *
 * <p>One tolerance serves every regime of the vectors: a relative error of the value, and an
 * absolute error of ln |₂F₁|, of at most 1e-14 + 3e-16·|ln ₂F₁|. The constant term is about 45 ulps
 * for the rounding of series of up to thousands of terms and of the connection formula; the second
 * is the condition of the problem, since a one-ulp change of a, b or z moves ln ₂F₁ by about
 * 2.2e-16·|ln ₂F₁| (for the prefactors (1 − z)^p alone it is exactly that). The worst rows use about
 * 0.6 of it: bgnbd_* 0.48, mbgnbd_* 0.39, pnbd_A0:* 0.56, negative_z 0.12, small_z 0.00,
 * c_near_a_plus_b 0.45, large_ab_* 0.57. Random parameters get a tolerance scaled by the
 * function's condition number instead (see {@link #conditionedTolerance}). The reference value is the {@code mpmath_value} column,
 * since the {@code value} column is scipy's output wherever scipy agreed to 1e-13 and so carries up
 * to 9e-14 of scipy's error.
 */
class HypergeometricTest {

  private static final String VECTORS = "reference/hyp2f1_vectors.csv";

  /** The tolerance explained in the class comment, for a function of log-magnitude {@code log}. */
  private static double tolerance(double log) {
    return 1e-14 + 3e-16 * Math.abs(log);
  }

  /**
   * The tolerance for arbitrary parameters, where ln |₂F₁| can be far more sensitive to its inputs
   * than |ln ₂F₁| suggests (near z = 1 with c − a − b ≪ 0, |z ∂ ln F/∂z| is about |c − a − b|/(1 −
   * z)), and where the function may have to be summed from a slowly converging series: 1e-14,
   * plus 2.2e-16 times the condition number |ln F| + Σ |∂ ln F/∂ ln p| over p = a, b, c, z (the
   * error that rounding the inputs alone would cause), plus 4e-16·√N for the rounding of the N
   * terms a series in the variable x needs (N = 39/|ln |x||, with x = z, or z/(z − 1) for z &lt;
   * 0). The derivatives are estimated by central differences of the function under test, which is
   * accurate enough for a tolerance.
   */
  private static double conditionedTolerance(double a, double b, double c, double z, double log) {
    double h = 1e-7;
    double sensitivity = Math.abs(log);
    double[] p = {a, b, c, z};
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        continue;
      }
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] *= 1 + h;
      down[i] *= 1 - h;
      if (up[3] >= 1 || down[3] >= 1) {
        continue;
      }
      double derivative = (Hypergeometric.logAbs(up[0], up[1], up[2], up[3])
              - Hypergeometric.logAbs(down[0], down[1], down[2], down[3]))
          / (2 * h);
      sensitivity += Math.abs(derivative);
    }
    double x = z < 0 ? z / (z - 1) : z;
    double terms = 39 / -Math.log(Math.abs(x));
    return 1e-14 + 2.2e-16 * sensitivity + 4e-16 * Math.sqrt(terms);
  }

  @Test
  void everyReferenceVector_matchesMpmath() {
    List<Executable> checks = new ArrayList<>();
    List<String[]> rows = ReferenceData.rows(VECTORS);
    assertEquals(334, rows.size());
    for (String[] row : rows) {
      double a = Double.parseDouble(row[1]);
      double b = Double.parseDouble(row[2]);
      double c = Double.parseDouble(row[3]);
      double z = Double.parseDouble(row[4]);
      double logAbs = Double.parseDouble(row[6]);
      double sign = Double.parseDouble(row[7]);
      double value = Double.parseDouble(row[10]);
      String where = String.join(" ", row[0], row[1], row[2], row[3], row[4]);
      double tolerance = tolerance(logAbs);
      checks.add(() ->
          assertEquals(logAbs, Hypergeometric.logAbs(a, b, c, z), tolerance, where + ": ln|2F1|"));
      checks.add(() -> assertEquals(sign, Hypergeometric.sign(a, b, c, z), where + ": sign"));
      if (Double.isFinite(value) && value != 0 && Math.abs(logAbs) < 700) {
        checks.add(() -> assertRelative(value, Hypergeometric.value(a, b, c, z), tolerance, where));
      } else if (Double.isInfinite(value)) {
        checks.add(() ->
            assertThrows(ArithmeticException.class, () -> Hypergeometric.value(a, b, c, z), where));
      }
    }
    assertAll(checks);
  }

  @Test
  void referenceVectors_whereScipyFails_areAmongThoseMatched() {
    // The rows marked mpmath are those where scipy 1.10 is wrong by more than 1e-13 (or gives nan
    // or inf); the full test above covers them, this one only makes sure they are there.
    long mpmathRows = ReferenceData.rows(VECTORS).stream()
        .filter(row -> row[8].equals("mpmath"))
        .count();
    assertEquals(39, mpmathRows);
  }

  @Test
  void value_atZeroArgumentOrZeroParameter_isOne() {
    assertEquals(1.0, Hypergeometric.value(2.5, 3.5, 1.5, 0.0));
    assertEquals(1.0, Hypergeometric.value(0.0, 3.5, 1.5, 0.9));
    assertEquals(1.0, Hypergeometric.value(2.5, 0.0, 1.5, -1e6));
    assertEquals(0.0, Hypergeometric.logAbs(2.5, 3.5, 1.5, 0.0));
  }

  @Test
  void tinyArgument_matchesLeadingTermsToFullRelativeAccuracyOfTheLog() {
    double[][] cases = {
      {0.2426, 2.4258, 2.2187, 1e-12},
      {30.5, 31.2, 60.1, 1e-14},
      {1.16, 1.6, 2.16, -1e-13},
      {-2.5, 3.25, 4.5, 1e-15},
      {0.5, 0.5, 1.5, 1e-300},
    };
    for (double[] k : cases) {
      double a = k[0];
      double b = k[1];
      double c = k[2];
      double z = k[3];
      // Two terms of the series; the third is below 1e-24 of the second.
      double first = a * b / c * z;
      double second = first * (a + 1) * (b + 1) / ((c + 1) * 2) * z;
      double expectedLog = Math.log1p(first + second);
      assertEquals(expectedLog, Hypergeometric.logAbs(a, b, c, z), 1e-15 * Math.abs(expectedLog));
      assertEquals(1 + first, Hypergeometric.value(a, b, c, z), 2e-16);
    }
  }

  @Test
  void nearOne_withPositiveExcess_approachesGaussClosedForm() {
    // Gauss: 2F1(a, b; c; 1) = Γ(c)Γ(s)/(Γ(c−a)Γ(c−b)) for s = c − a − b > 0. At z = 1 − δ the
    // first terms of the two series of the connection formula give
    //   F(1 − δ) = F(1)·(1 + abδ/(1 − s)) + δ^s·Γ(c)Γ(−s)/(Γ(a)Γ(b)) + O(δ², δ^(s+1)),
    // which at δ = 2^-40 ≈ 9e-13 leaves less than 1e-16 for these non-integer s.
    double delta = 0x1p-40;
    double[][] cases = {
      {0.2426, 2.4258, 5.2187}, // s = 2.55
      {0.5532, 1.6062, 3.6594}, // s = 1.5
      {2.5, 3.25, 6.25}, // s = 0.5
      {20.25, 30.5, 51.25}, // s = 0.5 with large parameters
      {0.75, 0.25, 1.35}, // s = 0.35
      {-2.5, 1.5, 3.25}, // s = 4.25 with a negative
      {-0.4, -1.3, 0.5}, // s = 2.2 with a and b negative
      {120.0, 110.0, 233.7}, // s = 3.7, log-magnitude about 100
    };
    for (double[] k : cases) {
      double a = k[0];
      double b = k[1];
      double c = k[2];
      double s = c - a - b;
      double logAtOne = logGammaAbs(c) + logGammaAbs(s) - logGammaAbs(c - a) - logGammaAbs(c - b);
      double atOne = Math.exp(logAtOne) * signGamma(c - a) * signGamma(c - b);
      double logSingular =
          s * Math.log(delta) + logGammaAbs(c) + logGammaAbs(-s) - logGammaAbs(a) - logGammaAbs(b);
      double singular = Math.exp(logSingular) * signGamma(-s) * signGamma(a) * signGamma(b);
      double expected = atOne * (1 + a * b * delta / (1 - s)) + singular;
      // The closed form's own error: a few ulps of each log-gamma, which reach 1000 here.
      double reference = 2.2e-16
          * (Math.abs(logGammaAbs(c))
              + Math.abs(logGammaAbs(s))
              + Math.abs(logGammaAbs(c - a))
              + Math.abs(logGammaAbs(c - b)));
      assertRelative(
          expected,
          Hypergeometric.value(a, b, c, 1 - delta),
          1e-13 + reference,
          a + ", " + b + "; " + c);
    }
  }

  private static double logGammaAbs(double x) {
    return x > 0
        ? Special.logGamma(x)
        : Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - Special.logGamma(1 - x);
  }

  private static double signGamma(double x) {
    return x > 0 || Math.floor(x) % 2 == 0 ? 1 : -1;
  }

  @Test
  void polynomials_matchExactSums_includingAlternatingOnes() {
    // a or b a non-positive integer, or c − a or c − b one (a polynomial after Euler's
    // transformation), or c a negative integer beyond the degree: compared with the 60-digit sum.
    double[][] cases = {
      {-3, 2.5, 4.5, 0.7},
      {-3, 2.5, 4.5, -5},
      {-20, 5.5, 3.25, 0.9}, // alternating terms up to 1e6 times the result
      {-30, 20.5, 1.5, 0.7},
      {7.5, -12, 2.25, -0.95},
      {-10, 2.5, -15, 0.3}, // c a pole beyond the degree
      {3.5, 1.25, 1.5, 0.8}, // c − a = −2
      {3.5, 1.25, 1.5, -0.6},
      {-4, -6, 1.5, 0.999},
    };
    for (double[] k : cases) {
      BigDecimal exact = SlowHypergeometric.series(k[0], k[1], k[2], k[3]);
      double expected = exact.doubleValue();
      assertRelative(
          expected,
          Hypergeometric.value(k[0], k[1], k[2], k[3]),
          1e-14,
          java.util.Arrays.toString(k));
      assertEquals(Math.signum(expected), Hypergeometric.sign(k[0], k[1], k[2], k[3]));
    }
    // Far outside |z| < 1 a polynomial is still exact: 2F1(−2, b; c; z) = 1 − 2bz/c +
    // b(b+1)z²/(c(c+1)).
    double b = 1.5;
    double c = 2.5;
    double z = -1e5;
    double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
    assertRelative(expected, Hypergeometric.value(-2, b, c, z), 1e-15, "quadratic at z = -1e5");
  }

  @Test
  void polynomialAtARoot_isZeroWithLogMinusInfinity() {
    // 2F1(−1, 2; 1; 1/2) = 1 − 2·(1/2) = 0 exactly.
    assertEquals(0.0, Hypergeometric.value(-1, 2, 1, 0.5));
    assertEquals(Double.NEGATIVE_INFINITY, Hypergeometric.logAbs(-1, 2, 1, 0.5));
    assertEquals(-1.0, Hypergeometric.sign(-1, 2, 1, 0.9)); // 1 − 1.8
  }

  @Test
  void heavyBuyers_bgnbdConditional_matchSlowSeries() {
    // 2F1(r + x, b + x; a + b + x − 1; z) at the CDNOW BG/NBD fit for x up to 5000, where the value
    // overflows a double; the 60-digit series is exact here (all terms positive).
    double r = 0.24259292827982182;
    double a = 0.7928859664406882;
    double b = 2.42575238262586;
    for (int x : new int[] {300, 2000, 5000}) {
      for (double z : new double[] {0.05, 0.3, 0.5}) {
        double expected =
            SlowHypergeometric.logAbs(SlowHypergeometric.series(r + x, b + x, a + b + x - 1, z));
        double actual = Hypergeometric.logAbs(r + x, b + x, a + b + x - 1, z);
        assertEquals(expected, actual, tolerance(expected), "x = " + x + ", z = " + z);
      }
    }
  }

  @Property(tries = 150)
  void anyParameters_matchSlowSeries_insideTheUnitDisc(
      @ForAll @DoubleRange(min = -40, max = 60) double a,
      @ForAll @DoubleRange(min = -40, max = 60) double b,
      @ForAll @DoubleRange(min = -20, max = 80) double c,
      @ForAll @DoubleRange(min = -0.9, max = 0.9) @Scale(6) double z) {
    Assume.that(Math.abs(c - Math.rint(c)) > 1e-3 || c > 0);
    BigDecimal exact = SlowHypergeometric.series(a, b, c, z);
    Assume.that(exact.signum() != 0);
    double expectedLog = SlowHypergeometric.logAbs(exact);
    double allowed = conditionedTolerance(a, b, c, z, expectedLog);
    assertEquals(expectedLog, Hypergeometric.logAbs(a, b, c, z), allowed);
    assertEquals(exact.signum(), (int) Hypergeometric.sign(a, b, c, z));
  }

  @Property(tries = 200)
  void anyParameters_matchPfaffSeries_forLargeNegativeArgument(
      @ForAll @DoubleRange(min = -20, max = 40) double a,
      @ForAll @DoubleRange(min = -20, max = 40) double b,
      @ForAll @DoubleRange(min = 0.1, max = 50) double c,
      @ForAll @DoubleRange(min = -60, max = -1.05) @Scale(4) double z) {
    // Pfaff's series in z/(z − 1) ∈ (1/2, 0.984) converges; its prefactor (1 − z)^(−a) is taken in
    // double, whose error (2.2e-16·|a ln(1 − z)| in the log) is the reference's own.
    BigDecimal series = SlowHypergeometric.pfaffSeries(a, b, c, z);
    Assume.that(series.signum() != 0);
    double prefactorLog = -a * Math.log1p(-z);
    double expectedLog = prefactorLog + SlowHypergeometric.logAbs(series);
    double allowed =
        conditionedTolerance(a, b, c, z, expectedLog) + 2.2e-16 * Math.abs(prefactorLog);
    assertEquals(expectedLog, Hypergeometric.logAbs(a, b, c, z), allowed);
    assertEquals(series.signum(), (int) Hypergeometric.sign(a, b, c, z));
  }

  @Property(tries = 150)
  void anyParameters_matchSlowSeries_approachingOne(
      @ForAll @DoubleRange(min = -10, max = 25) double a,
      @ForAll @DoubleRange(min = -10, max = 25) double b,
      @ForAll @DoubleRange(min = 0.1, max = 40) double c,
      @ForAll @DoubleRange(min = 0.5, max = 0.99) @Scale(4) double z) {
    BigDecimal exact = SlowHypergeometric.series(a, b, c, z);
    Assume.that(exact.signum() != 0);
    double expectedLog = SlowHypergeometric.logAbs(exact);
    assertEquals(expectedLog, Hypergeometric.logAbs(a, b, c, z), tolerance(expectedLog));
    assertEquals(exact.signum(), (int) Hypergeometric.sign(a, b, c, z));
  }

  @Property(tries = 60)
  void nearlyIntegerExcess_isAsSmoothAsTheFunction(
      @ForAll @DoubleRange(min = 0.1, max = 30) double a,
      @ForAll @DoubleRange(min = 0.1, max = 30) double b,
      @ForAll @IntRange(min = -3, max = 3) int m,
      @ForAll @DoubleRange(min = 0.9, max = 0.999999) @Scale(8) double z) {
    // With c − a − b = m + ε the function is analytic in ε. The textbook connection formula loses
    // about log10(1/ε) digits near ε = 0; here the values at ε = ±1e-9 must follow the line through
    // ε = 0 with the slope of a central difference over ±1e-4 (whose own error is O(1e-8)·1e-9).
    double c0 = a + b + m;
    Assume.that(c0 > 0.5);
    double slope =
        (Hypergeometric.logAbs(a, b, c0 + 1e-4, z) - Hypergeometric.logAbs(a, b, c0 - 1e-4, z))
            / 2e-4;
    double center = Hypergeometric.logAbs(a, b, c0, z);
    for (double eps : new double[] {-1e-9, 1e-9}) {
      double expected = center + slope * eps;
      assertEquals(
          expected,
          Hypergeometric.logAbs(a, b, c0 + eps, z),
          2 * tolerance(center),
          "eps = " + eps);
    }
  }

  @Property(tries = 200)
  void symmetricInTheNumeratorParameters(
      @ForAll @DoubleRange(min = -10, max = 300) double a,
      @ForAll @DoubleRange(min = -10, max = 300) double b,
      @ForAll @DoubleRange(min = 0.1, max = 400) double c,
      @ForAll @DoubleRange(min = -50, max = 0.999) @Scale(6) double z) {
    double log = Hypergeometric.logAbs(a, b, c, z);
    assertEquals(log, Hypergeometric.logAbs(b, a, c, z), 2 * tolerance(log));
    assertTrue(Double.isFinite(log) || log == Double.NEGATIVE_INFINITY);
  }

  @Test
  void value_thatOverflows_throwsNamingTheInputs_whileLogAbsStaysFinite() {
    ArithmeticException e = assertThrows(
        ArithmeticException.class, () -> Hypergeometric.value(1000.5, 1000.25, 2000.125, 0.9));
    assertTrue(e.getMessage().contains("1000.5") && e.getMessage().contains("0.9"), e.getMessage());
    assertEquals(837.6838083179709, Hypergeometric.logAbs(1000.5, 1000.25, 2000.125, 0.9), 1e-12);
  }

  @Test
  void value_thatUnderflows_isZeroWhileLogAbsStaysFinite() {
    // From the reference vectors: ln|2F1(1000.5, 1000.25; 2000.125; −3)| = −811.355...
    assertEquals(0.0, Hypergeometric.value(1000.5, 1000.25, 2000.125, -3));
    assertEquals(-811.3552892644531, Hypergeometric.logAbs(1000.5, 1000.25, 2000.125, -3), 1e-12);
  }

  @Test
  void invalidArguments_areRejectedWithTheirValues() {
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.value(1, 2, 3, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.value(1, 2, 3, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.logAbs(1, 2, 3, Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hypergeometric.sign(1, 2, 3, Double.NEGATIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.value(Double.NaN, 2, 3, 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hypergeometric.sign(Double.POSITIVE_INFINITY, 2, 3, 0.5));
    IllegalArgumentException pole =
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric.value(1.5, 2, -3, 0.5));
    assertTrue(pole.getMessage().contains("-3.0"), pole.getMessage());
  }

  private static void assertRelative(
      double expected, double actual, double tolerance, String what) {
    assertTrue(
        Math.abs(actual - expected) <= tolerance * Math.abs(expected),
        () -> String.format(
            "%s: expected %s, got %s (relative error %.3g, tolerance %.3g)",
            what, expected, actual, Math.abs(actual - expected) / Math.abs(expected), tolerance));
  }
}
