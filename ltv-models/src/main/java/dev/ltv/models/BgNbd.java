package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
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
 * <p>A customer without repeat purchases has P(alive) exactly 1: under BG/NBD a customer can only
 * leave right after a repeat purchase. The formulas are eq. 6 (likelihood), 8 (probability of n
 * purchases), 9 (expected purchases of a new customer) and 10 (conditional expectation) of the
 * paper.
 *
 * <p><b>Fitting.</b> Maximum likelihood on the base's distinct (frequency, recency, age) rows with
 * counts, by a quasi-Newton method on the logs of the parameters with the analytic gradient,
 * stopping when the gradient of the mean negative log-likelihood is below the tolerance (relative,
 * default 1e-8) within the iteration limit (default 500); where the likelihood's values no longer
 * resolve the last steps, up to five Newton steps on the gradient finish the fit. A fit that stops
 * short throws a {@link FitException} whose report holds the last point; a fit never quietly
 * returns an unconverged estimate. Standard errors come from the analytic observed information.
 * Use {@link #fitter()} for a penalty, start values or other limits.
 *
 * <p><b>Accuracy.</b> At the same parameters, P(alive) and conditional expectations agree with
 * independent reference values (lifetimes, checked with mpmath at 30 digits) to a relative 1e-12 on
 * all 2,357 CDNOW customers. For valid input no method returns NaN or an infinity, also for
 * customers with thousands of purchases, recency equal to age, tiny ages or extreme parameters.
 *
 * <p><b>Limitations.</b> With r in the thousands and horizons many times alpha plus the age, an
 * expectation can take seconds: the hypergeometric function is then slow to evaluate.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BgNbd extends BetaGeometricFamily {

  private static final Logger LOG = LoggerFactory.getLogger(BgNbd.class);
  private static final String NAME = "BG/NBD";

  private BgNbd(BetaGeometricNbd model, FitReport report) {
    super(NAME, model, report);
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

  /**
   * Settings of a BG/NBD fit, each settable once. Immutable: every setting returns a new fitter,
   * so one fitter can be kept and used for many bases, from any thread.
   *
   * @since 0.1
   */
  public static final class Fitter extends ModelFitter<Fitter> {

    private Fitter(FitSettings settings) {
      super(NAME, settings);
    }

    @Override
    Fitter with(FitSettings settings) {
      return new Fitter(settings);
    }

    /**
     * Where the optimizer starts. By default r = 1, a = 1, b = 1 and alpha = the mean age over the
     * mean frequency, so that the mean purchase rate r / alpha matches the data.
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
      return BetaGeometricFamily.fit(NAME, 0, rows, settings, LOG, BgNbd::new);
    }
  }
}
