package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gamma-Gamma model of the value of purchases (Colombo and Jiang 1999; Fader, Hardie and Lee
 * 2005, "RFM and CLV: using iso-value curves for customer base analysis"): the values of one
 * customer's purchases are gamma-distributed with shape {@code p} and a rate {@code nu} of their
 * own, and {@code nu} is gamma-distributed across customers with shape {@code q} and rate {@code
 * gamma}. So a new customer's purchases are worth {@code p gamma / (q - 1)} on average, and a
 * customer's own average is shrunk towards that by how many purchases it rests on.
 *
 * <p><b>Data.</b> The model is fitted on the repeat buyers (frequency above 0), with the mean value
 * of their repeat purchases ({@link Customer#averageSpend()}, the first purchase excluded), by the
 * likelihood of that mean given the number of purchases. A repeat buyer whose average spend is not
 * positive (refunds) has no density under the model: the fit leaves them out and counts them in
 * {@link #excludedCustomers()} and in a warning in the log. On the CDNOW sample (946 repeat buyers)
 * it gives p = 6.2488, q = 3.7446, gamma = 15.4477 with log-likelihood -4055.92.
 *
 * <p><b>Independence.</b> The model assumes that how much customers spend does not depend on how
 * often they buy. {@link #frequencySpendCorrelation()} reports the correlation between the two
 * among the repeat buyers fitted on, and {@link #toString()} adds a note when it is 0.3 or more in
 * absolute value; then the model's expected spend is doubtful.
 *
 * <p>Fitting, convergence and standard errors are as for {@link BgNbd}. Instances are immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class GammaGamma implements SpendModel, SpendByFigures {

  private static final Logger LOG = LoggerFactory.getLogger(GammaGamma.class);
  private static final String NAME = "Gamma-Gamma";
  private static final List<String> PARAMETERS = List.of("p", "q", "gamma");

  /** The correlation from which {@link #toString()} warns that independence is doubtful. */
  private static final double LARGE_CORRELATION = 0.3;

  private final double p;
  private final double q;
  private final double gamma;
  private final FitReport report;
  private final double correlation;
  private final int excluded;

  private GammaGamma(
      double p, double q, double gamma, FitReport report, double correlation, int excluded) {
    BetaGeometricNbd.checkParameter("p", p);
    BetaGeometricNbd.checkParameter("q", q);
    BetaGeometricNbd.checkParameter("gamma", gamma);
    this.p = p;
    this.q = q;
    this.gamma = gamma;
    this.report = report;
    this.correlation = correlation;
    this.excluded = excluded;
  }

  /**
   * Fits the model to the repeat buyers of a base with the default settings.
   *
   * @param base the customers; at least one repeat buyer with a positive average spend
   * @return the fitted model
   * @throws IllegalArgumentException if the base has no repeat buyer with a positive average spend
   * @throws FitException if the optimizer does not converge
   */
  public static GammaGamma fit(CustomerBase base) {
    return fitter().fit(base);
  }

  /**
   * Fits the model to customers counted elsewhere by their (frequency, average spend), such as by
   * {@code SparkLtv.spendRows}, with the default settings; the same fit as on the base they
   * summarize, since the likelihood depends on a customer only through these two figures.
   *
   * @param frequency each row's repeat purchases, at least 0; rows with 0 do not count
   * @param averageSpend each row's mean value of the repeat purchases, finite; rows with a
   *     non-positive value are left out and counted in {@link #excludedCustomers()}
   * @param counts how many customers share each row, at least 1
   * @return the fitted model
   * @throws IllegalArgumentException if the arrays differ in length, a row is invalid, or no row
   *     has a repeat buyer with a positive average spend
   * @throws FitException if the optimizer does not converge
   * @since 0.1
   */
  public static GammaGamma fit(int[] frequency, double[] averageSpend, int[] counts) {
    return fitter().fit(frequency, averageSpend, counts);
  }

  /**
   * A model with known parameters. It has no fit: {@link #logLikelihood()}, {@link #fitReport()}
   * and {@link #frequencySpendCorrelation()} throw.
   *
   * @param p shape of the distribution of one customer's purchase values, > 0
   * @param q shape of the distribution of the rates across customers, > 0
   * @param gamma rate of the distribution of the rates across customers, in money, > 0
   * @return the model
   * @throws IllegalArgumentException if a parameter is not finite and positive
   */
  public static GammaGamma of(double p, double q, double gamma) {
    return new GammaGamma(p, q, gamma, null, Double.NaN, 0);
  }

  /** A fitter with the default settings, to be adjusted before {@link Fitter#fit}. */
  public static Fitter fitter() {
    return new Fitter(FitSettings.DEFAULTS);
  }

  /** The shape p of the distribution of one customer's purchase values. */
  public double p() {
    return p;
  }

  /** The shape q of the distribution of the purchase-value rates across customers. */
  public double q() {
    return q;
  }

  /** The rate gamma of the distribution of the purchase-value rates across customers. */
  public double gamma() {
    return gamma;
  }

  /** Whether the model was fitted, rather than made from known parameters with {@link #of}. */
  public boolean isFitted() {
    return report != null;
  }

  /**
   * The log-likelihood of the repeat buyers the model was fitted on, penalty excluded.
   *
   * @throws IllegalStateException if the model was made with {@link #of}
   */
  public double logLikelihood() {
    return fitReport().logLikelihood();
  }

  /**
   * How the fit went: estimates, standard errors, log-likelihood and convergence.
   *
   * @throws IllegalStateException if the model was made with {@link #of}
   */
  public FitReport fitReport() {
    checkState(report != null, "this %s model was made from known parameters, not fitted", NAME);
    return report;
  }

  /**
   * The Pearson correlation between frequency and average spend among the repeat buyers the model
   * was fitted on; the model assumes it is near 0. NaN-free: 0 when either has no spread.
   *
   * @throws IllegalStateException if the model was made with {@link #of}
   */
  public double frequencySpendCorrelation() {
    checkState(report != null, "this %s model was made from known parameters, not fitted", NAME);
    return correlation;
  }

  /**
   * The number of repeat buyers left out of the fit because their average spend was not positive;
   * 0 for a model made with {@link #of}.
   */
  public int excludedCustomers() {
    return excluded;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>For a repeat buyer with x purchases of mean m: {@code p (gamma + x m) / (p x + q - 1)}, a
   * weighted mean of m and the population mean (Fader, Hardie and Lee 2005, eq. 5). A customer
   * without repeat purchases, or whose average spend is not positive, carries no information on
   * spend and gets {@link #expectedAverageSpend()}.
   *
   * @throws ArithmeticException if the expectation is infinite (q at most 1 for a customer without
   *     information, {@code p x + q} at most 1 otherwise)
   */
  @Override
  public double expectedAverageSpend(Customer customer) {
    return expectedAverageSpend(customer.frequency(), customer.averageSpend());
  }

  @Override
  public double expectedAverageSpend(int frequency, double averageSpend) {
    if (frequency == 0 || !(averageSpend > 0)) {
      return expectedAverageSpend();
    }
    double shape = p * frequency + q;
    if (!(shape > 1)) {
      throw new ArithmeticException(String.format(
          "the expected spend is infinite when p x + q <= 1 (p = %s, x = %s, q = %s)",
          p, frequency, q));
    }
    return p * (gamma + frequency * averageSpend) / (shape - 1);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code p gamma / (q - 1)}.
   *
   * @throws ArithmeticException if q is at most 1: the mean purchase value is then infinite
   */
  @Override
  public double expectedAverageSpend() {
    if (!(q > 1)) {
      throw new ArithmeticException("the mean purchase value is infinite when q <= 1; q = " + q);
    }
    return p * gamma / (q - 1);
  }

  /**
   * The log-likelihood of a base's repeat buyers with positive average spend under this model's
   * parameters: the density of each one's mean purchase value given their number of purchases.
   *
   * @param base the customers; those without repeat purchases or with a non-positive average
   *     spend do not contribute
   * @return the log-likelihood, finite
   */
  public double logLikelihood(CustomerBase base) {
    return Likelihood.of(base).value(p, q, gamma, null);
  }

  /**
   * The same customers with simulated average spends: for each repeat buyer a rate {@code nu} is
   * drawn from Gamma(q, gamma), then the mean of their {@code frequency} purchase values, which is
   * Gamma(p x, nu x). Customers without repeat purchases keep an average spend of 0. Frequency,
   * recency, age and the time unit are kept.
   *
   * @param base the customers, for instance simulated by a purchase model
   * @param seed the seed of the random stream; the same seed gives the same spends
   * @return the customers with simulated average spends
   */
  public CustomerBase simulate(CustomerBase base, long seed) {
    RandomDataGenerator random = RandomDataGenerator.of(new SplittableSource(seed));
    List<Customer> customers = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      int x = base.frequency(i);
      double spend = 0;
      if (x > 0) {
        double nu = random.nextGamma(q, 1 / gamma);
        spend = random.nextGamma(p * x, 1 / (nu * x));
      }
      customers.add(Customer.of(base.id(i), x, base.recency(i), base.age(i), spend));
    }
    return base.unit().isPresent()
        ? CustomerBase.of(base.unit().get(), customers)
        : CustomerBase.of(customers);
  }

  @Override
  public String toString() {
    if (report == null) {
      return String.format(
          "%s with given parameters: p = %.4f, q = %.4f, gamma = %.4f", NAME, p, q, gamma);
    }
    StringBuilder s = new StringBuilder(report.toString());
    s.append(String.format("%n  frequency-spend correlation %.3f", correlation));
    if (Math.abs(correlation) >= LARGE_CORRELATION) {
      s.append(" (large: the model assumes spend does not depend on frequency)");
    }
    if (excluded > 0) {
      s.append(String.format("; %,d repeat buyers without positive spend left out", excluded));
    }
    return s.toString();
  }

  /**
   * The likelihood of the mean purchase values of the repeat buyers with positive spend, on their
   * distinct (frequency, mean) pairs with counts. Holds scratch space: one instance per fit.
   */
  static final class Likelihood {

    private final int[] frequency;
    private final double[] logFrequency;
    private final int[] groupEnd;
    private final double[] spend;
    private final double[] logSpend;
    private final double[] count;
    private final long customers;
    private final int excluded;
    private final double correlation;

    private Likelihood(
        int[] frequency,
        int[] groupEnd,
        double[] spend,
        double[] count,
        long customers,
        int excluded,
        double correlation) {
      this.frequency = frequency;
      this.groupEnd = groupEnd;
      this.spend = spend;
      this.count = count;
      this.customers = customers;
      this.excluded = excluded;
      this.correlation = correlation;
      this.logFrequency = new double[frequency.length];
      for (int g = 0; g < frequency.length; g++) {
        logFrequency[g] = Math.log(frequency[g]);
      }
      this.logSpend = new double[spend.length];
      for (int i = 0; i < spend.length; i++) {
        logSpend[i] = Math.log(spend[i]);
      }
    }

    /** Groups the usable repeat buyers by frequency, then by distinct average spend. */
    static Likelihood of(CustomerBase base) {
      int n = base.size();
      int maxFrequency = 0;
      int usable = 0;
      int excluded = 0;
      double sx = 0;
      double sm = 0;
      for (int i = 0; i < n; i++) {
        int x = base.frequency(i);
        if (x > 0) {
          double m = base.averageSpend(i);
          if (m > 0) {
            usable++;
            maxFrequency = Math.max(maxFrequency, x);
            sx += x;
            sm += m;
          } else {
            excluded++;
          }
        }
      }
      // Counting sort by frequency, then a sort of the spends within each frequency.
      int[] start = new int[maxFrequency + 2];
      double sxx = 0;
      double smm = 0;
      double sxm = 0;
      double meanX = usable == 0 ? 0 : sx / usable;
      double meanM = usable == 0 ? 0 : sm / usable;
      for (int i = 0; i < n; i++) {
        int x = base.frequency(i);
        double m = base.averageSpend(i);
        if (x > 0 && m > 0) {
          start[x + 1]++;
          sxx += (x - meanX) * (x - meanX);
          smm += (m - meanM) * (m - meanM);
          sxm += (x - meanX) * (m - meanM);
        }
      }
      for (int x = 1; x < start.length; x++) {
        start[x] += start[x - 1];
      }
      double[] sorted = new double[usable];
      int[] next = Arrays.copyOf(start, start.length);
      for (int i = 0; i < n; i++) {
        int x = base.frequency(i);
        double m = base.averageSpend(i);
        if (x > 0 && m > 0) {
          sorted[next[x]++] = m;
        }
      }
      int[] groupFrequency = new int[maxFrequency];
      int[] groupEnd = new int[maxFrequency];
      double[] spend = new double[usable];
      double[] count = new double[usable];
      int groups = 0;
      int rows = 0;
      for (int x = 1; x <= maxFrequency; x++) {
        if (start[x + 1] == start[x]) {
          continue;
        }
        Arrays.sort(sorted, start[x], start[x + 1]);
        for (int k = start[x]; k < start[x + 1]; k++) {
          if (k > start[x] && sorted[k] == sorted[k - 1]) {
            count[rows - 1]++;
          } else {
            spend[rows] = sorted[k];
            count[rows] = 1;
            rows++;
          }
        }
        groupFrequency[groups] = x;
        groupEnd[groups] = rows;
        groups++;
      }
      double correlation = sxx > 0 && smm > 0 ? sxm / Math.sqrt(sxx * smm) : 0.0;
      return new Likelihood(
          Arrays.copyOf(groupFrequency, groups),
          Arrays.copyOf(groupEnd, groups),
          Arrays.copyOf(spend, rows),
          Arrays.copyOf(count, rows),
          usable,
          excluded,
          correlation);
    }

    /**
     * Groups rows of (frequency, average spend) with counts as {@link #of(CustomerBase)} groups
     * customers: the same rows give the same arrays, whatever their order.
     */
    static Likelihood of(int[] frequency, double[] averageSpend, int[] counts) {
      int n = requireNonNull(frequency, "frequency").length;
      checkArgument(
          requireNonNull(averageSpend, "averageSpend").length == n
              && requireNonNull(counts, "counts").length == n,
          "columns differ in length: frequency %s, averageSpend %s, counts %s",
          n,
          averageSpend.length,
          counts.length);
      List<Integer> usable = new ArrayList<>();
      int excluded = 0;
      long customers = 0;
      double sx = 0;
      double sm = 0;
      for (int i = 0; i < n; i++) {
        checkArgument(frequency[i] >= 0, "row %s: frequency must be >= 0, was %s", i, frequency[i]);
        checkArgument(
            Double.isFinite(averageSpend[i]),
            "row %s: averageSpend must be finite, was %s",
            i,
            (Object) averageSpend[i]);
        checkArgument(counts[i] >= 1, "row %s: count must be >= 1, was %s", i, counts[i]);
        if (frequency[i] == 0) {
          continue;
        }
        if (averageSpend[i] > 0) {
          usable.add(i);
          customers += counts[i];
          sx += (double) counts[i] * frequency[i];
          sm += counts[i] * averageSpend[i];
        } else {
          excluded = Math.addExact(excluded, counts[i]);
        }
      }
      usable.sort(Comparator.<Integer>comparingInt(i -> frequency[i])
          .thenComparing(i -> averageSpend[i], Double::compare));
      double meanX = customers == 0 ? 0 : sx / customers;
      double meanM = customers == 0 ? 0 : sm / customers;
      double sxx = 0;
      double smm = 0;
      double sxm = 0;
      int[] groupFrequency = new int[usable.size()];
      int[] groupEnd = new int[usable.size()];
      double[] spend = new double[usable.size()];
      double[] count = new double[usable.size()];
      int groups = 0;
      int rows = 0;
      for (int i : usable) {
        int x = frequency[i];
        double m = averageSpend[i];
        sxx += counts[i] * (x - meanX) * (x - meanX);
        smm += counts[i] * (m - meanM) * (m - meanM);
        sxm += counts[i] * (x - meanX) * (m - meanM);
        boolean sameGroup = groups > 0 && groupFrequency[groups - 1] == x;
        if (sameGroup && spend[rows - 1] == m) {
          count[rows - 1] += counts[i];
        } else {
          spend[rows] = m;
          count[rows] = counts[i];
          rows++;
        }
        if (!sameGroup) {
          groupFrequency[groups++] = x;
        }
        groupEnd[groups - 1] = rows;
      }
      double correlation = sxx > 0 && smm > 0 ? sxm / Math.sqrt(sxx * smm) : 0.0;
      return new Likelihood(
          Arrays.copyOf(groupFrequency, groups),
          Arrays.copyOf(groupEnd, groups),
          Arrays.copyOf(spend, rows),
          Arrays.copyOf(count, rows),
          customers,
          excluded,
          correlation);
    }

    long customers() {
      return customers;
    }

    int rows() {
      return spend.length;
    }

    /**
     * The log-likelihood at (p, q, gamma), summed over customers; fills {@code gradient} (length
     * 3) unless it is null.
     */
    double value(double p, double q, double gamma, double[] gradient) {
      double logGamma = Math.log(gamma);
      double constant = Special.logGamma(q);
      double psiQ = Special.digamma(q);
      double ll = 0;
      double gp = 0;
      double gq = 0;
      double gGamma = 0;
      int start = 0;
      for (int g = 0; g < frequency.length; g++) {
        int x = frequency[g];
        double px = p * x;
        double shape = px + q;
        double perFrequency = Special.logGamma(shape) - Special.logGamma(px) - constant;
        double psiShape = Special.digamma(shape);
        double psiPx = Special.digamma(px);
        double logX = logFrequency[g];
        int end = groupEnd[g];
        double c = 0;
        double sumLogM = 0;
        double sumLogRate = 0;
        double sumInvRate = 0;
        for (int i = start; i < end; i++) {
          double w = count[i];
          double rate = gamma + x * spend[i];
          double logRate = Math.log(rate);
          c += w;
          sumLogM += w * logSpend[i];
          sumLogRate += w * logRate;
          sumInvRate += w / rate;
        }
        ll +=
            c * (perFrequency + q * logGamma + px * logX) + (px - 1) * sumLogM - shape * sumLogRate;
        gp += x * (c * (psiShape - psiPx + logX) + sumLogM - sumLogRate);
        gq += c * (psiShape - psiQ + logGamma) - sumLogRate;
        gGamma += c * q / gamma - shape * sumInvRate;
        start = end;
      }
      if (gradient != null) {
        gradient[0] = gp;
        gradient[1] = gq;
        gradient[2] = gGamma;
      }
      return ll;
    }
  }

  /**
   * Settings of a Gamma-Gamma fit, each settable once. Immutable: every setting returns a new
   * fitter.
   *
   * @since 0.1
   */
  public static final class Fitter {

    private final FitSettings settings;

    private Fitter(FitSettings settings) {
      this.settings = settings;
    }

    /**
     * Adds {@code l2 * (p^2 + q^2 + gamma^2)} to the mean negative log-likelihood per repeat
     * buyer. Note that gamma is in money. Default 0.
     *
     * @param l2 the penalty coefficient, finite and >= 0
     * @return a fitter with the penalty
     */
    public Fitter penalty(double l2) {
      return new Fitter(settings.penalty(l2));
    }

    /**
     * Where the optimizer starts. By default p = 1, q = 2 and gamma = the mean average spend.
     *
     * @param p start value of p, > 0
     * @param q start value of q, > 0
     * @param gamma start value of gamma, > 0
     * @return a fitter with these start values
     */
    public Fitter start(double p, double q, double gamma) {
      return new Fitter(settings.start(PARAMETERS, p, q, gamma));
    }

    /**
     * The relative gradient tolerance, as for {@link BgNbd.Fitter#gradientTolerance}. Default
     * 1e-8.
     *
     * @param tolerance the tolerance, finite and > 0
     * @return a fitter with this tolerance
     */
    public Fitter gradientTolerance(double tolerance) {
      return new Fitter(settings.gradientTolerance(tolerance));
    }

    /**
     * The most quasi-Newton iterations before the fit gives up with a {@link FitException}.
     * Default 500.
     *
     * @param iterations the limit, >= 1
     * @return a fitter with this limit
     */
    public Fitter maxIterations(int iterations) {
      return new Fitter(settings.maxIterations(iterations));
    }

    /**
     * Fits the model to the repeat buyers of a base.
     *
     * @param base the customers; at least one repeat buyer with a positive average spend
     * @return the fitted model
     * @throws IllegalArgumentException if there is no such repeat buyer
     * @throws FitException if the optimizer does not converge; its report holds the last point
     */
    public GammaGamma fit(CustomerBase base) {
      return fit(Likelihood.of(base), base.size() + " customers");
    }

    /**
     * Fits the model to customers counted by their (frequency, average spend); the same fit as on
     * the base they summarize. See {@link GammaGamma#fit(int[], double[], int[])}.
     *
     * @param frequency each row's repeat purchases, at least 0; rows with 0 do not count
     * @param averageSpend each row's mean value of the repeat purchases, finite
     * @param counts how many customers share each row, at least 1
     * @return the fitted model
     * @throws IllegalArgumentException if the arrays differ in length, a row is invalid, or no row
     *     has a repeat buyer with a positive average spend
     * @throws FitException if the optimizer does not converge; its report holds the last point
     * @since 0.1
     */
    public GammaGamma fit(int[] frequency, double[] averageSpend, int[] counts) {
      return fit(Likelihood.of(frequency, averageSpend, counts), frequency.length + " rows");
    }

    private GammaGamma fit(Likelihood likelihood, String among) {
      checkArgument(
          likelihood.customers() > 0,
          "cannot fit %s: no repeat buyer with a positive average spend among %s"
              + " (%s repeat buyers without)",
          NAME,
          among,
          likelihood.excluded);
      if (likelihood.excluded > 0) {
        LOG.warn(
            "{}: {} repeat buyers with a non-positive average spend left out of the fit",
            NAME,
            likelihood.excluded);
      }
      double meanSpend = 0;
      for (int i = 0; i < likelihood.rows(); i++) {
        meanSpend += likelihood.spend[i] * likelihood.count[i];
      }
      meanSpend /= likelihood.customers();
      MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(
          NAME,
          PARAMETERS,
          (v, gradient) -> likelihood.value(v[0], v[1], v[2], gradient),
          null,
          likelihood.customers(),
          likelihood.rows(),
          settings.start(new double[] {1, 2, meanSpend}),
          settings,
          LOG);
      double[] v = estimate.parameters();
      return new GammaGamma(
          v[0], v[1], v[2], estimate.report(), likelihood.correlation, likelihood.excluded);
    }

    @Override
    public String toString() {
      return NAME + " fitter: " + settings;
    }
  }
}
