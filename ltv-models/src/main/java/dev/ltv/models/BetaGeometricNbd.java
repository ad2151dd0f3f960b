package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.special.Beta;

/**
 * The closed forms shared by BG/NBD and MBG/NBD, which differ only in whether a customer may
 * leave right after the first purchase.
 *
 * <p>While active a customer buys at Poisson rate {@code lambda ~ Gamma(r, alpha)} (shape r, rate
 * alpha); after each repeat purchase (BG/NBD, Fader, Hardie and Lee 2005) or after every purchase,
 * the first included (MBG/NBD, Batislam, Denizel and Filiztekin 2007), the customer leaves for good
 * with probability {@code p ~ Beta(a, b)}. The {@code offset} is the number of extra chances to
 * leave: 0 for BG/NBD, 1 for MBG/NBD. With {@code m = x + offset} chances taken after {@code x}
 * repeat purchases, every formula of the two papers is the same function of {@code m}.
 *
 * <p>The conditional expectation is computed in forms free of the removable singularities of the
 * published one at {@code a = 1} and {@code a + b + m = 1}: Euler's transformation turns
 * {@code (1-z)^(r+x) 2F1(r+x, b+m; a+b+m-1; z)} into {@code (1-z)^(a-1) 2F1(a+b+m-1-r-x, a-1;
 * a+b+m-1; z)}, whose first two parameters stay small for heavy buyers, and the factor {@code
 * 1/(a-1)} is folded into a series where that is cheap.
 */
final class BetaGeometricNbd {

  /** The longest positive series {@link #logPositive} sums itself. */
  private static final int MAX_POSITIVE_TERMS = 2_000_000;

  private static final double LN_10 = Math.log(10);

  /** Above this, a conditional expectation uses the hypergeometric closed form, not the series. */
  private static final double SERIES_MAX_Z = 0.5;

  /**
   * Values closer than half this to a removable singularity are interpolated between points this
   * far on either side, where the closed form loses about 1e-11 to cancellation; the error of the
   * interpolation is of the order of this squared. (The singularity at c = 0 is avoided instead:
   * see {@link #ifAlive}.)
   */
  private static final double NUDGE = 1e-5;

  final double r;
  final double alpha;
  final double a;
  final double b;
  final int offset;

  BetaGeometricNbd(double r, double alpha, double a, double b, int offset) {
    checkParameter("r", r);
    checkParameter("alpha", alpha);
    checkParameter("a", a);
    checkParameter("b", b);
    this.r = r;
    this.alpha = alpha;
    this.a = a;
    this.b = b;
    this.offset = offset;
  }

  static void checkParameter(String name, double value) {
    checkArgument(
        Double.isFinite(value) && value > 0, "%s must be finite and > 0, was %s", name, value);
  }

  static void checkHorizon(double t) {
    checkArgument(Double.isFinite(t) && t >= 0, "t must be finite and >= 0, was %s", t);
  }

