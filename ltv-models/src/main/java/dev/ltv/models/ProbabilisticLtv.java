package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.FittedLtvModel;
import dev.ltv.core.LtvModel;
import dev.ltv.core.ValuationTerms;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Valuation by a probabilistic purchase model (BG/NBD, Pareto/NBD, MBG/NBD, BG/BB, ...) with a
 * spend model (Gamma-Gamma): a customer's value is the discounted expected number of their
 * purchases in the horizon, times their expected spend per purchase, times the margin.
 *
 * <pre>{@code
 * LtvReport report = Ltv.from(log).unit(WEEKS).observationEnd(end)
 *     .model(ProbabilisticLtv.bgNbd())      // BG/NBD and Gamma-Gamma, fitted on the base
 *     .horizon(52).annualDiscountRate(0.10).margin(0.30)
 *     .report();
 * }</pre>
 *
 * <p>The models are either fitted on the base when the strategy is ({@link #fitting}, {@link
 * #bgNbd()}, {@link #paretoNbd()}, {@link #modifiedBgNbd()}), or given already fitted ({@link
 * #of}); in the second case they must have been fitted on data in the unit of the bases valued with
 * them. Probabilities and expectations come from the models as they are; see {@link PurchaseModel}
 * and {@link SpendModel} for what each means. Values are computed by {@link CustomerValue}, which
 * follows the rule of {@link FittedLtvModel#value}; a spend model's negative expectation, if it
 * ever gave one, would count as 0.
 *
 * @since 0.1
 */
public final class ProbabilisticLtv implements LtvModel {

  private final String name;
  private final Function<CustomerBase, ? extends PurchaseModel> purchases;
  private final Function<CustomerBase, ? extends SpendModel> spend;

  private ProbabilisticLtv(
      String name,
      Function<CustomerBase, ? extends PurchaseModel> purchases,
      Function<CustomerBase, ? extends SpendModel> spend) {
    this.name = name;
    this.purchases = purchases;
    this.spend = spend;
  }

  /**
   * The strategy with models already fitted; {@link #fit(CustomerBase)} only records the base's
   * unit.
   *
   * @param purchases the purchase model
   * @param spend the spend model
   * @return the strategy, named after the two models, such as {@code BG/NBD + Gamma-Gamma}
   */
  public static ProbabilisticLtv of(PurchaseModel purchases, SpendModel spend) {
    requireNonNull(purchases, "purchases");
    requireNonNull(spend, "spend");
    return new ProbabilisticLtv(
        purchases.name() + " + " + spend.name(), base -> purchases, base -> spend);
  }

  /** BG/NBD for purchases and Gamma-Gamma for spend, both fitted on the base valued. */
  public static ProbabilisticLtv bgNbd() {
    return fitting("BG/NBD + Gamma-Gamma", BgNbd::fit, GammaGamma::fit);
  }

  /** Pareto/NBD for purchases and Gamma-Gamma for spend, both fitted on the base valued. */
  public static ProbabilisticLtv paretoNbd() {
    return fitting("Pareto/NBD + Gamma-Gamma", ParetoNbd::fit, GammaGamma::fit);
  }

  /** MBG/NBD for purchases and Gamma-Gamma for spend, both fitted on the base valued. */
  public static ProbabilisticLtv modifiedBgNbd() {
    return fitting("MBG/NBD + Gamma-Gamma", ModifiedBgNbd::fit, GammaGamma::fit);
  }

  /**
   * The strategy that fits both models on the base it values.
   *
   * @param name the strategy's stable name, such as {@code BG/NBD + Gamma-Gamma}
   * @param purchases fits the purchase model, such as {@code BgNbd::fit}
   * @param spend fits the spend model, such as {@code GammaGamma::fit}
   * @return the strategy
   */
  public static ProbabilisticLtv fitting(
      String name,
      Function<CustomerBase, ? extends PurchaseModel> purchases,
      Function<CustomerBase, ? extends SpendModel> spend) {
    requireNonNull(name, "name");
    requireNonNull(purchases, "purchases");
    requireNonNull(spend, "spend");
    return new ProbabilisticLtv(name, purchases, spend);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Fits the models on the base, unless they were given.
   *
   * @param base the customers
   * @return the fitted strategy
   * @throws FitException if a model cannot be fitted
   */
  @Override
  public Fitted fit(CustomerBase base) {
    requireNonNull(base, "base");
    PurchaseModel purchaseModel = requireNonNull(purchases.apply(base), "the purchase model");
    SpendModel spendModel = requireNonNull(spend.apply(base), "the spend model");
    return new Fitted(name, purchaseModel, spendModel, base.unit().orElse(null));
  }

  @Override
  public String toString() {
    return "ProbabilisticLtv[" + name + "]";
  }

  /**
   * A purchase model and a spend model ready to value customers.
   *
   * @since 0.1
   */
  public static final class Fitted implements FittedLtvModel {

    private final String name;
    private final PurchaseModel purchases;
    private final SpendModel spend;
    private final ChronoUnit unit;

    private Fitted(String name, PurchaseModel purchases, SpendModel spend, ChronoUnit unit) {
      this.name = name;
      this.purchases = purchases;
      this.spend = spend;
      this.unit = unit;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<ChronoUnit> unit() {
      return Optional.ofNullable(unit);
    }

    /** The purchase model. */
    public PurchaseModel purchaseModel() {
      return purchases;
    }

    /** The spend model. */
    public SpendModel spendModel() {
      return spend;
    }

    @Override
    public double probabilityAlive(Customer customer) {
      return purchases.probabilityAlive(customer);
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      return purchases.expectedPurchases(customer, t);
    }

    /** The computation of {@link CustomerValue} for these terms. */
    private CustomerValue valuation(ValuationTerms terms) {
      unit()
          .ifPresent(u -> checkArgument(
              u == terms.unit(),
              "the terms are in %s but %s was fitted on a base in %s",
              terms.unit().name(),
              name,
              u.name()));
      return CustomerValue.of(purchases, spend, terms);
    }

    @Override
    public double value(Customer customer, ValuationTerms terms) {
      requireNonNull(customer, "customer");
      requireNonNull(terms, "terms");
      return terms.margin()
          * expectedSpend(customer)
          * valuation(terms).discountedPurchases(customer);
    }

    @Override
    public void score(
        CustomerBase base,
        ValuationTerms terms,
        double[] probabilityAlive,
        double[] expectedPurchases,
        double[] expectedSpend,
        double[] value) {
      requireNonNull(base, "base");
      requireNonNull(terms, "terms");
      requireNonNull(expectedSpend, "expectedSpend");
      checkArgument(
          expectedSpend.length >= base.size(), "every array must hold %s customers", base.size());
      valuation(terms).score(base, probabilityAlive, expectedPurchases, value);
      SpendByFigures byFigures = spend instanceof SpendByFigures s ? s : null;
      for (int i = 0; i < base.size(); i++) {
        double perPurchase = byFigures != null
            ? byFigures.expectedAverageSpend(base.frequency(i), base.averageSpend(i))
            : spend.expectedAverageSpend(base.customer(i));
        expectedSpend[i] = Math.max(0, perPurchase);
        value[i] = Math.max(0, value[i]);
      }
    }

    @Override
    public double[] expectedPurchasesByPeriod(Customer customer, ValuationTerms terms) {
      if (purchases instanceof PurchaseCurve curve) {
        double[] ends = new double[terms.periods()];
        for (int k = 1; k <= ends.length; k++) {
          ends[k - 1] = terms.periodEnd(k);
        }
        return curve.expectedPurchases(customer, ends);
      }
      return FittedLtvModel.super.expectedPurchasesByPeriod(customer, terms);
    }

    /** The spend model's expected average spend, never below 0. */
    @Override
    public double expectedSpend(Customer customer) {
      return Math.max(0, spend.expectedAverageSpend(customer));
    }

    @Override
    public double expectedPurchases(double t) {
      return purchases.expectedPurchases(t);
    }

    /** The spend model's expected spend of a new customer, never below 0. */
    @Override
    public double expectedSpend() {
      return Math.max(0, spend.expectedAverageSpend());
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s%n%s", purchases, spend);
    }
  }
}
