package dev.ltv.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import dev.ltv.core.ValuationTerms;
import dev.ltv.models.GammaGamma;
import dev.ltv.models.ProbabilisticLtv;
import dev.ltv.models.PurchaseModel;
import dev.ltv.models.SpendModel;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Entry points for customer lifetime value on Apache Spark: summaries of transactions on the
 * cluster; their compression to the few distinct rows a model is fitted on, on the driver; and the
 * scores of every customer under the fitted models, on the cluster again.
 *
 * <pre>{@code
 * Dataset<Row> summaries = SparkLtv.summarizer(transactions)
 *     .customerIdColumn("cust").dateColumn("d").amountColumn("amt")
 *     .unit(ChronoUnit.WEEKS).observationEnd(LocalDate.of(1997, 9, 30))
 *     .summarize()
 *     .cache();
 * BgNbd bg = SparkLtv.fit(summaries, BgNbd::fit);
 * GammaGamma gg = SparkLtv.fitGammaGamma(summaries);
 * Dataset<Row> scores = SparkLtv.score(summaries, bg, gg,
 *     ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.10, 0.30));
 * }</pre>
 *
 * <p>Fits and scores are those of the in-process library on the same customers: the fits see the
 * same distinct rows, and each task scores its customers with {@link ProbabilisticLtv}, as a base
 * is scored in process.
 *
 * @since 0.1
 */
public final class SparkLtv {

  private static final List<String> ROW_COLUMNS = List.of("frequency", "recency", "age");
  private static final List<String> SPEND_COLUMNS = List.of("frequency", "averageSpend");
  private static final List<String> SCORE_INPUT =
      List.of("frequency", "recency", "age", "averageSpend");
  private static final List<String> SCORE_COLUMNS =
      List.of("probabilityAlive", "expectedPurchases", "expectedSpend", "value");

