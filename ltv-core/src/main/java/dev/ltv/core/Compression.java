package dev.ltv.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link DistinctRows} from a base, counting equal rows in a hash table. */
final class Compression {

  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;

  private Compression() {}

  /** Rows of a base summarized from transactions: frequency and ticks packed in one long. */
  static DistinctRows ofTicks(CustomerBase base) {
    int n = base.size();
    int[] frequency = base.frequencyColumn();
    int[] recency = base.recencyTickColumn();
    LongCounter counter = new LongCounter(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      int ageTicks = base.ageTicks(i);
      if (frequency[i] > MASK || ageTicks > MASK) {
        return ofFigures(base);
      }
      counter.add((long) frequency[i] << (2 * BITS) | (long) recency[i] << BITS | ageTicks);
    }
    long[] keys = counter.keys();
    Arrays.sort(keys);
    int m = keys.length;
    int[] f = new int[m];
    double[] r = new double[m];
    double[] a = new double[m];
    int[] count = new int[m];
    double perUnit = base.ticksPerUnit();
    for (int j = 0; j < m; j++) {
      long key = keys[j];
      f[j] = (int) (key >>> (2 * BITS));
      r[j] = ((key >>> BITS) & MASK) / perUnit;
      a[j] = (key & MASK) / perUnit;
      count[j] = counter.get(key);
    }
    return new DistinctRows(f, r, a, count);
  }

  /** Rows of any base, keyed on the exact doubles. */
  static DistinctRows ofFigures(CustomerBase base) {
    record Row(int frequency, double recency, double age) {}
    Map<Row, int[]> counts = new HashMap<>();
    for (int i = 0; i < base.size(); i++) {
      counts
          .computeIfAbsent(
              new Row(base.frequency(i), base.recency(i), base.age(i)), k -> new int[1])[0]++;
    }
    Row[] rows = counts.keySet().toArray(new Row[0]);
    Arrays.sort(rows, (x, y) -> {
      int c = Integer.compare(x.frequency, y.frequency);
      if (c == 0) {
        c = Double.compare(x.recency, y.recency);
      }
      return c != 0 ? c : Double.compare(x.age, y.age);
    });
    int m = rows.length;
    int[] f = new int[m];
    double[] r = new double[m];
    double[] a = new double[m];
    int[] count = new int[m];
    for (int j = 0; j < m; j++) {
      f[j] = rows[j].frequency;
      r[j] = rows[j].recency;
      a[j] = rows[j].age;
      count[j] = counts.get(rows[j])[0];
    }
    return new DistinctRows(f, r, a, count);
  }

  /** Counts of non-negative long keys, by open addressing with linear probing. */
  static final class LongCounter {
    private long[] keys;
    private int[] counts;
    private int size;

    LongCounter(int expected) {
      int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
      keys = new long[capacity];
      Arrays.fill(keys, -1L);
      counts = new int[capacity];
    }

    void add(long key) {
      int mask = keys.length - 1;
      int slot = mix(key) & mask;
      while (keys[slot] != -1L && keys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (keys[slot] == -1L) {
        keys[slot] = key;
        if (++size * 2 > keys.length) {
          counts[slot]++;
          grow();
          return;
        }
      }
      counts[slot]++;
    }

    int get(long key) {
      int mask = keys.length - 1;
      int slot = mix(key) & mask;
      while (keys[slot] != key) {
        if (keys[slot] == -1L) {
          return 0;
        }
        slot = (slot + 1) & mask;
      }
      return counts[slot];
    }

    long[] keys() {
      long[] result = new long[size];
      int j = 0;
      for (long key : keys) {
        if (key != -1L) {
          result[j++] = key;
        }
      }
      return result;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldCounts = counts;
      keys = new long[oldKeys.length * 2];
      Arrays.fill(keys, -1L);
      counts = new int[keys.length];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != -1L) {
          int slot = mix(oldKeys[i]) & mask;
          while (keys[slot] != -1L) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[i];
          counts[slot] = oldCounts[i];
        }
      }
    }

    private static int mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
