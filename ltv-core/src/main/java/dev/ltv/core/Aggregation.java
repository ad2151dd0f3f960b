package dev.ltv.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The fast path from a columnar log to per-customer summaries. Rows of each customer are visited in
 * date order: straight from the log when it is grouped by customer and sorted by date (one pass, no
 * copy), otherwise after a counting sort by customer and a sort of each customer's few rows.
 */
final class Aggregation {

  /** The most blocks of customers that {@link #forEachBlock} sorts rows into, as a power of 2. */
  private static final int MAX_BLOCKS_LOG2 = 9;

  private Aggregation() {}

  /** Receives each customer's rows on or before the last day, sorted by date. */
  interface Visitor {
    void visit(int customer, int[] days, double[] amounts, int from, int to);
  }

  static CustomerBase summarize(
      TransactionLog log, ChronoUnit unit, ChronoUnit grouping, LocalDate end) {
    int endDay = Math.toIntExact(end.toEpochDay());
    int customers = log.customerCount();
    Fold.Ticks ticks = ticksFor(log, grouping, endDay);
    Columns out = new Columns(customers);
    if (!log.hasRefunds() && log.sortedWithinCustomer()) {
      int[] starts = log.customerStarts();
      foldSorted(starts, customers, 0, log.dayColumn(), log.amountColumn(), endDay, ticks, out);
    } else if (!log.hasRefunds() && !log.groupedByCustomer()) {
      forEachBlock(
          log,
          endDay,
          (first, size, starts, days, amounts) ->
              foldSorted(starts, size, first, days, amounts, endDay, ticks, out));
    } else {
      foldEach(log, endDay, ticks, out);
    }

    SummaryReport report = new SummaryReport(
        out.used, log.size() - out.used, customers - out.kept - out.refundOnly, out.refundOnly);
    if (out.kept == customers) {
      return new CustomerBase(
          log.ids(),
          null,
          out.frequency,
          out.recency,
          out.firstDay,
          out.repeatSpend,
          out.totalSpend,
          unit,
          grouping,
          end,
          report);
    }
    int[] positions = new int[out.kept];
    for (int c = 0, j = 0; c < customers; c++) {
      if (out.firstDay[c] != Fold.NONE) {
        positions[j++] = c;
      }
    }
    return new CustomerBase(
        log.ids(),
        positions,
        select(out.frequency, positions),
        select(out.recency, positions),
        select(out.firstDay, positions),
        select(out.repeatSpend, positions),
        select(out.totalSpend, positions),
        unit,
        grouping,
        end,
        report);
  }

  /**
   * The columns of a base being summarized, one entry per customer of the log, with counts of the
   * rows used and of the customers kept; a customer left out has {@link Fold#NONE} as first day.
   */
  private static final class Columns {
    final int[] frequency;
    final int[] recency;
    final int[] firstDay;
    final double[] repeatSpend;
    final double[] totalSpend;
    long used;
    int kept;
    int refundOnly;

    Columns(int customers) {
      frequency = new int[customers];
      recency = new int[customers];
      firstDay = new int[customers];
      repeatSpend = new double[customers];
      totalSpend = new double[customers];
    }
  }

  /**
   * Receives the rows of a block of consecutive customers, {@code first} to {@code first + size -
   * 1}: customer {@code first + c} has the rows {@code [starts[c], starts[c + 1])} of {@code days}
   * and {@code amounts}, in date order. The arrays are reused for the next block.
   */
  private interface BlockVisitor {
    void visit(int first, int size, int[] starts, int[] days, double[] amounts);
  }

