package dev.ltv.core;

import dev.ltv.core.internal.RowTable;
import java.util.Arrays;

/**
 * Builds {@link DistinctRows} from a base without a hash table the size of the distinct rows, which
 * misses the cache on almost every customer once the rows number in the hundreds of thousands.
 * Instead each customer's frequency, recency and age become small whole numbers in the order of
 * their values (ticks for a base summarized from transactions, ranks among the distinct values
 * otherwise), packed into one long; a radix sort of the longs puts equal rows next to each other,
 * and one pass counts them. Every step reads and writes memory in sequence, and the tables of
 * distinct times, a few hundred values for a base on a day grid, stay in the cache.
 *
 * <p>When the packed fields do not fit in 63 bits (millions of distinct times, or a frequency
 * above two million) the rows are counted in a {@link RowTable} instead, which is slower but has no
 * such limit.
 */
final class Compression {

  /** Width of each field while the customers are read, before they are packed tighter. */
  private static final int FIELD_BITS = 21;

  private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;

  /**
   * The widest digit of the radix sort: 4,096 counters stay in the first-level cache, and two
   * passes sort keys of up to 24 bits (23 for ten million customers seen daily over 39 weeks).
   */
  private static final int MAX_DIGIT_BITS = 12;

  private Compression() {}

  /** Rows of a base summarized from transactions, whose times are whole ticks. */
  static DistinctRows ofTicks(CustomerBase base) {
    int n = base.size();
    int[] frequency = base.frequencyColumn();
    int[] recency = base.recencyTickColumn();
    long[] keys = new long[n];
    int maxFrequency = 0;
    int maxRecency = 0;
    int minAge = Integer.MAX_VALUE;
    int maxAge = 0;
    for (int i = 0; i < n; i++) {
      int x = frequency[i];
      int r = recency[i];
      int ageTicks = base.ageTicks(i);
      if (x > FIELD_MASK || ageTicks > FIELD_MASK) {
        return ofRows(base);
      }
      maxFrequency = Math.max(maxFrequency, x);
      maxRecency = Math.max(maxRecency, r);
      minAge = Math.min(minAge, ageTicks);
      maxAge = Math.max(maxAge, ageTicks);
      keys[i] = (long) x << (2 * FIELD_BITS) | (long) r << FIELD_BITS | ageTicks;
    }
    if (n == 0) {
      return new DistinctRows(new int[0], new double[0], new double[0], new int[0]);
    }

    // Recency ticks stay as they are; age ticks are counted from the youngest customer's.
    double perUnit = base.ticksPerUnit();
    int[] recencyRank = new int[maxRecency + 1];
    double[] recencyValue = new double[maxRecency + 1];
    for (int t = 0; t <= maxRecency; t++) {
      recencyRank[t] = t;
      recencyValue[t] = t / perUnit;
    }
    int[] ageRank = new int[maxAge + 1];
    double[] ageValue = new double[maxAge - minAge + 1];
    for (int t = minAge; t <= maxAge; t++) {
      ageRank[t] = t - minAge;
      ageValue[t - minAge] = t / perUnit;
    }
    return packed(keys, maxFrequency, recencyRank, recencyValue, ageRank, ageValue);
  }

  /**
   * Rows of a base built from figures, keyed on the exact doubles ({@code -0.0} counted as {@code
   * 0.0}).
   */
  static DistinctRows ofFigures(CustomerBase base) {
    int n = base.size();
    long[] keys = new long[n];
    LongIds recencies = new LongIds();
    LongIds ages = new LongIds();
    int maxFrequency = 0;
    for (int i = 0; i < n; i++) {
      int x = base.frequency(i);
      // Adding 0.0 turns -0.0 into 0.0; the bits of the other doubles >= 0 order as their values.
      int r = recencies.id(Double.doubleToRawLongBits(base.recency(i) + 0.0));
      int a = ages.id(Double.doubleToRawLongBits(base.age(i) + 0.0));
      if (x > FIELD_MASK || r > FIELD_MASK || a > FIELD_MASK) {
        return ofRows(base);
      }
      maxFrequency = Math.max(maxFrequency, x);
      keys[i] = (long) x << (2 * FIELD_BITS) | (long) r << FIELD_BITS | a;
    }
    if (n == 0) {
      return new DistinctRows(new int[0], new double[0], new double[0], new int[0]);
    }
    long[] recencyBits = recencies.keys();
    long[] ageBits = ages.keys();
    double[] recencyValues = sortedValues(recencyBits);
    double[] ageValues = sortedValues(ageBits);
    return packed(
        keys,
        maxFrequency,
        ranks(recencyBits, recencyValues),
        recencyValues,
        ranks(ageBits, ageValues),
        ageValues);
  }

