package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.ValuationTerms;
import java.time.temporal.ChronoUnit;

/**
 * The expected discounted value of customers over a horizon: margin times expected average spend
 * times the discounted expected number of purchases, for any {@link PurchaseModel} and {@link
 * SpendModel}.
 *
 * <pre>{@code
 * CustomerValue value = CustomerValue.of(bgNbd, gammaGamma)
 *     .horizon(52)                 // in the base's time unit, here weeks
 *     .annualDiscountRate(0.10)
 *     .margin(0.3);
 * value.value(customer);           // needs .unit(WEEKS) when a discount rate is set
 * value.score(base, pAlive, purchases, values);
 * }</pre>
 *
 * <p><b>Discounting</b> follows the library's valuation rule ({@link ValuationTerms}, {@link
 * dev.ltv.core.FittedLtvModel#value}), so values agree with every other strategy's: the horizon is
 * cut into periods of one unit (the last one shorter when the horizon is not a whole number of
 * units), and the expected purchases of each period, {@code E(t_k) - E(t_k-1)} from the purchase
 * model, are discounted from the period's end {@code t_k} by {@code (1 + rate)^-(t_k years)}. The
 * rate is annual and applied on the calendar of the time unit: a day is 1 / 365.2425 of a year, a
 * week 7 / 365.2425, a month 1 / 12, a year 1. With a rate of 0 the result is the expected number
 * of purchases over the horizon.
 *
 * <p><b>Settings</b> are named after the property, each settable once; every setting returns a new
 * immutable instance, safe to share between threads. The horizon must be set; the rate defaults to
 * 0, the margin to 1, the unit to the base's.
 *
 * <p><b>Speed.</b> For BG/NBD and MBG/NBD (and any model whose expected purchases factor into
 * P(alive) times an expectation that depends on frequency and age only), {@link #score} computes
 * that expectation once per distinct (frequency, age) and creates no object per customer; other
 * models are asked customer by customer.
 *
 * @since 0.1
 */
public final class CustomerValue {

  /** The most periods a horizon may be cut into. */
  private static final double MAX_PERIODS = 1e6;

  private final PurchaseModel purchases;
  private final SpendModel spend;
  private final double horizon;
  private final double annualDiscountRate;
  private final double margin;
  private final ChronoUnit unit;

  private CustomerValue(
      PurchaseModel purchases,
      SpendModel spend,
      double horizon,
      double annualDiscountRate,
      double margin,
      ChronoUnit unit) {
    this.purchases = purchases;
    this.spend = spend;
    this.horizon = horizon;
    this.annualDiscountRate = annualDiscountRate;
    this.margin = margin;
    this.unit = unit;
  }

  /**
   * The value of customers under a purchase model and a spend model, fitted on the same base.
   *
   * @param purchases the model of when customers buy
   * @param spend the model of how much they spend per purchase
   * @return the valuation, to be given at least a {@link #horizon(double) horizon}
   */
  public static CustomerValue of(PurchaseModel purchases, SpendModel spend) {
    return new CustomerValue(
        requireNonNull(purchases, "purchases"),
        requireNonNull(spend, "spend"),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        null);
  }

  /**
   * The value of customers under a purchase model and a spend model on the given terms.
   *
   * @param purchases the model of when customers buy
   * @param spend the model of how much they spend per purchase
   * @param terms the unit, horizon, annual discount rate and margin
   * @return the valuation, every setting already made
   */
  public static CustomerValue of(PurchaseModel purchases, SpendModel spend, ValuationTerms terms) {
    return of(purchases, spend)
        .unit(terms.unit())
        .horizon(terms.horizon())
        .annualDiscountRate(terms.annualDiscountRate())
        .margin(terms.margin());
  }

  /**
   * How far ahead to value purchases, in the base's time unit.
   *
   * @param units the horizon, finite and > 0
   * @return a valuation with this horizon
   * @throws IllegalStateException if the horizon was already set
   */
  public CustomerValue horizon(double units) {
    checkState(Double.isNaN(horizon), "horizon was already set to %s", horizon);
    checkArgument(
        Double.isFinite(units) && units > 0, "horizon must be finite and > 0, was %s", units);
    return new CustomerValue(purchases, spend, units, annualDiscountRate, margin, unit);
  }