  /**
   * Visits the rows up to {@code lastDay} of a log in any order, a block of consecutive customers
   * at a time, in the order of the customers. Sorting the rows by customer straight would write
   * each row to a random place in arrays far larger than the caches, which on large logs is
   * several times slower than what is done here: one pass over the log counts the rows of each
   * block and a second copies them, block by block, into one array, writing to few places at a
   * time. Each block's rows then fit in the processor's cache, where they are sorted by customer
   * (stable) and each customer's by day (stable). The copy of the rows, 16 bytes a row, is the
   * only memory used in proportion to the log, and no array that large is written or read at
   * random.
   */
  private static void forEachBlock(TransactionLog log, int lastDay, BlockVisitor visitor) {
    int[] customer = log.customerColumn();
    int[] day = log.dayColumn();
    double[] amount = log.amountColumn();
    int n = customer.length;
    int customers = log.customerCount();
    if (customers == 0) {
      return;
    }
    int shift = Math.max(0, 32 - Integer.numberOfLeadingZeros(customers) - MAX_BLOCKS_LOG2);
    int blocks = ((customers - 1) >>> shift) + 1;
    int[] blockStarts = new int[blocks + 1];
    for (int i = 0; i < n; i++) {
      blockStarts[(customer[i] >>> shift) + 1] += day[i] <= lastDay ? 1 : 0;
    }
    int largest = 0;
    for (int b = 0; b < blocks; b++) {
      largest = Math.max(largest, blockStarts[b + 1]);
      blockStarts[b + 1] += blockStarts[b];
    }

    int kept = blockStarts[blocks];
    int[] cursor = Arrays.copyOf(blockStarts, blocks);
    int[] blockCustomers = new int[kept];
    int[] blockDays = new int[kept];
    double[] blockAmounts = new double[kept];
    for (int i = 0; i < n; i++) {
      if (day[i] <= lastDay) {
        int slot = cursor[customer[i] >>> shift]++;
        blockCustomers[slot] = customer[i];
        blockDays[slot] = day[i];
        blockAmounts[slot] = amount[i];
      }
    }

    int blockSize = 1 << shift;
    int[] starts = new int[blockSize + 1];
    int[] days = new int[largest];
    double[] amounts = new double[largest];
    for (int b = 0; b < blocks; b++) {
      int first = b << shift;
      int size = Math.min(blockSize, customers - first);
      int from = blockStarts[b];
      int to = blockStarts[b + 1];
      Arrays.fill(starts, 0, size + 1, 0);
      for (int j = from; j < to; j++) {
        starts[blockCustomers[j] - first + 1]++;
      }
      for (int c = 0; c < size; c++) {
        starts[c + 1] += starts[c];
      }
      for (int j = from; j < to; j++) {
        int slot = starts[blockCustomers[j] - first]++;
        days[slot] = blockDays[j];
        amounts[slot] = blockAmounts[j];
      }
      // Each start was moved to the next customer's; move them back.
      System.arraycopy(starts, 0, starts, 1, size);
      starts[0] = 0;
      for (int c = 0; c < size; c++) {
        sortByDay(days, amounts, starts[c], starts[c + 1]);
      }
      visitor.visit(first, size, starts, days, amounts);
    }
  }

  /**
   * Folds the rows of {@code customers} customers that are grouped by customer (customer {@code c}
   * has the rows {@code [starts[c], starts[c + 1])}) and in date order within each customer, none a refund, writing customer
   * {@code c}'s figures into {@code out} at {@code first + c}. It gives what {@link Fold#purchases}
   * gives for each customer, sums included: the first period's amounts, which come first, are
   * added in order from zero, and so are the later ones. Rows after {@code endDay}, which end their
   * customer's run, are left out.
   *
   * <p>The loop over the first period usually stops at once, as few customers buy twice in their
   * first period, so the processor foresees it; the loop over the later rows has no branch but its
   * end, and does as little per row as the figures allow.
   */
  private static void foldSorted(
      int[] starts,
      int customers,
      int first,
      int[] day,
      double[] amount,
      int endDay,
      Fold.Ticks ticks,
      Columns out) {
    int[] frequency = out.frequency;
    int[] recency = out.recency;
    int[] firstDay = out.firstDay;
    double[] repeatSpend = out.repeatSpend;
    double[] totalSpend = out.totalSpend;
    long used = 0;
    int kept = 0;
    for (int c = 0, o = first; c < customers; c++, o++) {
      int from = starts[c];
      int to = starts[c + 1];
      while (to > from && day[to - 1] > endDay) {
        to--;
      }
      if (to == from) {
        firstDay[o] = Fold.NONE;
        continue;
      }
      int firstTick = ticks.of(day[from]);
      double spend = 0.0 + amount[from];
      int i = from + 1;
      while (i < to && ticks.of(day[i]) == firstTick) {
        spend += amount[i++];
      }
      int lastTick = firstTick;
      int later = 0;
      double repeat = 0;
      for (; i < to; i++) {
        int tick = ticks.of(day[i]);
        // In date order a period differs from the one before only by being later: 1 if so, else
        // 0, from the sign of the difference, which a long holds exactly.
        later += (int) (((long) lastTick - tick) >>> 63);
        lastTick = tick;
        repeat += amount[i];
      }
      firstDay[o] = day[from];
      frequency[o] = later;
      recency[o] = lastTick - firstTick;
      repeatSpend[o] = repeat;
      totalSpend[o] = spend + repeat;
      used += to - from;
      kept++;
    }
    out.used += used;
    out.kept += kept;
  }

  /** Folds each customer's rows with {@link Fold}, row by row when some rows are refunds. */
  private static void foldEach(TransactionLog log, int endDay, Fold.Ticks ticks, Columns out) {
    Fold fold = new Fold();
    boolean refunds = log.hasRefunds();
    forEachCustomer(log, endDay, (c, days, amounts, from, to) -> {
      if (refunds) {
        fold.reset();
        for (int k = from; k < to; k++) {
          double a = amounts[k];
          fold.accept(days[k], ticks.of(days[k]), a, a >= 0);
        }
      } else {
        fold.purchases(days, amounts, from, to, ticks);
      }
      out.used += to - from;
      if (fold.hasPurchase()) {
        out.kept++;
        out.frequency[c] = fold.frequency();
        out.recency[c] = fold.recencyTicks();
        out.firstDay[c] = fold.firstDay;
        out.repeatSpend[c] = fold.repeatSpend;
        out.totalSpend[c] = fold.totalSpend();
      } else {
        out.firstDay[c] = Fold.NONE;
        if (to > from) {
          out.refundOnly++;
        }
      }
    });
  }

