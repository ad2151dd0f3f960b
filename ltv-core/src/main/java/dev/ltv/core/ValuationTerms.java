package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;

/**
 * The terms on which customers are valued: the time unit, how far ahead to look, the annual rate at
 * which future money is discounted, and the share of revenue that is profit.
 *
 * <p><b>Periods and discounting.</b> The horizon is cut into periods of one unit each, the last one
 * shorter when the horizon is not a whole number of units. The value earned in a period is
 * discounted from the period's end: a period ending at time {@code t} (in units after the end of
 * observation) is worth {@code (1 + annualDiscountRate) ^ (-t * years per unit)} of its face value.
 * Years per unit use the mean Gregorian year, as everywhere in this library (a week is 7 / 365.2425
 * years, a month a twelfth of a year). A rate of 0 means no discounting.
 *
 * @param unit the time unit of the customers' recency and age, and of the horizon: days, weeks,
 *     months or years
 * @param horizon how many units ahead to value; finite and above 0
 * @param annualDiscountRate the yearly discount rate, such as {@code 0.10} for 10%; finite and at
 *     least 0
 * @param margin the share of revenue kept as profit, in {@code (0, 1]}; 1 values revenue itself
 * @since 0.1
 */
public record ValuationTerms(
    ChronoUnit unit, double horizon, double annualDiscountRate, double margin) {

  /**
   * Checks every term, naming the one that is wrong and its value.
   *
   * @param unit the time unit: days, weeks, months or years
   * @param horizon how many units ahead to value; finite and above 0
   * @param annualDiscountRate the yearly discount rate; finite and at least 0
   * @param margin the share of revenue kept as profit, in {@code (0, 1]}
   */
  public ValuationTerms {
    requireNonNull(unit, "unit");
    Periods.checkSupported(unit);
    checkArgument(
        Double.isFinite(horizon) && horizon > 0,
        "horizon must be finite and above 0, was %s",
        horizon);
    checkArgument(
        Double.isFinite(annualDiscountRate) && annualDiscountRate >= 0,
        "annualDiscountRate must be finite and at least 0, was %s",
        annualDiscountRate);
    checkArgument(
        margin > 0 && margin <= 1, "margin must be in (0, 1], a share of revenue, was %s", margin);
  }

  /**
   * Shorthand for the constructor.
   *
   * @param unit the time unit: days, weeks, months or years
   * @param horizon how many units ahead to value; finite and above 0
   * @param annualDiscountRate the yearly discount rate; finite and at least 0
   * @param margin the share of revenue kept as profit, in {@code (0, 1]}
   * @return the terms
   */
  public static ValuationTerms of(
      ChronoUnit unit, double horizon, double annualDiscountRate, double margin) {
    return new ValuationTerms(unit, horizon, annualDiscountRate, margin);
  }

  /** The length of one unit in years, on the mean Gregorian calendar. */
  public double yearsPerUnit() {
    return Periods.daysPer(unit) / Periods.daysPer(ChronoUnit.YEARS);
  }

  /**
   * The discount rate per unit equivalent to the annual rate: {@code (1 + annual) ^ (years per
   * unit) - 1}.
   */
  public double discountRatePerUnit() {
    return Math.expm1(yearsPerUnit() * Math.log1p(annualDiscountRate));
  }

  /**
   * What one unit of money received {@code t} units from now is worth today.
   *
   * @param t the time, in units; at least 0
   * @return the discount factor, in {@code (0, 1]}
   */
  public double discountFactor(double t) {
    checkArgument(t >= 0, "t must be at least 0, was %s", t);
    return Math.exp(-t * yearsPerUnit() * Math.log1p(annualDiscountRate));
  }

  /** The number of periods the horizon is cut into: the horizon rounded up to a whole unit. */
  public int periods() {
    double p = Math.ceil(horizon);
    checkArgument(p <= Integer.MAX_VALUE, "horizon %s has too many periods", horizon);
    return (int) p;
  }

  /**
   * The end of period {@code k}, in units from the end of observation: {@code k}, or the horizon
   * for the last period.
   *
   * @param k the period, from 1 to {@link #periods()}
   * @return its end
   */
  public double periodEnd(int k) {
    checkArgument(k >= 1 && k <= periods(), "period %s is not in [1, %s]", k, periods());
    return Math.min(k, horizon);
  }

  @Override
  public String toString() {
    return String.format(
        "ValuationTerms[horizon %s %s, %s%% a year discount, margin %s]",
        fmt(horizon),
        unit.toString().toLowerCase(java.util.Locale.ROOT),
        percent(annualDiscountRate),
        fmt(margin));
  }

  /** A rate as a percentage, in the shortest decimals: 0.07 is 7, not 7.000000000000001. */
  private static String percent(double rate) {
    return BigDecimal.valueOf(rate).movePointRight(2).stripTrailingZeros().toPlainString();
  }

  private static String fmt(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
