package dev.ltv.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import dev.ltv.core.Summarizer;
import dev.ltv.core.SummaryReport;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Summarizes a Dataset of transactions on the cluster, one row per customer, with the conventions
 * and the results of the in-process {@link Summarizer} (see there: same-day purchases count once,
 * frequency counts repeat purchases, times in the chosen unit, refunds netted). Each setting can be
 * made once.
 *
 * <pre>{@code
 * Dataset<Row> summaries = SparkLtv.summarizer(transactions)
 *     .customerIdColumn("cust").dateColumn("order_date").amountColumn("revenue")
 *     .unit(ChronoUnit.WEEKS)
 *     .observationEnd(LocalDate.of(1997, 9, 30))
 *     .summarize();
 * }</pre>
 *
 * <p>The transactions need a customer id column of any type, a date column (a date, or a string or
 * timestamp Spark can cast to one) and an amount column (any number; negative for a refund). Other
 * columns are ignored. Every row is checked: a missing id, date or amount, or an amount that is not
 * finite, fails the job with the customer and the reason.
 *
 * @since 0.1
 */
public final class SparkSummarizer {

  static final List<String> SUMMARY_COLUMNS =
      List.of("frequency", "recency", "age", "averageSpend", "totalSpend", "firstPurchase");

  private static final String ID = "__ltv_id";
  private static final String DATE = "__ltv_date";
  private static final String AMOUNT = "__ltv_amount";
  private static final String SUMMARY = "__ltv_summary";

  private final Dataset<Row> transactions;
  private String customerIdColumn;
  private String dateColumn;
  private String amountColumn;
  private ChronoUnit unit;
  private ChronoUnit grouping;
  private LocalDate observationEnd;

  SparkSummarizer(Dataset<Row> transactions) {
    this.transactions = requireNonNull(transactions, "transactions");
  }

  /**
   * The customer id column; {@code customer_id} unless set. Its name and type are kept in the
   * summaries.
   *
   * @param name the column's name
   * @return this summarizer
   */
  public SparkSummarizer customerIdColumn(String name) {
    checkState(
        customerIdColumn == null, "customerIdColumn was already set to %s", customerIdColumn);
    customerIdColumn = checkColumn(name);
    checkArgument(
        !SUMMARY_COLUMNS.contains(name),
        "customer id column %s has the name of a summary column; rename it first",
        name);
    return this;
  }

  /**
   * The date column; {@code date} unless set.
   *
   * @param name the column's name
   * @return this summarizer
   */
  public SparkSummarizer dateColumn(String name) {
    checkState(dateColumn == null, "dateColumn was already set to %s", dateColumn);
    dateColumn = checkColumn(name);
    return this;
  }

  /**
   * The amount column; {@code amount} unless set.
   *
   * @param name the column's name
   * @return this summarizer
   */
  public SparkSummarizer amountColumn(String name) {
    checkState(amountColumn == null, "amountColumn was already set to %s", amountColumn);
    amountColumn = checkColumn(name);
    return this;
  }

  /**
   * The unit of recency and age: days, weeks, months or years. Defaults to days, or to the grouping
   * period when purchases are grouped by calendar period.
   *
   * @param unit the unit
   * @return this summarizer
   */
  public SparkSummarizer unit(ChronoUnit unit) {
    requireNonNull(unit, "unit");
    checkState(this.unit == null, "unit was already set to %s", this.unit);
    this.unit = unit;
    return this;
  }

  /**
   * Counts purchases in the same calendar period once, as {@link Summarizer#groupBy(ChronoUnit)}
   * does; {@code DAYS} unless set.
   *
   * @param period the calendar period: days, ISO weeks, months or years
   * @return this summarizer
   */
  public SparkSummarizer groupBy(ChronoUnit period) {
    requireNonNull(period, "period");
    checkState(grouping == null, "groupBy was already set to %s", grouping);
    this.grouping = period;
    return this;
  }

  /**
   * The last day observed, included. Defaults to the last date in the transactions, which costs a
   * Spark job to find.
   *
   * @param end the day
   * @return this summarizer
   */
  public SparkSummarizer observationEnd(LocalDate end) {
    requireNonNull(end, "end");
    checkState(observationEnd == null, "observationEnd was already set to %s", observationEnd);
    this.observationEnd = end;
    return this;
  }

