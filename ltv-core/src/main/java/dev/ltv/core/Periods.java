package dev.ltv.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Time units and calendar periods. Durations use the mean Gregorian calendar (a year is 365.2425
 * days, a month a twelfth of that), never 30-day months; calendar periods are ISO weeks starting on
 * Monday, calendar months and calendar years.
 */
final class Periods {

  private Periods() {}

  /** Days in one unit; only days, weeks, months and years are supported. */
  static double daysPer(ChronoUnit unit) {
    return switch (unit) {
      case DAYS -> 1.0;
      case WEEKS -> 7.0;
      case MONTHS -> 365.2425 / 12.0;
      case YEARS -> 365.2425;
      default ->
        throw new IllegalArgumentException(
            "time unit must be DAYS, WEEKS, MONTHS or YEARS, was " + unit.name());
    };
  }

  /**
   * The epoch day of a date, checked to fit an int as every day column does (years -5,877,641 to
   * 5,881,580).
   *
   * @param what how the caller knows the date, for the message
   */
  static int epochDay(LocalDate date, String what) {
    long day = date.toEpochDay();
    if (day != (int) day) {
      throw new IllegalArgumentException(what + " " + date + " is outside the supported range");
    }
    return (int) day;
  }

  /** Checks that a unit is one of those {@link #daysPer} supports and returns it. */
  static ChronoUnit checkSupported(ChronoUnit unit) {
    daysPer(unit);
    return unit;
  }

  /** Checks that a calendar period is one of those {@link #periodOf} supports and returns it. */
  static ChronoUnit checkPeriod(ChronoUnit period) {
    periodOf(period, 0);
    return period;
  }

  /**
   * Checks that a unit of time fits a grouping: with purchases grouped by a calendar period longer
   * than a day, times are whole periods, so the unit must be that period.
   *
   * @param setting the name the caller knows the grouping by, for the message
   */
  static void checkUnitFits(ChronoUnit unit, ChronoUnit grouping, String setting) {
    if (grouping != ChronoUnit.DAYS && unit != grouping) {
      throw new IllegalArgumentException("unit " + unit.name() + " conflicts with " + setting + " "
          + grouping.name() + ": with purchases grouped by calendar period, times are whole"
          + " periods, so the unit must be the period");
    }
  }

  /**
   * The index of the calendar period that holds an epoch day: the day itself, the ISO week (weeks
   * start on Monday; 1970-01-01 was a Thursday), the month since year 0, or the year.
   */
  static int periodOf(ChronoUnit period, int epochDay) {
    return switch (period) {
      case DAYS -> epochDay;
      case WEEKS -> Math.floorDiv(epochDay + 3, 7);
      case MONTHS -> {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        yield date.getYear() * 12 + date.getMonthValue() - 1;
      }
      case YEARS -> LocalDate.ofEpochDay(epochDay).getYear();
      default ->
        throw new IllegalArgumentException(
            "calendar period must be DAYS, WEEKS, MONTHS or YEARS, was " + period.name());
    };
  }
}
