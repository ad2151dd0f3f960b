package dev.ltv.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Entry points for customer lifetime value on Apache Spark: summaries of transactions on the
 * cluster, and their compression to the few distinct rows a model is fitted on, on the driver.
 *
 * <pre>{@code
 * Dataset<Row> summaries = SparkLtv.summarizer(transactions)
 *     .customerIdColumn("cust").dateColumn("d").amountColumn("amt")
 *     .unit(ChronoUnit.WEEKS).observationEnd(LocalDate.of(1997, 9, 30))
 *     .summarize();
 * DistinctRows rows = SparkLtv.distinctRows(summaries);
 * }</pre>
 *
 * @since 0.1
 */
public final class SparkLtv {

  private static final List<String> ROW_COLUMNS = List.of("frequency", "recency", "age");

  private SparkLtv() {}

  /**
   * A summarizer of transactions on the cluster.
   *
   * @param transactions one row per transaction, with a customer id, a date and an amount
   * @return the summarizer, to be configured and run with {@link SparkSummarizer#summarize()}
   */
  public static SparkSummarizer summarizer(Dataset<Row> transactions) {
    return new SparkSummarizer(transactions);
  }

  /**
   * Compresses customer summaries to their distinct (frequency, recency, age) rows, on the
   * cluster. Every purchase model's likelihood depends on a customer only through these figures,
   * so the rows are all a fit needs.
   *
   * @param summaries one row per customer with {@code frequency}, {@code recency} and {@code age}
   *     columns, as {@link SparkSummarizer#summarize()} gives
   * @return columns {@code frequency} (int), {@code recency}, {@code age} (doubles) and {@code
   *     count} (long, at least 1), one row per distinct triple, in no particular order
   */
  public static Dataset<Row> compress(Dataset<Row> summaries) {
    List<String> columns = Arrays.asList(summaries.columns());
    for (String name : ROW_COLUMNS) {
      checkArgument(
          columns.contains(name),
          "no column %s in the summaries, which have %s; summarize with SparkLtv.summarizer",
          name,
          columns);
    }
    return summaries
        .select(
            col("frequency").cast(DataTypes.IntegerType).as("frequency"),
            col("recency").cast(DataTypes.DoubleType).as("recency"),
            col("age").cast(DataTypes.DoubleType).as("age"))
        .groupBy("frequency", "recency", "age")
        .agg(count(lit(1)).as("count"));
  }

  /**
   * Compresses customer summaries on the cluster and brings the distinct rows to the driver. Their
   * number depends on the spread of the figures, not on the number of customers: a few thousand
   * for years of daily data, however many millions of customers share them.
   *
   * @param summaries one row per customer, as {@link SparkSummarizer#summarize()} gives
   * @return the rows, sorted and equal to {@link CustomerBase#distinctRows()} of the same customers
   *     summarized in process
   * @throws IllegalArgumentException if a row is not that of a customer (a negative frequency, a
   *     recency outside {@code [0, age]}, a null)
   */
  public static DistinctRows distinctRows(Dataset<Row> summaries) {
    List<Row> rows = compress(summaries).collectAsList();
    int n = rows.size();
    int[] frequency = new int[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      checkArgument(!row.anyNull(), "a summary has a null frequency, recency or age: %s", row);
      frequency[i] = row.getInt(0);
      recency[i] = row.getDouble(1);
      age[i] = row.getDouble(2);
      long customers = row.getLong(3);
      checkArgument(
          customers <= Integer.MAX_VALUE,
          "%s customers share the row %s, more than a DistinctRows count holds",
          customers,
          row);
      count[i] = (int) customers;
    }
    return DistinctRows.of(frequency, recency, age, count);
  }

  /** A date as Spark returns it, a {@link LocalDate} or a {@link java.sql.Date}, as a LocalDate. */
  static LocalDate toLocalDate(Object date) {
    return date instanceof LocalDate ? (LocalDate) date : ((java.sql.Date) date).toLocalDate();
  }
}
