package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The compression of a base to distinct rows, on every path (packed ticks, packed figures, the
 * hash-table fallback, rows counted elsewhere), against a plain count of the customers in a sorted
 * map: every customer is counted once, on the row of its own figures, and rows come sorted.
 */
class CompressionPropertiesTest {

  /** Times that repeat, differ only in the last bit, sit at the edges, or are signed zeros. */
  private static final double[] TIMES = {
    0.0, -0.0, 0.1 + 0.2, 0.3, 1e-300, 1.0, 38.86, 52.142857142857146, 1e6
  };

  /** Frequencies that pack, and one above what a packed field holds. */
  private static final int[] FREQUENCIES = {0, 1, 2, 3, 7, 150, 3_000_000};

  @Provide
  Arbitrary<List<Customer>> customers() {
    Arbitrary<double[]> customer = Combinators.combine(
            Arbitraries.integers().between(0, FREQUENCIES.length - 2),
            Arbitraries.integers().between(0, TIMES.length - 1),
            Arbitraries.integers().between(0, TIMES.length - 1))
        .as((x, r, a) -> figures(FREQUENCIES[x], TIMES[r], TIMES[a]));
    return customer.list().ofMaxSize(300).map(CompressionPropertiesTest::withIds);
  }

  @Property(tries = 300)
  void distinctRows_ofFigures_countEveryCustomerOnItsOwnRow(
      @ForAll("customers") List<Customer> customers,
      @ForAll boolean heavyBuyer,
      @ForAll Random random) {
    List<Customer> all = new ArrayList<>(customers);
    if (heavyBuyer) {
      // Too many purchases to pack: the fallback counts every row.
      all.add(Customer.of("heavy", FREQUENCIES[FREQUENCIES.length - 1], 0.3, 38.86));
    }
    CustomerBase base = CustomerBase.of(all);
    Map<Row, Integer> expected = plainCount(base);

    assertRows(expected, base.distinctRows(), "figures");
    assertRows(expected, Compression.ofRows(base), "fallback");
    assertRows(expected, countedElsewhere(expected, random), "counted elsewhere");
  }

  @Property(tries = 100)
  void distinctRows_ofSummarizedLog_countEveryCustomerOnItsOwnRow(
      @ForAll @IntRange(min = 0, max = 400) int customers,
      @ForAll long seed,
      @ForAll("units") ChronoUnit unit,
      @ForAll boolean byPeriod) {
    // Many customers on few days, so that rows repeat.
    Random random = new Random(seed);
    LocalDate end = LocalDate.of(2024, 3, 31);
    TransactionLog.Builder log = TransactionLog.builder();
    for (int c = 0; c < customers; c++) {
      LocalDate first = end.minusDays(random.nextInt(70));
      log.add("c" + c, first, 10);
      int repeats = random.nextInt(4);
      for (int k = 0; k < repeats; k++) {
        log.add("c" + c, first.plusDays(random.nextInt(70)), 5);
      }
    }
    Summarizer summarizer = log.build().summarizer().unit(unit).observationEnd(end);
    if (byPeriod && unit != ChronoUnit.DAYS) {
      summarizer.groupBy(unit);
    }
    CustomerBase base = summarizer.summarize();
    Map<Row, Integer> expected = plainCount(base);

    assertRows(expected, base.distinctRows(), "ticks");
    assertRows(expected, Compression.ofRows(base), "fallback");
  }

  @Provide
  Arbitrary<ChronoUnit> units() {
    return Arbitraries.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS);
  }

  @Property(tries = 300)
  void radixSort_sortsLikeArraysSort(
      @ForAll @IntRange(min = 0, max = 63) int bits,
      @ForAll @IntRange(min = 0, max = 5000) int size,
      @ForAll long seed) {
    Random random = new Random(seed);
    long mask = bits == 0 ? 0 : -1L >>> (64 - bits);
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      // Few distinct keys in some runs, so that equal keys meet.
      keys[i] = (seed % 3 == 0 ? random.nextInt(7) : random.nextLong()) & mask;
    }
    long[] expected = keys.clone();
    Arrays.sort(expected);

    assertArrayEquals(expected, Compression.radixSort(keys.clone(), bits));
  }

  /** Figures as valid as a customer needs: recency at most the age, and 0 without repeats. */
  private static double[] figures(int x, double recency, double age) {
    double r = x == 0 ? (recency == 0 ? recency : 0.0) : Math.min(recency, age);
    return new double[] {x, r, age};
  }

  private static List<Customer> withIds(List<double[]> figures) {
    List<Customer> customers = new ArrayList<>(figures.size());
    for (int i = 0; i < figures.size(); i++) {
      double[] f = figures.get(i);
      customers.add(Customer.of("c" + i, (int) f[0], f[1], f[2]));
    }
    return customers;
  }

  /** A row as the compression keys it: exact bits, with -0.0 taken as 0.0. */
  private record Row(int frequency, double recency, double age) {
    static final Comparator<Row> ORDER = Comparator.comparingInt(Row::frequency)
        .thenComparingDouble(Row::recency)
        .thenComparingDouble(Row::age);

    static Row of(int frequency, double recency, double age) {
      return new Row(frequency, recency + 0.0, age + 0.0);
    }
  }

  private static Map<Row, Integer> plainCount(CustomerBase base) {
    Map<Row, Integer> counts = new TreeMap<>(Row.ORDER);
    for (Customer c : base) {
      counts.merge(Row.of(c.frequency(), c.recency(), c.age()), 1, Integer::sum);
    }
    return counts;
  }

  /** The rows listed in a shuffled order, as a distributed engine returns them. */
  private static DistinctRows countedElsewhere(Map<Row, Integer> counts, Random random) {
    List<Map.Entry<Row, Integer>> entries = new ArrayList<>(counts.entrySet());
    Collections.shuffle(entries, random);
    int n = entries.size();
    int[] f = new int[n];
    double[] r = new double[n];
    double[] a = new double[n];
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      Row row = entries.get(i).getKey();
      f[i] = row.frequency();
      r[i] = row.recency();
      a[i] = row.age();
      c[i] = entries.get(i).getValue();
    }
    return DistinctRows.of(f, r, a, c);
  }

  private static void assertRows(Map<Row, Integer> expected, DistinctRows rows, String path) {
    long customers = 0;
    for (int count : expected.values()) {
      customers += count;
    }
    assertEquals(expected.size(), rows.size(), path + ": distinct rows");
    assertEquals(customers, rows.customers(), path + ": customers");
    int j = 0;
    for (Map.Entry<Row, Integer> e : expected.entrySet()) {
      Row row = e.getKey();
      String where = path + ", row " + j + " " + row;
      assertEquals(row.frequency(), rows.frequency(j), where);
      // Bits, not values: 0.0 and -0.0 must not both appear, nor values a bit apart merge.
      assertEquals(bits(row.recency()), bits(rows.recency(j)), where);
      assertEquals(bits(row.age()), bits(rows.age(j)), where);
      assertEquals((int) e.getValue(), rows.count(j), where);
      j++;
    }
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }
}
