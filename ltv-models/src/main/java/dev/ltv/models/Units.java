package dev.ltv.models;

import java.time.temporal.ChronoUnit;

/**
 * Lengths of the time units a base may use, on the mean Gregorian calendar: a year is 365.2425
 * days, a month a twelfth of a year, a week 7 days.
 */
final class Units {

  static final double DAYS_PER_YEAR = 365.2425;

  private Units() {}

  /** Days in one unit. */
  static double daysPer(ChronoUnit unit) {
    return switch (unit) {
      case DAYS -> 1.0;
      case WEEKS -> 7.0;
      case MONTHS -> DAYS_PER_YEAR / 12.0;
      case YEARS -> DAYS_PER_YEAR;
      default ->
        throw new IllegalArgumentException(
            "time unit must be DAYS, WEEKS, MONTHS or YEARS, was " + unit);
    };
  }

  /** Years in one unit, computed as {@link dev.ltv.core.ValuationTerms#yearsPerUnit()} does. */
  static double yearsPer(ChronoUnit unit) {
    return daysPer(unit) / DAYS_PER_YEAR;
  }
}
