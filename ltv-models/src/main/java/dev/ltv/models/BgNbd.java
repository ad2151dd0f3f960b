package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while
 * active, a customer buys at a Poisson rate that is gamma-distributed across customers ({@code
 * lambda ~ Gamma(r, alpha)}, shape r, rate alpha); after each repeat purchase the customer leaves
 * for good with a probability that is beta-distributed across customers ({@code p ~ Beta(a, b)}).
 *
 * <p>Times are in the unit of the base the model was fitted on, and {@code alpha} is in that unit:
 * fitting in weeks gives the published CDNOW estimates r = 0.2426, alpha = 4.414, a = 0.793, b =
 * 2.426 with log-likelihood -9582.43.
 *
 * <pre>{@code
 * BgNbd bg = BgNbd.fit(base);
 * bg.probabilityAlive(customer);          // P(still active)
 * bg.expectedPurchases(customer, 39);     // in the next 39 units
 * }</pre>
 *
 * <p><b>Fitting.</b> Maximum likelihood on the base's distinct (frequency, recency, age) rows with
 * counts, by a quasi-Newton method on the logs of the parameters with the analytic gradient,
 * stopping when the gradient of the mean negative log-likelihood is below the tolerance (relative,
 * default 1e-8) within the iteration limit (default 500). A fit that stops short throws a {@link
 * FitException} whose report holds the last point; a fit never quietly returns an unconverged
 * estimate. Standard errors come from the observed information. Use {@link #fitter()} for a
 * penalty, start values or other limits.
 *
 * <p><b>Accuracy.</b> At the same parameters, P(alive) and conditional expectations agree with
 * independent reference values (lifetimes, checked with mpmath at 30 digits) to a relative 1e-12 on
 * all 2,357 CDNOW customers. For valid input no method returns NaN or an infinity, also for
 * customers with thousands of purchases, recency equal to age, tiny ages or extreme parameters.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BgNbd implements PurchaseModel, AliveFactored {

  private static final Logger LOG = LoggerFactory.getLogger(BgNbd.class);
  private static final String NAME = "BG/NBD";
  private static final List<String> PARAMETERS = List.of("r", "alpha", "a", "b");

  private final BetaGeometricNbd model;
  private final FitReport report;

  private BgNbd(BetaGeometricNbd model, FitReport report) {
    this.model = model;
    this.report = report;
  }

  /**
   * Fits the model to a base with the default settings.
   *
   * @param base the customers, at least one
   * @return the fitted model
   * @throws FitException if the optimizer does not converge
   */
  public static BgNbd fit(CustomerBase base) {
    return fitter().fit(base);
  }

  /**
   * Fits the model to distinct rows counted elsewhere, such as by {@code SparkLtv.distinctRows},
   * with the default settings; the same fit as on the base they summarize.
   *
   * @param rows the distinct (frequency, recency, age) rows with counts, at least one
   * @return the fitted model
   * @throws FitException if the optimizer does not converge
   */
  public static BgNbd fit(DistinctRows rows) {
    return fitter().fit(rows);
  }

  /**
   * A model with known parameters, such as published estimates. It has no fit: {@link
   * #logLikelihood()} and {@link #fitReport()} throw.
   *
   * @param r shape of the purchase-rate distribution, > 0
   * @param alpha rate of the purchase-rate distribution, in the time unit of the data, > 0
   * @param a first shape of the dropout-probability distribution, > 0
   * @param b second shape of the dropout-probability distribution, > 0
   * @return the model
   * @throws IllegalArgumentException if a parameter is not finite and positive
   */
  public static BgNbd of(double r, double alpha, double a, double b) {
    return new BgNbd(new BetaGeometricNbd(r, alpha, a, b, 0), null);
  }

  /** A fitter with the default settings, to be adjusted before {@link Fitter#fit}. */
  public static Fitter fitter() {
    return new Fitter(FitSettings.DEFAULTS);
  }

  /** The shape r of the gamma distribution of purchase rates. */
  public double r() {
    return model.r;
  }

  /** The rate alpha of the gamma distribution of purchase rates, in the data's time unit. */
  public double alpha() {
    return model.alpha;
  }

  /** The first shape a of the beta distribution of dropout probabilities. */
  public double a() {
    return model.a;
  }

  /** The second shape b of the beta distribution of dropout probabilities. */
  public double b() {
    return model.b;
  }

  /** Whether the model was fitted, rather than made from known parameters with {@link #of}. */
  public boolean isFitted() {
    return report != null;
  }

  /**
   * The log-likelihood of the data the model was fitted on, penalty excluded.
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

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Exactly 1 for a customer without repeat purchases: under BG/NBD a customer can only leave
   * right after a repeat purchase.
   */
  @Override
  public double probabilityAlive(Customer customer) {
    return model.probabilityAlive(customer.frequency(), customer.recency(), customer.age());
  }

  /**
   * P(alive) of a customer given by their figures, as {@link #probabilityAlive(Customer)}.
   *
   * @param frequency repeat purchases, at least 0
   * @param recency time from the first to the last purchase, in [0, age]
   * @param age time from the first purchase to the end of observation
   * @return a probability in [0, 1]
   */
  @Override
  public double probabilityAlive(int frequency, double recency, double age) {
    BetaGeometricNbd.checkFigures(frequency, recency, age);
    return model.probabilityAlive(frequency, recency, age);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fader, Hardie and Lee (2005), eq. 10, in a form without the removable singularity at a = 1.
   */
  @Override
  public double expectedPurchases(Customer customer, double t) {
    BetaGeometricNbd.checkHorizon(t);
    return model.expectedPurchases(customer.frequency(), customer.recency(), customer.age(), t);
  }

  /**
   * The expected purchases in the next {@code t} time units of a customer still active at the end
   * of observation; it does not depend on recency. {@link #expectedPurchases(Customer, double)} is
   * this times P(alive).
   *
   * @param frequency repeat purchases, at least 0
   * @param age time from the first purchase to the end of observation
   * @param t the horizon, at least 0
   * @return the expectation, finite and at least 0
   */
  @Override
  public double expectedPurchasesIfAlive(int frequency, double age, double t) {
    BetaGeometricNbd.checkFigures(frequency, 0, age);
    BetaGeometricNbd.checkHorizon(t);
    return model.expectedPurchasesIfAlive(frequency, age, t);
  }

  /** {@inheritDoc} Fader, Hardie and Lee (2005), eq. 9. */
  @Override
  public double expectedPurchases(double t) {
    BetaGeometricNbd.checkHorizon(t);
    return model.expectedPurchases(t);
  }

  /** {@inheritDoc} Fader, Hardie and Lee (2005), eq. 8. */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    return model.probabilityOfPurchases(n, t);
  }

  /** {@inheritDoc} Fader, Hardie and Lee (2005), eq. 6, evaluated on the base's distinct rows. */
  @Override
  public double logLikelihood(CustomerBase base) {
    DistinctRows rows = base.distinctRows();
    return new BetaGeometricNbd.Likelihood(rows, 0).value(r(), alpha(), a(), b(), null);
  }

  /**
   * Scores every customer of a base: P(alive) and the expected purchases in the next {@code t}
   * time units, written at the customer's position in each array. The expectation given activity
   * is computed once per distinct (frequency, age), and no object is created per customer.
   *
   * @param base the customers, in the model's time unit
   * @param t the horizon, finite and >= 0
   * @param probabilityAlive receives P(alive); length at least {@code base.size()}
   * @param expectedPurchases receives the expected purchases; length at least {@code base.size()}
   * @throws IllegalArgumentException if an array is too short or t is invalid
   */
  public void score(
      CustomerBase base, double t, double[] probabilityAlive, double[] expectedPurchases) {
    ExpectationTable.score(this, base, t, probabilityAlive, expectedPurchases);
  }

  /**
   * Simulates customers of one age, in continuous time.
   *
   * @param customers how many, at least 0
   * @param age the time from each customer's first purchase to the end of observation, in the
   *     model's time unit
   * @param seed the seed of the random stream; the same seed gives the same base
   * @return the simulated customers, with ids "1", "2", ..., in an unnamed time unit
   */
  public CustomerBase simulate(int customers, double age, long seed) {
    return simulate(BetaGeometricNbd.sameAges(customers, age), seed);
  }

  /**
   * Simulates one customer per given age, in continuous time: a purchase rate and a dropout
   * probability are drawn for each customer, then purchases until the customer leaves or the age
   * is reached.
   *
   * @param ages the time from each customer's first purchase to the end of observation
   * @param seed the seed of the random stream
   * @return the simulated customers, with ids "1", "2", ..., in an unnamed time unit
   */
  public CustomerBase simulate(double[] ages, long seed) {
    return model.simulate(ages, seed, null, 0);
  }

  /**
   * Simulates one customer per given age as a summary of a daily transaction log would record
   * them: purchases happen in continuous time, are recorded on whole days since the first
   * purchase, and purchases on one day count once (those on the first day not at all). Ages are
   * cut to whole days.
   *
   * @param unit the model's time unit: days, weeks, months or years (a week is 7 days, a month
   *     365.2425 / 12 days)
   * @param ages the time from each customer's first purchase to the end of observation, in {@code
   *     unit}
   * @param seed the seed of the random stream
   * @return the simulated customers in {@code unit}
   */
  public CustomerBase simulateDaily(ChronoUnit unit, double[] ages, long seed) {
    return model.simulate(ages, seed, requireNonNull(unit, "unit"), Units.daysPer(unit));
  }

  @Override
  public String toString() {
    if (report != null) {
      return report.toString();
    }
    return String.format(
        "%s with given parameters: r = %.4f, alpha = %.4f, a = %.4f, b = %.4f",
        NAME, r(), alpha(), a(), b());
  }

  /**
   * Settings of a BG/NBD fit, each settable once. Immutable: every setting returns a new fitter,
   * so one fitter can be kept and used for many bases, from any thread.
   *
   * @since 0.1
   */
  public static final class Fitter {

    private final FitSettings settings;

    private Fitter(FitSettings settings) {
      this.settings = settings;
    }

    /**
     * Adds {@code l2 * (r^2 + alpha^2 + a^2 + b^2)} to the mean negative log-likelihood per
     * customer, which keeps estimates finite on data that barely identify them. Note that alpha
     * depends on the time unit. Default 0.
     *
     * @param l2 the penalty coefficient, finite and >= 0
     * @return a fitter with the penalty
     */
    public Fitter penalty(double l2) {
      return new Fitter(settings.penalty(l2));
    }

    /**
     * Where the optimizer starts. By default r = 1, alpha = the mean age over the mean frequency
     * plus one, a = 1, b = 1.
     *
     * @param r start value of r, > 0
     * @param alpha start value of alpha, > 0
     * @param a start value of a, > 0
     * @param b start value of b, > 0
     * @return a fitter with these start values
     */
    public Fitter start(double r, double alpha, double a, double b) {
      return new Fitter(settings.start(PARAMETERS, r, alpha, a, b));
    }

    /**
     * The optimizer stops when every component of the gradient of the objective with respect to
     * the log-parameters is at most this times max(1, |objective|). Default 1e-8.
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
     * Fits the model.
     *
     * @param base the customers, at least one
     * @return the fitted model
     * @throws IllegalArgumentException if the base is empty
     * @throws FitException if the optimizer does not converge; its report holds the last point
     */
    public BgNbd fit(CustomerBase base) {
      checkArgument(!base.isEmpty(), "cannot fit %s on an empty base", NAME);
      return fit(base.distinctRows());
    }

    /**
     * Fits the model to distinct rows counted elsewhere; the same fit as on the base they
     * summarize.
     *
     * @param rows the distinct (frequency, recency, age) rows with counts, at least one
     * @return the fitted model
     * @throws IllegalArgumentException if there are no rows
     * @throws FitException if the optimizer does not converge; its report holds the last point
     */
    public BgNbd fit(DistinctRows rows) {
      checkArgument(rows.size() > 0, "cannot fit %s on no rows", NAME);
      BetaGeometricNbd.Likelihood likelihood = new BetaGeometricNbd.Likelihood(rows, 0);
      MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(
          NAME,
          PARAMETERS,
          (p, gradient) -> likelihood.value(p[0], p[1], p[2], p[3], gradient),
          (p, hessian) -> likelihood.hessian(p[0], p[1], p[2], p[3], hessian),
          likelihood.customers(),
          likelihood.rows(),
          settings.start(BetaGeometricNbd.defaultStart(rows)),
          settings,
          LOG);
      double[] p = estimate.parameters();
      return new BgNbd(new BetaGeometricNbd(p[0], p[1], p[2], p[3], 0), estimate.report());
    }

    @Override
    public String toString() {
      return NAME + " fitter: " + settings;
    }
  }
}