  /**
   * The aggregator these settings describe, for use in SQL or with the typed Dataset API. Finding
   * the default end of observation costs a Spark job.
   *
   * @return the aggregator
   * @throws IllegalArgumentException if the unit is not supported or conflicts with the grouping
   */
  public SummaryAggregator aggregator() {
    ChronoUnit period = grouping == null ? ChronoUnit.DAYS : grouping;
    ChronoUnit timeUnit = unit != null ? unit : period;
    return SummaryAggregator.of(timeUnit, period, observationEnd());
  }

  /**
   * Summarizes the transactions. The result is lazy, like any Dataset: the work happens when it is
   * used (and again on each use unless it is cached).
   *
   * <p>Columns: the customer id column, with its name and type, then {@code frequency} (int),
   * {@code recency}, {@code age}, {@code averageSpend}, {@code totalSpend} (doubles) and {@code
   * firstPurchase} (date), as in {@link dev.ltv.core.Customer}. Customers without a purchase on or
   * before the end are left out; {@link #report()} counts them.
   *
   * @return one row per customer with a purchase on or before the end
   * @throws IllegalArgumentException if the unit is not supported or conflicts with the grouping
   * @throws IllegalStateException if no end is set and there are no transactions
   */
  public Dataset<Row> summarize() {
    SummaryAggregator aggregator = aggregator();
    Column inWindow = col(DATE).leq(lit(aggregator.observationEnd()));
    Dataset<Row> summarized = checked(inWindow)
        .groupBy(col(ID))
        .agg(aggregator.toUdaf().apply(col(DATE), col(AMOUNT)).as(SUMMARY))
        .where(col(SUMMARY + ".frequency").isNotNull());
    Column[] columns = new Column[SUMMARY_COLUMNS.size() + 1];
    columns[0] = col(ID).as(idName());
    for (int i = 0; i < SUMMARY_COLUMNS.size(); i++) {
      String name = SUMMARY_COLUMNS.get(i);
      columns[i + 1] = col(SUMMARY + "." + name).as(name);
    }
    return summarized.select(columns);
  }

  /**
   * Summarizes the transactions and fits a model to the summaries' distinct rows: the
   * summaries are compressed on the cluster, and only the distinct rows come to the driver, where
   * the model is fitted. For several models on the same summaries, {@link #summarize()} once,
   * cache, and use {@link SparkLtv#fit(Dataset, Function)}.
   *
   * <pre>{@code
   * BgNbd bg = SparkLtv.summarizer(orders)
   *     .customerIdColumn("cust").dateColumn("order_date").amountColumn("revenue")
   *     .unit(ChronoUnit.WEEKS)
   *     .observationEnd(LocalDate.of(2025, 12, 31))
   *     .fit(BgNbd::fit);
   * }</pre>
   *
   * @param fitter fits the model to the rows, such as {@code BgNbd::fit} or {@code
   *     ParetoNbd.fitter().penalty(0.001)::fit}
   * @param <M> the model's type
   * @return the fitted model, the same as fitted in process on the same transactions
   * @throws IllegalArgumentException if the unit is not supported or conflicts with the grouping
   * @throws IllegalStateException if no end is set and there are no transactions
   */
  public <M> M fit(Function<DistinctRows, M> fitter) {
    return SparkLtv.fit(summarize(), fitter);
  }