  /** The most customers a task scores at once: a few megabytes of summaries. */
  private static final int SCORE_CHUNK = 50_000;

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
    checkColumns(summaries, ROW_COLUMNS);
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
      count[i] = checkedCount(row.getLong(3), row);
    }
    return DistinctRows.of(frequency, recency, age, count);
  }

  /**
   * Fits a model on the driver to the distinct rows of the summaries, compressed on the cluster:
   * any model of ltv-models that fits on {@link DistinctRows}, with its default settings or a
   * fitter's.
   *
   * <pre>{@code
   * BgNbd bg = SparkLtv.fit(summaries, BgNbd::fit);
   * ParetoNbd pareto = SparkLtv.fit(summaries, ParetoNbd.fitter().penalty(0.001)::fit);
   * BgBb bgbb = SparkLtv.fit(yearlySummaries, BgBb::fit);   // grouped by year: opportunities
   * }</pre>
   *
   * @param summaries one row per customer, as {@link SparkSummarizer#summarize()} gives
   * @param fitter fits the model to the rows, such as {@code BgNbd::fit}
   * @param <M> the model's type
   * @return the fitted model, the same as fitted in process on the same customers
   * @throws IllegalArgumentException if a row is not that of a customer
   */
  public static <M> M fit(Dataset<Row> summaries, Function<DistinctRows, M> fitter) {
    requireNonNull(fitter, "fitter");
    return requireNonNull(fitter.apply(distinctRows(summaries)), "the fitted model");
  }

  /**
   * Compresses the repeat buyers among the summaries to their distinct (frequency, average spend)
   * pairs, on the cluster. The Gamma-Gamma likelihood depends on a customer only through these
   * two figures, so the pairs with their counts are all its fit needs: the compression is exact.
   * Unlike the (frequency, recency, age) rows, the pairs are not few by nature, since spend is
   * continuous: they are at most the number of repeat buyers, and far fewer where amounts are in
   * cents and customers many, since averages of a few purchases in cents repeat.
   *
   * @param summaries one row per customer with {@code frequency} and {@code averageSpend} columns
   * @return columns {@code frequency} (int), {@code averageSpend} (double) and {@code count}
   *     (long), one row per distinct pair among customers with a repeat purchase
   */
  public static Dataset<Row> compressSpend(Dataset<Row> summaries) {
    checkColumns(summaries, SPEND_COLUMNS);
    return summaries
        .select(
            col("frequency").cast(DataTypes.IntegerType).as("frequency"),
            col("averageSpend").cast(DataTypes.DoubleType).as("averageSpend"))
        .where(col("frequency").gt(0))
        .groupBy("frequency", "averageSpend")
        .agg(count(lit(1)).as("count"));
  }

  /**
   * Fits Gamma-Gamma on the driver to the summaries' repeat buyers, compressed on the cluster by
   * {@link #compressSpend}, with the default settings.
   *
   * @param summaries one row per customer, as {@link SparkSummarizer#summarize()} gives
   * @return the fitted model, the same as {@link GammaGamma#fit(dev.ltv.core.CustomerBase)} on
   *     the same customers in process
   * @throws IllegalArgumentException if no repeat buyer has a positive average spend
   * @throws dev.ltv.models.FitException if the optimizer does not converge
   */
  public static GammaGamma fitGammaGamma(Dataset<Row> summaries) {
    return fitGammaGamma(summaries, GammaGamma.fitter());
  }

  /**
   * Fits Gamma-Gamma with a fitter's settings; see {@link #fitGammaGamma(Dataset)}.
   *
   * @param summaries one row per customer, as {@link SparkSummarizer#summarize()} gives
   * @param fitter the settings, such as {@code GammaGamma.fitter().penalty(0.001)}
   * @return the fitted model
   * @throws IllegalArgumentException if no repeat buyer has a positive average spend
   * @throws dev.ltv.models.FitException if the optimizer does not converge
   */
  public static GammaGamma fitGammaGamma(Dataset<Row> summaries, GammaGamma.Fitter fitter) {
    requireNonNull(fitter, "fitter");
    List<Row> rows = compressSpend(summaries).collectAsList();
    int n = rows.size();
    int[] frequency = new int[n];
    double[] spend = new double[n];
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      checkArgument(!row.anyNull(), "a summary has a null frequency or averageSpend: %s", row);
      frequency[i] = row.getInt(0);
      spend[i] = row.getDouble(1);
      count[i] = checkedCount(row.getLong(2), row);
    }
    return fitter.fit(frequency, spend, count);
  }

  /**
   * Scores every customer on the cluster: P(alive), expected purchases over the horizon, expected
   * spend per purchase and value, as {@link dev.ltv.core.FittedLtvModel#score} computes them in
   * process with {@link ProbabilisticLtv#of(PurchaseModel, SpendModel)
   * ProbabilisticLtv.of(purchases, spend)}. The models travel to the executors as their parameters
   * (the library's models) or serialized (any other {@link java.io.Serializable} model); each task
   * scores its customers in chunks, computing each expectation once per distinct (frequency, age)
   * of the chunk.
   *
   * <pre>{@code
   * Dataset<Row> scores = SparkLtv.score(summaries, bg, gg,
   *     ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.10, 0.30));   // unit, horizon, rate, margin
   * }</pre>
   *
   * @param summaries one row per customer with {@code frequency}, {@code recency}, {@code age} and
   *     {@code averageSpend} columns in the models' time unit, as {@link
   *     SparkSummarizer#summarize()} gives
   * @param purchases the purchase model, fitted on the driver
   * @param spend the spend model, fitted on the driver
   * @param terms the unit of the summaries, the horizon in that unit, the annual discount rate and
   *     the margin
   * @return the summaries' columns followed by {@code probabilityAlive}, {@code
   *     expectedPurchases}, {@code expectedSpend} and {@code value} (doubles, finite and at least
   *     0); lazy, like any Dataset
   * @throws IllegalArgumentException if a column is missing, a score column's name is taken, or a
   *     model can travel to the executors neither as parameters nor serialized
   */
  public static Dataset<Row> score(
      Dataset<Row> summaries, PurchaseModel purchases, SpendModel spend, ValuationTerms terms) {
    requireNonNull(terms, "terms");
    checkColumns(summaries, SCORE_INPUT);
    List<String> columns = Arrays.asList(summaries.columns());
    for (String name : SCORE_COLUMNS) {
      checkArgument(
          !columns.contains(name),
          "the summaries already have a column %s; drop or rename it before scoring",
          name);
    }
    int[] positions = new int[SCORE_INPUT.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = columns.indexOf(SCORE_INPUT.get(i));
    }
    ScoringTask task = new ScoringTask(
        PortableModel.of(purchases), PortableModel.of(spend), terms, positions, SCORE_CHUNK);
    // Rebuild the models here once, so that a model that cannot be rebuilt fails now.
    task.strategy();
    StructType schema = summaries.schema();
    for (String name : SCORE_COLUMNS) {
      schema = schema.add(name, DataTypes.DoubleType, false);
    }
    return summaries.mapPartitions(task, Encoders.row(schema));
  }

  private static void checkColumns(Dataset<Row> summaries, List<String> needed) {
    List<String> columns = Arrays.asList(summaries.columns());
    for (String name : needed) {
      checkArgument(
          columns.contains(name),
          "no column %s in the summaries, which have %s; summarize with SparkLtv.summarizer",
          name,
          columns);
    }
  }

  private static int checkedCount(long customers, Row row) {
    checkArgument(
        customers <= Integer.MAX_VALUE,
        "%s customers share the row %s, more than a count holds",
        customers,
        row);
    return (int) customers;
  }

  /** A date as Spark returns it, a {@link LocalDate} or a {@link java.sql.Date}, as a LocalDate. */
  static LocalDate toLocalDate(Object date) {
    return date instanceof LocalDate ? (LocalDate) date : ((java.sql.Date) date).toLocalDate();
  }
}
