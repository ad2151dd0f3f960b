package dev.ltv.core;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Calendar periods that group customers into acquisition cohorts and count their activity: ISO
 * weeks (Monday to Sunday), calendar months, quarters (January to March, ...) and years.
 *
 * <p>Each period has an index, consecutive periods consecutive indices, so the difference of two
 * indices is the number of period boundaries between two days.
 *
 * @since 0.1
 */
public enum CalendarPeriod {
  /** ISO weeks, Monday to Sunday; labelled like {@code 1997-W01} in the ISO week-based year. */
  WEEK,
  /** Calendar months; labelled like {@code 1997-01}. */
  MONTH,
  /** Calendar quarters starting in January, April, July and October; labelled like {@code 1997-Q1}. */
  QUARTER,
  /** Calendar years; labelled like {@code 1997}. */
  YEAR;

  /**
   * The index of the period that holds a day.
   *
   * @param date the day
   * @return the period's index
   */
  public int indexOf(LocalDate date) {
    return indexOfEpochDay(Periods.epochDay(requireNonNull(date, "date"), "date"));
  }

  /**
   * The first day of the period with the given index.
   *
   * @param index the period's index
   * @return its first day
   */
  public LocalDate start(int index) {
    return switch (this) {
      case WEEK -> LocalDate.ofEpochDay(index * 7L - 3);
      case MONTH -> LocalDate.of(Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1, 1);
      case QUARTER -> LocalDate.of(Math.floorDiv(index, 4), Math.floorMod(index, 4) * 3 + 1, 1);
      case YEAR -> LocalDate.of(index, 1, 1);
    };
  }

  /**
   * The last day of the period with the given index.
   *
   * @param index the period's index
   * @return its last day
   */
  public LocalDate end(int index) {
    return start(index + 1).minusDays(1);
  }

  /**
   * A short label for the period with the given index, such as {@code 1997-03}.
   *
   * @param index the period's index
   * @return the label
   */
  public String label(int index) {
    LocalDate start = start(index);
    return switch (this) {
      case WEEK ->
        String.format(
            Locale.ROOT,
            "%d-W%02d",
            start.get(IsoFields.WEEK_BASED_YEAR),
            start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
      case QUARTER ->
        String.format(Locale.ROOT, "%d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1);
      case YEAR -> Integer.toString(start.getYear());
    };
  }

  int indexOfEpochDay(int epochDay) {
    return switch (this) {
      case WEEK -> Math.floorDiv(epochDay + 3, 7);
      case MONTH, QUARTER, YEAR -> {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int month = date.getYear() * 12 + date.getMonthValue() - 1;
        yield this == MONTH ? month : this == QUARTER ? Math.floorDiv(month, 3) : date.getYear();
      }
    };
  }
}