  static CalibrationHoldout split(
      TransactionLog log, LocalDate calibrationEnd, LocalDate holdoutEnd, ChronoUnit unit) {
    CustomerBase calibration = summarize(log, unit, ChronoUnit.DAYS, calibrationEnd);
    int calibrationDay = Math.toIntExact(calibrationEnd.toEpochDay());
    int customers = log.customerCount();
    int[] purchases = new int[customers];
    double[] spend = new double[customers];
    forEachCustomer(log, Math.toIntExact(holdoutEnd.toEpochDay()), (c, days, amounts, from, to) -> {
      int lastDay = calibrationDay;
      for (int k = from; k < to; k++) {
        if (days[k] > calibrationDay) {
          spend[c] += amounts[k];
          if (amounts[k] >= 0 && days[k] != lastDay) {
            purchases[c]++;
            lastDay = days[k];
          }
        }
      }
    });
    int[] positions = new int[calibration.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = calibration.logPosition(i);
    }
    return new CalibrationHoldout(
        calibration,
        select(purchases, positions),
        select(spend, positions),
        calibrationEnd,
        holdoutEnd,
        unit);
  }

  private static Fold.Ticks ticksFor(TransactionLog log, ChronoUnit grouping, int endDay) {
    Fold.Ticks ticks = new Fold.Ticks(grouping);
    if (log.size() > 0 && grouping != ChronoUnit.DAYS && grouping != ChronoUnit.WEEKS) {
      // Only days of the log up to the end are looked up: a far end must not size the table.
      int min = Arrays.stream(log.dayColumn()).min().getAsInt();
      int max = Arrays.stream(log.dayColumn()).max().getAsInt();
      ticks.covering(min, Math.min(max, endDay));
    }
    return ticks;
  }

  /** Visits every customer of the log in index order, with its rows up to {@code lastDay}. */
  static void forEachCustomer(TransactionLog log, int lastDay, Visitor visitor) {
    int[] day = log.dayColumn();
    double[] amount = log.amountColumn();
    int[] starts = log.customerStarts();
    if (log.sortedWithinCustomer()) {
      // The rows are in place; those after the last day end each customer's run.
      for (int c = 0; c < starts.length - 1; c++) {
        int from = starts[c];
        int to = starts[c + 1];
        while (to > from && day[to - 1] > lastDay) {
          to--;
        }
        visitor.visit(c, day, amount, from, to);
      }
      return;
    }
    if (starts != null) {
      int[] scratchDays = new int[16];
      double[] scratchAmounts = new double[16];
      for (int c = 0; c < starts.length - 1; c++) {
        int from = starts[c];
        int to = starts[c + 1];
        if (to - from > scratchDays.length) {
          scratchDays = new int[Integer.highestOneBit(to - from) * 2];
          scratchAmounts = new double[scratchDays.length];
        }
        int m = 0;
        for (int i = from; i < to; i++) {
          if (day[i] <= lastDay) {
            scratchDays[m] = day[i];
            scratchAmounts[m++] = amount[i];
          }
        }
        sortByDay(scratchDays, scratchAmounts, 0, m);
        visitor.visit(c, scratchDays, scratchAmounts, 0, m);
      }
      return;
    }

    forEachBlock(log, lastDay, (first, size, blockStarts, days, amounts) -> {
      for (int c = 0; c < size; c++) {
        visitor.visit(first + c, days, amounts, blockStarts[c], blockStarts[c + 1]);
      }
    });
  }

  /** Sorts the pairs in {@code [from, to)} by day; ties keep no particular order. */
  static void sortByDay(int[] days, double[] amounts, int from, int to) {
    if (to - from <= 32) {
      for (int i = from + 1; i < to; i++) {
        int d = days[i];
        if (d >= days[i - 1]) {
          continue;
        }
        double a = amounts[i];
        int j = i - 1;
        while (j >= from && days[j] > d) {
          days[j + 1] = days[j];
          amounts[j + 1] = amounts[j];
          j--;
        }
        days[j + 1] = d;
        amounts[j + 1] = a;
      }
      return;
    }
    int m = to - from;
    long[] keys = new long[m];
    for (int i = 0; i < m; i++) {
      keys[i] = (long) days[from + i] << 32 | i;
    }
    Arrays.sort(keys);
    double[] copy = Arrays.copyOfRange(amounts, from, to);
    for (int i = 0; i < m; i++) {
      days[from + i] = (int) (keys[i] >> 32);
      amounts[from + i] = copy[(int) keys[i]];
    }
  }

  private static int[] select(int[] values, int[] positions) {
    int[] result = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      result[i] = values[positions[i]];
    }
    return result;
  }

  private static double[] select(double[] values, int[] positions) {
    double[] result = new double[positions.length];
    for (int i = 0; i < positions.length; i++) {
      result[i] = values[positions[i]];
    }
    return result;
  }
}
