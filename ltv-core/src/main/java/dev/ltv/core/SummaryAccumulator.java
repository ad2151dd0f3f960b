package dev.ltv.core;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A mergeable accumulator of many customers' transactions, for logs that arrive in parts or are
 * summarized in pieces: the summary of the merge of two accumulators equals the summary of one
 * accumulator fed all their rows. Customers keep the order in which they were first seen.
 *
 * <p>Mutable and not thread-safe: give each thread its own and {@link #merge} them. The result of
 * {@link #summarize} is immutable. For a whole log at once, {@link TransactionLog#summarize} is much
 * faster; both follow the conventions of {@link Summarizer}.
 *
 * @since 0.1
 */
public final class SummaryAccumulator {

  private final Map<String, CustomerHistory> customers = new LinkedHashMap<>();
  private long rows;

  /** An empty accumulator. */
  public SummaryAccumulator() {}

  /**
   * Adds one transaction; a negative amount is a refund and is netted.
   *
   * @param customerId the customer's id; not blank
   * @param date the day
   * @param amount the amount, finite
   * @return this accumulator
   */
  public SummaryAccumulator add(String customerId, LocalDate date, double amount) {
    return add(new Transaction(customerId, date, amount));
  }

  /**
   * Adds one transaction.
   *
   * @param transaction the transaction
   * @return this accumulator
   */
  public SummaryAccumulator add(Transaction transaction) {
    requireNonNull(transaction, "transaction");
    customers
        .computeIfAbsent(transaction.customerId(), id -> new CustomerHistory())
        .add(transaction.date(), transaction.amount());
    rows++;
    return this;
  }

  /**
   * Adds every transaction, in order.
   *
   * @param transactions the transactions, for example a {@link TransactionLog}
   * @return this accumulator
   */
  public SummaryAccumulator addAll(Iterable<Transaction> transactions) {
    requireNonNull(transactions, "transactions");
    for (Transaction t : transactions) {
      add(t);
    }
    return this;
  }

  /**
   * Adds everything another accumulator holds; the other is unchanged.
   *
   * @param other the other accumulator
   * @return this accumulator
   */
  public SummaryAccumulator merge(SummaryAccumulator other) {
    requireNonNull(other, "other");
    other.customers.forEach((id, history) -> {
      CustomerHistory mine = customers.get(id);
      if (mine == null) {
        customers.put(id, history.copy());
      } else {
        mine.merge(history);
      }
    });
    rows += other.rows;
    return this;
  }

  /** The number of distinct customers seen. */
  public int customerCount() {
    return customers.size();
  }

  /** The number of rows added, through merges too. */
  public long rows() {
    return rows;
  }

  /**
   * Summarizes every customer with purchases grouped by day.
   *
   * @param unit the unit of recency and age
   * @param observationEnd the last day observed, included
   * @return the base
   */
  public CustomerBase summarize(ChronoUnit unit, LocalDate observationEnd) {
    return summarize(unit, ChronoUnit.DAYS, observationEnd);
  }

  /**
   * Summarizes every customer, with the conventions of {@link Summarizer}.
   *
   * @param unit the unit of recency and age; must be {@code grouping} unless that is days
   * @param grouping the calendar period within which purchases count once
   * @param observationEnd the last day observed, included
   * @return the base
   */
  public CustomerBase summarize(ChronoUnit unit, ChronoUnit grouping, LocalDate observationEnd) {
    Periods.checkSupported(requireNonNull(unit, "unit"));
    Periods.checkPeriod(requireNonNull(grouping, "grouping"));
    requireNonNull(observationEnd, "observationEnd");
    Periods.checkUnitFits(unit, grouping, "grouping");
    int endDay = Periods.epochDay(observationEnd, "observationEnd");
    Fold.Ticks ticks = new Fold.Ticks(grouping);
    int n = customers.size();
    IdTable.Builder ids = new IdTable.Builder(n);
    int[] frequency = new int[n];
    int[] recency = new int[n];
    int[] firstDay = new int[n];
    double[] repeatSpend = new double[n];
    double[] totalSpend = new double[n];
    long used = 0;
    long afterEnd = 0;
    int customersAfterEnd = 0;
    int refundOnly = 0;
    int k = 0;
    for (Map.Entry<String, CustomerHistory> entry : customers.entrySet()) {
      CustomerHistory history = entry.getValue();
      Fold fold = history.fold(ticks, endDay);
      long rowsUsed = history.rowsUpTo(endDay);
      used += rowsUsed;
      afterEnd += history.rows() - rowsUsed;
      if (!fold.hasPurchase()) {
        if (rowsUsed > 0) {
          refundOnly++;
        } else {
          customersAfterEnd++;
        }
        continue;
      }
      ids.append(entry.getKey());
      frequency[k] = fold.frequency();
      recency[k] = fold.recencyTicks();
      firstDay[k] = fold.firstDay;
      repeatSpend[k] = fold.repeatSpend;
      totalSpend[k] = fold.totalSpend();
      k++;
    }
    SummaryReport report = new SummaryReport(used, afterEnd, customersAfterEnd, refundOnly);
    return new CustomerBase(
        ids.build(),
        null,
        Arrays.copyOf(frequency, k),
        Arrays.copyOf(recency, k),
        Arrays.copyOf(firstDay, k),
        Arrays.copyOf(repeatSpend, k),
        Arrays.copyOf(totalSpend, k),
        unit,
        grouping,
        observationEnd,
        report);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "SummaryAccumulator[%,d customers, %,d rows]", customers.size(), rows);
  }
}
