package dev.ltv.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
