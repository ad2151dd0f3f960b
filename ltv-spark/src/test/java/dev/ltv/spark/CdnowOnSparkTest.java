package dev.ltv.spark;

import static dev.ltv.spark.SparkTests.assertSameCustomers;
import static dev.ltv.spark.SparkTests.assertSameRows;
import static dev.ltv.spark.SparkTests.collect;
import static dev.ltv.spark.SparkTests.data;
import static dev.ltv.spark.SparkTests.readCsv;
import static dev.ltv.spark.SparkTests.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.TransactionLog;
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
 * The CDNOW master log (69,659 rows, 23,570 customers) summarized on Spark and in process: every
 * customer's summary, the report of what was left out, and the distinct rows must agree. The
 * in-process results are ltv-core's, which its own tests check against lifetimes' reference
 * summaries of the same log.
 */
class CdnowOnSparkTest {

  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  private static TransactionLog log;
  private static Dataset<Row> transactions;

  @BeforeAll
  static void readLog() {
    log = TransactionLog.readCsv(data("cdnow_master.csv"));
    // Spread each customer's rows over four partitions, so that partial summaries are merged.
    transactions = readCsv(
            data("cdnow_master.csv"), "customer_id STRING, date DATE, quantity INT, amount DOUBLE")
        .repartition(4)
        .cache();
  }

  @AfterAll
  static void release() {
    transactions.unpersist();
  }

  @Test
  void summarize_cdnowMasterInWeeks_equalsInProcessForEveryCustomer() {
    Dataset<Row> summaries = SparkLtv.summarizer(transactions)
        .unit(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .summarize()
        .cache();
    CustomerBase expected = log.summarize(ChronoUnit.WEEKS, CALIBRATION_END);

    assertSameCustomers(expected, collect(summaries, "customer_id"));
    assertSameRows(expected.distinctRows(), SparkLtv.distinctRows(summaries));
    summaries.unpersist();
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
    CustomerBase expected = log.summarize(ChronoUnit.WEEKS, CALIBRATION_END);

    assertEquals(
        expected.report(),
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

    assertSameCustomers(
        log.summarize(ChronoUnit.WEEKS, CALIBRATION_END), collect(summaries, "customer_id"));
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
    assertSameCustomers(log.summarize(ChronoUnit.WEEKS, CALIBRATION_END), byId);
  }
}