  /**
   * The annual discount rate, such as 0.10 for 10% a year. Default 0.
   *
   * @param rate the rate, finite and >= 0
   * @return a valuation with this rate
   * @throws IllegalStateException if the rate was already set
   */
  public CustomerValue annualDiscountRate(double rate) {
    checkState(
        Double.isNaN(annualDiscountRate),
        "annualDiscountRate was already set to %s",
        annualDiscountRate);
    checkArgument(
        Double.isFinite(rate) && rate >= 0,
        "annualDiscountRate must be finite and >= 0, was %s",
        rate);
    return new CustomerValue(purchases, spend, horizon, rate, margin, unit);
  }

  /**
   * The share of a purchase's value that is profit. Default 1 (value revenue).
   *
   * @param share the margin, in (0, 1]
   * @return a valuation with this margin
   * @throws IllegalStateException if the margin was already set
   */
  public CustomerValue margin(double share) {
    checkState(Double.isNaN(margin), "margin was already set to %s", margin);
    checkArgument(share > 0 && share <= 1, "margin must be in (0, 1], was %s", share);
    return new CustomerValue(purchases, spend, horizon, annualDiscountRate, share, unit);
  }

  /**
   * The time unit of the models' data, for valuing single customers with a discount rate. When
   * scoring a base whose unit is known, the two must agree.
   *
   * @param timeUnit days, weeks, months or years
   * @return a valuation in this unit
   * @throws IllegalStateException if the unit was already set
   */
  public CustomerValue unit(ChronoUnit timeUnit) {
    checkState(unit == null, "unit was already set to %s", unit);
    requireNonNull(timeUnit, "unit");
    checkArgument(
        timeUnit == ChronoUnit.DAYS
            || timeUnit == ChronoUnit.WEEKS
            || timeUnit == ChronoUnit.MONTHS
            || timeUnit == ChronoUnit.YEARS,
        "unit must be DAYS, WEEKS, MONTHS or YEARS, was %s",
        timeUnit);
    return new CustomerValue(purchases, spend, horizon, annualDiscountRate, margin, timeUnit);
  }

  /**
   * The expected discounted value of a customer's purchases over the horizon: margin times
   * expected average spend times {@link #discountedPurchases(Customer)}.
   *
   * @param customer the customer
   * @return the value, finite; of the sign of the expected average spend
   * @throws IllegalStateException if the horizon is not set, or a discount rate is set without a
   *     unit
   * @throws ArithmeticException if the spend model's expectation is infinite for this customer
   */
  public double value(Customer customer) {
    return margin() * spend.expectedAverageSpend(customer) * discountedPurchases(customer);
  }

  /**
   * The expected number of purchases over the horizon, each period's discounted from its end to
   * the end of observation.
   *
   * @param customer the customer
   * @return the discounted expected purchases, finite and >= 0
   * @throws IllegalStateException if the horizon is not set, or a discount rate is set without a
   *     unit
   */
  public double discountedPurchases(Customer customer) {
    PeriodGrid periods = periods(unit);
    if (purchases instanceof AliveFactored factored) {
      int x = customer.frequency();
      double age = customer.age();
      double alive = factored.probabilityAlive(x, customer.recency(), age);
      double previous = 0;
      double total = 0;
      for (int k = 1; k < periods.ends.length; k++) {
        double e = factored.expectedPurchasesIfAlive(x, age, periods.ends[k]);
        total += periods.weights[k] * Math.max(0, e - previous);
        previous = Math.max(previous, e);
      }
      return alive * total;
    }
    return discountedByModel(customer, periods);
  }

