package dev.ltv.core.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;

import java.util.Arrays;

/**
 * Numbers the distinct (frequency, recency, age) rows it is given, 0, 1, 2, ... in order of first
 * appearance, so that a caller can count customers per row or compute a value once per row.
 *
 * <p>Doubles are keyed on their exact bits: {@code -0.0} and {@code 0.0} are different rows, and so
 * are two values that print alike but differ in the last bit. A caller that wants them merged adds
 * {@code 0.0} first. Open addressing with linear probing: each slot holds the key and the row
 * number side by side, so a lookup reads one cache line in most cases and allocates nothing. Not
 * thread-safe.
 */
public final class RowTable {

  /** Slot layout in {@link #slots}: recency bits, age bits, frequency (-1 when empty), row. */
  private static final int STRIDE = 4;

  private static final long EMPTY = -1L;
  /**
   * The most rows. Their slots, twice as many of {@link #STRIDE} longs each, then take 2^30 longs
   * in one array; one more doubling would overflow an array's int length.
   */
  private static final int MAX_ROWS = 1 << 27;

  private long[] slots;
  private int shift;
  private int[] frequency;
  private long[] recencyBits;
  private long[] ageBits;
  private int size;

  /**
   * An empty table sized for about {@code expectedRows} rows; it grows as needed.
   *
   * @param expectedRows the expected number of distinct rows, at least 0
   */
  public RowTable(int expectedRows) {
    checkArgument(expectedRows >= 0, "expectedRows must be >= 0, was %s", expectedRows);
    int rows = Math.max(16, Math.min(expectedRows, MAX_ROWS));
    int capacity = Integer.highestOneBit(2 * rows - 1) << 1;
    allocateSlots(capacity);
    frequency = new int[rows];
    recencyBits = new long[rows];
    ageBits = new long[rows];
  }

  /**
   * Whether the table holds as many rows as it can; adding a new row then throws.
   *
   * @return true when full
   */
  public boolean isFull() {
    return size == MAX_ROWS;
  }

  /** The number of distinct rows added so far. */
  public int size() {
    return size;
  }

  /**
   * The number of a row, adding it if it is new: a new row gets the number {@link #size()} had
   * before the call.
   *
   * @param x the frequency, at least 0
   * @param recency the recency
   * @param age the age
   * @return the row's number, in {@code [0, size())}
   */
  public int add(int x, double recency, double age) {
    checkArgument(x >= 0, "frequency must be >= 0, was %s", x);
    long r = Double.doubleToRawLongBits(recency);
    long a = Double.doubleToRawLongBits(age);
    long[] s = slots;
    int mask = s.length / STRIDE - 1;
    int i = hash(x, r, a) >>> shift;
    while (true) {
      int at = i * STRIDE;
      long f = s[at + 2];
      if (f == x && s[at] == r && s[at + 1] == a) {
        return (int) s[at + 3];
      }
      if (f == EMPTY) {
        return insert(at, x, r, a);
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * The number of a row, or -1 if it was never added.
   *
   * @param x the frequency
   * @param recency the recency
   * @param age the age
   * @return the row's number, or -1
   */
  public int indexOf(int x, double recency, double age) {
    long r = Double.doubleToRawLongBits(recency);
    long a = Double.doubleToRawLongBits(age);
    int mask = slots.length / STRIDE - 1;
    int i = hash(x, r, a) >>> shift;
    while (true) {
      int at = i * STRIDE;
      long f = slots[at + 2];
      if (f == x && slots[at] == r && slots[at + 1] == a) {
        return (int) slots[at + 3];
      }
      if (f == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * The frequency of row {@code row}.
   *
   * @param row the row, in {@code [0, size())}
   * @return the frequency
   */
  public int frequency(int row) {
    checkElementIndex(row, size);
    return frequency[row];
  }

  /**
   * The recency of row {@code row}, with the exact bits it was added with.
   *
   * @param row the row, in {@code [0, size())}
   * @return the recency
   */
  public double recency(int row) {
    checkElementIndex(row, size);
    return Double.longBitsToDouble(recencyBits[row]);
  }

  /**
   * The age of row {@code row}, with the exact bits it was added with.
   *
   * @param row the row, in {@code [0, size())}
   * @return the age
   */
  public double age(int row) {
    checkElementIndex(row, size);
    return Double.longBitsToDouble(ageBits[row]);
  }

  private int insert(int at, int x, long r, long a) {
    if (size == MAX_ROWS) {
      throw new IllegalStateException(String.format(
          "more than %,d distinct (frequency, recency, age) rows: too many to count in one table",
          MAX_ROWS));
    }
    int row = size++;
    slots[at] = r;
    slots[at + 1] = a;
    slots[at + 2] = x;
    slots[at + 3] = row;
    if (row == frequency.length) {
      int capacity = Math.min(MAX_ROWS, 2 * row);
      frequency = Arrays.copyOf(frequency, capacity);
      recencyBits = Arrays.copyOf(recencyBits, capacity);
      ageBits = Arrays.copyOf(ageBits, capacity);
    }
    frequency[row] = x;
    recencyBits[row] = r;
    ageBits[row] = a;
    // At most half the slots are used, which keeps probe runs short.
    if (2L * size > slots.length / STRIDE) {
      rehash();
    }
    return row;
  }

  private void rehash() {
    allocateSlots(2 * (slots.length / STRIDE));
    long[] s = slots;
    int mask = s.length / STRIDE - 1;
    for (int row = 0; row < size; row++) {
      int i = hash(frequency[row], recencyBits[row], ageBits[row]) >>> shift;
      while (s[i * STRIDE + 2] != EMPTY) {
        i = (i + 1) & mask;
      }
      int at = i * STRIDE;
      s[at] = recencyBits[row];
      s[at + 1] = ageBits[row];
      s[at + 2] = frequency[row];
      s[at + 3] = row;
    }
  }

  private void allocateSlots(int capacity) {
    slots = new long[capacity * STRIDE];
    for (int at = 2; at < slots.length; at += STRIDE) {
      slots[at] = EMPTY;
    }
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
  }

  /** Multiplicative hashing; the caller keeps the top bits, which mix every input bit. */
  private static int hash(int x, long recency, long age) {
    long h = (recency * 0x9E3779B97F4A7C15L + age) * 0xC2B2AE3D27D4EB4FL + x;
    h *= 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }
}
