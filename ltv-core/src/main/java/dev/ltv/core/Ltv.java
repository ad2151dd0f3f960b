package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The one chain from transactions, or a customer base, to a valued report:
 *
 * <pre>{@code
 * LtvReport report = Ltv.from(log)
 *     .unit(ChronoUnit.WEEKS)
 *     .observationEnd(LocalDate.of(1997, 9, 30))
 *     .model(strategy)              // any LtvModel, such as BG/NBD with Gamma-Gamma
 *     .horizon(52)                  // in units: a year of weeks
 *     .annualDiscountRate(0.10)
 *     .margin(0.30)
 *     .report();
 * report.top(10);
 * report.tiers();
 * report.churnRisk(0.3);
 * }</pre>
 *
 * <p>Each setting can be made once and is checked when it is made: a bad value fails at that
 * call, naming the setting and the value; a setting that conflicts with the source fails naming
 * both. The model and the horizon are required; the discount rate defaults to 0 and the margin to
 * 1 (revenue). From a log, the unit defaults to days (or the grouping period) and the end of
 * observation to the last date in the log, as in {@link Summarizer}.
 *
 * <p>Not thread-safe; the report it makes is immutable.
 *
 * @since 0.1
 */
public final class Ltv {

  private final TransactionLog log;
  private final CustomerBase base;
  private ChronoUnit unit;
  private LocalDate observationEnd;
  private ChronoUnit grouping;
  private LtvModel model;
  private double horizon = Double.NaN;
  private double annualDiscountRate = Double.NaN;
  private double margin = Double.NaN;

  private Ltv(TransactionLog log, CustomerBase base) {
    this.log = log;
    this.base = base;
  }

  /**
   * Starts from transactions, which are summarized per customer before valuation.
   *
   * @param log the transactions
   * @return the chain
   */
  public static Ltv from(TransactionLog log) {
    return new Ltv(requireNonNull(log, "log"), null);
  }

  /**
   * Starts from customers already summarized.
   *
   * @param base the customers
   * @return the chain
   */
  public static Ltv from(CustomerBase base) {
    return new Ltv(null, requireNonNull(base, "base"));
  }

  /**
   * The time unit of recency, age and the horizon. For a base it may only name the unit of a base
   * built without one.
   *
   * @param unit days, weeks, months or years
   * @return this chain
   * @throws IllegalArgumentException if the unit is not supported, or differs from the base's
   * @throws IllegalStateException if it was already set
   */
  public Ltv unit(ChronoUnit unit) {
    requireNonNull(unit, "unit");
    checkState(this.unit == null, "unit was already set to %s", name(this.unit));
    Periods.checkSupported(unit);
    if (base != null) {
      base.unit()
          .ifPresent(u -> checkArgument(
              u == unit, "unit %s conflicts with the base's unit %s", unit.name(), u.name()));
    }
    if (grouping != null) {
      Periods.checkUnitFits(unit, grouping, "groupBy");
    }
    this.unit = unit;
    return this;
  }

  /**
   * The last day observed, included; transactions after it are ignored. Only for a log.
   *
   * @param end the day
   * @return this chain
   * @throws IllegalStateException if it was already set, or the chain starts from a base
   */
  public Ltv observationEnd(LocalDate end) {
    requireNonNull(end, "end");
    checkState(
        log != null, "observationEnd applies to transactions; the base was summarized already");
    checkState(observationEnd == null, "observationEnd was already set to %s", observationEnd);
    this.observationEnd = end;
    return this;
  }

  /**
   * Counts purchases in the same calendar period once, as {@link Summarizer#groupBy(ChronoUnit)}:
   * the form the discrete-time strategies (BG/BB, cohort retention) need. Only for a log.
   *
   * @param period the calendar period
   * @return this chain
   * @throws IllegalArgumentException if the unit set conflicts with the period
   * @throws IllegalStateException if it was already set, or the chain starts from a base
   */
  public Ltv groupBy(ChronoUnit period) {
    requireNonNull(period, "period");
    checkState(log != null, "groupBy applies to transactions; the base was summarized already");
    checkState(grouping == null, "groupBy was already set to %s", name(grouping));
    Periods.checkPeriod(period);
    if (unit != null) {
      Periods.checkUnitFits(unit, period, "groupBy");
    }
    this.grouping = period;
    return this;
  }

