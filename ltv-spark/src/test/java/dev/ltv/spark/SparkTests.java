package dev.ltv.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import dev.ltv.core.ValuationTerms;
import dev.ltv.models.GammaGamma;
import dev.ltv.models.ProbabilisticLtv;
import dev.ltv.models.PurchaseModel;
import dev.ltv.models.SpendModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The fixture of the module's tests: one local Spark session on two cores, shared by every test
 * class (they run in one JVM), the repository's data files, and comparisons with in-process
 * results.
 */
final class SparkTests {

  private static SparkSession session;

  private SparkTests() {}

  /** The shared session; small shuffles and small file splits, so that partial sums merge. */
  static synchronized SparkSession spark() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("ltv-spark tests")
          .config("spark.ui.enabled", false)
          .config("spark.sql.shuffle.partitions", 4)
          .config("spark.default.parallelism", 4)
          .config("spark.sql.files.maxPartitionBytes", 4L << 20)
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return session;
  }

  /** A file of the repository's {@code data} folder, found from the working directory upwards. */
  static Path data(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("data file not found: " + name);
  }

  /** A transaction CSV with a header and ISO dates, read by Spark with the given columns. */
  static Dataset<Row> readCsv(Path file, String schema) {
    return spark().read().option("header", true).schema(schema).csv(file.toString());
  }

  /** The summaries brought to the driver, by customer id. */
  static Map<String, Customer> collect(Dataset<Row> summaries, String idColumn) {
    Map<String, Customer> byId = new HashMap<>();
    for (Row row : summaries.collectAsList()) {
      String id = String.valueOf(row.get(row.fieldIndex(idColumn)));
      Customer c = new Customer(
          id,
          row.getAs("frequency"),
          row.getAs("recency"),
          row.getAs("age"),
          row.getAs("averageSpend"),
          row.getAs("totalSpend"),
          SparkLtv.toLocalDate(row.getAs("firstPurchase")));
      if (byId.put(id, c) != null) {
        fail("customer " + id + " has two summaries");
      }
    }
    return byId;
  }

  /**
   * Checks that every customer of the in-process base has the same summary on Spark, and no other
   * customer is there. Counts, times and dates must be identical. Spend may differ in the last
   * bits: Spark adds a customer's partial sums in whatever order its partitions arrive.
   */
  static void assertSameCustomers(CustomerBase expected, Map<String, Customer> actual) {
    assertEquals(expected.size(), actual.size(), "customers");
    for (Customer e : expected) {
      Customer a = actual.get(e.id());
      if (a == null) {
        fail("customer " + e.id() + " is missing on Spark");
      }
      assertEquals(e.frequency(), a.frequency(), e.id());
      assertEquals(e.recency(), a.recency(), 0.0, e.id());
      assertEquals(e.age(), a.age(), 0.0, e.id());
      assertEquals(e.firstPurchase(), a.firstPurchase(), e.id());
      assertEquals(e.averageSpend(), a.averageSpend(), spendTolerance(e.averageSpend()), e.id());
      assertEquals(e.totalSpend(), a.totalSpend(), spendTolerance(e.totalSpend()), e.id());
    }
  }

  private static double spendTolerance(double spend) {
    return 1e-12 * Math.abs(spend) + 1e-9;
  }

  /**
   * Checks that Spark's scores of every customer are the in-process scores of the same models on
   * the base: P(alive) and expected purchases identical (they depend on frequency, recency and age
   * only, which are identical), expected spend and value to a relative 1e-12 (they depend on the
   * average spend, which may differ in the last bits, see {@link #assertSameCustomers}).
   */
  static void assertSameScores(
      CustomerBase base,
      PurchaseModel purchases,
      SpendModel spend,
      ValuationTerms terms,
      Dataset<Row> scores,
      String idColumn) {
    int n = base.size();
    double[] alive = new double[n];
    double[] expected = new double[n];
    double[] spent = new double[n];
    double[] value = new double[n];
    ProbabilisticLtv.of(purchases, spend)
        .fit(base)
        .score(base, terms, alive, expected, spent, value);

    List<Row> rows = scores
        .select(
            col(idColumn).cast("string"),
            col("probabilityAlive"),
            col("expectedPurchases"),
            col("expectedSpend"),
            col("value"))
        .collectAsList();
    assertEquals(n, rows.size(), "scored customers");
    Map<String, Row> byId = new HashMap<>();
    for (Row row : rows) {
      byId.put(row.getString(0), row);
    }
    for (int i = 0; i < n; i++) {
      String id = base.id(i);
      Row row = byId.get(id);
      if (row == null) {
        fail("customer " + id + " has no score on Spark");
      }
      assertEquals(alive[i], row.getDouble(1), 0.0, id);
      assertEquals(expected[i], row.getDouble(2), 0.0, id);
      assertEquals(spent[i], row.getDouble(3), 1e-12 * spent[i], id);
      assertEquals(value[i], row.getDouble(4), 1e-12 * value[i], id);
    }
  }

  /**
   * Checks that a Gamma-Gamma fit on Spark is the in-process fit: the same customers, and the same
   * estimates and log-likelihood to a relative 1e-9, since average spends may differ in the last
   * bits.
   */
  static void assertSameSpendFit(GammaGamma expected, GammaGamma actual) {
    assertEquals(expected.fitReport().customers(), actual.fitReport().customers(), "customers");
    assertEquals(expected.excludedCustomers(), actual.excludedCustomers(), "excluded");
    assertEquals(expected.p(), actual.p(), 1e-9 * expected.p(), "p");
    assertEquals(expected.q(), actual.q(), 1e-9 * expected.q(), "q");
    assertEquals(expected.gamma(), actual.gamma(), 1e-9 * expected.gamma(), "gamma");
    assertEquals(
        expected.logLikelihood(),
        actual.logLikelihood(),
        1e-9 * Math.abs(expected.logLikelihood()),
        "log-likelihood");
  }

  /** Checks that two sets of distinct rows are identical, row by row. */
  static void assertSameRows(DistinctRows expected, DistinctRows actual) {
    assertEquals(expected.size(), actual.size(), "distinct rows");
    for (int i = 0; i < expected.size(); i++) {
      String row = "row " + i;
      assertEquals(expected.frequency(i), actual.frequency(i), row);
      assertEquals(expected.recency(i), actual.recency(i), 0.0, row);
      assertEquals(expected.age(i), actual.age(i), 0.0, row);
      assertEquals(expected.count(i), actual.count(i), row);
    }
  }
}
