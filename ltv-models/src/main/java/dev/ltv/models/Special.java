package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Special functions for the likelihoods: log-gamma, log-beta, digamma and trigamma, and the
 * log-space helpers that keep sums and differences of exponentials finite.
 *
 * <p>Log-gamma and log-beta are Hipparchus' ({@link Gamma#logGamma}, {@link Beta#logBeta}). Checked
 * here against exact values (see {@code SpecialTest}): relative error below 4e-16 for lnΓ at
 * integers up to 10^6 (against ln((n−1)!) summed exactly) and at arguments from 1e-300 to 1e-3
 * (against −ln x + ln Γ(1 + x)'s Maclaurin series), and below 1e-15 for ln B at integer,
 * half-integer and tiny or huge arguments.
 *
 * <p>Digamma and trigamma are our own: Hipparchus 4.0.2 has the sign of every term from x⁻⁴ on
 * wrong in its asymptotic series for ψ, and the sign of the x⁻⁷ term wrong in that for ψ′. Because
 * both functions recur down from 49 to smaller arguments, ψ is off by about −2.9e-9 for every
 * argument below 49 (so ψ(1) ≠ −γ in the ninth digit) and ψ′ by 3.4e-12 relative at 49 and about
 * 7e-14 absolute below. Those errors would show in the analytic gradients of the likelihoods. The
 * versions here recur up to 10 and use the asymptotic series there with eight correct terms; they
 * reach a few ulps against ψ(½) = −γ − 2 ln 2, ψ(n + 1) = ψ(n) + 1/n, ψ′(1) = π²/6, ψ′(½) = π²/2
 * and ψ′(n + 1) = ψ′(n) − 1/n². Where |ψ(x)| &lt; 1 (x between about 1 and 2.5, around the zero at
 * 1.4616) the recurrence from 10 cancels, and the error is absolute, below 1e-15 (ψ(1) is off by
 * 5e-16); that is far below what a gradient can notice.
 *
 * <p>Every method is a pure function of its arguments.
 */
final class Special {

  /** Euler's constant γ. */
  static final double EULER = 0.5772156649015329;

  /** Where the digamma and trigamma recurrences stop and the asymptotic series takes over. */
  private static final double ASYMPTOTIC_FROM = 10;

  /** B₂ₖ/(2k) for k = 1..8: the coefficients of x^(−2k) in ψ(x) − ln x + 1/(2x), sign included. */
  private static final double[] DIGAMMA_SERIES = {
    1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12, -3617.0 / 8160
  };

  /** B₂ₖ for k = 1..9: the coefficients of x^(−2k−1) in ψ′(x) − 1/x − 1/(2x²). */
  private static final double[] TRIGAMMA_SERIES = {
    1.0 / 6,
    -1.0 / 30,
    1.0 / 42,
    -1.0 / 30,
    5.0 / 66,
    -691.0 / 2730,
    7.0 / 6,
    -3617.0 / 510,
    43867.0 / 798
  };

  private Special() {}

  /**
   * The natural logarithm of the gamma function, ln Γ(x), for x &gt; 0.
   *
   * @param x the argument, positive
   * @return ln Γ(x); NaN if x is NaN or not positive, +∞ for x = +∞
   */
  static double logGamma(double x) {
    return Gamma.logGamma(x);
  }

  /**
   * The natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for
   * positive arguments. Computed without cancellation when both arguments are large, so it stays
   * accurate where the three log-gammas would each be huge.
   *
   * @param a the first argument, positive
   * @param b the second argument, positive
   * @return ln B(a, b); NaN if an argument is NaN or not positive
   */
  static double logBeta(double a, double b) {
    return Beta.logBeta(a, b);
  }

  /**
   * The digamma function ψ(x) = d ln Γ(x)/dx, for any x that is not a pole (0, −1, −2, ...).
   * Error of a few ulps of max(1, |ψ(x)|): relative where |ψ| ≥ 1, below 1e-15 absolute where |ψ|
   * is small (around the zero at 1.4616). Negative arguments go through the reflection ψ(x) = ψ(1 − x) − π cot(πx).
   *
   * @param x the argument
   * @return ψ(x); NaN for NaN or a pole, −∞ for arguments so small that 1/x overflows, +∞ for +∞
   */
  static double digamma(double x) {
    if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
      return x;
    }
    if (x <= 0) {
      if (x == Math.rint(x)) {
        return Double.NaN;
      }
      return digamma(1 - x) - Math.PI / tanPi(x);
    }
    double shift = 0;
    while (x < ASYMPTOTIC_FROM) {
      shift += 1 / x;
      x += 1;
    }
    double inv2 = 1 / (x * x);
    double series = 0;
    for (int k = DIGAMMA_SERIES.length - 1; k >= 0; k--) {
      series = (series + DIGAMMA_SERIES[k]) * inv2;
    }
    return Math.log(x) - 0.5 / x - series - shift;
  }

  /**
   * The trigamma function ψ′(x) = d² ln Γ(x)/dx², for any x that is not a pole. Relative error of a
   * few ulps. Negative arguments go through the reflection ψ′(x) = π²/sin²(πx) − ψ′(1 − x).
   *
   * @param x the argument
   * @return ψ′(x), positive for x &gt; 0; NaN for NaN or a pole, +∞ where 1/x² overflows, 0 for +∞
   */
  static double trigamma(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (x <= 0) {
      if (x == Math.rint(x)) {
        return Double.NaN;
      }
      double s = sinPi(x);
      return Math.PI * Math.PI / (s * s) - trigamma(1 - x);
    }
    double shift = 0;
    while (x < ASYMPTOTIC_FROM) {
      shift += 1 / (x * x);
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    double series = 0;
    for (int k = TRIGAMMA_SERIES.length - 1; k >= 0; k--) {
      series = (series + TRIGAMMA_SERIES[k]) * inv2;
    }
    return inv + 0.5 * inv2 + series * inv + shift;
  }

  /**
   * ln(e^x + e^y) without overflow or underflow.
   *
   * @param x a log-value, possibly −∞
   * @param y a log-value, possibly −∞
   * @return ln(e^x + e^y); −∞ if both are −∞, +∞ if either is +∞, NaN if either is NaN
   */
  static double logSumExp(double x, double y) {
    double max = Math.max(x, y);
    if (Double.isInfinite(max)) {
      return max;
    }
    return max + Math.log1p(Math.exp(-Math.abs(x - y)));
  }

  /**
   * ln(e^x − e^y) for x ≥ y, without overflow and without the cancellation of subtracting the
   * exponentials: accurate to a few ulps even when x and y differ in the last digits.
   *
   * @param x the log of the larger value
   * @param y the log of the smaller value, at most x, possibly −∞
   * @return ln(e^x − e^y); −∞ when x = y (the difference is exactly zero)
   * @throws IllegalArgumentException if y &gt; x, or either is NaN, or x = y = +∞
   */
  static double logDiffExp(double x, double y) {
    checkArgument(y <= x, "logDiffExp needs y <= x, got x = %s and y = %s", x, y);
    checkArgument(y != Double.POSITIVE_INFINITY, "logDiffExp(+inf, +inf) is undefined");
    if (y == Double.NEGATIVE_INFINITY) {
      return x;
    }
    return x + log1mexp(y - x);
  }

  /**
   * ln(1 − e^x) for x ≤ 0, accurate for every x (Mächler's switch at −ln 2 between
   * ln(−expm1(x)) and log1p(−e^x)).
   *
   * @param x a non-positive number, possibly −∞
   * @return ln(1 − e^x); −∞ for x = 0, 0 for x = −∞
   * @throws IllegalArgumentException if x &gt; 0 or x is NaN
   */
  static double log1mexp(double x) {
    checkArgument(x <= 0, "log1mexp needs x <= 0, got %s", x);
    return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
  }

  /**
   * ln(1 + e^x) (the softplus), accurate for every x and finite for finite x.
   *
   * @param x any number
   * @return ln(1 + e^x); x itself for large x, e^x for very negative x
   */
  static double log1pexp(double x) {
    if (x <= -37) {
      return Math.exp(x);
    }
    if (x <= 18) {
      return Math.log1p(Math.exp(x));
    }
    if (x <= 33.3) {
      return x + Math.exp(-x);
    }
    return x;
  }

  /**
   * ln Γ(x + d) − ln Γ(x), for x &gt; 0 and x + d &gt; 0, without the cancellation of subtracting
   * two large log-gammas: when both arguments are at least 10 it is computed from the difference of
   * Stirling's series, so its absolute error is a few ulps of the result rather than of ln Γ(x).
   * This is ln of the Pochhammer symbol (x)_d.
   *
   * @param x the base argument, positive
   * @param d the increment, with x + d positive
   * @return ln Γ(x + d) − ln Γ(x)
   */
  static double logGammaRatio(double x, double d) {
    double y = x + d;
    if (d == 0) {
      return 0;
    }
    if (x < ASYMPTOTIC_FROM || y < ASYMPTOTIC_FROM) {
      return logGamma(y) - logGamma(x);
    }
    return (x - 0.5) * Math.log1p(d / x) + d * Math.log(y) - d + stirlingTail(y) - stirlingTail(x);
  }

  /** The sum of Stirling's series after its first terms: ln Γ(x) − (x − ½) ln x + x − ½ ln 2π. */
  private static double stirlingTail(double x) {
    double inv = 1 / x;
    double inv2 = inv * inv;
    double series = 0;
    for (int k = DIGAMMA_SERIES.length - 1; k >= 0; k--) {
      series = series * inv2 + DIGAMMA_SERIES[k] / (2 * k + 1);
    }
    return series * inv;
  }

  /**
   * sin(πx), accurate to a few ulps for every x: the argument is reduced exactly to r = x − n in
   * [−1/2, 1/2], so that π·r is never near a multiple of π where its rounding would be amplified.
   */
  static double sinPi(double x) {
    double n = Math.rint(x);
    double s = Math.sin(Math.PI * (x - n));
    return Math.IEEEremainder(n, 2) == 0 ? s : -s;
  }

  /** tan(πx), with the argument reduced exactly first. */
  private static double tanPi(double x) {
    double r = x - Math.rint(x);
    return Math.tan(Math.PI * r);
  }
}
