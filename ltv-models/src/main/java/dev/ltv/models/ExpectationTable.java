package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.CustomerBase;
import java.util.Arrays;

/**
 * Expected purchases given active, over a horizon cut into periods, undiscounted and discounted,
 * computed once per distinct (frequency, age) and kept in an open-addressing table that grows as
 * needed. One table serves one scoring pass over a base; not thread-safe.
 */
final class ExpectationTable {

  private final AliveFactored model;
  private final double[] ends;
  private final double[] weights;
  private int[] position;
  private int[] frequency;
  private long[] ageBits;
  private double[] total;
  private double[] discounted;
  private int used;

  /**
   * A table for periods ending at {@code ends[1..]} (with {@code ends[0] = 0}), the purchases of
   * period k weighted by {@code weights[k]}.
   */
  ExpectationTable(AliveFactored model, double[] ends, double[] weights) {
    this.model = model;
    this.ends = ends;
    this.weights = weights;
    int capacity = 512;
    frequency = new int[capacity];
    ageBits = new long[capacity];
    total = new double[capacity];
    discounted = new double[capacity];
    position = new int[2 * capacity];
    Arrays.fill(position, -1);
  }

  /** A table for the expectation over (0, t] alone. */
  static ExpectationTable over(AliveFactored model, double t) {
    return new ExpectationTable(model, new double[] {0, t}, new double[] {0, 1});
  }

  /**
   * P(alive) and expected purchases over (T, T + t] for every customer of a base, written at the
   * customer's position; computed once per distinct (frequency, recency, age).
   */
  static void score(
      AliveFactored model,
      CustomerBase base,
      double t,
      double[] probabilityAlive,
      double[] expectedPurchases) {
    BetaGeometricNbd.checkHorizon(t);
    int n = base.size();
    checkLength("probabilityAlive", probabilityAlive, n);
    checkLength("expectedPurchases", expectedPurchases, n);
    RowScores rows = new RowScores(model, over(model, t));
    for (int i = 0; i < n; i++) {
      int row = rows.row(base.frequency(i), base.recency(i), base.age(i));
      double alive = rows.alive(row);
      probabilityAlive[i] = alive;
      expectedPurchases[i] = alive * rows.total(row);
    }
  }

  static void checkLength(String name, double[] array, int n) {
    requireNonNull(array, name);
    checkArgument(
        array.length >= n, "%s has length %s, the base has %s customers", name, array.length, n);
  }

  /** The undiscounted expectation over the whole horizon in a slot. */
  double total(int slot) {
    return total[slot];
  }

  /** The discounted expectation in a slot. */
  double discounted(int slot) {
    return discounted[slot];
  }

  /** The slot of (x, age), computing its expectations the first time. */
  int slot(int x, double age) {
    long bits = Double.doubleToLongBits(age);
    int mask = position.length - 1;
    int h = hash(x, bits) & mask;
    for (int s = position[h]; s >= 0; s = position[h]) {
      if (frequency[s] == x && ageBits[s] == bits) {
        return s;
      }
      h = (h + 1) & mask;
    }
    if (used == frequency.length) {
      grow();
    }
    int s = used++;
    frequency[s] = x;
    ageBits[s] = bits;
    double previous = 0;
    double sum = 0;
    for (int k = 1; k < ends.length; k++) {
      double e = model.expectedPurchasesIfAlive(x, age, ends[k]);
      // Expectations never fall with the horizon; guard against rounding all the same.
      sum += weights[k] * Math.max(0, e - previous);
      previous = Math.max(previous, e);
    }
    total[s] = previous;
    discounted[s] = sum;
    insert(s);
    return s;
  }

  private void grow() {
    int capacity = 2 * frequency.length;
    frequency = Arrays.copyOf(frequency, capacity);
    ageBits = Arrays.copyOf(ageBits, capacity);
    total = Arrays.copyOf(total, capacity);
    discounted = Arrays.copyOf(discounted, capacity);
    position = new int[2 * capacity];
    Arrays.fill(position, -1);
    for (int s = 0; s < used; s++) {
      insert(s);
    }
  }

  private void insert(int s) {
    int mask = position.length - 1;
    int h = hash(frequency[s], ageBits[s]) & mask;
    while (position[h] >= 0) {
      h = (h + 1) & mask;
    }
    position[h] = s;
  }

  private static int hash(int x, long bits) {
    long h = (bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL;
    return (int) (h ^ (h >>> 31));
  }
}
