package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Acquisition cohorts and how they hold up: customers grouped by the calendar period of their first
 * purchase, counted in each period since.
 *
 * <p>Period {@code k} of a cohort is the {@code k}-th calendar period after the one it was acquired
 * in; period 0 is the acquisition period. For every cohort and period the table holds:
 *
 * <ul>
 *   <li><b>active customers</b>: customers of the cohort with a purchase (a row of amount 0 or
 *       more) in the period; every customer is active in period 0;
 *   <li><b>retention</b>: active customers as a share of the cohort's size;
 *   <li><b>revenue</b>: the sum of the cohort's amounts in the period, net of any refunds the log
 *       kept (refunds dated before a customer's first purchase count in period 0);
 *   <li><b>revenue per customer</b>: revenue divided by the cohort's size, the customers acquired;
 *       and <b>cumulative value per customer</b>, its running sum from period 0;
 *   <li><b>survivors</b>: customers active in the period <em>or any later one</em>. With purchases
 *       instead of contracts, a customer is taken to have stayed until their last purchase;
 *       survivors never rise from one period to the next, which the shifted-beta-geometric model
 *       needs. Customers who are still there but have not bought again yet count as lost, so the
 *       survivors of the last few periods are an underestimate.
 * </ul>
 *
 * <p>The periods of a cohort run to the one that holds the end of observation. When the end is not
 * the last day of its period, that last period is partial ({@link #lastPeriodPartial()}): its
 * counts are incomplete, and {@link #survivors(int)} leaves it out.
 *
 * <p>Like a summary, the table ignores rows after the end of observation and leaves out customers
 * with refunds only; {@link #report()} counts both. Immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class CohortTable {

  /** What {@link #table(Measure, int)} shows in each cell. */
  public enum Measure {
    /** Active customers. */
    ACTIVE,
    /** Active customers as a percentage of the cohort's size. */
    RETENTION,
    /** Survivors: customers active in the period or later. */
    SURVIVORS,
    /** Revenue of the period divided by the cohort's size. */
    REVENUE_PER_CUSTOMER,
    /** Revenue from the acquisition period to this one, divided by the cohort's size. */
    CUMULATIVE_VALUE_PER_CUSTOMER
  }

  private static final int DEFAULT_COLUMNS = 12;

  private final CalendarPeriod period;
  private final LocalDate observationEnd;
  private final boolean lastPeriodPartial;
  private final int[] cohortIndex;
  private final int[] size;
  private final int[][] active;
  private final int[][] survivors;
  private final double[][] revenue;
  private final SummaryReport report;

  private CohortTable(
      CalendarPeriod period,
      LocalDate observationEnd,
      int[] cohortIndex,
      int[] size,
      int[][] active,
      int[][] survivors,
      double[][] revenue,
      SummaryReport report) {
    this.period = period;
    this.observationEnd = observationEnd;
    int endIndex = period.indexOf(observationEnd);
    this.lastPeriodPartial = period.end(endIndex).isAfter(observationEnd);
    this.cohortIndex = cohortIndex;
    this.size = size;
    this.active = active;
    this.survivors = survivors;
    this.revenue = revenue;
    this.report = report;
  }

  /**
   * The cohorts of a log, observed to its last date.
   *
   * @param log the transactions
   * @param period the calendar period that defines cohorts and columns
   * @return the table
   * @throws IllegalStateException if the log is empty
   */
  public static CohortTable of(TransactionLog log, CalendarPeriod period) {
    return of(log, period, log.lastDate());
  }

  /**
   * The cohorts of a log, observed to the given day.
   *
   * @param log the transactions
   * @param period the calendar period that defines cohorts and columns
   * @param observationEnd the last day observed, included
   * @return the table; empty if nobody bought by the end
   */
  public static CohortTable of(
      TransactionLog log, CalendarPeriod period, LocalDate observationEnd) {
    requireNonNull(log, "log");
    requireNonNull(period, "period");
    requireNonNull(observationEnd, "observationEnd");
    int endDay = Periods.epochDay(observationEnd, "observationEnd");
    int endIndex = period.indexOfEpochDay(endDay);
    TreeMap<Integer, Counts> byCohort = new TreeMap<>();
    long[] used = new long[1];
    int[] refundOnly = new int[1];
    int[] seen = new int[1];
    Aggregation.forEachCustomer(log, endDay, (c, days, amounts, from, to) -> {
      used[0] += to - from;
      if (to > from) {
        seen[0]++;
      }
      int first = from;
      while (first < to && amounts[first] < 0) {
        first++;
      }
      if (first == to) {
        refundOnly[0] += to > from ? 1 : 0;
        return;
      }
      int cohort = period.indexOfEpochDay(days[first]);
      Counts counts = byCohort.computeIfAbsent(cohort, k -> new Counts(endIndex - k + 1));
      counts.customers++;
      int last = -1;
      for (int i = from; i < to; i++) {
        int k = Math.max(0, period.indexOfEpochDay(days[i]) - cohort);
        counts.revenue[k] += amounts[i];
        if (amounts[i] >= 0 && k != last) {
          counts.active[k]++;
          last = k;
        }
      }
      counts.lastActive[last]++;
    });

    int n = byCohort.size();
    int[] cohortIndex = new int[n];
    int[] size = new int[n];
    int[][] active = new int[n][];
    int[][] survivors = new int[n][];
    double[][] revenue = new double[n][];
    int i = 0;
    int kept = 0;
    for (var entry : byCohort.entrySet()) {
      Counts counts = entry.getValue();
      cohortIndex[i] = entry.getKey();
      size[i] = counts.customers;
      active[i] = counts.active;
      revenue[i] = counts.revenue;
      int[] s = new int[counts.active.length];
      int running = 0;
      for (int k = s.length - 1; k >= 0; k--) {
        running += counts.lastActive[k];
        s[k] = running;
      }
      survivors[i] = s;
      kept += counts.customers;
      i++;
    }
    int customersAfterEnd = log.customerCount() - seen[0];
    SummaryReport report =
        new SummaryReport(used[0], log.size() - used[0], customersAfterEnd, refundOnly[0]);
    assert kept + refundOnly[0] == seen[0];
    return new CohortTable(
        period, observationEnd, cohortIndex, size, active, survivors, revenue, report);
  }

  /** The calendar period of cohorts and columns. */
  public CalendarPeriod period() {
    return period;
  }

  /** The last day observed. */
  public LocalDate observationEnd() {
    return observationEnd;
  }

  /** What the table left out: rows after the end, customers with refunds only. */
  public SummaryReport report() {
    return report;
  }

  /**
   * Whether the end of observation falls before the last day of its period, so that the last
   * period of every cohort is only partly observed.
   */
  public boolean lastPeriodPartial() {
    return lastPeriodPartial;
  }

  /** The number of cohorts, oldest first. */
  public int cohorts() {
    return size.length;
  }

  /**
   * The label of cohort {@code c}, such as {@code 1997-01}.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return its label
   */
  public String label(int c) {
    checkElementIndex(c, size.length);
    return period.label(cohortIndex[c]);
  }

  /**
   * The first day of cohort {@code c}'s acquisition period.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the day
   */
  public LocalDate start(int c) {
    checkElementIndex(c, size.length);
    return period.start(cohortIndex[c]);
  }

  /**
   * The cohort with the given label.
   *
   * @param label a label, such as {@code 1997-01}
   * @return its position, or -1 if there is no such cohort
   */
  public int indexOf(String label) {
    requireNonNull(label, "label");
    for (int c = 0; c < size.length; c++) {
      if (label(c).equals(label)) {
        return c;
      }
    }
    return -1;
  }

  /**
   * The number of customers acquired in cohort {@code c}.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return its size, at least 1
   */
  public int size(int c) {
    checkElementIndex(c, size.length);
    return size[c];
  }

  /** The number of customers in all cohorts. */
  public long customers() {
    long total = 0;
    for (int s : size) {
      total += s;
    }
    return total;
  }

  /**
   * The number of periods observed for cohort {@code c}, from its acquisition period to the one
   * that holds the end of observation, the partial one included.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the number of periods, at least 1
   */
  public int periods(int c) {
    checkElementIndex(c, size.length);
    return active[c].length;
  }

  /**
   * The number of fully observed periods of cohort {@code c}: {@link #periods(int)}, less one when
   * the last period is partial.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the number of complete periods, at least 0
   */
  public int completePeriods(int c) {
    return periods(c) - (lastPeriodPartial ? 1 : 0);
  }

  /**
   * The customers of cohort {@code c} active in its period {@code k}.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, in {@code [0, periods(c))}
   * @return the count
   */
  public int active(int c, int k) {
    return active[c][checkPeriod(c, k)];
  }

  /**
   * The share of cohort {@code c} active in its period {@code k}.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, in {@code [0, periods(c))}
   * @return the retention, in [0, 1]; 1 in period 0
   */
  public double retention(int c, int k) {
    return (double) active(c, k) / size[c];
  }

  /**
   * The customers of cohort {@code c} active in its period {@code k} or later.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, in {@code [0, periods(c))}
   * @return the count; the cohort's size in period 0
   */
  public int survivors(int c, int k) {
    return survivors[c][checkPeriod(c, k)];
  }

  /**
   * The survivors of cohort {@code c} in its complete periods, from the acquisition period on: the
   * input of the shifted-beta-geometric model. Period 0 is always included, even when partial.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the survivors, never rising, the first equal to the cohort's size
   */
  public int[] survivors(int c) {
    checkElementIndex(c, size.length);
    return Arrays.copyOf(survivors[c], Math.max(1, completePeriods(c)));
  }

  /**
   * The revenue of cohort {@code c} in its period {@code k}.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, in {@code [0, periods(c))}
   * @return the revenue, in the log's currency
   */
  public double revenue(int c, int k) {
    return revenue[c][checkPeriod(c, k)];
  }

  /**
   * The revenue of cohort {@code c} in its period {@code k}, per customer acquired.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, in {@code [0, periods(c))}
   * @return the revenue per customer
   */
  public double revenuePerCustomer(int c, int k) {
    return revenue(c, k) / size[c];
  }

  /**
   * The revenue of cohort {@code c} from its acquisition period to its period {@code k}, per
   * customer acquired.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, in {@code [0, periods(c))}
   * @return the cumulative value per customer
   */
  public double cumulativeValuePerCustomer(int c, int k) {
    checkPeriod(c, k);
    double sum = 0;
    for (int j = 0; j <= k; j++) {
      sum += revenue[c][j];
    }
    return sum / size[c];
  }

  /**
   * The share of survivors lost from one complete period to the next, pooled over every cohort:
   * {@code 1 - sum survivors(c, k + 1) / sum survivors(c, k)} over the pairs of complete periods.
   * It is the observed churn rate per period that the simple formula can use.
   *
   * @return the churn rate, in [0, 1]
   * @throws IllegalStateException if no cohort has two complete periods
   */
  public double churnRate() {
    long before = 0;
    long after = 0;
    for (int c = 0; c < size.length; c++) {
      for (int k = 0; k + 1 < completePeriods(c); k++) {
        before += survivors[c][k];
        after += survivors[c][k + 1];
      }
    }
    if (before == 0) {
      throw new IllegalStateException("no cohort has two complete periods to measure churn on");
    }
    return 1.0 - (double) after / before;
  }

  /**
   * A table of one measure, one row per cohort, one column per period since acquisition.
   *
   * @param measure what to show
   * @param maxPeriods the most columns to show, at least 1
   * @return the table, as text
   */
  public String table(Measure measure, int maxPeriods) {
    requireNonNull(measure, "measure");
    checkArgument(maxPeriods >= 1, "maxPeriods must be at least 1, was %s", maxPeriods);
    int columns = 0;
    for (int[] a : active) {
      columns = Math.max(columns, a.length);
    }
    int shown = Math.min(columns, maxPeriods);
    int labelWidth = 6;
    for (int c = 0; c < size.length; c++) {
      labelWidth = Math.max(labelWidth, label(c).length());
    }
    int width = measure == Measure.ACTIVE || measure == Measure.SURVIVORS ? 6 : 7;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-" + labelWidth + "s %7s", "cohort", "size"));
    for (int k = 0; k < shown; k++) {
      s.append(String.format(Locale.ROOT, " %" + width + "s", "+" + k));
    }
    for (int c = 0; c < size.length; c++) {
      s.append(String.format(Locale.ROOT, "%n%-" + labelWidth + "s %7d", label(c), size[c]));
      for (int k = 0; k < Math.min(shown, periods(c)); k++) {
        s.append(' ').append(cell(measure, c, k, width));
      }
    }
    return s.toString();
  }

  private String cell(Measure measure, int c, int k, int width) {
    String w = "%" + width;
    return switch (measure) {
      case ACTIVE -> String.format(Locale.ROOT, w + "d", active(c, k));
      case SURVIVORS -> String.format(Locale.ROOT, w + "d", survivors(c, k));
      case RETENTION -> String.format(Locale.ROOT, w + ".1f", 100 * retention(c, k));
      case REVENUE_PER_CUSTOMER -> String.format(Locale.ROOT, w + ".2f", revenuePerCustomer(c, k));
      case CUMULATIVE_VALUE_PER_CUSTOMER ->
        String.format(Locale.ROOT, w + ".2f", cumulativeValuePerCustomer(c, k));
    };
  }

  private int checkPeriod(int c, int k) {
    checkElementIndex(c, size.length);
    checkArgument(
        k >= 0 && k < active[c].length,
        "period %s is not in [0, %s) for cohort %s",
        k,
        active[c].length,
        label(c));
    return k;
  }

  /** A header line and the retention table, in percent, up to twelve periods. */
  @Override
  public String toString() {
    return String.format(
            Locale.ROOT,
            "CohortTable[%d cohorts by %s, %,d customers, observed to %s%s], retention %%:%n",
            cohorts(),
            period.toString().toLowerCase(Locale.ROOT),
            customers(),
            observationEnd,
            lastPeriodPartial ? " (last period partial)" : "")
        + table(Measure.RETENTION, DEFAULT_COLUMNS);
  }

  /** Per-cohort counters while the log is read. */
  private static final class Counts {
    int customers;
    final int[] active;
    final int[] lastActive;
    final double[] revenue;

    Counts(int periods) {
      active = new int[periods];
      lastActive = new int[periods];
      revenue = new double[periods];
    }
  }
}