  /** The distinct doubles whose bits are the given keys, in increasing order. */
  private static double[] sortedValues(long[] keysById) {
    long[] sorted = keysById.clone();
    Arrays.sort(sorted);
    double[] values = new double[sorted.length];
    for (int k = 0; k < values.length; k++) {
      values[k] = Double.longBitsToDouble(sorted[k]);
    }
    return values;
  }

  /** For each id, the rank of the double its key holds among the sorted distinct values. */
  private static int[] ranks(long[] keysById, double[] sortedValues) {
    int[] rank = new int[keysById.length];
    for (int id = 0; id < rank.length; id++) {
      rank[id] = Arrays.binarySearch(sortedValues, Double.longBitsToDouble(keysById[id]));
    }
    return rank;
  }

  /**
   * Counts the rows of customers whose keys hold the frequency and two fields of {@link
   * #FIELD_BITS} each; a field maps to a rank by the given table, and a rank to its value.
   */
  private static DistinctRows packed(
      long[] keys,
      int maxFrequency,
      int[] recencyRank,
      double[] recencyValue,
      int[] ageRank,
      double[] ageValue) {
    int ageBits = bitsFor(ageValue.length - 1);
    int recencyBits = bitsFor(recencyValue.length - 1);
    int shift = ageBits + recencyBits;
    int bits = shift + bitsFor(maxFrequency);
    for (int i = 0; i < keys.length; i++) {
      long key = keys[i];
      long x = key >>> (2 * FIELD_BITS);
      int r = recencyRank[(int) ((key >>> FIELD_BITS) & FIELD_MASK)];
      int a = ageRank[(int) (key & FIELD_MASK)];
      keys[i] = x << shift | (long) r << ageBits | a;
    }
    long[] sorted = radixSort(keys, bits);

    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        m++;
      }
    }
    int[] f = new int[m];
    double[] r = new double[m];
    double[] a = new double[m];
    int[] count = new int[m];
    long ageMask = (1L << ageBits) - 1;
    long recencyMask = (1L << recencyBits) - 1;
    int j = -1;
    for (int i = 0; i < sorted.length; i++) {
      long key = sorted[i];
      if (i == 0 || key != sorted[i - 1]) {
        j++;
        f[j] = (int) (key >>> shift);
        r[j] = recencyValue[(int) ((key >>> ageBits) & recencyMask)];
        a[j] = ageValue[(int) (key & ageMask)];
      }
      count[j]++;
    }
    return new DistinctRows(f, r, a, count);
  }

  /**
   * Sorts keys whose set bits all lie below {@code bits}, least significant digit first; the
   * result is either {@code keys} or a new array, and {@code keys} is overwritten.
   */
  static long[] radixSort(long[] keys, int bits) {
    if (bits == 0) {
      return keys;
    }
    int passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int digitBits = (bits + passes - 1) / passes;
    int buckets = 1 << digitBits;
    long mask = buckets - 1;
    int[][] starts = new int[passes][buckets];
    for (long key : keys) {
      for (int p = 0; p < passes; p++) {
        starts[p][(int) ((key >>> (p * digitBits)) & mask)]++;
      }
    }
    long[] from = keys;
    long[] to = new long[keys.length];
    for (int p = 0; p < passes; p++) {
      int[] start = starts[p];
      int sum = 0;
      for (int d = 0; d < buckets; d++) {
        int c = start[d];
        start[d] = sum;
        sum += c;
      }
      int shift = p * digitBits;
      for (long key : from) {
        to[start[(int) ((key >>> shift) & mask)]++] = key;
      }
      long[] swap = from;
      from = to;
      to = swap;
    }
    return from;
  }

  /** The number of bits that hold every value in {@code [0, max]}. */
  private static int bitsFor(long max) {
    return 64 - Long.numberOfLeadingZeros(max);
  }

  /** Rows of any base, counted in a {@link RowTable}: the way when the fields do not pack. */
  static DistinctRows ofRows(CustomerBase base) {
    int n = base.size();
    RowTable table = new RowTable(Math.min(n, 1 << 16));
    int[] counts = new int[16];
    for (int i = 0; i < n; i++) {
      int row = table.add(base.frequency(i), base.recency(i) + 0.0, base.age(i) + 0.0);
      if (row == counts.length) {
        counts = Arrays.copyOf(counts, 2 * row);
      }
      counts[row]++;
    }
    return sorted(table, counts);
  }

  /**
   * The rows of a table as distinct rows, sorted, each with its count from {@code countByRow}
   * (indexed by the table's row numbers).
   */
  static DistinctRows sorted(RowTable table, int[] countByRow) {
    int m = table.size();
    int[] f = new int[m];
    double[] r = new double[m];
    double[] a = new double[m];
    int[] count = new int[m];
    int[] order = sortedRows(table);
    for (int j = 0; j < m; j++) {
      int row = order[j];
      f[j] = table.frequency(row);
      r[j] = table.recency(row);
      a[j] = table.age(row);
      count[j] = countByRow[row];
    }
    return new DistinctRows(f, r, a, count);
  }

  /**
   * The rows of a table in order of frequency, then recency, then age, for rows whose doubles are
   * not negative (nor -0.0). Such doubles order as their bits do, and their ranks among the
   * distinct values fit in few bits, so the sort is one of primitive longs.
   */
  private static int[] sortedRows(RowTable table) {
    int m = table.size();
    if (m == 0) {
      return new int[0];
    }
    double[] recencies = new double[m];
    double[] ages = new double[m];
    int maxFrequency = 0;
    for (int row = 0; row < m; row++) {
      recencies[row] = table.recency(row);
      ages[row] = table.age(row);
      maxFrequency = Math.max(maxFrequency, table.frequency(row));
    }
    double[] recencyValues = sortedDistinct(recencies);
    double[] ageValues = sortedDistinct(ages);
    int ageBits = bitsFor(ageValues.length - 1);
    int recencyBits = bitsFor(recencyValues.length - 1);
    int[] order = new int[m];
    if (bitsFor(maxFrequency) + recencyBits + ageBits > 63) {
      // Tens of millions of distinct values in each column: compare the rows themselves.
      Integer[] boxed = new Integer[m];
      Arrays.setAll(boxed, row -> row);
      Arrays.sort(boxed, (x, y) -> {
        int c = Integer.compare(table.frequency(x), table.frequency(y));
        if (c == 0) {
          c = Double.compare(recencies[x], recencies[y]);
        }
        return c != 0 ? c : Double.compare(ages[x], ages[y]);
      });
      Arrays.setAll(order, j -> boxed[j]);
      return order;
    }
    long[] keys = new long[m];
    for (int row = 0; row < m; row++) {
      long recencyRank = Arrays.binarySearch(recencyValues, recencies[row]);
      long ageRank = Arrays.binarySearch(ageValues, ages[row]);
      keys[row] = ((long) table.frequency(row) << recencyBits | recencyRank) << ageBits | ageRank;
    }
    Arrays.sort(keys);
    long ageMask = (1L << ageBits) - 1;
    long recencyMask = (1L << recencyBits) - 1;
    for (int j = 0; j < m; j++) {
      long key = keys[j];
      double age = ageValues[(int) (key & ageMask)];
      double recency = recencyValues[(int) ((key >>> ageBits) & recencyMask)];
      int x = (int) (key >>> (ageBits + recencyBits));
      order[j] = table.indexOf(x, recency, age);
    }
    return order;
  }

  private static double[] sortedDistinct(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int k = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (k == 0 || sorted[i] != sorted[k - 1]) {
        sorted[k++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, k);
  }

  /**
   * Numbers distinct non-negative long keys 0, 1, 2, ... in order of first appearance, by open
   * addressing with linear probing. Meant for a few thousand keys, which keeps it in the cache.
   */
  static final class LongIds {
    private static final long EMPTY = -1L;

    private long[] slots = new long[64];
    private int[] ids = new int[64];
    private int shift = 64 - 6;
    private long[] keys = new long[32];
    private int size;

    LongIds() {
      Arrays.fill(slots, EMPTY);
    }

    /** The id of a key, adding it if new. */
    int id(long key) {
      int mask = slots.length - 1;
      int slot = slot(key);
      while (true) {
        long k = slots[slot];
        if (k == key) {
          return ids[slot];
        }
        if (k == EMPTY) {
          return add(slot, key);
        }
        slot = (slot + 1) & mask;
      }
    }

    /** The keys by id. */
    long[] keys() {
      return Arrays.copyOf(keys, size);
    }

    private int add(int slot, long key) {
      int id = size++;
      slots[slot] = key;
      ids[slot] = id;
      if (id == keys.length) {
        keys = Arrays.copyOf(keys, 2 * id);
      }
      keys[id] = key;
      if (2 * size > slots.length) {
        slots = new long[2 * slots.length];
        Arrays.fill(slots, EMPTY);
        ids = new int[slots.length];
        shift--;
        int mask = slots.length - 1;
        for (int j = 0; j < size; j++) {
          int s = slot(keys[j]);
          while (slots[s] != EMPTY) {
            s = (s + 1) & mask;
          }
          slots[s] = keys[j];
          ids[s] = j;
        }
      }
      return id;
    }

    /**
     * Multiplicative hashing, keeping the top bits of the product: the low bits of a double's
     * pattern are often all zero, and the top bits of the product depend on every bit of the key.
     */
    private int slot(long key) {
      return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
  }
}
