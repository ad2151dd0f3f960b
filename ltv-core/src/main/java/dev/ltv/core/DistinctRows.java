package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.internal.RowTable;
import java.util.Locale;

/**
 * A customer base compressed to its distinct (frequency, recency, age) rows, each with the number
 * of customers that share it. Every purchase model's likelihood depends on a customer only through
 * these three figures, so fitting on the distinct rows gives the same result as fitting on every
 * customer, at a cost that does not grow with the number of customers.
 *
 * <p>Rows are sorted by frequency, then recency, then age, so the order (and with it every sum a
 * fit makes) does not depend on the order of the customers.
 *
 * @since 0.1
 */
public final class DistinctRows {

  private final int[] frequency;
  private final double[] recency;
  private final double[] age;
  private final int[] count;
  private final long customers;

  DistinctRows(int[] frequency, double[] recency, double[] age, int[] count) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.count = count;
    long total = 0;
    for (int c : count) {
      total += c;
    }
    this.customers = total;
  }

  /**
   * Distinct rows counted elsewhere, for example by a distributed engine that grouped the customer
   * summaries by (frequency, recency, age). The rows may come in any order; they are sorted as
   * {@link CustomerBase#distinctRows()} sorts them, so a fit gives the same result either way. The
   * arrays are copied.
   *
   * @param frequency repeat purchases of each row, at least 0
   * @param recency recency of each row, in {@code [0, age]}, and 0 when the frequency is 0
   * @param age age of each row, finite and at least 0
   * @param count how many customers share each row, at least 1
   * @return the rows, sorted by frequency, then recency, then age
   * @throws IllegalArgumentException if the arrays differ in length, a row is invalid, or two rows
   *     are equal
   * @since 0.1
   */
  public static DistinctRows of(int[] frequency, double[] recency, double[] age, int[] count) {
    int n = requireNonNull(frequency, "frequency").length;
    checkArgument(
        requireNonNull(recency, "recency").length == n
            && requireNonNull(age, "age").length == n
            && requireNonNull(count, "count").length == n,
        "columns differ in length: frequency %s, recency %s, age %s, count %s",
        n,
        recency.length,
        age.length,
        count.length);
    for (int i = 0; i < n; i++) {
      String row = "row " + i;
      checkArgument(frequency[i] >= 0, "%s: frequency must be >= 0, was %s", row, frequency[i]);
      checkArgument(
          Double.isFinite(age[i]) && age[i] >= 0,
          "%s: age must be finite and >= 0, was %s",
          row,
          age[i]);
      checkArgument(
          recency[i] >= 0 && recency[i] <= age[i],
          "%s: recency must be in [0, age=%s], was %s",
          row,
          age[i],
          recency[i]);
      checkArgument(
          frequency[i] > 0 || recency[i] == 0,
          "%s: recency must be 0 without repeat purchases, was %s",
          row,
          recency[i]);
      checkArgument(count[i] >= 1, "%s: count must be >= 1, was %s", row, count[i]);
    }

    // Adding 0.0 turns -0.0 into 0.0, so that equal rows are found equal. Rows are numbered in
    // order of first appearance, so a row numbered below its index repeats an earlier one.
    RowTable table = new RowTable(n);
    for (int i = 0; i < n; i++) {
      int row = table.add(frequency[i], recency[i] + 0.0, age[i] + 0.0);
      if (row != i) {
        throw new IllegalArgumentException(String.format(
            "rows %s and %s are equal: (frequency %s, recency %s, age %s)",
            row, i, frequency[i], recency[i], age[i]));
      }
    }
    return Compression.sorted(table, count);
  }

  /** The number of distinct rows. */
  public int size() {
    return frequency.length;
  }

  /** The number of customers the rows stand for: the sum of the counts. */
  public long customers() {
    return customers;
  }

  /**
   * Repeat purchases of row {@code i}.
   *
   * @param i the row, in {@code [0, size())}
   * @return the frequency
   */
  public int frequency(int i) {
    checkElementIndex(i, frequency.length);
    return frequency[i];
  }

  /**
   * Recency of row {@code i}, in the base's time unit.
   *
   * @param i the row, in {@code [0, size())}
   * @return the recency
   */
  public double recency(int i) {
    checkElementIndex(i, frequency.length);
    return recency[i];
  }

  /**
   * Age of row {@code i}, in the base's time unit.
   *
   * @param i the row, in {@code [0, size())}
   * @return the age
   */
  public double age(int i) {
    checkElementIndex(i, frequency.length);
    return age[i];
  }

  /**
   * How many customers share row {@code i}; at least 1.
   *
   * @param i the row, in {@code [0, size())}
   * @return the count
   */
  public int count(int i) {
    checkElementIndex(i, frequency.length);
    return count[i];
  }

  /** A copy of the frequency column. */
  public int[] frequencies() {
    return frequency.clone();
  }

  /** A copy of the recency column. */
  public double[] recencies() {
    return recency.clone();
  }

  /** A copy of the age column. */
  public double[] ages() {
    return age.clone();
  }

  /** A copy of the count column. */
  public int[] counts() {
    return count.clone();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "DistinctRows[%,d rows for %,d customers]", size(), customers);
  }
}
