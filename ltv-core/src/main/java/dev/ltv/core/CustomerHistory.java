package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A mergeable accumulator of one customer's transactions: the distinct days with a transaction,
 * each with its net amount, its number of rows and whether it holds a purchase. Two histories of
 * disjoint parts of a customer's rows merge into the history of all of them, so a log can be
 * summarized in parts, as it arrives, or by a distributed engine, with the same result as
 * summarizing it whole (up to the rounding of sums taken in another order).
 *
 * <p>The size grows with the number of distinct transaction days, not rows. Mutable and not
 * thread-safe; {@link #summarize} gives an immutable {@link Customer}. Negative amounts are refunds
 * and are netted, as {@link RefundPolicy#NET} does; apply another policy before adding rows. A
 * history is {@link Serializable}, so that an engine can ship it between machines as an
 * aggregation buffer.
 *
 * @since 0.1
 */
public final class CustomerHistory implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  private int[] days;
  private double[] amounts;
  private int[] rowCounts;
  private boolean[] purchases;
  private int size;
  private long rows;

  /** An empty history. */
  public CustomerHistory() {
    this(4);
  }

  private CustomerHistory(int capacity) {
    days = new int[capacity];
    amounts = new double[capacity];
    rowCounts = new int[capacity];
    purchases = new boolean[capacity];
  }

  /**
   * Adds one transaction.
   *
   * @param date the day
   * @param amount the amount, finite; negative for a refund
   * @return this history
   */
  public CustomerHistory add(LocalDate date, double amount) {
    return add(Periods.epochDay(requireNonNull(date, "date"), "date"), amount);
  }

  /**
   * Adds one transaction on an epoch day.
   *
   * @param epochDay the day, as days since 1970-01-01
   * @param amount the amount, finite; negative for a refund
   * @return this history
   */
  public CustomerHistory add(int epochDay, double amount) {
    checkArgument(Double.isFinite(amount), "amount must be finite, was %s", amount);
    int at = Arrays.binarySearch(days, 0, size, epochDay);
    if (at < 0) {
      at = -at - 1;
      ensureCapacity(size + 1);
      System.arraycopy(days, at, days, at + 1, size - at);
      System.arraycopy(amounts, at, amounts, at + 1, size - at);
      System.arraycopy(rowCounts, at, rowCounts, at + 1, size - at);
      System.arraycopy(purchases, at, purchases, at + 1, size - at);
      days[at] = epochDay;
      amounts[at] = 0;
      rowCounts[at] = 0;
      purchases[at] = false;
      size++;
    }
    amounts[at] += amount;
    rowCounts[at]++;
    purchases[at] |= amount >= 0;
    rows++;
    return this;
  }

  /**
   * Adds every transaction of another history of the same customer; the other is unchanged.
   *
   * @param other the other history
   * @return this history
   */
  public CustomerHistory merge(CustomerHistory other) {
    requireNonNull(other, "other");
    int n = size + other.size;
    int[] d = new int[Math.max(4, n)];
    double[] a = new double[d.length];
    int[] r = new int[d.length];
    boolean[] p = new boolean[d.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < size || j < other.size) {
      if (j == other.size || (i < size && days[i] < other.days[j])) {
        d[k] = days[i];
        a[k] = amounts[i];
        r[k] = rowCounts[i];
        p[k++] = purchases[i++];
      } else if (i == size || other.days[j] < days[i]) {
        d[k] = other.days[j];
        a[k] = other.amounts[j];
        r[k] = other.rowCounts[j];
        p[k++] = other.purchases[j++];
      } else {
        d[k] = days[i];
        a[k] = amounts[i] + other.amounts[j];
        r[k] = Math.addExact(rowCounts[i], other.rowCounts[j]);
        p[k++] = purchases[i++] | other.purchases[j++];
      }
    }
    long total = rows + other.rows;
    days = d;
    amounts = a;
    rowCounts = r;
    purchases = p;
    size = k;
    rows = total;
    return this;
  }

  /** A copy that shares nothing with this history. */
  public CustomerHistory copy() {
    CustomerHistory copy = new CustomerHistory(Math.max(4, size));
    System.arraycopy(days, 0, copy.days, 0, size);
    System.arraycopy(amounts, 0, copy.amounts, 0, size);
    System.arraycopy(rowCounts, 0, copy.rowCounts, 0, size);
    System.arraycopy(purchases, 0, copy.purchases, 0, size);
    copy.size = size;
    copy.rows = rows;
    return copy;
  }

  /** The number of distinct days with a transaction. */
  public int days() {
    return size;
  }

  /** The number of transactions added, through merges too. */
  public long rows() {
    return rows;
  }

  /** The number of transactions dated on or before {@code endDay}. */
  long rowsUpTo(int endDay) {
    long n = 0;
    for (int i = 0; i < size && days[i] <= endDay; i++) {
      n += rowCounts[i];
    }
    return n;
  }

  /**
   * The customer's summary, with the conventions of {@link Summarizer} and purchases grouped by
   * day.
   *
   * @param id the customer's id
   * @param unit the unit of recency and age
   * @param observationEnd the last day observed, included
   * @return the summary, or empty if the customer made no purchase on or before the end
   */
  public Optional<Customer> summarize(String id, ChronoUnit unit, LocalDate observationEnd) {
    return summarize(id, unit, ChronoUnit.DAYS, observationEnd);
  }

  /**
   * The customer's summary, with the conventions of {@link Summarizer}.
   *
   * @param id the customer's id
   * @param unit the unit of recency and age; must be {@code grouping} unless that is days
   * @param grouping the calendar period within which purchases count once
   * @param observationEnd the last day observed, included
   * @return the summary, or empty if the customer made no purchase on or before the end
   */
  public Optional<Customer> summarize(
      String id, ChronoUnit unit, ChronoUnit grouping, LocalDate observationEnd) {
    requireNonNull(id, "id");
    Periods.checkSupported(requireNonNull(unit, "unit"));
    Periods.checkPeriod(requireNonNull(grouping, "grouping"));
    requireNonNull(observationEnd, "observationEnd");
    Periods.checkUnitFits(unit, grouping, "grouping");
    int endDay = Periods.epochDay(observationEnd, "observationEnd");
    Fold fold = fold(new Fold.Ticks(grouping), endDay);
    if (!fold.hasPurchase()) {
      return Optional.empty();
    }
    double perUnit = grouping == ChronoUnit.DAYS ? Periods.daysPer(unit) : 1.0;
    int endTick = Periods.periodOf(grouping, endDay);
    int ageTicks = endTick - Periods.periodOf(grouping, fold.firstDay);
    int frequency = fold.frequency();
    return Optional.of(new Customer(
        id,
        frequency,
        fold.recencyTicks() / perUnit,
        ageTicks / perUnit,
        frequency == 0 ? 0.0 : fold.repeatSpend / frequency,
        fold.totalSpend(),
        LocalDate.ofEpochDay(fold.firstDay)));
  }

  /** Folds the days up to {@code endDay}, one call of the fold per day. */
  Fold fold(Fold.Ticks ticks, int endDay) {
    Fold fold = new Fold();
    fold.reset();
    for (int i = 0; i < size && days[i] <= endDay; i++) {
      fold.accept(days[i], ticks.of(days[i]), amounts[i], purchases[i]);
    }
    return fold;
  }

  private void ensureCapacity(int capacity) {
    if (capacity > days.length) {
      int grown = Math.max(capacity, days.length * 2);
      days = Arrays.copyOf(days, grown);
      amounts = Arrays.copyOf(amounts, grown);
      rowCounts = Arrays.copyOf(rowCounts, grown);
      purchases = Arrays.copyOf(purchases, grown);
    }
  }

  /** Rejects a stream that does not hold a well-formed history. */
  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (days == null
        || amounts == null
        || rowCounts == null
        || purchases == null
        || size < 0
        || size > days.length
        || amounts.length != days.length
        || rowCounts.length != days.length
        || purchases.length != days.length) {
      throw new InvalidObjectException("malformed CustomerHistory");
    }
    long total = 0;
    for (int i = 0; i < size; i++) {
      if ((i > 0 && days[i] <= days[i - 1]) || rowCounts[i] <= 0 || !Double.isFinite(amounts[i])) {
        throw new InvalidObjectException("malformed CustomerHistory at day " + i);
      }
      total += rowCounts[i];
    }
    if (total != rows) {
      throw new InvalidObjectException("malformed CustomerHistory: row counts do not add up");
    }
  }

  @Override
  public String toString() {
    return size == 0
        ? "CustomerHistory[empty]"
        : String.format(
            Locale.ROOT,
            "CustomerHistory[%,d rows on %,d days, %s to %s]",
            rows,
            size,
            LocalDate.ofEpochDay(days[0]),
            LocalDate.ofEpochDay(days[size - 1]));
  }
}
