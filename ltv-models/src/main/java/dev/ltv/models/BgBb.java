package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beta-geometric/beta-Bernoulli model (Fader, Hardie and Shang 2010, "Customer-base analysis in
 * a discrete-time noncontractual setting"): customers who can buy only at discrete opportunities,
 * such as yearly donations or a monthly event.
 *
 * <p>While alive, a customer transacts at each opportunity with probability {@code p}; before each
 * opportunity an alive customer dies with probability {@code theta}. Across customers, {@code p}
 * follows a beta distribution with parameters {@code alpha} and {@code beta}, and {@code theta} one
 * with {@code gamma} and {@code delta}.
 *
 * <p><b>Customers in opportunities.</b> The model reads a {@link Customer}'s figures as whole
 * numbers of opportunities: {@link Customer#age()} is {@code n}, the opportunities since the first
 * transaction (which starts the relationship and is not counted); {@link Customer#frequency()} is
 * {@code x}, the opportunities with a transaction among them; {@link Customer#recency()} is {@code
 * t_x}, the opportunity of the last transaction, 0 if none. So {@code x <= t_x <= n}. A base
 * summarized with purchases grouped by calendar period ({@code summarizer().groupBy(YEARS)}) has
 * exactly this form, one opportunity per period. Times passed to the predictions ({@code t}) are
 * whole numbers of opportunities too. Anything else is refused with an exception naming the
 * customer.
 *
 * <p><b>Accuracy.</b> On the donations data of the paper (11,104 donors, six opportunities) the fit
 * reproduces the published estimates and log-likelihood, and the per-pattern predictions of
 * lifetimes 0.11.3 to a relative 1e-9.
 *
 * @since 0.1
 */
public final class BgBb implements PurchaseModel, PurchaseCurve {

  /** The model's name. */
  public static final String NAME = "BG/BB";

  private static final List<String> PARAMETERS = List.of("alpha", "beta", "gamma", "delta");
  private static final Logger LOG = LoggerFactory.getLogger(BgBb.class);

  /** Above this many opportunities a survival sum uses its closed form instead of a loop. */
  private static final int SUM_BY_LOOP_UP_TO = 100_000;

  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double delta;
  private final double logBetaAlphaBeta;
  private final double logBetaGammaDelta;
  private final FitReport report;

  private BgBb(double alpha, double beta, double gamma, double delta, FitReport report) {
    checkParameter("alpha", alpha);
    checkParameter("beta", beta);
    checkParameter("gamma", gamma);
    checkParameter("delta", delta);
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.delta = delta;
    this.logBetaAlphaBeta = Special.logBeta(alpha, beta);
    this.logBetaGammaDelta = Special.logBeta(gamma, delta);
    this.report = report;
  }

  private static void checkParameter(String name, double value) {
    checkArgument(
        Double.isFinite(value) && value > 0, "%s must be finite and above 0, was %s", name, value);
  }

  /**
   * The model with known parameters.
   *
   * @param alpha the first shape of the transaction probability's beta distribution, above 0
   * @param beta the second shape of the transaction probability's beta distribution, above 0
   * @param gamma the first shape of the dropout probability's beta distribution, above 0
   * @param delta the second shape of the dropout probability's beta distribution, above 0
   * @return the model
   */
  public static BgBb of(double alpha, double beta, double gamma, double delta) {
    return new BgBb(alpha, beta, gamma, delta, null);
  }

  /**
   * Fits the model by maximum likelihood with the default settings; see {@link Fitter}.
   *
   * @param base customers with recency and age in whole opportunities
   * @return the fitted model
   * @throws IllegalArgumentException if a customer's figures are not whole opportunities
   * @throws FitException if the optimizer does not converge
   */
  public static BgBb fit(CustomerBase base) {
    return fitter().fit(base);
  }

  /**
   * Fits the model to distinct rows counted elsewhere, such as by {@code SparkLtv.distinctRows}
   * on summaries grouped by calendar period, with the default settings; the same fit as on the
   * base they summarize.
   *
   * @param rows distinct (frequency, recency, age) rows with counts, recency and age in whole
   *     opportunities
   * @return the fitted model
   * @throws IllegalArgumentException if a row is not in whole opportunities, naming the row
   * @throws FitException if the optimizer does not converge
   * @since 0.1
   */
  public static BgBb fit(DistinctRows rows) {
    return fitter().fit(rows);
  }

  /** A fitter with options: penalty, start values, tolerance, iterations. */
  public static Fitter fitter() {
    return new Fitter();
  }

  /** The first shape of the beta distribution of the transaction probability. */
  public double alpha() {
    return alpha;
  }

  /** The second shape of the beta distribution of the transaction probability. */
  public double beta() {
    return beta;
  }

  /** The first shape of the beta distribution of the dropout probability. */
  public double gamma() {
    return gamma;
  }

  /** The second shape of the beta distribution of the dropout probability. */
  public double delta() {
    return delta;
  }

  /** Whether the model was fitted, so that {@link #fitReport()} exists. */
  public boolean isFitted() {
    return report != null;
  }

  /**
   * The log-likelihood the fit reached, the penalty excluded.
   *
   * @throws IllegalStateException if the model was made with {@link #of} instead of fitted
   */
  public double logLikelihood() {
    return fitReport().logLikelihood();
  }

  /**
   * How the fit went: estimates, standard errors, convergence.
   *
   * @throws IllegalStateException if the model was made with {@link #of} instead of fitted
   */
  public FitReport fitReport() {
    checkState(report != null, "this BG/BB model was made from given parameters, not fitted");
    return report;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The probability that the customer is alive at the next opportunity, {@code n + 1}: the measure
   * of Fader, Hardie and Shang (2010, eq. 11) and of lifetimes. It is below 1 even for a customer
   * who transacted at every opportunity, since they may die before the next one.
   *
   * @param customer a customer in opportunities
   * @return a probability in [0, 1]
   */
  @Override
  public double probabilityAlive(Customer customer) {
    return probabilityAlive(customer, 1);
  }

  /**
   * The probability that the customer is alive at opportunity {@code n + m}; {@code m = 0} gives
   * the probability of being alive at the last observed opportunity.
   *
   * @param customer a customer in opportunities
   * @param m opportunities after the last observed one, at least 0
   * @return a probability in [0, 1]
   */
  public double probabilityAlive(Customer customer, int m) {
    checkArgument(m >= 0, "m must be at least 0, was %s", m);
    int x = customer.frequency();
    int n = opportunities(customer);
    int tx = wholeRecency(customer);
    double log = Special.logBeta(alpha + x, beta + n - x)
        - logBetaAlphaBeta
        + Special.logBeta(gamma, delta + n + (double) m)
        - logBetaGammaDelta
        - rowLogLikelihood(x, tx, n);
    return clampProbability(Math.exp(log));
  }

  /**
   * The expected number of transactions in the next {@code t} opportunities, {@code n + 1} to
   * {@code n + t} (Fader, Hardie and Shang 2010, eq. 13).
   *
   * @param customer a customer in opportunities
   * @param t the number of opportunities, a whole number at least 0
   * @return the expectation, in [0, t]
   */
  @Override
  public double expectedPurchases(Customer customer, double t) {
    int m = wholeOpportunities(t, "t");
    int x = customer.frequency();
    int n = opportunities(customer);
    int tx = wholeRecency(customer);
    if (m == 0) {
      return 0;
    }
    double log = Special.logBeta(alpha + x + 1, beta + n - x)
        - logBetaAlphaBeta
        + Special.logBeta(gamma, delta + n)
        - logBetaGammaDelta
        - rowLogLikelihood(x, tx, n);
    return Math.min(m, Math.exp(log) * survivalSum(gamma, delta + n, m));
  }

  /**
   * The expected transactions in the next {@code t} opportunities for each of the given {@code t},
   * with the likelihood computed once.
   *
   * @param customer a customer in opportunities
   * @param times whole numbers of opportunities, rising
   * @return the expectations, as {@link #expectedPurchases(Customer, double)} gives them
   */
  @Override
  public double[] expectedPurchases(Customer customer, double[] times) {
    int x = customer.frequency();
    int n = opportunities(customer);
    int tx = wholeRecency(customer);
    double factor = Math.exp(Special.logBeta(alpha + x + 1, beta + n - x)
        - logBetaAlphaBeta
        + Special.logBeta(gamma, delta + n)
        - logBetaGammaDelta
        - rowLogLikelihood(x, tx, n));
    double[] result = new double[times.length];
    double sum = 0;
    double term = 1;
    int done = 0;
    double d = delta + n;
    for (int i = 0; i < times.length; i++) {
      int m = wholeOpportunities(times[i], "t");
      checkArgument(m >= done, "times must rise, but %s follows %s", m, done);
      if (m - done > SUM_BY_LOOP_UP_TO) {
        sum = survivalSum(gamma, d, m);
        term = Math.exp(Special.logBeta(gamma, d + m) - Special.logBeta(gamma, d));
      } else {
        for (int j = done; j < m; j++) {
          term *= (d + j) / (gamma + d + j);
          sum += term;
        }
      }
      done = m;
      result[i] = Math.min(m, factor * sum);
    }
    return result;
  }

  /**
   * The expected number of transactions of a new customer in their first {@code t} opportunities
   * (Fader, Hardie and Shang 2010, eq. 9).
   *
   * @param t the number of opportunities, a whole number at least 0
   * @return the expectation, in [0, t]
   */
  @Override
  public double expectedPurchases(double t) {
    int m = wholeOpportunities(t, "t");
    return Math.min(m, alpha / (alpha + beta) * survivalSum(gamma, delta, m));
  }

  /**
   * The probability that a new customer transacts at exactly {@code n} of their first {@code t}
   * opportunities (Fader, Hardie and Shang 2010, eq. 8).
   *
   * @param n the number of transactions, at least 0
   * @param t the number of opportunities, a whole number at least 0
   * @return a probability in [0, 1]; 0 when {@code n > t}
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    checkArgument(n >= 0, "n must be at least 0, was %s", n);
    int m = wholeOpportunities(t, "t");
    if (n > m) {
      return 0;
    }
    // Alive throughout: n transactions among m opportunities.
    double first = logChoose(m, n)
        + Special.logBeta(alpha + n, beta + m - n)
        - logBetaAlphaBeta
        + Special.logBeta(gamma, delta + m)
        - logBetaGammaDelta;
    double[] terms = new double[m - n + 1];
    terms[0] = first;
    // Died just before opportunity i + 1, after n transactions among the first i.
    for (int i = n; i < m; i++) {
      terms[i - n + 1] = logChoose(i, n)
          + Special.logBeta(alpha + n, beta + i - n)
          - logBetaAlphaBeta
          + Special.logBeta(gamma + 1, delta + i)
          - logBetaGammaDelta;
    }
    return clampProbability(Math.exp(logSumExp(terms, terms.length)));
  }

  /**
   * The log-likelihood of a base under this model's parameters.
   *
   * @param base customers in opportunities
   * @return the sum of the customers' log-likelihoods, finite
   */
  @Override
  public double logLikelihood(CustomerBase base) {
    Patterns patterns = Patterns.of(base);
    double sum = 0;
    for (int i = 0; i < patterns.size(); i++) {
      sum += patterns.count[i] * rowLogLikelihood(patterns.x[i], patterns.tx[i], patterns.n[i]);
    }
    return sum;
  }

  /**
   * The log-likelihood of one customer.
   *
   * @param customer a customer in opportunities
   * @return the log-likelihood, finite and at most 0
   */
  public double logLikelihood(Customer customer) {
    return rowLogLikelihood(customer.frequency(), wholeRecency(customer), opportunities(customer));
  }

  private double rowLogLikelihood(int x, int tx, int n) {
    // A probability of 1 (no opportunities yet) may come out a rounding error above it.
    return Math.min(
        0,
        logSumOfTerms(alpha, beta, gamma, delta, x, tx, n) - logBetaAlphaBeta - logBetaGammaDelta);
  }

  /**
   * The log of the pattern's likelihood times {@code B(a, b) B(g, d)}: the terms of Fader, Hardie
   * and Shang (2010, eq. 5), summed in log space. Term 0 is alive through all {@code n}
   * opportunities; term {@code i + 1} died just before opportunity {@code tx + i + 1}, for {@code i
   * = 0 .. n - tx - 1}.
   */
  static double logSumOfTerms(double a, double b, double g, double d, int x, int tx, int n) {
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int k = 0; k <= n - tx; k++) {
      double term = Special.logBeta(a + x, b + Likelihood.betaOffset(k, x, tx, n))
          + Special.logBeta(g + Likelihood.gammaOffset(k), d + Likelihood.deltaOffset(k, tx, n));
      if (term > max) {
        sum = sum * Math.exp(max - term) + 1;
        max = term;
      } else {
        sum += Math.exp(term - max);
      }
    }
    return max + Math.log(sum);
  }

  @Override
  public String toString() {
    if (report != null) {
      return report.toString();
    }
    return String.format(
        Locale.ROOT,
        "BG/BB[alpha=%.4f, beta=%.4f, gamma=%.4f, delta=%.4f]",
        alpha,
        beta,
        gamma,
        delta);
  }

  // ---------------------------------------------------------------------------------------------
  // Numerics

  /**
   * {@code sum_{t=1..m} B(g, d + t) / B(g, d)}: the expected number of the next {@code m}
   * opportunities at which a customer alive now is still alive, when the dropout probability
   * follows a beta distribution with shapes {@code g} and {@code d}. The terms are products of
   * {@code (d + j) / (g + d + j)}, summed in a loop; for very long horizons the closed form {@code
   * d / (g - 1) [1 - Gamma(g + d) Gamma(1 + d + m) / (Gamma(1 + d) Gamma(g + d + m))]} is used.
   */
  static double survivalSum(double g, double d, int m) {
    if (m > SUM_BY_LOOP_UP_TO && Math.abs(g - 1) > 0.01) {
      double log =
          logGammaShift(1 + d, g + d, m) - (Special.logGamma(1 + d) - Special.logGamma(g + d));
      return d / (g - 1) * -Math.expm1(log);
    }
    double sum = 0;
    double term = 1;
    for (int j = 0; j < m; j++) {
      term *= (d + j) / (g + d + j);
      sum += term;
    }
    return sum;
  }

  /**
   * {@code ln Gamma(a + m) - ln Gamma(b + m)} for a long step {@code m} (at least 1,000), from
   * Stirling's series written so that nothing of the size of {@code ln Gamma(m)} is subtracted:
   * with {@code y = a + m} and {@code z = b + m}, it is {@code (z - 1/2) ln(1 + (a - b) / z) + (a -
   * b) (ln y - 1) + 1/(12 y) - 1/(12 z) - 1/(360 y^3) + 1/(360 z^3)}, the next terms being below
   * 1e-22.
   */
  static double logGammaShift(double a, double b, int m) {
    double y = a + m;
    double z = b + m;
    double step = a - b;
    return (z - 0.5) * Math.log1p(step / z)
        + step * (Math.log(y) - 1)
        + (1 / y - 1 / z) / 12
        - (1 / (y * y * y) - 1 / (z * z * z)) / 360;
  }

  private static double logChoose(int n, int k) {
    return Special.logGamma(n + 1.0) - Special.logGamma(k + 1.0) - Special.logGamma(n - k + 1.0);
  }

  static double logSumExp(double[] values, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      max = Math.max(max, values[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int i = 0; i < length; i++) {
      sum += Math.exp(values[i] - max);
    }
    return max + Math.log(sum);
  }

  private static double clampProbability(double p) {
    return p > 1 ? 1 : p < 0 || Double.isNaN(p) ? 0 : p;
  }

  private static int wholeOpportunities(double t, String name) {
    checkArgument(
        t >= 0 && t == Math.rint(t) && t <= Integer.MAX_VALUE,
        "%s must be a whole number of opportunities, at least 0, was %s",
        name,
        t);
    return (int) t;
  }

  private static int opportunities(Customer c) {
    double n = c.age();
    checkArgument(
        n == Math.rint(n) && n <= Integer.MAX_VALUE,
        "customer %s: BG/BB needs the age in whole opportunities, was %s",
        c.id(),
        n);
    return (int) n;
  }

  private static int wholeRecency(Customer c) {
    double r = c.recency();
    checkArgument(
        r == Math.rint(r),
        "customer %s: BG/BB needs the recency in whole opportunities, was %s",
        c.id(),
        r);
    checkArgument(
        c.frequency() <= r,
        "customer %s: %s transactions cannot fit in the %s opportunities up to the last one"
            + " (recency); at most one transaction per opportunity",
        c.id(),
        c.frequency(),
        (int) r);
    return (int) r;
  }

  /** The likelihood, its gradient and Hessian in the natural parameters. */
  static final class Likelihood {
    final double a;
    final double b;
    final double g;
    final double d;
    final double constant;
    final double[] constantGradient;
    final double[][] constantHessian;

    private Likelihood(double a, double b, double g, double d) {
      this.a = a;
      this.b = b;
      this.g = g;
      this.d = d;
      this.constant = -Special.logBeta(a, b) - Special.logBeta(g, d);
      double psiAB = Special.digamma(a + b);
      double psiGD = Special.digamma(g + d);
      this.constantGradient = new double[] {
        -(Special.digamma(a) - psiAB),
        -(Special.digamma(b) - psiAB),
        -(Special.digamma(g) - psiGD),
        -(Special.digamma(d) - psiGD)
      };
      double triAB = Special.trigamma(a + b);
      double triGD = Special.trigamma(g + d);
      double[][] h = new double[4][4];
      h[0][0] = -(Special.trigamma(a) - triAB);
      h[1][1] = -(Special.trigamma(b) - triAB);
      h[0][1] = h[1][0] = triAB;
      h[2][2] = -(Special.trigamma(g) - triGD);
      h[3][3] = -(Special.trigamma(d) - triGD);
      h[2][3] = h[3][2] = triGD;
      this.constantHessian = h;
    }

    static Likelihood of(double a, double b, double g, double d) {
      return new Likelihood(a, b, g, d);
    }

    /**
     * The log-likelihood of one pattern (of one customer, not times {@code count}); adds {@code
     * count} times its gradient to {@code gradient} and its Hessian to {@code hessian} when they
     * are not null.
     */
    double row(int x, int tx, int n, double count, double[] gradient, double[][] hessian) {
      int terms = n - tx + 1;
      double[] log = new double[terms];
      // The terms of logSumOfTerms, kept for the weights of the gradient.
      for (int k = 0; k < terms; k++) {
        log[k] = Special.logBeta(a + x, b + betaOffset(k, x, tx, n))
            + Special.logBeta(g + gammaOffset(k), d + deltaOffset(k, tx, n));
      }
      double lse = logSumExp(log, terms);
      double value = lse + constant;
      if (gradient == null && hessian == null) {
        return value;
      }
      double[][] termGradient = new double[terms][];
      double[] weight = new double[terms];
      double[] mean = new double[4];
      double psiAX = Special.digamma(a + x);
      for (int k = 0; k < terms; k++) {
        weight[k] = Math.exp(log[k] - lse);
        double bo = betaOffset(k, x, tx, n);
        double go = gammaOffset(k);
        double dOff = deltaOffset(k, tx, n);
        double psiS = Special.digamma(a + b + x + bo);
        double psiT = Special.digamma(g + d + go + dOff);
        double[] gk = {
          psiAX - psiS,
          Special.digamma(b + bo) - psiS,
          Special.digamma(g + go) - psiT,
          Special.digamma(d + dOff) - psiT
        };
        termGradient[k] = gk;
        for (int j = 0; j < 4; j++) {
          mean[j] += weight[k] * gk[j];
        }
      }
      if (gradient != null) {
        for (int j = 0; j < 4; j++) {
          gradient[j] += count * (mean[j] + constantGradient[j]);
        }
      }
      if (hessian != null) {
        double triAX = Special.trigamma(a + x);
        double[][] h = new double[4][4];
        for (int k = 0; k < terms; k++) {
          double bo = betaOffset(k, x, tx, n);
          double go = gammaOffset(k);
          double dOff = deltaOffset(k, tx, n);
          double triS = Special.trigamma(a + b + x + bo);
          double triT = Special.trigamma(g + d + go + dOff);
          double w = weight[k];
          h[0][0] += w * (triAX - triS);
          h[1][1] += w * (Special.trigamma(b + bo) - triS);
          h[0][1] -= w * triS;
          h[2][2] += w * (Special.trigamma(g + go) - triT);
          h[3][3] += w * (Special.trigamma(d + dOff) - triT);
          h[2][3] -= w * triT;
          double[] gk = termGradient[k];
          for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
              // Weighted covariance of the term gradients.
              h[i][j] += w * (gk[i] - mean[i]) * (gk[j] - mean[j]);
            }
          }
        }
        h[1][0] = h[0][1];
        h[3][2] = h[2][3];
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            hessian[i][j] += count * (h[i][j] + constantHessian[i][j]);
          }
        }
      }
      return value;
    }

    static double betaOffset(int k, int x, int tx, int n) {
      return k == 0 ? n - x : tx - x + (k - 1);
    }

    static double gammaOffset(int k) {
      return k == 0 ? 0 : 1;
    }

    static double deltaOffset(int k, int tx, int n) {
      return k == 0 ? n : tx + (k - 1);
    }
  }

  /** Distinct (x, t_x, n) patterns with counts, checked. */
  private static final class Patterns {
    final int[] x;
    final int[] tx;
    final int[] n;
    final double[] count;
    final long customers;

    private Patterns(int[] x, int[] tx, int[] n, double[] count) {
      this.x = x;
      this.tx = tx;
      this.n = n;
      this.count = count;
      double total = 0;
      for (double c : count) {
        total += c;
      }
      this.customers = (long) total;
    }

    int size() {
      return x.length;
    }

    static Patterns of(CustomerBase base) {
      requireNonNull(base, "base");
      try {
        return ofRows(base.distinctRows());
      } catch (IllegalArgumentException e) {
        // Name a customer rather than a distinct row.
        for (Customer c : base) {
          wholeRecency(c);
          opportunities(c);
        }
        throw e;
      }
    }

    private static Patterns ofRows(DistinctRows rows) {
      int size = rows.size();
      int[] x = new int[size];
      int[] tx = new int[size];
      int[] n = new int[size];
      double[] count = new double[size];
      for (int i = 0; i < size; i++) {
        checkWhole(i, rows.frequency(i), rows.recency(i), rows.age(i));
        x[i] = rows.frequency(i);
        tx[i] = (int) rows.recency(i);
        n[i] = (int) rows.age(i);
        count[i] = rows.count(i);
      }
      return new Patterns(x, tx, n, count);
    }

    static Patterns of(int[] frequency, int[] recency, int[] opportunities, int[] counts) {
      requireNonNull(frequency, "frequency");
      requireNonNull(recency, "recency");
      requireNonNull(opportunities, "opportunities");
      requireNonNull(counts, "counts");
      int size = frequency.length;
      checkArgument(
          recency.length == size && opportunities.length == size && counts.length == size,
          "frequency, recency, opportunities and counts must have one length; they have %s, %s,"
              + " %s and %s",
          size,
          recency.length,
          opportunities.length,
          counts.length);
      double[] count = new double[size];
      for (int i = 0; i < size; i++) {
        checkArgument(counts[i] >= 0, "row %s: count must be at least 0, was %s", i, counts[i]);
        checkWhole(i, frequency[i], recency[i], opportunities[i]);
        count[i] = counts[i];
      }
      return new Patterns(frequency.clone(), recency.clone(), opportunities.clone(), count);
    }

    private static void checkWhole(int row, int x, double tx, double n) {
      checkArgument(
          tx == Math.rint(tx) && n == Math.rint(n) && n <= Integer.MAX_VALUE,
          "row %s: BG/BB needs recency and age in whole opportunities, were %s and %s",
          row,
          tx,
          n);
      checkArgument(
          x >= 0 && tx >= 0 && tx <= n && (x == 0 ? tx == 0 : x <= tx),
          "row %s: frequency %s, recency %s and opportunities %s must satisfy"
              + " 0 <= frequency <= recency <= opportunities, with recency 0 when frequency is 0",
          row,
          x,
          (long) tx,
          (long) n);
    }
  }

  /**
   * Fits a {@link BgBb} model by maximum likelihood: a quasi-Newton search on the logarithms of the
   * parameters with the analytic gradient, over the distinct (x, t_x, n) patterns with their
   * counts. Standard errors come from the analytic Hessian. Not thread-safe; each setting can be
   * made once.
   *
   * @since 0.1
   */
  public static final class Fitter {
    private double penalty = Double.NaN;
    private double[] start;
    private double gradientTolerance = Double.NaN;
    private int maxIterations;

    private Fitter() {}

    /**
     * Adds {@code penalty * (alpha^2 + beta^2 + gamma^2 + delta^2)} to the mean negative
     * log-likelihood, which keeps the parameters finite on data that would push them to infinity.
     * Defaults to 0.
     *
     * @param penalty the coefficient, finite and at least 0
     * @return this fitter
     */
    public Fitter penalty(double penalty) {
      checkState(Double.isNaN(this.penalty), "penalty was already set to %s", this.penalty);
      checkArgument(
          Double.isFinite(penalty) && penalty >= 0,
          "penalty must be finite and at least 0, was %s",
          penalty);
      this.penalty = penalty;
      return this;
    }

    /**
     * The parameters to start the search from; defaults to 1 each.
     *
     * @param alpha the start for alpha, above 0
     * @param beta the start for beta, above 0
     * @param gamma the start for gamma, above 0
     * @param delta the start for delta, above 0
     * @return this fitter
     */
    public Fitter start(double alpha, double beta, double gamma, double delta) {
      checkState(start == null, "start was already set");
      of(alpha, beta, gamma, delta);
      this.start = new double[] {alpha, beta, gamma, delta};
      return this;
    }

    /**
     * The optimizer's relative gradient tolerance; defaults to 1e-8.
     *
     * @param tolerance the tolerance, above 0
     * @return this fitter
     */
    public Fitter gradientTolerance(double tolerance) {
      checkState(
          Double.isNaN(gradientTolerance),
          "gradientTolerance was already set to %s",
          gradientTolerance);
      checkArgument(tolerance > 0, "gradientTolerance must be above 0, was %s", tolerance);
      this.gradientTolerance = tolerance;
      return this;
    }

    /**
     * The most iterations of the optimizer; defaults to 500.
     *
     * @param iterations the limit, at least 1
     * @return this fitter
     */
    public Fitter maxIterations(int iterations) {
      checkState(maxIterations == 0, "maxIterations was already set to %s", maxIterations);
      checkArgument(iterations >= 1, "maxIterations must be at least 1, was %s", iterations);
      this.maxIterations = iterations;
      return this;
    }

    /**
     * Fits the model to a base.
     *
     * @param base customers with recency and age in whole opportunities
     * @return the fitted model
     * @throws IllegalArgumentException if the base is empty or a row is not in whole opportunities
     * @throws FitException if the optimizer does not converge
     */
    public BgBb fit(CustomerBase base) {
      return fit(Patterns.of(base));
    }

    /**
     * Fits the model to distinct rows counted elsewhere; the same fit as on the base they
     * summarize.
     *
     * @param rows distinct (frequency, recency, age) rows with counts, recency and age in whole
     *     opportunities
     * @return the fitted model
     * @throws IllegalArgumentException if a row is not in whole opportunities, naming the row
     * @throws FitException if the optimizer does not converge
     * @since 0.1
     */
    public BgBb fit(DistinctRows rows) {
      return fit(Patterns.ofRows(requireNonNull(rows, "rows")));
    }

    /**
     * Fits the model to patterns with counts, such as the donations data: row {@code i} stands
     * for {@code counts[i]} customers with {@code frequency[i]} transactions, the last at
     * opportunity {@code recency[i]}, out of {@code opportunities[i]}.
     *
     * @param frequency transactions per pattern
     * @param recency the opportunity of the last transaction, 0 if none
     * @param opportunities the opportunities observed
     * @param counts the customers per pattern, at least 0
     * @return the fitted model
     * @throws IllegalArgumentException if the arrays differ in length or a row is inconsistent,
     *     naming the row
     * @throws FitException if the optimizer does not converge
     */
    public BgBb fit(int[] frequency, int[] recency, int[] opportunities, int[] counts) {
      return fit(Patterns.of(frequency, recency, opportunities, counts));
    }

    private BgBb fit(Patterns patterns) {
      checkArgument(patterns.customers > 0, "cannot fit BG/BB on no customers");
      double lambda = Double.isNaN(penalty) ? 0 : penalty;
      double total = patterns.customers;
      StandInMinimizer.Objective objective = (logParams, gradient) -> {
        double[] p = new double[4];
        for (int j = 0; j < 4; j++) {
          p[j] = Math.exp(logParams[j]);
          if (!(p[j] > 0) || !Double.isFinite(p[j])) {
            return Double.POSITIVE_INFINITY;
          }
        }
        Likelihood likelihood = Likelihood.of(p[0], p[1], p[2], p[3]);
        double[] natural = new double[4];
        double ll = 0;
        for (int i = 0; i < patterns.size(); i++) {
          if (patterns.count[i] > 0) {
            ll += patterns.count[i]
                * likelihood.row(
                    patterns.x[i], patterns.tx[i], patterns.n[i], patterns.count[i], natural, null);
          }
        }
        double value = -ll / total;
        for (int j = 0; j < 4; j++) {
          value += lambda * p[j] * p[j];
          gradient[j] = p[j] * (-natural[j] / total + 2 * lambda * p[j]);
        }
        return value;
      };
      double[] from = new double[4];
      for (int j = 0; j < 4; j++) {
        from[j] = start == null ? 0 : Math.log(start[j]);
      }
      StandInMinimizer.Settings settings = new StandInMinimizer.Settings(
          Double.isNaN(gradientTolerance)
              ? StandInMinimizer.Settings.DEFAULT.gradientTolerance()
              : gradientTolerance,
          maxIterations == 0 ? StandInMinimizer.Settings.DEFAULT.maxIterations() : maxIterations);
      StandInMinimizer.Result result = StandInMinimizer.minimize(objective, from, settings);

      double[] p = new double[4];
      for (int j = 0; j < 4; j++) {
        p[j] = Math.exp(result.point()[j]);
      }
      double[][] hessian = new double[4][4];
      Likelihood likelihood = Likelihood.of(p[0], p[1], p[2], p[3]);
      double ll = 0;
      for (int i = 0; i < patterns.size(); i++) {
        if (patterns.count[i] > 0) {
          ll += patterns.count[i]
              * likelihood.row(
                  patterns.x[i], patterns.tx[i], patterns.n[i], patterns.count[i], null, hessian);
        }
      }
      // Observed information of the penalized objective, scaled back to a sum over customers.
      double[][] information = new double[4][4];
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          information[i][j] = -hessian[i][j] + (i == j ? 2 * lambda * total : 0);
        }
      }
      double[] errors = ObservedInformation.standardErrors(information);
      double gradientNorm = 0;
      for (double v : result.gradient()) {
        gradientNorm += v * v;
      }
      gradientNorm = Math.sqrt(gradientNorm);
      FitReport report = new FitReport(
          NAME,
          PARAMETERS,
          List.of(p[0], p[1], p[2], p[3]),
          List.of(errors[0], errors[1], errors[2], errors[3]),
          ll,
          patterns.customers,
          patterns.size(),
          result.iterations(),
          result.evaluations(),
          gradientNorm,
          result.converged(),
          lambda);
      if (!result.converged()) {
        throw new FitException(
            String.format(
                Locale.ROOT,
                "BG/BB fit did not converge: %s after %d iterations, |gradient| %.3g at alpha=%.6g,"
                    + " beta=%.6g, gamma=%.6g, delta=%.6g",
                result.message(),
                result.iterations(),
                gradientNorm,
                p[0],
                p[1],
                p[2],
                p[3]),
            report);
      }
      LOG.info(
          "BG/BB fit on {} customers ({} patterns): log-likelihood {}, {} iterations",
          patterns.customers,
          patterns.size(),
          ll,
          result.iterations());
      return new BgBb(p[0], p[1], p[2], p[3], report);
    }
  }
}
