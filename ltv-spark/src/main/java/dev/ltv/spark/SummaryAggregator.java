package dev.ltv.spark;

import static java.util.Objects.requireNonNull;

import dev.ltv.core.CustomerHistory;
import dev.ltv.core.Summarizer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * A Spark aggregator that reduces one customer's transactions, as (date, amount) pairs, to the
 * customer's summary. Its buffer is ltv-core's mergeable {@link CustomerHistory}, so partial
 * summaries built on different executors merge into exactly what the in-process {@link Summarizer}
 * computes from the whole log, with the same conventions: same-day (or same-period) purchases
 * count once, refunds (negative amounts) are netted and never count as purchases, rows after the
 * end of observation are ignored.
 *
 * <p>From SQL, after {@link #register(SparkSession, String)}:
 *
 * <pre>{@code
 * SummaryAggregator.of(ChronoUnit.WEEKS, LocalDate.of(1997, 9, 30)).register(spark, "ltv_summary");
 * spark.sql("SELECT customer_id, ltv_summary(date, amount) AS summary"
 *     + " FROM transactions GROUP BY customer_id");
 * }</pre>
 *
 * From the typed Dataset API:
 *
 * <pre>{@code
 * Dataset<Tuple2<String, CustomerSummary>> summaries = transactions
 *     .groupByKey((MapFunction<Row, String>) r -> r.getAs("customer_id"), Encoders.STRING())
 *     .mapValues(
 *         (MapFunction<Row, Tuple2<LocalDate, Double>>)
 *             r -> new Tuple2<>(r.getAs("date"), r.getAs("amount")),
 *         SummaryAggregator.inputEncoder())
 *     .agg(aggregator.toColumn());
 * }</pre>
 *
 * {@link SparkLtv#summarizer} does the same on a DataFrame in one call and checks every row first.
 *
 * <p>A customer without a purchase on or before the end (only rows after it, or refunds only) has
 * no summary: every field of the result is null (in SQL, {@code summary.frequency IS NULL}). A row
 * with a null date or amount, or an amount that is not finite, fails the task with an {@link
 * IllegalArgumentException}. The aggregator is immutable; its buffer holds one entry per distinct
 * transaction day of the customer.
 *
 * @since 0.1
 */
public final class SummaryAggregator
    extends Aggregator<Tuple2<LocalDate, Double>, CustomerHistory, CustomerSummary> {

  private static final long serialVersionUID = 1L;

  private final ChronoUnit unit;
  private final ChronoUnit grouping;
  private final LocalDate observationEnd;
  private final long endDay;

  private SummaryAggregator(ChronoUnit unit, ChronoUnit grouping, LocalDate observationEnd) {
    this.unit = requireNonNull(unit, "unit");
    this.grouping = requireNonNull(grouping, "grouping");
    this.observationEnd = requireNonNull(observationEnd, "observationEnd");
    this.endDay = observationEnd.toEpochDay();
    // Summarize one purchase here, on the driver, so that an unsupported unit or a unit that
    // conflicts with the grouping fails now with ltv-core's message, not later in every task.
    new CustomerHistory().add(observationEnd, 0.0).summarize("", unit, grouping, observationEnd);
  }

  /**
   * An aggregator with purchases grouped by day.
   *
   * @param unit the unit of recency and age: days, weeks, months or years
   * @param observationEnd the last day observed, included
   * @return the aggregator
   */
  public static SummaryAggregator of(ChronoUnit unit, LocalDate observationEnd) {
    return new SummaryAggregator(unit, ChronoUnit.DAYS, observationEnd);
  }

  /**
   * An aggregator that counts purchases in the same calendar period once, as {@link
   * Summarizer#groupBy(ChronoUnit)} does.
   *
   * @param unit the unit of recency and age; must be {@code grouping} unless that is days
   * @param grouping the calendar period: days, ISO weeks, months or years
   * @param observationEnd the last day observed, included
   * @return the aggregator
   * @throws IllegalArgumentException if a unit is not supported or the two conflict
   */
  public static SummaryAggregator of(
      ChronoUnit unit, ChronoUnit grouping, LocalDate observationEnd) {
    return new SummaryAggregator(unit, grouping, observationEnd);
  }

  /** The encoder of the aggregator's input: a date and an amount. */
  public static Encoder<Tuple2<LocalDate, Double>> inputEncoder() {
    return Encoders.tuple(Encoders.LOCALDATE(), Encoders.DOUBLE());
  }

  /**
   * The aggregator as a function of a date column and an amount column, for DataFrames and SQL.
   * Other column types are cast implicitly where Spark can (a string to a date, an integer to a
   * double).
   *
   * @return the function
   */
  public UserDefinedFunction toUdaf() {
    return functions.udaf(this, inputEncoder());
  }

  /**
   * Registers the aggregator as a SQL function of a date and an amount.
   *
   * @param spark the session
   * @param name the function's name in SQL
   * @return the registered function
   */
  public UserDefinedFunction register(SparkSession spark, String name) {
    return spark.udf().register(requireNonNull(name, "name"), toUdaf());
  }

  /** The unit of recency and age. */
  public ChronoUnit unit() {
    return unit;
  }

  /** The calendar period within which purchases count once. */
  public ChronoUnit grouping() {
    return grouping;
  }

  /** The last day observed, included. */
  public LocalDate observationEnd() {
    return observationEnd;
  }

  @Override
  public CustomerHistory zero() {
    return new CustomerHistory();
  }

  @Override
  public CustomerHistory reduce(CustomerHistory history, Tuple2<LocalDate, Double> transaction) {
    LocalDate date = transaction._1();
    Double amount = transaction._2();
    if (date == null || amount == null) {
      throw new IllegalArgumentException(
          "a transaction has no " + (date == null ? "date" : "amount") + ": " + transaction);
    }
    if (date.toEpochDay() <= endDay) {
      history.add(date, amount);
    }
    return history;
  }

  @Override
  public CustomerHistory merge(CustomerHistory history, CustomerHistory other) {
    return history.merge(other);
  }

  @Override
  public CustomerSummary finish(CustomerHistory history) {
    return history
        .summarize("", unit, grouping, observationEnd)
        .map(CustomerSummary::of)
        .orElseGet(CustomerSummary::new);
  }

  @Override
  public Encoder<CustomerHistory> bufferEncoder() {
    return Encoders.kryo(CustomerHistory.class);
  }

  @Override
  public Encoder<CustomerSummary> outputEncoder() {
    return Encoders.bean(CustomerSummary.class);
  }

  @Override
  public String toString() {
    return String.format(
        "SummaryAggregator[unit=%s, groupBy=%s, observationEnd=%s]",
        unit, grouping, observationEnd);
  }
}
