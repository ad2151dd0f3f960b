package dev.ltv.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Reduces one customer's rows, offered in date order, to the summary figures. This is the one
 * place that says how rows become a summary:
 *
 * <ul>
 *   <li>a purchase is a row with an amount of zero or more; a refund (negative amount) never adds to
 *       the frequency;
 *   <li>purchases in the same period (tick) count once; the first period with a purchase starts the
 *       relationship and is not counted, so the frequency is the number of later periods with a
 *       purchase;
 *   <li>the first period's spend holds every row up to and including that period, refunds before
 *       the first purchase too; the repeat spend holds the rows after it.
 * </ul>
 *
 * The result does not depend on the order of rows within one period.
 */
final class Fold {

  static final int NONE = Integer.MIN_VALUE;

  /** Maps epoch days to period indices for one grouping. */
  static final class Ticks {
    private static final long MAX_TABLE_DAYS = 1 << 20;

    private final ChronoUnit grouping;
    private final boolean weeks;
    private final boolean days;
    private int tableStart = Integer.MAX_VALUE;
    private int[] table = new int[0];

    Ticks(ChronoUnit grouping) {
      Periods.periodOf(grouping, 0);
      this.grouping = grouping;
      this.days = grouping == ChronoUnit.DAYS;
      this.weeks = grouping == ChronoUnit.WEEKS;
    }

    /**
     * Prepares a lookup table for months and years over the given range of days, unless the range
     * spans more than a few thousand years; days outside the table are computed.
     */
    Ticks covering(int fromDay, int toDay) {
      if (!days && !weeks && fromDay <= toDay && (long) toDay - fromDay < MAX_TABLE_DAYS) {
        tableStart = fromDay;
        table = new int[toDay - fromDay + 1];
        LocalDate date = LocalDate.ofEpochDay(fromDay);
        for (int i = 0; i < table.length; i++, date = date.plusDays(1)) {
          table[i] = grouping == ChronoUnit.MONTHS
              ? date.getYear() * 12 + date.getMonthValue() - 1
              : date.getYear();
        }
      }
      return this;
    }

    int of(int day) {
      if (days) {
        return day;
      }
      if (weeks) {
        return Math.floorDiv(day + 3, 7);
      }
      int offset = day - tableStart;
      return offset >= 0 && offset < table.length ? table[offset] : Periods.periodOf(grouping, day);
    }
  }

  int firstTick;
  int firstDay;
  int lastTick;
  int periods;
  double firstSpend;
  double repeatSpend;
  int rows;

  void reset() {
    firstTick = NONE;
    firstDay = NONE;
    lastTick = NONE;
    periods = 0;
    firstSpend = 0;
    repeatSpend = 0;
    rows = 0;
  }

  void accept(int day, int tick, double amount, boolean purchase) {
    rows++;
    if (firstTick == NONE) {
      firstSpend += amount;
      if (purchase) {
        firstTick = tick;
        lastTick = tick;
        firstDay = day;
        periods = 1;
      }
    } else if (tick == firstTick) {
      firstSpend += amount;
    } else {
      repeatSpend += amount;
      if (purchase && tick != lastTick) {
        periods++;
        lastTick = tick;
      }
    }
  }

  /**
   * Folds one customer's rows {@code [from, to)} afresh when every row is a purchase and the rows
   * are in date order: the same state as {@link #reset()} and then {@link #accept} row by row, in
   * a tighter loop. The first period's rows come first; each later row adds to the repeat spend,
   * and to the periods when its period differs from the row before.
   */
  void purchases(int[] days, double[] amounts, int from, int to, Ticks ticks) {
    reset();
    rows = to - from;
    if (from == to) {
      return;
    }
    int first = ticks.of(days[from]);
    int k = from;
    double spend = 0;
    while (k < to && ticks.of(days[k]) == first) {
      spend += amounts[k++];
    }
    int last = first;
    int later = 0;
    double repeat = 0;
    for (; k < to; k++) {
      int tick = ticks.of(days[k]);
      repeat += amounts[k];
      later += tick != last ? 1 : 0;
      last = tick;
    }
    firstTick = first;
    firstDay = days[from];
    lastTick = last;
    periods = 1 + later;
    firstSpend = spend;
    repeatSpend = repeat;
  }

  boolean hasPurchase() {
    return firstTick != NONE;
  }

  int frequency() {
    return periods - 1;
  }

  int recencyTicks() {
    return lastTick - firstTick;
  }

  double totalSpend() {
    return firstSpend + repeatSpend;
  }
}