  /** Checks figures given directly rather than through a validated customer. */
  static void checkFigures(int x, double recency, double age) {
    if (!(x >= 0 && recency >= 0 && recency <= age && age < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(String.format(
          "need frequency >= 0 and 0 <= recency <= age < infinity, was frequency %s, recency %s,"
              + " age %s",
          x, recency, age));
    }
  }

  /**
   * P(active at the end of observation | x, t_x, T). Exactly 1 for BG/NBD without repeat
   * purchases.
   */
  double probabilityAlive(int x, double recency, double age) {
    int m = x + offset;
    if (m == 0) {
      return 1.0;
    }
    // Ratio of the "left after the last purchase" term to the "still active" term, in logs.
    double logRatio =
        Math.log(a / (b + m - 1)) + (r + x) * Math.log1p((age - recency) / (alpha + recency));
    return 1.0 / (1.0 + Math.exp(logRatio));
  }

  /** E[purchases in (T, T + t] | x, t_x, T]. */
  double expectedPurchases(int x, double recency, double age, double t) {
    return probabilityAlive(x, recency, age) * expectedPurchasesIfAlive(x, age, t);
  }

  /** E[purchases in (T, T + t] | active at T, x, T]; does not depend on t_x. */
  double expectedPurchasesIfAlive(int x, double age, double t) {
    return ifAlive(a, b + x + offset, r + x, alpha + age, t);
  }

  /** E[X(t)] for a customer who has just made the first purchase. */
  double expectedPurchases(double t) {
    return probabilityAlive(0, 0, 0) * ifAlive(a, b + offset, r, alpha, t);
  }

  /**
   * P(X(t) = n) for a new customer (Fader, Hardie and Lee 2005, eq. 8; Batislam et al. 2007 for
   * the offset). The tail of the negative binomial is a regularized incomplete beta function, which
   * avoids the cancellation of one minus a partial sum.
   */
  double probabilityOfPurchases(int n, double t) {
    checkArgument(n >= 0, "n must be >= 0, was %s", n);
    checkHorizon(t);
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    int m = n + offset;
    double logBetaAb = Special.logBeta(a, b);
    double logScale = Math.log1p(t / alpha);
    double logZ = Math.log(t) - Math.log(alpha + t);
    double logNb = Special.logGamma(r + n)
        - Special.logGamma(r)
        - Special.logGamma(n + 1.0)
        - r * logScale
        + (n == 0 ? 0.0 : n * logZ);
    double p = Math.exp(Special.logBeta(a, b + m) - logBetaAb + logNb);
    if (m > 0) {
      double tail = n == 0 ? 1.0 : Beta.regularizedBeta(t / (alpha + t), n, r);
      p += Math.exp(Special.logBeta(a + 1, b + m - 1) - logBetaAb) * tail;
    }
    return Math.min(1.0, Math.max(0.0, p));
  }

  /**
   * E[purchases in the next t | active now] for a customer whose purchase rate has a Gamma(k,
   * scale) posterior and whose dropout probability has a Beta(a, bm) posterior: the expectation of
   * (1 - exp(-lambda p t)) / p.
   */
  static double ifAlive(double a, double bm, double k, double scale, double t) {
    if (t == 0) {
      return 0.0;
    }
    double u = t / scale;
    double z = u / (1 + u);
    double logOneMinusZ = -Math.log1p(u);
    double c = a + bm - 1;
    double e;
    if (z <= SERIES_MAX_Z && (Math.abs(c - k) + a) * u <= 8) {
      e = bySeries(a, c, k, z, logOneMinusZ);
    } else if (c < 0.5) {
      // Split 1/p = 1 + (1-p)/p: the first part is P(at least one purchase), the second the same
      // expectation under Beta(a, bm + 1), whose c is a + bm >= 0.5. This keeps c away from the
      // removable singularity at 0 and from negative values, where every form of the
      // hypergeometric function alternates with huge terms for large k z.
      double noPurchase = Math.exp(k * logOneMinusZ + logPositive(k, bm, a + bm, z));
      e = (1 - Math.min(1, noPurchase)) + bm / (a + bm) * ifAlive(a, bm + 1, k, scale, t);
    } else if (Math.abs(a - 1) < NUDGE / 2) {
      double below = ifAlive(1 - NUDGE, bm, k, scale, t);
      double above = ifAlive(1 + NUDGE, bm, k, scale, t);
      e = below + (above - below) * (a - (1 - NUDGE)) / (2 * NUDGE);
    } else {
      e = byHypergeometric(a, c, k, z, logOneMinusZ);
    }
    // The integrand is at most lambda t, so k t / scale bounds the expectation.
    return Math.min(Math.max(e, 0.0), k * u);
  }

  /**
   * c [1 - (1-z)^(a-1) F] / (a-1) with F = 2F1(c-k, a-1; c; z), written as c (1 - (1-z)^(a-1)) /
   * (a-1) minus (1-z)^(a-1) (c-k) z times a 3F2 series, finite at a = 1 and at c = 0.
   */
  private static double bySeries(double a, double c, double k, double z, double logOneMinusZ) {
    double eps = a - 1;
    double shifted = c - k;
    double epsL = eps * logOneMinusZ;
    double first = eps == 0 ? -logOneMinusZ : -Math.expm1(epsL) / eps;
    double term = 1;
    double sum = 1;
    for (int m = 0; m < 10_000; m++) {
      term *= (shifted + 1 + m) * (a + m) * z / ((c + 1 + m) * (m + 2));
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return c * first - Math.exp(epsL) * shifted * z * sum;
  }

  /**
   * c [1 - (1-z)^k 2F1(k, b; c; z)] / (a-1), with b = c - a + 1. The hypergeometric factor is
   * taken in Euler's form (1-z)^(a-1) 2F1(c-k, a-1; c; z), whose parameters stay small for heavy
   * buyers, or in the published form, whichever has the smaller first ratio of terms (so the
   * faster series), except that Euler's form is avoided when c - k is so negative against c (a
   * large r) that its terms would alternate with large magnitudes.
   */
  private static double byHypergeometric(
      double a, double c, double k, double z, double logOneMinusZ) {
    double eps = a - 1;
    double first;
    double second;
    double logPrefactor;
    double shifted = c - k;
    double b = c - eps;
    boolean alternating = shifted < -1 && -shifted * z > 0.5 * (c + 1);
    if (!alternating && Math.abs(shifted * eps) <= k * b) {
      first = shifted;
      second = eps;
      logPrefactor = eps * logOneMinusZ;
    } else {
      first = k;
      second = b;
      logPrefactor = k * logOneMinusZ;
    }
    double logF;
    double sign;
    if (first > 0 && second > 0) {
      logF = logPositive(first, second, c, z);
      sign = 1;
    } else {
      try {
        double f = Hypergeometric.value(first, second, c, z);
        logF = Math.log(Math.abs(f));
        sign = Math.signum(f);
      } catch (ArithmeticException overflow) {
        logF = Hypergeometric.logAbs(first, second, c, z);
        sign = Hypergeometric.sign(first, second, c, z);
      }
    }
    double term = sign * Math.exp(logPrefactor + logF);
    return c * (1 - term) / eps;
  }

  /**
   * ln 2F1(a, b; c; z) for positive a, b, c and 0 <= z < 1, where every term of the defining series
   * is positive: summed directly, rescaled so that nothing overflows, when that takes at most
   * {@link #MAX_POSITIVE_TERMS} terms; otherwise by {@link Hypergeometric}. The shared function
   * reaches the same values, but for a first parameter in the thousands and z near 1 it spends
   * seconds on transformations where this sum takes a fraction of a millisecond.
   */
  static double logPositive(double a, double b, double c, double z) {
    // The terms grow until (a + n)(b + n) z = (c + n)(n + 1), then fall at a rate tending to z.
    double peak = Math.max(0, (a + b) * z / (1 - z));
    double tail = 40 / (1 - z);
    if (peak + tail > MAX_POSITIVE_TERMS) {
      return Hypergeometric.logAbs(a, b, c, z);
    }
    double term = 1;
    double sum = 1;
    double logScale = 0;
    for (int n = 0; n < 2 * MAX_POSITIVE_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (sum > 1e280) {
        sum *= 1e-280;
        term *= 1e-280;
        logScale += 280 * LN_10;
      }
      if (term <= 0x1p-54 * sum && n > peak) {
        return logScale + Math.log(sum);
      }
    }
    return Hypergeometric.logAbs(a, b, c, z);
  }

  // ---------------------------------------------------------------------------------------------
  // Simulation

  /**
   * Simulates customers of the given ages. Purchases happen in continuous time; with {@code
   * daysPerUnit > 0} they are then recorded on whole days, purchases on one day merged into one and
   * those on the first day into the first purchase, as a summary of a transaction log would.
   */
  CustomerBase simulate(double[] ages, long seed, ChronoUnit unit, double daysPerUnit) {
    SimulatedCustomers simulated =
        new SimulatedCustomers(ages, this::expectedPurchases, unit, daysPerUnit);
    RandomDataGenerator random = RandomDataGenerator.of(new SplittableSource(seed));
    for (double age : ages) {
      double lambda = random.nextGamma(r, 1 / alpha);
      double p = random.nextBeta(a, b);
      simulated.begin(age);
      boolean active = offset == 0 || random.nextDouble() >= p;
      double time = 0;
      while (active && lambda > 0) {
        time += -Math.log1p(-random.nextDouble()) / lambda;
        if (time > age) {
          break;
        }
        simulated.purchase(time);
        active = random.nextDouble() >= p;
      }
      simulated.end();
    }
    return simulated.base();
  }

  /**
   * Start values for a fit: r = 1, a = 1, b = 1 and alpha so that the mean purchase rate r / alpha
   * matches the base's mean frequency over its mean age.
   */
  static double[] defaultStart(DistinctRows rows) {
    double frequency = 0;
    double age = 0;
    for (int i = 0; i < rows.size(); i++) {
      frequency += (double) rows.frequency(i) * rows.count(i);
      age += rows.age(i) * rows.count(i);
    }
    double alpha = Math.max(age, 1e-6) / Math.max(frequency, 1e-3);
    return new double[] {1, Math.min(Math.max(alpha, 1e-6), 1e6), 1, 1};
  }

  // ---------------------------------------------------------------------------------------------
  // Likelihood

  /**
   * The log-likelihood of a base's distinct rows and its gradient in (r, alpha, a, b), with the
   * terms that depend only on the frequency computed once per distinct frequency and the logs of
   * alpha plus a time computed once per distinct time. Holds scratch space: one instance per fit,
   * not thread-safe.
   */
  static final class Likelihood {

    /** Above this gap between distinct frequencies, the gamma-function terms are not summed. */
    private static final int MAX_RECURRENCE_GAP = 48;

    private final int offset;
    private final long customers;
    private final int rows;
    private final int[] groupFrequency;
    private final int[] groupEnd;
    private final double[] groupCount;
    private final double[] count;
    private final int[] ageIndex;
    private final int[] recencyIndex;
    private final double[] times;
    private final double[] logAlphaPlus;
    private final double[] invAlphaPlus;

    Likelihood(DistinctRows distinct, int offset) {
      this.offset = offset;
      this.customers = distinct.customers();
      this.rows = distinct.size();
      int[] frequency = distinct.frequencies();
      double[] recency = distinct.recencies();
      double[] age = distinct.ages();
      int[] counts = distinct.counts();

      // Rows come sorted by frequency, so each frequency is one run of rows.
      int groups = 0;
      for (int i = 0; i < rows; i++) {
        if (i == 0 || frequency[i] != frequency[i - 1]) {
          groups++;
        }
      }
      groupFrequency = new int[groups];
      groupEnd = new int[groups];
      groupCount = new double[groups];
      count = new double[rows];
      int g = -1;
      for (int i = 0; i < rows; i++) {
        if (i == 0 || frequency[i] != frequency[i - 1]) {
          g++;
          groupFrequency[g] = frequency[i];
        }
        groupEnd[g] = i + 1;
        groupCount[g] += counts[i];
        count[i] = counts[i];
      }

      double[] all = new double[2 * rows];
      System.arraycopy(age, 0, all, 0, rows);
      System.arraycopy(recency, 0, all, rows, rows);
      Arrays.sort(all);
      int distinctTimes = 0;
      for (int i = 0; i < all.length; i++) {
        if (i == 0 || all[i] != all[i - 1]) {
          all[distinctTimes++] = all[i];
        }
      }
      times = Arrays.copyOf(all, distinctTimes);
      ageIndex = new int[rows];
      recencyIndex = new int[rows];
      for (int i = 0; i < rows; i++) {
        ageIndex[i] = Arrays.binarySearch(times, age[i]);
        recencyIndex[i] = Arrays.binarySearch(times, recency[i]);
      }
      logAlphaPlus = new double[distinctTimes];
      invAlphaPlus = new double[distinctTimes];
    }

    long customers() {
      return customers;
    }

    int rows() {
      return rows;
    }

    /**
     * The log-likelihood summed over customers at (r, alpha, a, b); fills {@code gradient} (length
     * 4) with its partial derivatives unless it is null.
     */
    double value(double r, double alpha, double a, double b, double[] gradient) {
      for (int u = 0; u < times.length; u++) {
        double s = alpha + times[u];
        logAlphaPlus[u] = Math.log(s);
        invAlphaPlus[u] = 1 / s;
      }
      double logA = Math.log(a);
      double invA = 1 / a;

      // Running sums over k < x of ln(r+k) and 1/(r+k), and over k < m of ln((b+k)/(a+b+k)) and
      // its derivatives; they give lnG(r+x)-lnG(r), lnB(a, b+m)-lnB(a, b) and their digammas.
      int xDone = 0;
      double s1 = 0;
      double ds1 = 0;
      int mDone = 0;
      double s2 = 0;
      double ds2a = 0;
      double ds2b = 0;

      double ll = 0;
      double gr = 0;
      double gAlpha = 0;
      double ga = 0;
      double gb = 0;
      int start = 0;
      for (int g = 0; g < groupFrequency.length; g++) {
        int x = groupFrequency[g];
        int m = x + offset;
        if (x - xDone > MAX_RECURRENCE_GAP) {
          s1 = Special.logGamma(r + x) - Special.logGamma(r);
          ds1 = Special.digamma(r + x) - Special.digamma(r);
        } else {
          for (int k = xDone; k < x; k++) {
            s1 += Math.log(r + k);
            ds1 += 1 / (r + k);
          }
        }
        xDone = x;
        if (m - mDone > MAX_RECURRENCE_GAP) {
          double ab = a + b;
          s2 = Special.logGamma(b + m)
              - Special.logGamma(b)
              - Special.logGamma(ab + m)
              + Special.logGamma(ab);
          double psiAb = Special.digamma(ab) - Special.digamma(ab + m);
          ds2a = psiAb;
          ds2b = Special.digamma(b + m) - Special.digamma(b) + psiAb;
        } else {
          for (int k = mDone; k < m; k++) {
            double bk = b + k;
            double abk = a + bk;
            s2 += Math.log(bk / abk);
            ds2a -= 1 / abk;
            ds2b += 1 / bk - 1 / abk;
          }
        }
        mDone = m;
        double c = groupCount[g];
        ll += c * (s1 + s2);
        gr += c * ds1;
        ga += c * ds2a;
        gb += c * ds2b;

        double k = r + x;
        int end = groupEnd[g];
        if (m == 0) {
          for (int i = start; i < end; i++) {
            int t = ageIndex[i];
            double w = count[i];
            ll -= w * k * logAlphaPlus[t];
            gr -= w * logAlphaPlus[t];
            gAlpha -= w * k * invAlphaPlus[t];
          }
        } else {
          double logRatio = logA - Math.log(b + m - 1);
          double invBm = 1 / (b + m - 1);
          double shares = 0;
          for (int i = start; i < end; i++) {
            int t = ageIndex[i];
            int tx = recencyIndex[i];
            double w = count[i];
            double logT = logAlphaPlus[t];
            double dl = logT - logAlphaPlus[tx];
            double logY = logRatio + k * dl;
            // log(1 + y) and y / (1 + y) for y = exp(logY), without overflow. With y <= 1, log(1 +
            // y) is accurate to 1e-16 absolute, which is all a sum of log-likelihoods needs, and
            // much faster than log1p.
            double softplus;
            double share;
            if (logY <= 0) {
              double y = Math.exp(logY);
              double onePlus = 1 + y;
              softplus = Math.log(onePlus);
              share = y / onePlus;
            } else {
              double y = Math.exp(-logY);
              double onePlus = 1 + y;
              softplus = logY + Math.log(onePlus);
              share = 1 / onePlus;
            }
            ll += w * (softplus - k * logT);
            gr += w * (share * dl - logT);
            gAlpha += w * (share * k * (invAlphaPlus[t] - invAlphaPlus[tx]) - k * invAlphaPlus[t]);
            shares += w * share;
          }
          ga += shares * invA;
          gb -= shares * invBm;
        }
        start = end;
      }
      double n = customers;
      double logAlpha = Math.log(alpha);
      ll += n * r * logAlpha;
      if (gradient != null) {
        gradient[0] = gr + n * logAlpha;
        gradient[1] = gAlpha + n * r / alpha;
        gradient[2] = ga;
        gradient[3] = gb;
      }
      return ll;
    }

    /**
     * The Hessian of the log-likelihood in (r, alpha, a, b), summed over customers, into {@code
     * h} (4 by 4): the observed information is its negative. Same structure as {@link #value}.
     */
    void hessian(double r, double alpha, double a, double b, double[][] h) {
      for (double[] row : h) {
        Arrays.fill(row, 0);
      }
      for (int u = 0; u < times.length; u++) {
        double s = alpha + times[u];
        logAlphaPlus[u] = Math.log(s);
        invAlphaPlus[u] = 1 / s;
      }
      double invA = 1 / a;
      int xDone = 0;
      double t1 = 0;
      int mDone = 0;
      double t2a = 0;
      double t2b = 0;
      int start = 0;
      for (int g = 0; g < groupFrequency.length; g++) {
        int x = groupFrequency[g];
        int m = x + offset;
        // Sums over k < x of 1/(r+k)^2, and over k < m of 1/(a+b+k)^2 and 1/(b+k)^2.
        if (x - xDone > MAX_RECURRENCE_GAP) {
          t1 = Special.trigamma(r) - Special.trigamma(r + x);
        } else {
          for (int k = xDone; k < x; k++) {
            t1 += 1 / ((r + k) * (r + k));
          }
        }
        xDone = x;
        if (m - mDone > MAX_RECURRENCE_GAP) {
          t2a = Special.trigamma(a + b) - Special.trigamma(a + b + m);
          t2b = Special.trigamma(b) - Special.trigamma(b + m);
        } else {
          for (int k = mDone; k < m; k++) {
            double abk = a + b + k;
            t2a += 1 / (abk * abk);
            t2b += 1 / ((b + k) * (b + k));
          }
        }
        mDone = m;
        double c = groupCount[g];
        h[0][0] -= c * t1;
        h[2][2] += c * t2a;
        h[2][3] += c * t2a;
        h[3][3] += c * (t2a - t2b);

        double k = r + x;
        int end = groupEnd[g];
        double logRatio = m == 0 ? 0 : Math.log(a) - Math.log(b + m - 1);
        double invBm = m == 0 ? 0 : 1 / (b + m - 1);
        for (int i = start; i < end; i++) {
          int t = ageIndex[i];
          double w = count[i];
          double invT = invAlphaPlus[t];
          h[0][1] -= w * invT;
          h[1][1] += w * k * invT * invT;
          if (m == 0) {
            continue;
          }
          int tx = recencyIndex[i];
          double invTx = invAlphaPlus[tx];
          double dl = logAlphaPlus[t] - logAlphaPlus[tx];
          double logY = logRatio + k * dl;
          double share =
              logY <= 0 ? Math.exp(logY) / (1 + Math.exp(logY)) : 1 / (1 + Math.exp(-logY));
          double v = w * share * (1 - share);
          double ws = w * share;
          // Derivatives of logY in (r, alpha, a, b).
          double dr = dl;
          double dAlpha = k * (invT - invTx);
          double da = invA;
          double db = -invBm;
          h[0][0] += v * dr * dr;
          h[0][1] += v * dr * dAlpha + ws * (invT - invTx);
          h[0][2] += v * dr * da;
          h[0][3] += v * dr * db;
          h[1][1] += v * dAlpha * dAlpha + ws * k * (invTx * invTx - invT * invT);
          h[1][2] += v * dAlpha * da;
          h[1][3] += v * dAlpha * db;
          h[2][2] += v * da * da - ws * invA * invA;
          h[2][3] += v * da * db;
          h[3][3] += v * db * db + ws * invBm * invBm;
        }
        start = end;
      }
      double n = customers;
      h[0][1] += n / alpha;
      h[1][1] -= n * r / (alpha * alpha);
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < i; j++) {
          h[i][j] = h[j][i];
        }
      }
    }
  }
}
