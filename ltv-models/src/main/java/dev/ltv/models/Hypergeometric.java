package dev.ltv.models;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for real a, b, c and
 * real z &lt; 1, computed with a sign and a binary exponent so that its logarithm stays finite where
 * the value overflows a double (customers with thousands of purchases, z close to 1).
 *
 * <h2>Algorithm</h2>
 *
 * <p>Four series represent the same function: the defining one in z; Euler's (1 − z)^(c−a−b)
 * ₂F₁(c − a, c − b; c; z); and Pfaff's two, (1 − z)^(−a) ₂F₁(a, c − b; c; x) and (1 − z)^(−b)
 * ₂F₁(b, c − a; c; x) in x = z/(z − 1). For z &gt; 0 the two series in z are the candidates, for z
 * &lt; 0 the two in x, which then lies in (0, 1), so that large negative z needs nothing special.
 * The one whose terms stop growing soonest is taken (from a quadratic in n for where the term ratio
 * falls below 1, and the decay n^(α+β−γ−1)|x|ⁿ of the tail), with terms of one sign preferred over
 * terms that may cancel. If a, b, c − a or c − b is a non-positive integer the function is a
 * polynomial, and a terminating series whose terms do not alternate is preferred. All prefactors
 * are exponentials of logarithms; c − a − b is formed in double-double first.
 *
 * <ul>
 *   <li><b>Fast path.</b> For a, b, c &gt; 0, 0 &lt; z ≤ 1/2, abz ≤ c and (a + b)z ≤ c + 1, every
 *       term of the defining series is positive and no larger than the one before: it is summed at
 *       once, without allocation, 20 to 60 terms for the models' parameters.
 *   <li><b>Direct summation</b> when |x| ≤ 1/2 or the series is estimated to converge within 1000
 *       terms. Terms follow from their ratio and the running sum is rescaled by exact powers of
 *       two, so nothing overflows; summation stops when the next term times a geometric bound on
 *       the tail is below 2⁻⁵⁴ of the sum. The cost is one division and a few multiplications per
 *       term, of the order of max(|a|, |b|)·|x|/(1 − |x|) terms for large parameters that no
 *       transformation tames. The sum of the first term and the rest is kept apart while nothing
 *       is rescaled, so that ln ₂F₁ = log1p(rest) keeps its relative accuracy when ₂F₁ ≈ 1.
 *   <li><b>Cancellation guards.</b> The sum of |terms| is kept beside the sum. When it exceeds
 *       |sum| by more than a factor of 2 (negative parameters, alternating polynomials), the series
 *       is summed again in double-double arithmetic (about 106 bits) with its parameters and
 *       variable formed exactly; beyond a factor of 10^12 even that is not trusted, and the series
 *       is summed in decimal arithmetic with as many digits as the cancellation turns out to need
 *       (microseconds per term; reached only far from the models, such as c &lt; 0 with a and b in
 *       the tens). When a prefactor's logarithm is large and mostly cancelled by the series', the
 *       other series of the pair is used if its prefactor is much smaller and it is short.
 *   <li><b>Near x = 1</b> (a slow series in x &gt; 1/2): the connection formula to 1 − x
 *       (Abramowitz and Stegun 15.3.6), rewritten so that it stays exact when s = c − a − b is an
 *       integer or close to one, where the textbook form divides by sin(πs) and loses about
 *       log10(1/|s − round(s)|) digits (scipy 1.10's errors of up to 1.3e-4 in the reference
 *       vectors come from that). With s = m + ε, m = round(s) ≥ 0 (after Euler's transformation
 *       if s &lt; 0), the part of the first series from n = m on is joined term by term to the
 *       second series: each pair, whose halves have poles ±1/ε, becomes g·(1 − R)/ε with R close to
 *       1, and (1 − R)/ε is carried by a recurrence in ratios (1 + ε/(a + k)) from its start
 *       [ln Γ(x + ε) − ln Γ(x)]/ε (Stirling's series for differences; exactly ψ(x) at ε = 0, so
 *       the logarithmic cases 15.3.10–12 are the same formula). Gamma ratios of nearby large
 *       arguments go through ln B or Stirling differences. The magnitude of every part is tracked.
 *       The formula is tried first when its series in 1 − x start with terms that do not grow and
 *       m ≤ 20, or when the direct series would need more than 20000 terms; its result is kept if
 *       the parts exceed it by at most a factor of 1000 (the error over the reference vectors
 *       stayed below 1e-16 times that factor). Otherwise (large a and b with 1 − x not small, where
 *       the two halves of the formula are huge and nearly equal) the direct series is summed,
 *       however many terms it takes.
 * </ul>
 *
 * <h2>Accuracy</h2>
 *
 * <p>Against the 334 rows of {@code data/reference/hyp2f1_vectors.csv} (mpmath at 30 digits), in
 * {@code HypergeometricTest}, the relative error of the value and the absolute error of ln |₂F₁|
 * are below 1e-14 + 3e-16·|ln ₂F₁| on every row; the second term is the condition of the problem
 * (a one-ulp change of a, b or z moves ln ₂F₁ by about 2.2e-16·|ln ₂F₁|). Largest relative errors
 * of the value: bgnbd_* 6.0e-14 (4.2e-15 where |ln ₂F₁| &lt; 50), mbgnbd_* 6.2e-15, pnbd_A0:*
 * 7.0e-14 (3.9e-15 where |ln ₂F₁| &lt; 50), negative_z 1.4e-15, small_z 0, c_near_a_plus_b 9.1e-15
 * (scipy: 1.3e-4), large_ab_* 3.0e-14; the logarithm of the rows that overflow matches to 1.4e-15
 * relative. Against the defining series summed in 60-plus-digit decimals, for random parameters
 * between −40 and 60 (including negative c), for z from −60 to 0.999999, the error stays below
 * 1e-14 + 2.2e-16·κ + 4e-16·√N, with κ the condition number of the function in its four inputs and
 * N = 39/|ln |x|| the length of a series in the chosen variable: long series accumulate rounding
 * like √N ulps.
 *
 * <h2>Limitations</h2>
 *
 * <p>Where the function itself nearly vanishes (a zero of a polynomial, or of the function for
 * negative parameters) only the absolute error is small. For a and b in the thousands with x
 * within 1e-3 of 1 and c − a − b a positive number of moderate size, neither the connection
 * formula nor the direct series is both accurate and short: the direct series is used and can take
 * millions of terms (milliseconds). The decimal fallback is slow by design.
 *
 * <p>All methods are static and thread-safe.
 */
final class Hypergeometric {

  /** Below this |x| the direct series is always used. */
  private static final double DIRECT_LIMIT = 0.5;

  /** Above {@link #DIRECT_LIMIT}, the direct series is still tried if estimated this short. */
  private static final double DIRECT_BUDGET = 1000;

