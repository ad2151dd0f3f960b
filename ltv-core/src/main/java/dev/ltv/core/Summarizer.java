package dev.ltv.core;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Turns a {@link TransactionLog} into a {@link CustomerBase}, with options. Each setting can be
 * made once.
 *
 * <p>Conventions, those of the literature unless an option changes them:
 *
 * <ul>
 *   <li><b>Same-day purchases count once.</b> All rows of a customer on one day are one purchase;
 *       their amounts are added. With {@link #groupBy(ChronoUnit)} the same holds for a calendar
 *       week (ISO, Monday to Sunday), month or year instead of a day.
 *   <li><b>Times are measured in days</b> and expressed in the {@linkplain #unit(ChronoUnit) unit}:
 *       weeks are days / 7, months and years use the mean Gregorian year of 365.2425 days (a month
 *       is 30.436875 days), never 30-day months. When purchases are grouped by calendar period,
 *       times are whole periods and the unit is the period.
 *   <li><b>Frequency</b> counts the purchase days (or periods) after the first; <b>recency</b> is
 *       the time from the first to the last of them, zero without repeat purchases; <b>age</b> is
 *       the time from the first to the end of observation.
 *   <li><b>Average spend</b> is the mean value of the repeat purchase days, the first excluded, and
 *       zero without repeat purchases; <b>total spend</b> includes the first.
 *   <li><b>Transactions after the end of observation are ignored</b>, and customers whose first
 *       purchase falls after it are left out; both are counted in {@link CustomerBase#report()}.
 *   <li><b>Refunds</b> kept in the log by {@link RefundPolicy#NET} lower the spend of their day but
 *       never count as purchases; a customer with refunds only is left out and counted.
 * </ul>
 *
 * @since 0.1
 */
public final class Summarizer {

  private final TransactionLog log;
  private ChronoUnit unit;
  private ChronoUnit grouping;
  private LocalDate observationEnd;

  Summarizer(TransactionLog log) {
    this.log = log;
  }

  /**
   * The unit of recency and age: days, weeks, months or years. Defaults to days, or to the
   * grouping period when purchases are grouped by calendar period.
   *
   * @param unit the unit
   * @return this summarizer
   * @throws IllegalArgumentException if the unit is not supported, or purchases are grouped by
   *     a calendar period other than days and {@code unit} is not that period
   * @throws IllegalStateException if the unit was already set
   */
  public Summarizer unit(ChronoUnit unit) {
    requireNonNull(unit, "unit");
    checkState(this.unit == null, "unit was already set to %s", nameOf(this.unit));
    Periods.checkSupported(unit);
    if (grouping != null) {
      Periods.checkUnitFits(unit, grouping, "groupBy");
    }
    this.unit = unit;
    return this;
  }

  /**
   * The last day observed, included. Defaults to the last date in the log.
   *
   * @param end the day
   * @return this summarizer
   */
  public Summarizer observationEnd(LocalDate end) {
    requireNonNull(end, "end");
    checkState(observationEnd == null, "observationEnd was already set to %s", observationEnd);
    Periods.epochDay(end, "observationEnd");
    this.observationEnd = end;
    return this;
  }

  /**
   * Counts purchases in the same calendar period once: {@code DAYS} (the default), {@code WEEKS}
   * (ISO weeks, Monday to Sunday), {@code MONTHS} or {@code YEARS}. With a period longer than a
   * day, recency and age are whole numbers of periods, the number of period boundaries between the
   * two dates, so the unit must be that period. Grouping by years gives the discrete
   * opportunities of the BG/BB model.
   *
   * @param period the calendar period
   * @return this summarizer
   * @throws IllegalArgumentException if the period is not supported, or conflicts with the unit
   * @throws IllegalStateException if the grouping was already set
   */
  public Summarizer groupBy(ChronoUnit period) {
    requireNonNull(period, "period");
    checkState(grouping == null, "groupBy was already set to %s", nameOf(grouping));
    Periods.checkPeriod(period);
    if (unit != null) {
      Periods.checkUnitFits(unit, period, "groupBy");
    }
    this.grouping = period;
    return this;
  }

  /**
   * Summarizes the log.
   *
   * @return one summary per customer with a purchase on or before the end
   * @throws IllegalStateException if no end is set and the log is empty
   */
  public CustomerBase summarize() {
    ChronoUnit period = grouping == null ? ChronoUnit.DAYS : grouping;
    ChronoUnit timeUnit = unit != null ? unit : period;
    checkState(
        observationEnd != null || log.size() > 0,
        "the log is empty, so it has no last date to end the observation on; set observationEnd");
    LocalDate end = observationEnd != null ? observationEnd : log.lastDate();
    return Aggregation.summarize(log, timeUnit, period, end);
  }

  private static String nameOf(ChronoUnit unit) {
    return unit == null ? "null" : unit.name();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Summarizer[unit=%s, groupBy=%s, observationEnd=%s]",
        unit == null ? "default" : unit.name(),
        grouping == null ? "DAYS" : grouping.name(),
        observationEnd == null ? "last date in log" : observationEnd);
  }
}