  /**
   * The valuation strategy.
   *
   * @param model the strategy, fitted on the customers when the report is made
   * @return this chain
   * @throws IllegalStateException if it was already set
   */
  public Ltv model(LtvModel model) {
    requireNonNull(model, "model");
    checkState(this.model == null, "model was already set to %s", nameOf(this.model));
    this.model = model;
    return this;
  }

  /**
   * How far ahead to value, in units.
   *
   * @param horizon finite and above 0
   * @return this chain
   * @throws IllegalArgumentException if the horizon is not finite and above 0
   * @throws IllegalStateException if it was already set
   */
  public Ltv horizon(double horizon) {
    checkState(Double.isNaN(this.horizon), "horizon was already set to %s", this.horizon);
    checkArgument(
        Double.isFinite(horizon) && horizon > 0,
        "horizon must be finite and above 0, was %s",
        horizon);
    this.horizon = horizon;
    return this;
  }

  /**
   * The yearly rate at which future money is discounted, such as 0.10 for 10%; defaults to 0.
   *
   * @param rate finite and at least 0
   * @return this chain
   * @throws IllegalArgumentException if the rate is negative or not finite
   * @throws IllegalStateException if it was already set
   */
  public Ltv annualDiscountRate(double rate) {
    checkState(
        Double.isNaN(annualDiscountRate),
        "annualDiscountRate was already set to %s",
        annualDiscountRate);
    checkArgument(
        Double.isFinite(rate) && rate >= 0,
        "annualDiscountRate must be finite and at least 0, was %s",
        rate);
    this.annualDiscountRate = rate;
    return this;
  }

  /**
   * The share of revenue kept as profit; defaults to 1, which values revenue.
   *
   * @param margin in (0, 1]
   * @return this chain
   * @throws IllegalArgumentException if the margin is not in (0, 1]
   * @throws IllegalStateException if it was already set
   */
  public Ltv margin(double margin) {
    checkState(Double.isNaN(this.margin), "margin was already set to %s", this.margin);
    checkArgument(
        margin > 0 && margin <= 1, "margin must be in (0, 1], a share of revenue, was %s", margin);
    this.margin = margin;
    return this;
  }

  /**
   * Summarizes the log if the chain starts from one, fits the strategy and values every customer.
   *
   * @return the report
   * @throws IllegalStateException if the model or the horizon is missing, or the base has no unit
   */
  public LtvReport report() {
    checkState(model != null, "no model: call model(..) with a valuation strategy");
    checkState(!Double.isNaN(horizon), "no horizon: call horizon(..) with the units to value");
    CustomerBase customers = base != null ? base : summarize();
    ChronoUnit valuationUnit = unit != null ? unit : customers.unit().orElse(null);
    checkState(
        valuationUnit != null,
        "the base has no time unit: call unit(..) or build it with CustomerBase.of(unit, ..)");
    ValuationTerms terms = ValuationTerms.of(
        valuationUnit,
        horizon,
        Double.isNaN(annualDiscountRate) ? 0 : annualDiscountRate,
        Double.isNaN(margin) ? 1 : margin);
    FittedLtvModel fitted = requireNonNull(model.fit(customers), "the fitted model");
    return LtvReport.of(customers, fitted, terms);
  }

  private CustomerBase summarize() {
    Summarizer summarizer = log.summarizer();
    if (unit != null) {
      summarizer.unit(unit);
    }
    if (grouping != null) {
      summarizer.groupBy(grouping);
    }
    if (observationEnd != null) {
      summarizer.observationEnd(observationEnd);
    }
    return summarizer.summarize();
  }

  private static String name(ChronoUnit unit) {
    return unit == null ? "null" : unit.name();
  }

  private static String nameOf(LtvModel model) {
    return model == null ? "null" : model.name();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Ltv[from %s, unit=%s, model=%s, horizon=%s, annualDiscountRate=%s, margin=%s]",
        log != null ? "a log of " + log.size() + " transactions" : "a base of " + base.size(),
        unit == null ? "default" : unit.name(),
        nameOf(model),
        Double.isNaN(horizon) ? "unset" : horizon,
        Double.isNaN(annualDiscountRate) ? "0 (default)" : annualDiscountRate,
        Double.isNaN(margin) ? "1 (default)" : margin);
  }
}
