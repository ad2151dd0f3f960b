package dev.ltv.spark;

import static dev.ltv.spark.SparkTests.assertSameCustomers;
import static dev.ltv.spark.SparkTests.collect;
import static dev.ltv.spark.SparkTests.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.RefundPolicy;
import dev.ltv.core.SummaryReport;
import dev.ltv.core.TransactionLog;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The summarizer's settings, checks and edge cases, on small logs made here. */
class SparkSummarizerTest {

  private static final LocalDate END = LocalDate.of(2024, 3, 31);
  private static final StructType SCHEMA =
      StructType.fromDDL("cust STRING, day STRING, amt DOUBLE, note STRING");

  /** The same rows as a Spark DataFrame (dates as ISO strings) and as an in-process log. */
  private static final Object[][] ROWS = {
    {"a", "2024-01-05", 10.0},
    {"a", "2024-01-05", 5.0},
    {"a", "2024-02-01", -3.0},
    {"a", "2024-03-10", 20.0},
    {"a", "2024-04-02", 99.0},
    {"refunds-only", "2024-01-10", -4.0},
    {"refunds-only", "2024-05-01", 4.0},
    {"after-end", "2024-04-01", 30.0},
    {"refund-first", "2024-01-01", -2.0},
    {"refund-first", "2024-01-03", 0.0},
    {"refund-first", "2024-01-20", 8.5},
  };

