package dev.ltv.spark;

import static dev.ltv.spark.SparkTests.assertSameCustomers;
import static dev.ltv.spark.SparkTests.assertSameRows;
import static dev.ltv.spark.SparkTests.assertSameScores;
import static dev.ltv.spark.SparkTests.assertSameSpendFit;
import static dev.ltv.spark.SparkTests.collect;
import static dev.ltv.spark.SparkTests.data;
import static dev.ltv.spark.SparkTests.readCsv;
import static dev.ltv.spark.SparkTests.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.TransactionLog;
import dev.ltv.core.ValuationTerms;
import dev.ltv.models.BgBb;
import dev.ltv.models.BgNbd;
import dev.ltv.models.GammaGamma;
import dev.ltv.models.ModifiedBgNbd;
import dev.ltv.models.ParetoNbd;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The CDNOW master log (69,659 rows, 23,570 customers) summarized, fitted and scored on Spark and
 * in process: every customer's summary, the report of what was left out, the distinct rows, every
 * model's fit and every customer's scores must agree. The in-process results are ltv-core's and
 * ltv-models', which their own tests check against lifetimes' reference summaries of the same log
 * and the published estimates.
 */
class CdnowOnSparkTest {

  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  private static final ValuationTerms TERMS = ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.10, 0.30);

  private static TransactionLog log;
  private static Dataset<Row> transactions;
  private static CustomerBase base;
  private static Dataset<Row> weekly;

  @BeforeAll
  static void readLog() {
    log = TransactionLog.readCsv(data("cdnow_master.csv"));
    // Spread each customer's rows over four partitions, so that partial summaries are merged.
    transactions = readCsv(
            data("cdnow_master.csv"), "customer_id STRING, date DATE, quantity INT, amount DOUBLE")
        .repartition(4)
        .cache();
    base = log.summarize(ChronoUnit.WEEKS, CALIBRATION_END);
    weekly = SparkLtv.summarizer(transactions)
        .unit(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .summarize()
        .cache();
  }

  @AfterAll
  static void release() {
    weekly.unpersist();
    transactions.unpersist();
  }

  @Test
  void summarize_cdnowMasterInWeeks_equalsInProcessForEveryCustomer() {
    assertSameCustomers(base, collect(weekly, "customer_id"));
    assertSameRows(base.distinctRows(), SparkLtv.distinctRows(weekly));
  }

  @Test
  void fit_cdnowMaster_purchaseModelsOnDistinctRows_equalInProcessFits() {
    // The distinct rows are identical, so every fit is: the whole report must be equal.
    assertEquals(BgNbd.fit(base).fitReport(), SparkLtv.fit(weekly, BgNbd::fit).fitReport());
    assertEquals(
        ModifiedBgNbd.fit(base).fitReport(),
        SparkLtv.fit(weekly, ModifiedBgNbd::fit).fitReport());
    assertEquals(
        ParetoNbd.fit(base).fitReport(), SparkLtv.fit(weekly, ParetoNbd::fit).fitReport());
  }

  @Test
  void fit_cdnowMasterFromTransactions_inOneFluentCall_equalsInProcessFit() {
    BgNbd bg = SparkLtv.summarizer(transactions)
        .customerIdColumn("customer_id")
        .dateColumn("date")
        .amountColumn("amount")
        .unit(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .fit(BgNbd::fit);

    assertEquals(BgNbd.fit(base).fitReport(), bg.fitReport());
    assertEquals(23_570, bg.fitReport().customers());
  }

  @Test
  void fitGammaGamma_cdnowMaster_onDistinctSpendPairs_equalsInProcessFit() {
    GammaGamma spend = SparkLtv.fitGammaGamma(weekly);

    assertSameSpendFit(GammaGamma.fit(base), spend);
    // The pairs compress the repeat buyers, if less than the rows compress all customers.
    long pairs = SparkLtv.compressSpend(weekly).count();
    assertTrue(pairs < spend.fitReport().customers(), pairs + " pairs");
  }

  @Test
  void score_cdnowMasterWithBgNbdAndGammaGamma_equalsInProcessScores() {
    BgNbd purchases = SparkLtv.fit(weekly, BgNbd::fit);
    GammaGamma spend = SparkLtv.fitGammaGamma(weekly);

    Dataset<Row> scores = SparkLtv.score(weekly, purchases, spend, TERMS);

    assertSameScores(base, purchases, spend, TERMS, scores, "customer_id");
  }

  @Test
  void score_cdnowMasterWithParetoNbd_equalsInProcessScores() {
    // Given parameters, near the CDNOW sample's fits: scores must not depend on where they came
    // from.
    ParetoNbd purchases = ParetoNbd.of(0.5534, 10.5802, 0.6061, 11.6562);
    GammaGamma spend = GammaGamma.of(6.2488, 3.7446, 15.4477);

    Dataset<Row> scores = SparkLtv.score(weekly, purchases, spend, TERMS);

    assertSameScores(base, purchases, spend, TERMS, scores, "customer_id");
  }

  @Test
  void fit_cdnowMasterByMonthAsOpportunities_bgBbEqualsInProcessFit() {
    // Purchases counted once per calendar month: each month is an opportunity.
    Dataset<Row> monthly = SparkLtv.summarizer(transactions)
        .groupBy(ChronoUnit.MONTHS)
        .observationEnd(CALIBRATION_END)
        .summarize();
    CustomerBase expected = log.summarizer()
        .groupBy(ChronoUnit.MONTHS)
        .observationEnd(CALIBRATION_END)
        .summarize();

    BgBb bgbb = SparkLtv.fit(monthly, BgBb::fit);

    assertEquals(BgBb.fit(expected).fitReport(), bgbb.fitReport());
    ValuationTerms yearAhead = ValuationTerms.of(ChronoUnit.MONTHS, 12, 0.10, 1.0);
    GammaGamma spend = GammaGamma.of(6.2488, 3.7446, 15.4477);
    assertSameScores(
        expected,
        bgbb,
        spend,
        yearAhead,
        SparkLtv.score(monthly, bgbb, spend, yearAhead),
        "customer_id");
  }

  @Test
  void summarize_cdnowMasterByCalendarWeek_equalsInProcessForEveryCustomer() {
    Dataset<Row> summaries = SparkLtv.summarizer(transactions)
        .groupBy(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .summarize();
    CustomerBase expected = log.summarizer()
        .groupBy(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .summarize();

    assertSameCustomers(expected, collect(summaries, "customer_id"));
  }

  @Test
  void summarize_cdnowMasterWholeLogInDays_equalsInProcessForEveryCustomer() {
    Dataset<Row> summaries = SparkLtv.summarizer(transactions).summarize();
    CustomerBase expected = log.summarizer().summarize();

    assertSameCustomers(expected, collect(summaries, "customer_id"));
    assertEquals(LocalDate.of(1998, 6, 30), expected.observationEnd().orElseThrow());
  }

  @Test
  void report_cdnowMaster_equalsInProcessReport() {
    assertEquals(
        base.report(),
        SparkLtv.summarizer(transactions)
            .unit(ChronoUnit.WEEKS)
            .observationEnd(CALIBRATION_END)
            .report());
  }

  @Test
  void sqlFunction_cdnowMaster_equalsInProcessForEveryCustomer() {
    SummaryAggregator.of(ChronoUnit.WEEKS, CALIBRATION_END).register(spark(), "ltv_summary");
    transactions.createOrReplaceTempView("cdnow");

    Dataset<Row> summaries = spark()
        .sql("SELECT customer_id, s.* FROM ("
            + " SELECT customer_id, ltv_summary(date, amount) AS s"
            + " FROM cdnow GROUP BY customer_id)"
            + " WHERE s.frequency IS NOT NULL");

    assertSameCustomers(base, collect(summaries, "customer_id"));
  }

  @Test
  void typedAggregator_cdnowMaster_equalsInProcessForEveryCustomer() {
    SummaryAggregator aggregator = SummaryAggregator.of(ChronoUnit.WEEKS, CALIBRATION_END);

    Dataset<Tuple2<String, CustomerSummary>> summaries = transactions
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("customer_id"), Encoders.STRING())
        .mapValues(
            (MapFunction<Row, Tuple2<LocalDate, Double>>)
                r -> new Tuple2<>(SparkLtv.toLocalDate(r.getAs("date")), r.getAs("amount")),
            SummaryAggregator.inputEncoder())
        .agg(aggregator.toColumn());

    Map<String, Customer> byId = new HashMap<>();
    for (Tuple2<String, CustomerSummary> t : summaries.collectAsList()) {
      byId.put(t._1(), t._2().toCustomer(t._1()));
    }
    assertSameCustomers(base, byId);
  }
}