  /** Sum of |terms| over |sum| above which a series is redone in double-double. */
  private static final double SERIES_CANCELLATION = 2;

  /** Sum of |terms| over |sum| above which even double-double is not trusted. */
  private static final double DOUBLE_DOUBLE_CANCELLATION = 1e12;

  /**
   * Sum of |parts| over |result| above which the connection formula is not trusted: over the
   * reference vectors its relative error stayed below 1e-16 times this ratio.
   */
  private static final double CONNECTION_CANCELLATION = 1000;

  /** A direct series estimated longer than this is worth trying the connection formula first. */
  private static final double LONG_SERIES = 20_000;

  /** The most terms any series may take; only the limitations above ever come near. */
  private static final long MAX_TERMS = 50_000_000L;

  /** A series stops when its remaining tail is below this fraction of the sum. */
  private static final double TOLERANCE = 0x1p-54;

  /** Running sums are rescaled by 2^-{@value #RESCALE_BITS} when they exceed 2^RESCALE_BITS. */
  private static final int RESCALE_BITS = 500;

  private static final double BIG = 0x1p500;
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;

  private Hypergeometric() {}

  /**
   * ₂F₁(a, b; c; z).
   *
   * @param a the first numerator parameter
   * @param b the second numerator parameter
   * @param c the denominator parameter; not a non-positive integer unless the series terminates
   *     before it (a or b a non-positive integer no smaller than c)
   * @param z the argument, finite and below 1
   * @return the value; it underflows to 0 (or a subnormal) when |₂F₁| is below the double range
   * @throws ArithmeticException if |₂F₁| overflows a double; {@link #logAbs} is finite there
   * @throws IllegalArgumentException if an argument is NaN or infinite, z ≥ 1, or c is a pole
   */
  static double value(double a, double b, double c, double z) {
    if (isShrinking(a, b, c, z)) {
      return 1 + shrinkingTail(a, b, c, z);
    }
    Scaled f = evaluate(a, b, c, z);
    double v = f.toDouble();
    if (Double.isInfinite(v)) {
      throw new ArithmeticException(String.format(
          "2F1(a = %s, b = %s; c = %s; z = %s) = %s exp(%s) overflows a double; use logAbs and"
              + " sign",
          a, b, c, z, f.sign() < 0 ? "-" : "", f.logAbs()));
    }
    return v;
  }

  /**
   * ln |₂F₁(a, b; c; z)|, finite wherever the value is not exactly zero, even where the value
   * overflows or underflows a double.
   *
   * @param a the first numerator parameter
   * @param b the second numerator parameter
   * @param c the denominator parameter, as for {@link #value}
   * @param z the argument, finite and below 1
   * @return ln |₂F₁|; −∞ only when the value is exactly zero (a polynomial at a root)
   * @throws IllegalArgumentException as for {@link #value}
   */
  static double logAbs(double a, double b, double c, double z) {
    if (isShrinking(a, b, c, z)) {
      return Math.log1p(shrinkingTail(a, b, c, z));
    }
    return evaluate(a, b, c, z).logAbs();
  }

  /**
   * The sign of ₂F₁(a, b; c; z): +1 or −1 (+1 when the value is exactly zero). It is +1 whenever a,
   * b and c are positive and z ≥ 0, or z &lt; 0 with c ≥ a or c ≥ b, without evaluating anything.
   *
   * @param a the first numerator parameter
   * @param b the second numerator parameter
   * @param c the denominator parameter, as for {@link #value}
   * @param z the argument, finite and below 1
   * @return +1 or −1
   * @throws IllegalArgumentException as for {@link #value}
   */
  static double sign(double a, double b, double c, double z) {
    boolean positive = a > 0 && b > 0 && c > 0 && Double.isFinite(a + b + c);
    if (positive && z < 1 && (z >= 0 || (z > Double.NEGATIVE_INFINITY && c >= Math.min(a, b)))) {
      return 1;
    }
    return evaluate(a, b, c, z).sign();
  }

  // ---------------------------------------------------------------------------------------------
  // Dispatch