  /**
   * What {@link #summarize()} leaves out, counted with one Spark job: rows after the end, customers
   * whose first transaction falls after it, customers with refunds only by then. Rows are counted
   * as rows, as {@link dev.ltv.core.TransactionLog#summarize} counts them.
   *
   * @return the report, as {@link CustomerBase#report()} gives it in process
   */
  public SummaryReport report() {
    LocalDate end = aggregator().observationEnd();
    Column inWindow = col(DATE).leq(lit(end));
    Row totals = checked(lit(true))
        .groupBy(col(ID))
        .agg(
            sum(when(inWindow, 1L).otherwise(0L)).as("used"),
            sum(when(inWindow, 0L).otherwise(1L)).as("after"),
            max(inWindow.and(col(AMOUNT).geq(0))).as("purchase"))
        .agg(
            sum("used"),
            sum("after"),
            sum(when(col("used").equalTo(0), 1L).otherwise(0L)),
            sum(when(col("used").gt(0).and(col("purchase").equalTo(false)), 1L).otherwise(0L)))
        .first();
    return new SummaryReport(
        longOrZero(totals, 0),
        longOrZero(totals, 1),
        Math.toIntExact(longOrZero(totals, 2)),
        Math.toIntExact(longOrZero(totals, 3)));
  }

  /**
   * The three columns under internal names, with every row checked; {@code keep} then decides
   * which rows stay. The check sits in the same filter as {@code keep}, so that Spark cannot push
   * {@code keep} below it and drop a bad row unseen.
   */
  private Dataset<Row> checked(Column keep) {
    Column rawDate = transactions.col(quote(dateName()));
    Column rawAmount = transactions.col(quote(amountName()));
    Column id = transactions.col(quote(idName()));
    Dataset<Row> rows = transactions.select(
        id.as(ID),
        rawDate.cast(DataTypes.DateType).as(DATE),
        rawAmount.cast(DataTypes.DoubleType).as(AMOUNT),
        rawDate.cast(DataTypes.StringType).as("__ltv_raw_date"),
        rawAmount.cast(DataTypes.StringType).as("__ltv_raw_amount"));
    Column problem = when(col(ID).isNull(), lit("no customer id"))
        .when(
            col(DATE).isNull(), concat(lit("no date in column " + dateName() + ": "), raw("date")))
        .when(
            col(AMOUNT).isNull(),
            concat(lit("no amount in column " + amountName() + ": "), raw("amount")))
        .when(
            isnan(col(AMOUNT)).or(abs(col(AMOUNT)).equalTo(lit(Double.POSITIVE_INFINITY))),
            concat(lit("amount in column " + amountName() + " is not finite: "), raw("amount")));
    Column failure = raise_error(concat(
        lit("transaction of customer "),
        coalesce(col(ID).cast(DataTypes.StringType), lit("(none)")),
        lit(" on "),
        raw("date"),
        lit(": "),
        problem));
    return rows.where(when(problem.isNotNull(), failure).otherwise(keep))
        .select(col(ID), col(DATE), col(AMOUNT));
  }

  private static Column raw(String field) {
    return coalesce(col("__ltv_raw_" + field), lit("null"));
  }

  private LocalDate observationEnd() {
    if (observationEnd != null) {
      return observationEnd;
    }
    Object last = transactions
        .agg(max(transactions.col(quote(dateName())).cast(DataTypes.DateType)))
        .first()
        .get(0);
    checkState(last != null, "no transactions with a date: set observationEnd");
    return SparkLtv.toLocalDate(last);
  }

  private String idName() {
    return customerIdColumn != null ? customerIdColumn : checkColumn("customer_id");
  }

  private String dateName() {
    return dateColumn != null ? dateColumn : checkColumn("date");
  }

  private String amountName() {
    return amountColumn != null ? amountColumn : checkColumn("amount");
  }

  private String checkColumn(String name) {
    requireNonNull(name, "name");
    checkArgument(
        Arrays.asList(transactions.columns()).contains(name),
        "no column %s in the transactions, which have %s",
        name,
        Arrays.toString(transactions.columns()));
    return name;
  }

  private static long longOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0L : row.getLong(i);
  }

  /** The name as a column reference, so that dots and spaces in it are not interpreted. */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return String.format(
        "SparkSummarizer[customerId=%s, date=%s, amount=%s, unit=%s, groupBy=%s,"
            + " observationEnd=%s]",
        customerIdColumn == null ? "customer_id" : customerIdColumn,
        dateColumn == null ? "date" : dateColumn,
        amountColumn == null ? "amount" : amountColumn,
        unit == null ? "default" : unit,
        grouping == null ? ChronoUnit.DAYS : grouping,
        observationEnd == null ? "last date in the transactions" : observationEnd);
  }
}
