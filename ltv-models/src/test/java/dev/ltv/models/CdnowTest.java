package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The test fixture against the data facts of data/reference/PUBLISHED.md (CDNOW sample). */
class CdnowTest {

  @Test
  void summary_matchesPublishedDataFacts() {
    CustomerBase base = Cdnow.summary();
    assertEquals(2357, base.size());
    assertEquals(2457, base.repeatPurchases());
    assertEquals(946, base.repeatBuyers());
    assertEquals(ChronoUnit.WEEKS, base.unit().orElseThrow());
    int[] byFrequency = new int[8];
    for (Customer c : base) {
      byFrequency[Math.min(c.frequency(), 7)]++;
    }
    assertEquals(
        java.util.List.of(1411, 439, 214, 100, 62, 38, 29, 64),
        java.util.Arrays.stream(byFrequency).boxed().toList());
  }

  @Test
  void withSpend_sameCustomersWithTheirRepeatSpend() {
    CustomerBase spend = Cdnow.withSpend();
    CustomerBase summary = Cdnow.summary();
    assertEquals(summary.size(), spend.size());
    for (int i = 0; i < spend.size(); i++) {
      assertEquals(summary.frequency(i), spend.frequency(i));
      assertEquals(summary.recency(i), spend.recency(i));
      assertEquals(summary.age(i), spend.age(i));
      assertEquals(spend.frequency(i) > 0, spend.averageSpend(i) > 0, spend.id(i));
    }
  }
}
