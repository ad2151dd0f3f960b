package dev.ltv.core;

import static com.google.common.base.Preconditions.checkElementIndex;

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
