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
abstract class BetaGeometricFamily extends BuyTillYouDieModel {

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

  @Override
  final CustomerBase simulate(double[] ages, long seed, ChronoUnit unit, double daysPerUnit) {
    return model.simulate(ages, seed, unit, daysPerUnit);
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
