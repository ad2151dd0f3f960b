package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.CustomerBase;
import org.junit.jupiter.api.Test;

class RowScoresTest {

  private static final BgNbd MODEL = BgNbd.of(0.2426, 4.414, 0.793, 2.426);

  @Test
  void row_cacheStartedAfreshWhenFull_givesTheSameFiguresBitForBit() {
    CustomerBase base = Cdnow.summary();
    RowScores unlimited = new RowScores(MODEL, ExpectationTable.over(MODEL, 39));
    RowScores small = new RowScores(MODEL, ExpectationTable.over(MODEL, 39), 7);
    int largest = 0;
    for (int i = 0; i < base.size(); i++) {
      int x = base.frequency(i);
      double recency = base.recency(i);
      double age = base.age(i);
      int a = unlimited.row(x, recency, age);
      int b = small.row(x, recency, age);
      largest = Math.max(largest, small.size());
      String where = "customer " + base.customer(i).id();
      assertEquals(unlimited.alive(a), small.alive(b), where);
      assertEquals(unlimited.total(a), small.total(b), where);
      assertEquals(unlimited.discounted(a), small.discounted(b), where);
      assertEquals(MODEL.probabilityAlive(x, recency, age), small.alive(b), where);
    }
    // The small cache was refilled many times over the 1,016 distinct rows of the sample.
    assertEquals(7, largest);
    assertTrue(unlimited.size() > 1000, "distinct rows " + unlimited.size());
  }
}