  private static Scaled evaluate(double a, double b, double c, double z) {
    if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c))) {
      throw new IllegalArgumentException(
          String.format("2F1 parameters must be finite: a = %s, b = %s, c = %s", a, b, c));
    }
    if (!(z < 1 && z > Double.NEGATIVE_INFINITY)) {
      throw new IllegalArgumentException(String.format(
          "2F1 needs a finite z below 1, got z = %s (a = %s, b = %s, c = %s)", z, a, b, c));
    }
    if (z == 0 || a == 0 || b == 0) {
      return Scaled.ONE;
    }
    if (isShrinking(a, b, c, z)) {
      return Scaled.ofSeries(shrinkingTail(a, b, c, z));
    }
    if (isNonPositiveInteger(c)) {
      return terminatingAtPole(a, b, c, z);
    }
    double log1mz = Math.log1p(-z);
    Form best = choose(a, b, c, z, log1mz);

    if (best.polynomial || Math.abs(best.x) <= DIRECT_LIMIT || best.cost <= DIRECT_BUDGET) {
      Scaled sum = guardedSeries(best, a, b, c, z, MAX_TERMS);
      if (sum != null) {
        Scaled result = sum.timesExp(best.logPrefactor);
        return best.polynomial ? result : lessCancelled(result, best, a, b, c, z, log1mz);
      }
    }

    // x in (1/2, 1) and a series of more than a few hundred terms. The connection formula around
    // x = 1 is applied to whichever form has a positive variable: the defining one for z > 0,
    // Pfaff's for z < 0.
    Form near =
        z > 0 ? form(Kind.ORIGINAL, a, b, c, z, log1mz) : form(Kind.PFAFF_A, a, b, c, z, log1mz);
    Connection connection = null;
    if (connectionLooksSafe(near) || best.cost > LONG_SERIES) {
      connection = connection(near);
      if (connection != null && connection.cancellation <= CONNECTION_CANCELLATION) {
        return connection.value.timesExp(near.logPrefactor);
      }
    }
    Scaled sum = best.cost < MAX_TERMS ? guardedSeries(best, a, b, c, z, MAX_TERMS) : null;
    if (sum != null) {
      return lessCancelled(sum.timesExp(best.logPrefactor), best, a, b, c, z, log1mz);
    }
    if (connection == null) {
      connection = connection(near);
    }
    if (connection != null) {
      return connection.value.timesExp(near.logPrefactor);
    }
    throw new ArithmeticException(String.format(
        "2F1(a = %s, b = %s; c = %s; z = %s) did not converge in %d terms", a, b, c, z, MAX_TERMS));
  }

  /**
   * The same value from the other form of the pair when the chosen one's prefactor and series have
   * large logarithms that mostly cancel (an error of about 2.2e-16 times the prefactor's log, for
   * a function that may be far better conditioned), provided the other form's prefactor is much
   * smaller and its series short.
   */
  private static Scaled lessCancelled(
      Scaled result, Form used, double a, double b, double c, double z, double log1mz) {
    double prefactor = Math.abs(used.logPrefactor);
    if (prefactor <= 16 || prefactor <= 4 * Math.abs(result.logAbs())) {
      return result;
    }
    Kind otherKind = switch (used.kind) {
      case ORIGINAL -> Kind.EULER;
      case EULER -> Kind.ORIGINAL;
      case PFAFF_A -> Kind.PFAFF_B;
      case PFAFF_B -> Kind.PFAFF_A;
    };
    Form other = form(otherKind, a, b, c, z, log1mz);
    boolean short_ = Math.abs(other.x) <= DIRECT_LIMIT || other.cost <= DIRECT_BUDGET;
    if (!short_ || Math.abs(other.logPrefactor) > prefactor / 4) {
      return result;
    }
    Scaled sum = guardedSeries(other, a, b, c, z, MAX_TERMS);
    return sum == null ? result : sum.timesExp(other.logPrefactor);
  }

  /** c a non-positive integer: only a series that terminates before the pole is defined. */
  private static Scaled terminatingAtPole(double a, double b, double c, double z) {
    double degree = Math.min(degree(a), degree(b));
    if (!(degree <= -c)) {
      throw new IllegalArgumentException(String.format(
          "2F1 is undefined for c = %s, a non-positive integer, unless a or b is a non-positive"
              + " integer no smaller than c; got a = %s, b = %s",
          c, a, b));
    }
    // No transformation is valid here; the terminating series is summed as it stands.
    Sum sum = doubleDoubleSeries(Dd.of(a), Dd.of(b), Dd.of(c), Dd.of(z), MAX_TERMS);
    if (sum == null) {
      throw new ArithmeticException(String.format(
          "2F1(a = %s, b = %s; c = %s; z = %s): a polynomial of more than %d terms",
          a, b, c, z, MAX_TERMS));
    }
    return sum.cancellation <= DOUBLE_DOUBLE_CANCELLATION
        ? sum.value
        : DecimalSeries.sum(Kind.ORIGINAL, a, b, c, z, MAX_TERMS);
  }

  /**
   * Whether the connection formula is expected to be well conditioned: its series in w start with
   * terms that do not grow ((|a| + m)(|b| + m) w ≤ 1 + m, after Euler's transformation when c − a −
   * b &lt; 0) and the integer part m of |c − a − b| is small. Large a and b with w not small make
   * the two halves of the formula huge and nearly equal.
   */
  private static boolean connectionLooksSafe(Form f) {
    double s = f.excess;
    double m = Math.abs(Math.rint(s));
    double a = s < 0 ? f.gammaMinusAlpha : f.alpha;
    double b = s < 0 ? f.gammaMinusBeta : f.beta;
    return m <= 20 && (Math.abs(a) + m) * (Math.abs(b) + m) * f.w <= 1 + m;
  }

  /**
   * Whether the terms of the defining series are positive and never grow: a, b, c &gt; 0, 0 &lt; z
   * ≤ 1/2, abz ≤ c and (a + b)z ≤ c + 1, which make every ratio (a + n)(b + n)z/((c + n)(n + 1))
   * at most 1. No other representation then needs fewer terms, the sum lies in [1, 2] and cannot
   * cancel: the common case of the models, summed without any bookkeeping.
   */
  private static boolean isShrinking(double a, double b, double c, double z) {
    return z > 0
        && z <= DIRECT_LIMIT
        && a > 0
        && b > 0
        && c > 0
        && c >= z * a * b
        && c + 1 >= z * (a + b)
        && c < Double.POSITIVE_INFINITY;
  }

  /** The shrinking series minus its first term, so that ln F = log1p(tail) keeps every digit. */
  private static double shrinkingTail(double a, double b, double c, double z) {
    double term = 1;
    double tail = 0;
    for (int n = 0; ; n++) {
      double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      term *= ratio;
      tail += term;
      if (term <= TOLERANCE * (1 + tail)) {
        // The ratios tend to z ≤ 1/2; the tail is below term·ρ/(1 − ρ) with ρ the larger of the
        // current ratio and z.
        double rho = Math.max(ratio, z);
        if (rho < 1 && term * rho <= TOLERANCE * (1 - rho) * (1 + tail)) {
          return tail;
        }
      }
    }
  }

  /** The direct series of a form, redone in double-double if its terms cancel; null if too long. */
  private static Scaled guardedSeries(Form f, double a, double b, double c, double z, long budget) {
    Sum sum = series(f.alpha, f.beta, f.gamma, f.x, budget);
    if (sum == null) {
      return null;
    }
    if (sum.cancellation <= SERIES_CANCELLATION) {
      return sum.value;
    }
    Dd[] exact = f.kind.exactParameters(a, b, c, z);
    for (int i = 0; i < 2; i++) {
      // A parameter that rounds to a non-positive integer is taken as one, as the choice of form
      // did: the series then terminates instead of running on with a sub-ulp remainder.
      if (isNonPositiveInteger(exact[i].hi)) {
        exact[i] = Dd.of(exact[i].hi);
      }
    }
    Sum careful = doubleDoubleSeries(exact[0], exact[1], exact[2], exact[3], budget);
    if (careful == null) {
      return sum.value;
    }
    if (careful.cancellation <= DOUBLE_DOUBLE_CANCELLATION) {
      return careful.value;
    }
    return DecimalSeries.sum(f.kind, a, b, c, z, budget);
  }

  // ---------------------------------------------------------------------------------------------
  // The four series and the choice between them

  /** The four representations of ₂F₁(a, b; c; z) as a prefactor times a series. */
  private enum Kind {
    /** ₂F₁(a, b; c; z). */
    ORIGINAL {
      @Override
      Dd[] exactParameters(double a, double b, double c, double z) {
        return new Dd[] {Dd.of(a), Dd.of(b), Dd.of(c), Dd.of(z)};
      }
    },
    /** (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z). */
    EULER {
      @Override
      Dd[] exactParameters(double a, double b, double c, double z) {
        return new Dd[] {Dd.difference(c, a), Dd.difference(c, b), Dd.of(c), Dd.of(z)};
      }
    },
    /** (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)). */
    PFAFF_A {
      @Override
      Dd[] exactParameters(double a, double b, double c, double z) {
        return new Dd[] {Dd.of(a), Dd.difference(c, b), Dd.of(c), pfaffVariable(z)};
      }
    },
    /** (1 − z)^(−b) ₂F₁(b, c − a; c; z/(z − 1)). */
    PFAFF_B {
      @Override
      Dd[] exactParameters(double a, double b, double c, double z) {
        return new Dd[] {Dd.of(b), Dd.difference(c, a), Dd.of(c), pfaffVariable(z)};
      }
    };

    /** α, β, γ and x of the series, formed exactly in double-double. */
    abstract Dd[] exactParameters(double a, double b, double c, double z);

    private static Dd pfaffVariable(double z) {
      return Dd.of(z).dividedBy(Dd.difference(z, 1));
    }
  }

  /**
   * One representation: prefactor exp(logPrefactor) times Σ (α)ₙ(β)ₙ/((γ)ₙ n!) xⁿ, with w = 1 − x
   * and ln w computed without cancellation, and the estimated number of terms. For the connection
   * formula it also keeps γ − α, γ − β and the excess γ − α − β, each formed from the original
   * parameters with a single rounding (for Pfaff's forms the excess is b − a exactly, where forming
   * it from the rounded c − b would leave an absolute error of an ulp of c in it).
   */
  private static final class Form {
    final Kind kind;
    final double alpha;
    final double beta;
    final double gamma;
    final double x;
    final double w;
    final double logW;
    final double logPrefactor;
    final double gammaMinusAlpha;
    final double gammaMinusBeta;
    final double excess;
    final boolean polynomial;
    final boolean definite;
    final double cost;

    Form(
        Kind kind,
        double alpha,
        double beta,
        double gamma,
        double x,
        double w,
        double logW,
        double logPrefactor,
        double gammaMinusAlpha,
        double gammaMinusBeta,
        double excess) {
      this.kind = kind;
      this.alpha = alpha;
      this.beta = beta;
      this.gamma = gamma;
      this.x = x;
      this.w = w;
      this.logW = logW;
      this.logPrefactor = logPrefactor;
      this.gammaMinusAlpha = gammaMinusAlpha;
      this.gammaMinusBeta = gammaMinusBeta;
      this.excess = excess;
      this.polynomial = isNonPositiveInteger(alpha) || isNonPositiveInteger(beta);
      this.definite = termsHaveOneSign(alpha, beta, gamma, x);
      this.cost = estimatedTerms(alpha, beta, gamma, x);
    }
  }

  private static Form form(Kind kind, double a, double b, double c, double z, double log1mz) {
    // c − a − b in double-double: it is often a small difference of large parameters (heavy
    // buyers), and its rounding would be multiplied by ln(1 − z) in Euler's prefactor.
    Dd excess = Dd.difference(c, a).plus(-b);
    double cMinusA = c - a;
    double cMinusB = c - b;
    switch (kind) {
      case ORIGINAL:
        return new Form(kind, a, b, c, z, 1 - z, log1mz, 0, cMinusA, cMinusB, excess.hi);
      case EULER:
        double logPrefactor = excess.hi * log1mz + excess.lo * log1mz;
        return new Form(
            kind, cMinusA, cMinusB, c, z, 1 - z, log1mz, logPrefactor, a, b, -excess.hi);
      case PFAFF_A:
        return new Form(
            kind, a, cMinusB, c, z / (z - 1), 1 / (1 - z), -log1mz, -a * log1mz, cMinusA, b, b - a);
      case PFAFF_B:
        return new Form(
            kind, b, cMinusA, c, z / (z - 1), 1 / (1 - z), -log1mz, -b * log1mz, cMinusB, a, a - b);
      default:
        throw new AssertionError(kind);
    }
  }

  private static Form choose(double a, double b, double c, double z, double log1mz) {
    boolean polynomial = isNonPositiveInteger(a)
        || isNonPositiveInteger(b)
        || isNonPositiveInteger(c - a)
        || isNonPositiveInteger(c - b);
    if (polynomial) {
      Form best = null;
      for (Kind kind : Kind.values()) {
        Form f = form(kind, a, b, c, z, log1mz);
        if (f.polynomial && (best == null || polynomialBetter(f, best))) {
          best = f;
        }
      }
      return best;
    }
    Form first =
        z > 0 ? form(Kind.ORIGINAL, a, b, c, z, log1mz) : form(Kind.PFAFF_A, a, b, c, z, log1mz);
    Form second =
        z > 0 ? form(Kind.EULER, a, b, c, z, log1mz) : form(Kind.PFAFF_B, a, b, c, z, log1mz);
    return score(second) < score(first) ? second : first;
  }

  /** Terms are weighed double when they may cancel, since they may then be summed twice. */
  private static double score(Form f) {
    return f.definite ? f.cost : 2 * f.cost + 20;
  }

  private static boolean polynomialBetter(Form f, Form than) {
    if (f.definite != than.definite) {
      return f.definite;
    }
    if (f.cost != than.cost) {
      return f.cost < than.cost;
    }
    return Math.abs(f.x) < Math.abs(than.x);
  }

  /** Whether every term of the series has the sign of the first (which is +1). */
  private static boolean termsHaveOneSign(double alpha, double beta, double gamma, double x) {
    if (gamma <= 0) {
      return false;
    }
    if (isNonPositiveInteger(alpha)) {
      return x < 0 && beta > 0;
    }
    if (isNonPositiveInteger(beta)) {
      return x < 0 && alpha > 0;
    }
    return x > 0 && alpha > 0 && beta > 0;
  }

  /**
   * A rough count of the terms the series needs: up to where the terms stop growing for good (the
   * larger root of (α + n)(β + n)|x| = (γ + n)(n + 1), and no earlier than the index past which no
   * factor changes sign), plus the length of a tail that decays like n^(α+β−γ−1) |x|ⁿ. Infinite for
   * a non-terminating series with |x| ≥ 1.
   */
  private static double estimatedTerms(double alpha, double beta, double gamma, double x) {
    double degree = Math.min(degree(alpha), degree(beta));
    double ax = Math.abs(x);
    if (ax >= 1 || degree < 20) {
      return degree;
    }
    double qa = 1 - ax;
    double qb = gamma + 1 - ax * (alpha + beta);
    double qc = gamma - ax * alpha * beta;
    double discriminant = qb * qb - 4 * qa * qc;
    double peak = Math.max(0, Math.max(-gamma, Math.max(-alpha, -beta)));
    if (discriminant > 0) {
      peak = Math.max(peak, (-qb + Math.sqrt(discriminant)) / (2 * qa));
    }
    // 39 = ln(2^56): the tail must fall by that factor from the largest term.
    double tail = 39 / -Math.log(ax);
    double power = alpha + beta - gamma - 1;
    if (power < -1) {
      tail = Math.min(tail, Math.max(peak, 1) * Math.expm1(39 / -power) + 4);
    }
    return Math.min(degree, peak + tail);
  }

  /** The degree of the polynomial when p is a non-positive integer, else +∞. */
  private static double degree(double p) {
    return isNonPositiveInteger(p) ? -p : Double.POSITIVE_INFINITY;
  }

  private static boolean isNonPositiveInteger(double p) {
    return p <= 0 && p == Math.rint(p);
  }

  // ---------------------------------------------------------------------------------------------
  // Direct summation

  /** A summed series and the ratio of the sum of |terms| to |sum|. */
  private static final class Sum {
    final Scaled value;
    final double cancellation;

    Sum(Scaled value, double cancellation) {
      this.value = value;
      this.cancellation = cancellation;
    }
  }

  /**
   * Σ (α)ₙ(β)ₙ/((γ)ₙ n!) xⁿ in double with binary rescaling; null if it needs more than maxTerms.
   */
  private static Sum series(double alpha, double beta, double gamma, double x, long maxTerms) {
    double term = 1;
    // Σ of the terms after the first while nothing is rescaled (so that ln F = log1p(tail) stays
    // accurate when F is close to 1); the whole sum once the terms have grown past 2^500.
    double tail = 0;
    double abs = 1;
    long exponent = 0;
    boolean rescaled = false;
    // Past this index no factor (p + n) changes sign any more, so the ratio test is reliable.
    double settled = Math.max(0, Math.max(-gamma, Math.max(-alpha, -beta)));
    double ax = Math.abs(x);
    for (long n = 0; n < maxTerms; n++) {
      double ratio = (alpha + n) * (beta + n) / ((gamma + n) * (n + 1)) * x;
      term *= ratio;
      if (term == 0) {
        break;
      }
      tail += term;
      abs += Math.abs(term);
      if (abs > BIG) {
        if (!rescaled) {
          tail += 1;
          rescaled = true;
        }
        term = Math.scalb(term, -RESCALE_BITS);
        tail = Math.scalb(tail, -RESCALE_BITS);
        abs = Math.scalb(abs, -RESCALE_BITS);
        exponent += RESCALE_BITS;
      }
      double sum = rescaled ? tail : 1 + tail;
      double scale = Math.max(Math.abs(sum), abs * 0x1p-30);
      if (Math.abs(term) <= TOLERANCE * scale && n >= settled) {
        double rho = Math.max(Math.abs(ratio), ax);
        if (rho < 1 && Math.abs(term) * rho <= TOLERANCE * (1 - rho) * scale) {
          break;
        }
      }
      if (n == maxTerms - 1) {
        return null;
      }
    }
    double sum = rescaled ? tail : 1 + tail;
    Scaled value = rescaled ? Scaled.of(sum, exponent) : Scaled.ofSeries(tail);
    return new Sum(value, abs / Math.abs(sum));
  }

  /** The same series in double-double arithmetic; null if it needs more than maxTerms. */
  private static Sum doubleDoubleSeries(Dd alpha, Dd beta, Dd gamma, Dd x, long maxTerms) {
    Dd term = Dd.ONE;
    Dd sum = Dd.ONE;
    double abs = 1;
    long exponent = 0;
    double settled = Math.max(0, Math.max(-gamma.hi, Math.max(-alpha.hi, -beta.hi)));
    double ax = Math.abs(x.hi);
    boolean converged = false;
    for (long n = 0; n < maxTerms && !converged; n++) {
      Dd ratio =
          alpha.plus(n).times(beta.plus(n)).times(x).dividedBy(gamma.plus(n).times(n + 1));
      term = term.times(ratio);
      if (term.hi == 0) {
        converged = true;
        break;
      }
      sum = sum.plus(term);
      abs += Math.abs(term.hi);
      if (abs > BIG) {
        term = term.scalb(-RESCALE_BITS);
        sum = sum.scalb(-RESCALE_BITS);
        abs = Math.scalb(abs, -RESCALE_BITS);
        exponent += RESCALE_BITS;
      }
      if (n >= settled) {
        double rho = Math.max(Math.abs(ratio.hi), ax);
        converged = rho < 1
            && Math.abs(term.hi) * rho
                <= 0x1p-60 * (1 - rho) * Math.max(Math.abs(sum.hi), abs * 0x1p-60);
      }
    }
    if (!converged) {
      return null;
    }
    double total = sum.hi + sum.lo;
    return new Sum(Scaled.of(total, exponent), abs / Math.abs(total));
  }

  /**
   * The last guard against cancellation: the series summed in decimal arithmetic, with the
   * transformed parameters and variable formed exactly and as many digits as the cancellation
   * needs (it is measured on each pass, and the pass repeated with more digits until 25 are left).
   * Reached only where the terms exceed the sum by more than 10^12, which needs parameters far from
   * the models' (such as c &lt; 0 with a and b in the tens and z &lt; 0); it costs microseconds per
   * term.
   */
  private static final class DecimalSeries {

    private static final BigDecimal LN10 =
        new BigDecimal("2.302585092994045684017991454684364207601101488628772976033");

    private DecimalSeries() {}

    static Scaled sum(Kind kind, double a, double b, double c, double z, long maxTerms) {
      BigDecimal bigA = new BigDecimal(a);
      BigDecimal bigB = new BigDecimal(b);
      BigDecimal bigC = new BigDecimal(c);
      BigDecimal bigZ = new BigDecimal(z);
      int digits = 40;
      while (true) {
        MathContext context = new MathContext(digits + 10);
        BigDecimal x = bigZ;
        BigDecimal alpha = bigA;
        BigDecimal beta = bigB;
        switch (kind) {
          case ORIGINAL:
            break;
          case EULER:
            alpha = bigC.subtract(bigA);
            beta = bigC.subtract(bigB);
            break;
          case PFAFF_A:
            beta = bigC.subtract(bigB);
            x = bigZ.divide(bigZ.subtract(BigDecimal.ONE), context);
            break;
          case PFAFF_B:
            alpha = bigB;
            beta = bigC.subtract(bigA);
            x = bigZ.divide(bigZ.subtract(BigDecimal.ONE), context);
            break;
          default:
            throw new AssertionError(kind);
        }
        BigDecimal[] sumAndLargest = sum(alpha, beta, bigC, x, context, digits, maxTerms);
        BigDecimal sum = sumAndLargest[0];
        int lost = sum.signum() == 0 ? digits : magnitude(sumAndLargest[1]) - magnitude(sum);
        if (digits - lost >= 25 || digits >= 2000) {
          return toScaled(sum);
        }
        digits = lost + 45;
      }
    }

    /** Σ terms and the largest |term|, stopped when the tail is below 10^−digits of the sum. */
    private static BigDecimal[] sum(
        BigDecimal alpha,
        BigDecimal beta,
        BigDecimal gamma,
        BigDecimal x,
        MathContext context,
        int digits,
        long maxTerms) {
      BigDecimal term = BigDecimal.ONE;
      BigDecimal sum = BigDecimal.ONE;
      BigDecimal largest = BigDecimal.ONE;
      double settled = Math.max(
          0, Math.max(-gamma.doubleValue(), Math.max(-alpha.doubleValue(), -beta.doubleValue())));
      double ax = Math.abs(x.doubleValue());
      BigDecimal threshold = BigDecimal.ONE.movePointLeft(digits);
      for (long n = 0; n < maxTerms; n++) {
        BigDecimal bn = BigDecimal.valueOf(n);
        BigDecimal numerator = alpha.add(bn).multiply(beta.add(bn)).multiply(x, context);
        BigDecimal denominator = gamma.add(bn).multiply(BigDecimal.valueOf(n + 1));
        BigDecimal ratio = numerator.divide(denominator, context);
        term = term.multiply(ratio, context);
        if (term.signum() == 0) {
          break;
        }
        sum = sum.add(term, context);
        if (term.abs().compareTo(largest) > 0) {
          largest = term.abs();
        }
        double rho = Math.max(Math.abs(ratio.doubleValue()), ax);
        if (n >= settled
            && rho < 1
            && term.abs()
                    .compareTo(sum.abs()
                        .multiply(threshold)
                        .multiply(BigDecimal.valueOf((1 - rho) / Math.max(rho, 1e-300))))
                < 0) {
          break;
        }
      }
      return new BigDecimal[] {sum, largest};
    }

    /** The decimal exponent of the leading digit. */
    private static int magnitude(BigDecimal x) {
      return x.precision() - x.scale() - 1;
    }

    private static Scaled toScaled(BigDecimal x) {
      if (x.signum() == 0) {
        return Scaled.ZERO;
      }
      int exponent10 = magnitude(x);
      if (Math.abs(exponent10) < 300) {
        return Scaled.of(x.doubleValue(), 0);
      }
      double mantissa = x.movePointLeft(exponent10).doubleValue();
      double log = LN10.multiply(BigDecimal.valueOf(exponent10))
          .add(new BigDecimal(Math.log(Math.abs(mantissa))))
          .doubleValue();
      return Scaled.exp(log).times(Math.signum(mantissa));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The connection formula around x = 1

  /** The connection formula's value and the ratio of the magnitude of its parts to the value. */
  private static final class Connection {
    final Scaled value;
    final double cancellation;

    Connection(Scaled value, double cancellation) {
      this.value = value;
      this.cancellation = cancellation;
    }
  }

  /**
   * ₂F₁(α, β; γ; 1 − w) for 0 &lt; w &lt; 1 (meant for w ≤ 1/2) from the series in w, uniformly
   * valid whether or not γ − α − β is an integer; null if the integer part of γ − α − β is too
   * large for it to be sensible.
   */
  private static Connection connection(Form f) {
    double alpha = f.alpha;
    double beta = f.beta;
    double gamma = f.gamma;
    double w = f.w;
    double logW = f.logW;
    double s = f.excess;
    double m = Math.rint(s);
    double eps = s - m;
    if (Math.abs(m) > 100_000) {
      return null;
    }
    // With m < 0, Euler's transformation w^s ₂F₁(γ − α, γ − β; γ; x) has integer part −m > 0.
    boolean flip = m < 0;
    double a = flip ? f.gammaMinusAlpha : alpha;
    double b = flip ? f.gammaMinusBeta : beta;
    double p = flip ? beta : f.gammaMinusBeta; // c − b = a + m + ε
    double q = flip ? alpha : f.gammaMinusAlpha; // c − a = b + m + ε
    double logPrefactor = flip ? s * logW : 0;
    if (flip) {
      m = -m;
      eps = -eps;
    }
    int mm = (int) m;

    // Γ(γ)/(Γ(c − a) Γ(c − b)) multiplies both parts.
    Scaled quotient = gammaQuotient(gamma, p, q, a, b, m + eps);

    // The first m terms of the first series: Γ(m + ε) Σ_{n<m} (a)ₙ(b)ₙ/((1 − m − ε)ₙ n!) wⁿ.
    Scaled finite = Scaled.ZERO;
    Scaled finiteAbs = Scaled.ZERO;
    if (mm > 0) {
      Scaled gammaMEps = Scaled.exp(Special.logGamma(1 + eps));
      for (int j = 1; j < mm; j++) {
        gammaMEps = gammaMEps.times(j + eps);
      }
      double term = 1;
      double sum = 1;
      double abs = 1;
      long exponent = 0;
      for (int n = 0; n < mm - 1; n++) {
        term *= (a + n) * (b + n) * w / ((1 - m - eps + n) * (n + 1));
        sum += term;
        abs += Math.abs(term);
        if (abs > BIG) {
          term = Math.scalb(term, -RESCALE_BITS);
          sum = Math.scalb(sum, -RESCALE_BITS);
          abs = Math.scalb(abs, -RESCALE_BITS);
          exponent += RESCALE_BITS;
        }
      }
      finite = gammaMEps.times(Scaled.of(sum, exponent));
      finiteAbs = gammaMEps.abs().times(Scaled.of(abs, exponent));
    }

    // The rest: (−1)^m w^m (πε/sin πε)/(m! Γ(1 − ε)) (a)_m (b)_m Σ_k h_k δ_k,
    // h_k = Π_{j<k} (a+m+j)(b+m+j) w/((1+m+j)(1+j−ε)), δ_k = (1 − R_k)/ε.
    Scaled prefactor = Scaled.of(mm % 2 == 0 ? 1 : -1, 0);
    for (int j = 0; j < mm; j++) {
      prefactor = prefactor.times((a + j) * (b + j) * w / (j + 1));
    }
    double piEpsOverSin = eps == 0 ? 1 : Math.PI * eps / Math.sin(Math.PI * eps);
    prefactor = prefactor.times(piEpsOverSin).timesExp(-Special.logGamma(1 - eps));

    double l1 = logGammaIncrementOverEps(a + m, eps);
    double l2 = logGammaIncrementOverEps(b + m, eps);
    double l3 = logGammaIncrementOverEps(1 + m, eps);
    double l4 = logGammaIncrementOverEps(1, -eps);
    double lambda = logW + l1 + l2 - l3 - l4;
    // R_0 = w^ε Γ(a+m+ε)Γ(b+m+ε)Γ(1−ε)/(Γ(a+m)Γ(b+m)Γ(1+m+ε)), which is negative only when a
    // pole of Γ lies between a + m and a + m + ε (or b + m and b + m + ε).
    boolean negative = gammaRatioNegative(a + m, eps) != gammaRatioNegative(b + m, eps);
    double r;
    double delta;
    if (!negative) {
      r = Math.exp(eps * lambda);
      delta = -lambda * expm1OverX(eps * lambda);
    } else {
      r = -Math.exp(eps * lambda);
      delta = (1 - r) / eps;
    }
    // The absolute error of δ_0, carried by every δ_k.
    double deltaError = Math.abs(logW) + Math.abs(l1) + Math.abs(l2) + Math.abs(l3) + Math.abs(l4);

    double h = 1;
    double sum = delta;
    double abs = Math.abs(delta);
    double hAbs = 1;
    long exponent = 0;
    double settled = Math.max(0, Math.max(-(a + m), -(b + m)));
    for (long k = 0; k < MAX_TERMS; k++) {
      double a1 = a + m + k;
      double b1 = b + m + k;
      double c1 = 1 + m + k;
      double d1 = 1 + k;
      double v1 = 1 / a1;
      double v2 = 1 / b1;
      double v3 = 1 / c1;
      double v4 = 1 / d1;
      double sigma =
          (v1 + v2 - v3 - v4 + eps * (v1 * v2 - v1 * v4 - v2 * v4) - eps * eps * v1 * v2 * v4)
              / (1 + eps * v3);
      delta -= r * sigma;
      r += eps * r * sigma;
      double ratio = a1 * b1 * w / (c1 * (d1 - eps));
      h *= ratio;
      double term = h * delta;
      sum += term;
      abs += Math.abs(term);
      hAbs += Math.abs(h);
      if (hAbs > BIG) {
        h = Math.scalb(h, -RESCALE_BITS);
        sum = Math.scalb(sum, -RESCALE_BITS);
        abs = Math.scalb(abs, -RESCALE_BITS);
        hAbs = Math.scalb(hAbs, -RESCALE_BITS);
        exponent += RESCALE_BITS;
      }
      if (k >= settled) {
        double rho = Math.max(Math.abs(ratio), w);
        if (rho < 1
            && Math.abs(h) * Math.max(1, Math.abs(delta)) * rho
                <= TOLERANCE * (1 - rho) * Math.max(Math.abs(sum), abs * 0x1p-30)) {
          break;
        }
      }
    }
    Scaled rest = prefactor.times(Scaled.of(sum, exponent));
    Scaled restAbs = prefactor.abs().times(Scaled.of(abs + deltaError * hAbs, exponent));

    Scaled total = finite.plus(rest);
    Scaled magnitude = finiteAbs.plus(restAbs);
    double cancellation = Math.exp(magnitude.logAbs() - total.logAbs());
    Scaled value = quotient.times(total).timesExp(logPrefactor);
    return new Connection(value, total.mantissa == 0 ? Double.POSITIVE_INFINITY : cancellation);
  }

  /**
   * Γ(γ)/(Γ(p) Γ(q)) with its sign, where γ = p + b = q + a and p + q − γ = s, all passed so that
   * no difference of them has to be formed again. Ratios of gamma functions of nearby large
   * arguments go through ln B or ln Γ(x + d) − ln Γ(x) without cancellation.
   */
  private static Scaled gammaQuotient(
      double gamma, double p, double q, double a, double b, double s) {
    double log;
    if (gamma > 0 && p > 0 && q > 0) {
      log = -Special.logBeta(p, q) - Special.logGammaRatio(gamma, s);
    } else if (gamma > 0 && q > 0) {
      log = Special.logGammaRatio(q, a) - logAbsGamma(p);
    } else if (gamma > 0 && p > 0) {
      log = Special.logGammaRatio(p, b) - logAbsGamma(q);
    } else {
      log = logAbsGamma(gamma) - logAbsGamma(p) - logAbsGamma(q);
    }
    double sign = signGamma(gamma) * signGamma(p) * signGamma(q);
    return Scaled.exp(log).times(sign);
  }

  /** ln |Γ(x)| for any x that is not a pole. */
  private static double logAbsGamma(double x) {
    if (x > 0) {
      return Special.logGamma(x);
    }
    return Math.log(Math.PI / Math.abs(Special.sinPi(x))) - Special.logGamma(1 - x);
  }

  /** The sign of Γ(x) for any x that is not a pole. */
  private static double signGamma(double x) {
    return x > 0 || Math.floor(x) % 2 == 0 ? 1 : -1;
  }

  /**
   * [ln |Γ(x + ε)| − ln |Γ(x)|]/ε, accurate for small ε and equal to ψ(x) at ε = 0. For x &gt; 0 and
   * x + ε &gt; 0: shift x up to at least 10 with the recurrence, whose factors (1 + ε/(x + j)) are
   * multiplied in the form (Π − 1)/ε, then take the difference of Stirling's series term by term
   * in forms that are O(1) as ε → 0. Other x go through the reflection formula.
   */
  static double logGammaIncrementOverEps(double x, double eps) {
    if (!(x > 0 && x + eps > 0)) {
      // Γ(x) = π/(sin(πx) Γ(1 − x)): the gamma part becomes the same function at 1 − x and −ε.
      double sinPart;
      if (eps == 0) {
        sinPart = Math.PI / Math.tan(Math.PI * (x - Math.rint(x)));
      } else {
        double g = sinPiRatioMinusOne(x, eps);
        sinPart = 1 + g > 0 ? log1pOverX(g) * (g / eps) : Math.log(Math.abs(1 + g)) / eps;
      }
      return logGammaIncrementOverEps(1 - x, -eps) - sinPart;
    }
    // ln Π_{j<n} (1 + ε/(x + j)), over ε: factors with |ε/(x + j)| ≤ 1/2 as (Π − 1)/ε, which stays
    // exact as ε → 0; the (at most two) others as logs of (x + ε + j)/(x + j), since forming 1 +
    // ε/(x + j) near 0 would cancel.
    double shifted = 0;
    double farLogs = 0;
    double xPlusEps = x + eps;
    double y = x;
    for (int j = 0; y < 10; j++) {
      if (Math.abs(eps) <= 0.5 * y) {
        shifted += (1 + eps * shifted) / y;
      } else {
        farLogs += Math.log((xPlusEps + j) / y);
      }
      y += 1;
    }
    double shiftPart = shifted * log1pOverX(eps * shifted) + (farLogs == 0 ? 0 : farLogs / eps);
    double inv = 1 / y;
    double invEps = 1 / (y + eps);
    // [(y + ε)^(−p) − y^(−p)]/ε = −t t' Σ_{i<p} t'^i t^(p−1−i) with t = 1/y, t' = 1/(y + ε).
    double powerSum = 1; // Σ_{i<p} t'^i t^(p−1−i) for p = 1
    double tEpsPower = invEps; // t'^p
    double series = 0;
    for (int k = 0; k < STIRLING.length; k++) {
      series += STIRLING[k] * powerSum;
      // From p = 2k + 1 to p + 2.
      powerSum = inv * powerSum + tEpsPower;
      tEpsPower *= invEps;
      powerSum = inv * powerSum + tEpsPower;
      tEpsPower *= invEps;
    }
    series *= -inv * invEps;
    double stirling = (y - 0.5) * inv * log1pOverX(eps * inv) + Math.log(y + eps) - 1 + series;
    return stirling - shiftPart;
  }

  /** B₂ₖ/(2k(2k − 1)) for k = 1..8: Stirling's series for ln Γ. */
  private static final double[] STIRLING = {
    1.0 / 12,
    -1.0 / 360,
    1.0 / 1260,
    -1.0 / 1680,
    1.0 / 1188,
    -691.0 / 360360,
    1.0 / 156,
    -3617.0 / 122400
  };

  /** sin(π(x + ε))/sin(πx) − 1, without cancellation for small ε. */
  private static double sinPiRatioMinusOne(double x, double eps) {
    double half = Special.sinPi(eps / 2);
    double cot = 1 / Math.tan(Math.PI * (x - Math.rint(x)));
    return -2 * half * half + cot * Special.sinPi(eps);
  }

  /** Whether Γ(x + ε)/Γ(x) &lt; 0, that is, an odd number of poles lies between them. */
  private static boolean gammaRatioNegative(double x, double eps) {
    if (x > 0 && x + eps > 0) {
      return false;
    }
    return 1 + sinPiRatioMinusOne(x, eps) < 0;
  }

  /** log1p(u)/u, equal to 1 at u = 0. */
  private static double log1pOverX(double u) {
    return u == 0 ? 1 : Math.log1p(u) / u;
  }

  /** expm1(u)/u, equal to 1 at u = 0. */
  private static double expm1OverX(double u) {
    return u == 0 ? 1 : Math.expm1(u) / u;
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers with a wide exponent, and double-double numbers

  /**
   * mantissa · 2^exponent, with |mantissa| kept within 2^±500 (or zero): never overflows. It may
   * carry its ln|value| computed more accurately than from the mantissa (NaN when it does not).
   */
  private static final class Scaled {
    static final Scaled ONE = new Scaled(1, 0, 0);
    static final Scaled ZERO = new Scaled(0, 0, Double.NaN);

    final double mantissa;
    final long exponent;
    private final double log;

    private Scaled(double mantissa, long exponent, double log) {
      this.mantissa = mantissa;
      this.exponent = exponent;
      this.log = log;
    }

    static Scaled of(double mantissa, long exponent) {
      return of(mantissa, exponent, Double.NaN);
    }

    private static Scaled of(double mantissa, long exponent, double log) {
      if (mantissa == 0) {
        return ZERO;
      }
      int k = Math.getExponent(mantissa);
      if (k > 500 || k < -500) {
        return new Scaled(Math.scalb(mantissa, -k), exponent + k, log);
      }
      return new Scaled(mantissa, exponent, log);
    }

    /** 1 + tail, remembering ln(1 + tail) to full relative accuracy when it is positive. */
    static Scaled ofSeries(double tail) {
      double value = 1 + tail;
      return of(value, 0, value > 0 ? Math.log1p(tail) : Double.NaN);
    }

    /** e^log, with the split into a power of two done in extra precision. */
    static Scaled exp(double log) {
      if (log == Double.NEGATIVE_INFINITY) {
        return ZERO;
      }
      if (Math.abs(log) < 600) {
        return new Scaled(Math.exp(log), 0, log);
      }
      double k = Math.rint(log / (LN2_HI + LN2_LO));
      double r = (log - k * LN2_HI) - k * LN2_LO;
      return of(Math.exp(r), (long) k, log);
    }

    Scaled times(Scaled other) {
      return of(mantissa * other.mantissa, exponent + other.exponent, log + other.log);
    }

    Scaled times(double factor) {
      return of(mantissa * factor, exponent);
    }

    Scaled timesExp(double log) {
      return log == 0 ? this : times(exp(log));
    }

    Scaled abs() {
      return new Scaled(Math.abs(mantissa), exponent, log);
    }

    Scaled plus(Scaled other) {
      if (other.mantissa == 0) {
        return this;
      }
      if (mantissa == 0) {
        return other;
      }
      long shift = other.exponent - exponent;
      if (shift > 2200) {
        return other;
      }
      if (shift < -2200) {
        return this;
      }
      return shift >= 0
          ? of(Math.scalb(mantissa, (int) -shift) + other.mantissa, other.exponent)
          : of(mantissa + Math.scalb(other.mantissa, (int) shift), exponent);
    }

    double sign() {
      return mantissa < 0 ? -1 : 1;
    }

    double logAbs() {
      if (!Double.isNaN(log)) {
        return log;
      }
      return Math.log(Math.abs(mantissa)) + exponent * LN2_LO + exponent * LN2_HI;
    }

    double toDouble() {
      long e = Math.max(-4000, Math.min(4000, exponent));
      return Math.scalb(mantissa, (int) e);
    }
  }

  /**
   * A double-double number hi + lo with |lo| ≤ ulp(hi)/2, about 106 bits; the operations are the
   * classical error-free transformations (Dekker, Knuth) with a fused multiply-add for products.
   */
  private static final class Dd {
    static final Dd ONE = new Dd(1, 0);

    final double hi;
    final double lo;

    private Dd(double hi, double lo) {
      this.hi = hi;
      this.lo = lo;
    }

    static Dd of(double x) {
      return new Dd(x, 0);
    }

    /** x − y exactly. */
    static Dd difference(double x, double y) {
      return twoSum(x, -y, 0);
    }

    private static Dd twoSum(double x, double y, double extra) {
      double s = x + y;
      double v = s - x;
      double e = (x - (s - v)) + (y - v) + extra;
      double hi = s + e;
      return new Dd(hi, e - (hi - s));
    }

    Dd plus(double y) {
      return twoSum(hi, y, lo);
    }

    Dd plus(Dd y) {
      double s = hi + y.hi;
      double v = s - hi;
      double e = (hi - (s - v)) + (y.hi - v);
      double t = lo + y.lo;
      double u = t - lo;
      double f = (lo - (t - u)) + (y.lo - u);
      e += t;
      double s2 = s + e;
      e -= s2 - s;
      e += f;
      double s3 = s2 + e;
      return new Dd(s3, e - (s3 - s2));
    }

    Dd times(double y) {
      double p = hi * y;
      double e = Math.fma(hi, y, -p) + lo * y;
      double s = p + e;
      return new Dd(s, e - (s - p));
    }

    Dd times(Dd y) {
      double p = hi * y.hi;
      double e = Math.fma(hi, y.hi, -p) + (hi * y.lo + lo * y.hi);
      double s = p + e;
      return new Dd(s, e - (s - p));
    }

    Dd dividedBy(Dd y) {
      double q1 = hi / y.hi;
      Dd r = plus(y.times(-q1));
      double q2 = r.hi / y.hi;
      r = r.plus(y.times(-q2));
      double q3 = r.hi / y.hi;
      double s = q1 + q2;
      double e = q2 - (s - q1) + q3;
      double out = s + e;
      return new Dd(out, e - (out - s));
    }

    Dd scalb(int n) {
      return new Dd(Math.scalb(hi, n), Math.scalb(lo, n));
    }
  }
}
