package dev.ltv.spark;

import static dev.ltv.spark.SparkTests.assertSameCustomers;
import static dev.ltv.spark.SparkTests.assertSameRows;
import static dev.ltv.spark.SparkTests.assertSameScores;
import static dev.ltv.spark.SparkTests.assertSameSpendFit;
import static dev.ltv.spark.SparkTests.collect;
import static dev.ltv.spark.SparkTests.readCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.RefundPolicy;
import dev.ltv.core.SummaryReport;
import dev.ltv.core.TransactionLog;
import dev.ltv.core.ValuationTerms;
import dev.ltv.models.BgNbd;
import dev.ltv.models.GammaGamma;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic log of 1,000,000 transactions, the same file summarized, fitted and scored on Spark
 * and in process. The
 * log is drawn from a fixed seed and has what real logs have and CDNOW lacks: refunds (netted),
 * zero amounts, several rows on one day, customers who only appear after the end of observation
 * and customers with refunds only.
 */
class SyntheticLogOnSparkTest {

  private static final int ROWS = 1_000_000;
  private static final int CUSTOMERS = 120_000;
  private static final LocalDate START = LocalDate.of(2022, 1, 1);
  private static final LocalDate END = LocalDate.of(2023, 6, 30);
  private static final int DAYS = 730;

  @TempDir
  static Path folder;

  private static TransactionLog log;
  private static Dataset<Row> transactions;
  private static CustomerBase base;
  private static Dataset<Row> summaries;

  @BeforeAll
  static void writeLog() throws IOException {
    Path file = folder.resolve("synthetic.csv");
    write(file, new SplittableRandom(20_240_601L));
    log = TransactionLog.csv().refundPolicy(RefundPolicy.NET).read(file);
    transactions = readCsv(file, "customer_id STRING, date DATE, amount DOUBLE").cache();
    base = log.summarize(ChronoUnit.WEEKS, END);
    summaries = SparkLtv.summarizer(transactions)
        .unit(ChronoUnit.WEEKS)
        .observationEnd(END)
        .summarize()
        .cache();
  }

  @AfterAll
  static void release() {
    summaries.unpersist();
    transactions.unpersist();
  }

  /**
   * Customers buy on a few days each, spread over two years from a first day of their own; one row
   * in 20 is a refund, one in 50 is free, one in 10 repeats the day before it. Purchase values are
   * scaled by a factor of the customer's own.
   */
  private static void write(Path file, SplittableRandom random) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("customer_id,date,amount\n");
      int written = 0;
      int previousCustomer = -1;
      int previousDay = 0;
      while (written < ROWS) {
        int customer;
        int day;
        if (previousCustomer >= 0 && random.nextInt(10) == 0) {
          customer = previousCustomer;
          day = previousDay;
        } else {
          // Skewed: low ids buy far more often than high ones.
          customer = (int) (CUSTOMERS * Math.pow(random.nextDouble(), 1.6));
          int firstDay = Math.floorMod(customer * 7919, DAYS);
          day = firstDay + random.nextInt(DAYS - firstDay + 1);
        }
        int draw = random.nextInt(100);
        long cents = draw < 5
            ? -random.nextInt(1, 5_000)
            : draw < 7 ? 0 : (long) (random.nextInt(1, 20_000) * spendScale(customer));
        out.write("c" + customer + "," + START.plusDays(day) + "," + cents / 100.0 + "\n");
        previousCustomer = customer;
        previousDay = day;
        written++;
      }
    }
  }

  /**
   * How much more or less than others the customer spends per purchase, from 0.25 to 3.25 times,
   * fixed per customer: without such differences between customers, Gamma-Gamma has nothing to fit.
   */
  private static double spendScale(int customer) {
    return 0.25 + 3.0 * Math.floorMod(customer * 2_654_435_761L, 1_000L) / 1_000.0;
  }

  @Test
  void summarize_millionRows_equalsInProcessForEveryCustomerAndCompressesAlike() {
    assertSameCustomers(base, collect(summaries, "customer_id"));
    assertSameRows(base.distinctRows(), SparkLtv.distinctRows(summaries));
  }

  @Test
  void fitAndScore_millionRows_equalInProcessFitsAndScores() {
    BgNbd purchases = SparkLtv.fit(summaries, BgNbd::fit);
    GammaGamma spend = SparkLtv.fitGammaGamma(summaries);

    assertEquals(BgNbd.fit(base).fitReport(), purchases.fitReport());
    assertSameSpendFit(GammaGamma.fit(base), spend);
    // Refunds leave some repeat buyers without positive spend: they are counted, not fitted.
    assertTrue(spend.excludedCustomers() > 0, spend::toString);

    ValuationTerms terms = ValuationTerms.of(ChronoUnit.WEEKS, 26, 0.08, 0.25);
    assertSameScores(
        base,
        purchases,
        spend,
        terms,
        SparkLtv.score(summaries, purchases, spend, terms),
        "customer_id");
  }

  @Test
  void report_millionRows_countsWhatTheSummaryLeftOutAsInProcess() {
    SummaryReport expected = base.report();

    SummaryReport report = SparkLtv.summarizer(transactions)
        .unit(ChronoUnit.WEEKS)
        .observationEnd(END)
        .report();

    assertEquals(expected, report);
    // The log must reach the cases it was drawn for.
    assertTrue(report.transactionsAfterEnd() > 0, report::toString);
    assertTrue(report.customersAfterEnd() > 0, report::toString);
    assertTrue(report.refundOnlyCustomers() > 0, report::toString);
  }
}
