package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;

/**
 * The methods BG/NBD and MBG/NBD share: the two differ only in whether a customer may leave right
 * after the first purchase, which {@link BetaGeometricNbd} holds as its offset, so everything a
 * user calls on either model is written once, here.
 */
abstract class BetaGeometricFamily extends ParametricModel implements PurchaseModel, AliveFactored {

  static final List<String> PARAMETERS = List.of("r", "alpha", "a", "b");

  final BetaGeometricNbd model;

  BetaGeometricFamily(String name, BetaGeometricNbd model, FitReport report) {
    super(name, PARAMETERS, report);
    this.model = model;
  }

  @Override
  final double[] parameters() {
    return new double[] {model.r, model.alpha, model.a, model.b};
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
   * <p>Evaluated in a form without the removable singularity at a = 1.
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

  @Override
  public double expectedPurchases(double t) {
    BetaGeometricNbd.checkHorizon(t);
    return model.expectedPurchases(t);
  }

  @Override
  public double probabilityOfPurchases(int n, double t) {
    return model.probabilityOfPurchases(n, t);
  }

  /** {@inheritDoc} Evaluated on the base's distinct rows. */
  @Override
  public double logLikelihood(CustomerBase base) {
    DistinctRows rows = base.distinctRows();
    return new BetaGeometricNbd.Likelihood(rows, model.offset).value(r(), alpha(), a(), b(), null);
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
   * @throws IllegalArgumentException if an age is negative or not finite, or if a customer would
   *     buy more than ten million times on average, which a simulation drawing every purchase does
   *     not support
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

  /**
   * Fits a model of the family to distinct rows and makes it with {@code make}.
   *
   * @param offset 0 for BG/NBD, 1 for MBG/NBD, as in {@link BetaGeometricNbd}
   */
  static <M> M fit(
      String name,
      int offset,
      DistinctRows rows,
      FitSettings settings,
      Logger log,
      BiFunction<BetaGeometricNbd, FitReport, M> make) {
    requireNonNull(rows, "rows");
    checkArgument(rows.size() > 0, "cannot fit %s on no rows", name);
    BetaGeometricNbd.Likelihood likelihood = new BetaGeometricNbd.Likelihood(rows, offset);
    MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(
        name,
        PARAMETERS,
        (p, gradient) -> likelihood.value(p[0], p[1], p[2], p[3], gradient),
        (p, hessian) -> likelihood.hessian(p[0], p[1], p[2], p[3], hessian),
        likelihood.customers(),
        likelihood.rows(),
        settings.start(BetaGeometricNbd.defaultStart(rows)),
        settings,
        log);
    double[] p = estimate.parameters();
    return make.apply(new BetaGeometricNbd(p[0], p[1], p[2], p[3], offset), estimate.report());
  }
}