  private static Dataset<Row> transactions(Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r[0], r[1], r[2], "ignored"));
    }
    return spark().createDataFrame(list, SCHEMA).repartition(3);
  }

  private static TransactionLog log() {
    TransactionLog.Builder builder = TransactionLog.builder().refundPolicy(RefundPolicy.NET);
    for (Object[] r : ROWS) {
      builder.add((String) r[0], LocalDate.parse((String) r[1]), (Double) r[2]);
    }
    return builder.build();
  }

  private static SparkSummarizer summarizer(Dataset<Row> transactions) {
    return SparkLtv.summarizer(transactions)
        .customerIdColumn("cust")
        .dateColumn("day")
        .amountColumn("amt");
  }

  @Test
  void summarize_refundsAndRowsAfterTheEnd_matchInProcessAndAreReported() {
    SparkSummarizer summarizer =
        summarizer(transactions(ROWS)).unit(ChronoUnit.DAYS).observationEnd(END);
    CustomerBase expected = log().summarize(ChronoUnit.DAYS, END);

    assertSameCustomers(expected, collect(summarizer.summarize(), "cust"));
    SummaryReport report = summarizer.report();
    assertEquals(expected.report(), report);
    assertEquals(new SummaryReport(8, 3, 1, 1), report);
  }

  @Test
  void sqlFunction_customerWithoutPurchase_hasEveryFieldNull() {
    SummaryAggregator.of(ChronoUnit.DAYS, END).register(spark(), "ltv_daily_summary");
    transactions(ROWS).createOrReplaceTempView("small_log");

    List<Row> rows = spark()
        .sql("SELECT cust, s.frequency, s.recency, s.age, s.averageSpend, s.totalSpend,"
            + " s.firstPurchase"
            + " FROM (SELECT cust, ltv_daily_summary(day, amt) AS s FROM small_log GROUP BY cust)"
            + " ORDER BY cust")
        .collectAsList();

    // Worked by hand: for "a", the refund on 2024-02-01 is no purchase but lowers the repeat spend.
    assertEquals(
        "[[a,1,65.0,86.0,17.0,32.0,2024-01-05], [after-end,null,null,null,null,null,null],"
            + " [refund-first,1,17.0,88.0,8.5,6.5,2024-01-03],"
            + " [refunds-only,null,null,null,null,null,null]]",
        rows.toString());
  }

  @Test
  void summarize_keepsTheIdColumnsNameAndType() {
    Dataset<Row> summaries = SparkLtv.summarizer(spark()
            .sql("SELECT 7L AS customer_id, DATE'2024-01-01' AS date, 1 AS amount UNION ALL"
                + " SELECT 7L, DATE'2024-01-08', 2"))
        .unit(ChronoUnit.WEEKS)
        .summarize();

    assertEquals(
        "struct<customer_id:bigint,frequency:int,recency:double,age:double,averageSpend:double,"
            + "totalSpend:double,firstPurchase:date>",
        summaries.schema().simpleString());
    Row row = summaries.first();
    assertEquals(7L, row.getLong(0));
    assertEquals(1, row.getInt(1));
    assertEquals(1.0, row.getDouble(2));
    assertEquals(1.0, row.getDouble(3));
    assertEquals(2.0, row.getDouble(4));
    assertEquals(3.0, row.getDouble(5));
  }

  @Test
  void summarize_rowWithoutDate_failsNamingTheCustomer() {
    Dataset<Row> bad =
        transactions(new Object[] {"a", "2024-01-05", 10.0}, new Object[] {"b7", null, 1.0});

    Exception e = assertThrows(
        Exception.class, () -> summarizer(bad).observationEnd(END).summarize().count());

    assertMessageContains(e, "transaction of customer b7 on null: no date in column day");
  }

  @Test
  void summarize_amountNotFinite_failsNamingTheCustomer() {
    Dataset<Row> bad = transactions(
        new Object[] {"a", "2024-01-05", 10.0}, new Object[] {"b8", "2024-01-06", Double.NaN});

    Exception e = assertThrows(
        Exception.class, () -> summarizer(bad).observationEnd(END).summarize().count());

    assertMessageContains(
        e, "transaction of customer b8 on 2024-01-06: amount in column amt is not finite: NaN");
  }

  @Test
  void summarize_rowWithoutAmountAfterTheEnd_stillFails() {
    Dataset<Row> bad = transactions(
        new Object[] {"a", "2024-01-05", 10.0}, new Object[] {"b9", "2025-01-01", null});

    Exception e = assertThrows(
        Exception.class, () -> summarizer(bad).observationEnd(END).summarize().count());

    assertMessageContains(e, "transaction of customer b9 on 2025-01-01: no amount in column amt");
  }

  @Test
  void settings_madeTwiceOrUnknown_failAtOnce() {
    Dataset<Row> rows = transactions(ROWS);

    IllegalStateException twice = assertThrows(
        IllegalStateException.class,
        () -> summarizer(rows).unit(ChronoUnit.DAYS).unit(ChronoUnit.WEEKS));
    assertEquals("unit was already set to Days", twice.getMessage());
    IllegalArgumentException unknown = assertThrows(
        IllegalArgumentException.class, () -> SparkLtv.summarizer(rows).dateColumn("date"));
    assertEquals(
        "no column date in the transactions, which have [cust, day, amt, note]",
        unknown.getMessage());
    IllegalArgumentException conflict = assertThrows(
        IllegalArgumentException.class,
        () -> summarizer(rows)
            .groupBy(ChronoUnit.MONTHS)
            .unit(ChronoUnit.WEEKS)
            .observationEnd(END)
            .summarize());
    assertTrue(conflict.getMessage().contains("conflicts with grouping"), conflict.getMessage());
  }

  @Test
  void compress_withoutSummaryColumns_failsNamingWhatIsThere() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SparkLtv.compress(transactions(ROWS)));

    assertTrue(e.getMessage().startsWith("no column frequency in the summaries, which have [cust"));
  }

  @Test
  void toString_showsTheSettings() {
    assertEquals(
        "SparkSummarizer[customerId=cust, date=day, amount=amt, unit=default, groupBy=Days,"
            + " observationEnd=2024-03-31]",
        summarizer(transactions(ROWS)).observationEnd(END).toString());
    assertEquals(
        "SummaryAggregator[unit=Weeks, groupBy=Days, observationEnd=2024-03-31]",
        SummaryAggregator.of(ChronoUnit.WEEKS, END).toString());
  }

  /** Spark wraps a task's failure; the message is somewhere in the chain. */
  private static void assertMessageContains(Throwable e, String expected) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(expected)) {
        return;
      }
    }
    throw new AssertionError("no message with: " + expected, e);
  }
}