  /**
   * Scores every customer of a base: P(alive), expected purchases over the horizon (not
   * discounted) and value, written at the customer's position in each array.
   *
   * @param base the customers, in the unit of the models (the unit set here, if any, must match
   *     the base's)
   * @param probabilityAlive receives P(alive); length at least {@code base.size()}
   * @param expectedPurchases receives expected purchases over the horizon; same length
   * @param value receives the discounted value; same length
   * @throws IllegalArgumentException if an array is too short, or the base's unit disagrees with
   *     the unit set here
   * @throws IllegalStateException if the horizon is not set, or a discount rate is set and neither
   *     this valuation nor the base has a unit
   * @throws ArithmeticException if the spend model's expectation is infinite for a customer
   */
  public void score(
      CustomerBase base, double[] probabilityAlive, double[] expectedPurchases, double[] value) {
    int n = base.size();
    ExpectationTable.checkLength("probabilityAlive", probabilityAlive, n);
    ExpectationTable.checkLength("expectedPurchases", expectedPurchases, n);
    ExpectationTable.checkLength("value", value, n);
    ChronoUnit baseUnit = base.unit().orElse(null);
    checkArgument(
        unit == null || baseUnit == null || unit == baseUnit,
        "unit was set to %s but the base is in %s",
        unit,
        baseUnit);
    PeriodGrid periods = periods(unit != null ? unit : baseUnit);
    double share = margin();
    SpendByFigures spendByFigures = spend instanceof SpendByFigures s ? s : null;
    if (purchases instanceof AliveFactored factored) {
      RowScores rows =
          new RowScores(factored, new ExpectationTable(factored, periods.ends, periods.weights));
      for (int i = 0; i < n; i++) {
        int x = base.frequency(i);
        int row = rows.row(x, base.recency(i), base.age(i));
        double alive = rows.alive(row);
        double averageSpend = spendByFigures != null
            ? spendByFigures.expectedAverageSpend(x, base.averageSpend(i))
            : spend.expectedAverageSpend(base.customer(i));
        probabilityAlive[i] = alive;
        expectedPurchases[i] = alive * rows.total(row);
        value[i] = share * averageSpend * alive * rows.discounted(row);
      }
    } else {
      for (int i = 0; i < n; i++) {
        Customer c = base.customer(i);
        probabilityAlive[i] = purchases.probabilityAlive(c);
        expectedPurchases[i] = purchases.expectedPurchases(c, horizon);
        value[i] = share * spend.expectedAverageSpend(c) * discountedByModel(c, periods);
      }
    }
  }

  private double discountedByModel(Customer customer, PeriodGrid periods) {
    double previous = 0;
    double total = 0;
    for (int k = 1; k < periods.ends.length; k++) {
      double e = purchases.expectedPurchases(customer, periods.ends[k]);
      total += periods.weights[k] * Math.max(0, e - previous);
      previous = Math.max(previous, e);
    }
    return total;
  }

  private double margin() {
    return Double.isNaN(margin) ? 1.0 : margin;
  }

  private double rate() {
    return Double.isNaN(annualDiscountRate) ? 0.0 : annualDiscountRate;
  }

  /** The period ends (starting at 0) and each period's discount factor, for a time unit. */
  private PeriodGrid periods(ChronoUnit timeUnit) {
    checkState(!Double.isNaN(horizon), "horizon is not set");
    double rate = rate();
    checkState(
        rate == 0 || timeUnit != null,
        "a discount rate of %s needs the time unit: set unit(..) or use a base with a unit",
        rate);
    double periods = Math.ceil(horizon);
    checkArgument(
        periods <= MAX_PERIODS,
        "a horizon of %s units makes more than %s periods; value over a coarser unit",
        horizon,
        MAX_PERIODS);
    int count = (int) periods;
    double[] ends = new double[count + 1];
    double[] weights = new double[count + 1];
    double perUnit = timeUnit == null ? 0 : -Units.yearsPer(timeUnit) * Math.log1p(rate);
    for (int k = 1; k <= count; k++) {
      ends[k] = Math.min(k, horizon);
      weights[k] = Math.exp(perUnit * ends[k]);
    }
    return new PeriodGrid(ends, weights);
  }

  private record PeriodGrid(double[] ends, double[] weights) {}

  @Override
  public String toString() {
    return String.format(
        "CustomerValue[%s x %s, horizon %s, annual discount rate %s, margin %s, unit %s]",
        purchases.name(),
        spend.name(),
        Double.isNaN(horizon) ? "not set" : horizon,
        rate(),
        margin(),
        unit == null ? "the base's" : unit.toString().toLowerCase(java.util.Locale.ROOT));
  }
}
