package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CDNOW summaries of the literature, reproduced from the raw logs. Expected values come from
 * the published data set (Fader, Hardie and Lee 2005) and from lifetimes 0.11.3's
 * summary_data_from_transaction_data (see data/README.md).
 */
class CdnowSummaryTest {

  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

  @Test
  void summarize_cdnowSample_reproducesPublishedSummaryForEveryCustomer() {
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"));
    CustomerBase base = log.summarize(ChronoUnit.WEEKS, CALIBRATION_END);

    List<String[]> expected = TestData.rows("cdnow_customers_summary.csv");
    assertEquals(expected.size(), base.size());
    for (String[] row : expected) {
      Customer c = base.get(row[0]);
      assertEquals(Integer.parseInt(row[1]), c.frequency(), row[0]);
      // The published file rounds weeks to two decimals.
      assertEquals(Double.parseDouble(row[2]), c.recency(), 0.005 + 1e-9, row[0]);
      assertEquals(Double.parseDouble(row[3]), c.age(), 0.005 + 1e-9, row[0]);
    }
    assertEquals(2457, base.repeatPurchases());
  }

  @Test
  void summarize_cdnowSample_reproducesPublishedAverageSpend() {
    CustomerBase base = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"))
        .summarize(ChronoUnit.WEEKS, CALIBRATION_END);

    for (String[] row : TestData.rows("cdnow_customers_summary_with_transactions.csv")) {
      // zbar is rounded to two decimals, half-to-even.
      assertEquals(
          Double.parseDouble(row[4]), base.get(row[0]).averageSpend(), 0.005 + 1e-9, row[0]);
    }
  }

  @Test
  void summarize_cdnowMaster_reproducesDailyReferenceSummary() {
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_master.csv"));
    CustomerBase base = log.summarize(ChronoUnit.DAYS, CALIBRATION_END);

    List<String[]> expected = TestData.rows("reference/cdnow_master_summary_D_19970930.csv");
    assertEquals(expected.size(), base.size());
    for (String[] row : expected) {
      Customer c = base.get(row[0]);
      assertEquals((int) Double.parseDouble(row[1]), c.frequency(), row[0]);
      assertEquals(Double.parseDouble(row[2]), c.recency(), 0.0, row[0]);
      assertEquals(Double.parseDouble(row[3]), c.age(), 0.0, row[0]);
      assertEquals(Double.parseDouble(row[4]), c.averageSpend(), 1e-9, row[0]);
    }
    assertEquals(
        log.size() - base.report().transactionsUsed(), base.report().transactionsAfterEnd());
  }

  @Test
  void split_cdnowSample_countsPublishedCalibrationAndHoldoutPurchases() {
    CalibrationHoldout split = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"))
        .split(CALIBRATION_END, HOLDOUT_END, ChronoUnit.WEEKS);

    assertEquals(2357, split.calibration().size());
    assertEquals(2457, split.calibration().repeatPurchases());
    assertEquals(1882, split.totalHoldoutPurchases());
    assertEquals(39.0, split.holdoutLength(), 1e-12);
  }

  @Test
  void summarize_cdnowMasterByCalendarWeek_reproducesLifetimesWeeklySplit() {
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_master.csv"));
    CustomerBase base = log.summarizer()
        .groupBy(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .summarize();

    List<String[]> expected = TestData.rows("reference/cdnow_master_cal_holdout_W.csv");
    assertEquals(expected.size(), base.size());
    for (String[] row : expected) {
      Customer c = base.get(row[0]);
      assertEquals((int) Double.parseDouble(row[1]), c.frequency(), row[0]);
      assertEquals(Double.parseDouble(row[2]), c.recency(), 0.0, row[0]);
      assertEquals(Double.parseDouble(row[3]), c.age(), 0.0, row[0]);
      assertEquals(Double.parseDouble(row[4]), c.averageSpend(), 1e-9, row[0]);
    }
  }
}
