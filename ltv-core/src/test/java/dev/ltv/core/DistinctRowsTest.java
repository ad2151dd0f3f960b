package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Distinct rows counted outside the library, checked against the library's own compression. */
class DistinctRowsTest {

  private static final DistinctRows CDNOW = TransactionLog.readCsv(
          TestData.path("cdnow_sample.csv"))
      .summarize(ChronoUnit.WEEKS, LocalDate.of(1997, 9, 30))
      .distinctRows();

  @Property(tries = 20)
  void of_rowsInAnyOrder_equalsTheBasesOwnCompression(@ForAll long seed) {
    int n = CDNOW.size();
    int[] order = shuffledIndices(n, new Random(seed));
    int[] f = new int[n];
    double[] r = new double[n];
    double[] a = new double[n];
    int[] c = new int[n];
    for (int j = 0; j < n; j++) {
      f[j] = CDNOW.frequency(order[j]);
      r[j] = CDNOW.recency(order[j]);
      a[j] = CDNOW.age(order[j]);
      c[j] = CDNOW.count(order[j]);
    }

    DistinctRows rows = DistinctRows.of(f, r, a, c);

    assertArrayEquals(CDNOW.frequencies(), rows.frequencies());
    assertArrayEquals(CDNOW.recencies(), rows.recencies());
    assertArrayEquals(CDNOW.ages(), rows.ages());
    assertArrayEquals(CDNOW.counts(), rows.counts());
    assertEquals(2357, rows.customers());
  }

  @Test
  void of_copiesTheArrays() {
    int[] frequency = {2, 0};
    double[] recency = {3.0, 0.0};
    double[] age = {5.0, 4.0};
    int[] count = {7, 1};

    DistinctRows rows = DistinctRows.of(frequency, recency, age, count);
    frequency[0] = 9;
    count[1] = 9;

    assertArrayEquals(new int[] {0, 2}, rows.frequencies());
    assertArrayEquals(new int[] {1, 7}, rows.counts());
    assertEquals(8, rows.customers());
  }

  @Test
  void of_noRows_isEmpty() {
    DistinctRows rows = DistinctRows.of(new int[0], new double[0], new double[0], new int[0]);

    assertEquals(0, rows.size());
    assertEquals(0, rows.customers());
  }

  @Test
  void of_negativeZero_isTheSameRowAsZero() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> DistinctRows.of(
            new int[] {0, 0}, new double[] {0.0, -0.0}, new double[] {4, 4}, new int[] {1, 1}));

    assertTrue(e.getMessage().contains("rows 0 and 1 are equal"), e.getMessage());
  }

  @Test
  void of_invalidRows_failWithTheRowAndTheField() {
    assertMessage(
        "row 1: frequency must be >= 0",
        () -> DistinctRows.of(
            new int[] {0, -1}, new double[] {0, 0}, new double[] {1, 1}, new int[] {1, 1}));
    assertMessage(
        "row 0: recency must be in [0, age=2.0], was 3.0",
        () -> DistinctRows.of(new int[] {1}, new double[] {3}, new double[] {2}, new int[] {1}));
    assertMessage(
        "row 0: recency must be 0 without repeat purchases",
        () -> DistinctRows.of(new int[] {0}, new double[] {1}, new double[] {2}, new int[] {1}));
    assertMessage(
        "row 0: age must be finite",
        () -> DistinctRows.of(
            new int[] {0}, new double[] {0}, new double[] {Double.NaN}, new int[] {1}));
    assertMessage(
        "row 0: recency must be in",
        () -> DistinctRows.of(
            new int[] {1}, new double[] {Double.NaN}, new double[] {2}, new int[] {1}));
    assertMessage(
        "row 0: count must be >= 1, was 0",
        () -> DistinctRows.of(new int[] {1}, new double[] {1}, new double[] {2}, new int[] {0}));
    assertMessage(
        "columns differ in length: frequency 1, recency 2",
        () -> DistinctRows.of(new int[] {1}, new double[2], new double[1], new int[] {1}));
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  private static int[] shuffledIndices(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
