package dev.ltv.spark;

import static dev.ltv.spark.SparkTests.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.ValuationTerms;
import dev.ltv.models.BgBb;
import dev.ltv.models.BgNbd;
import dev.ltv.models.GammaGamma;
import dev.ltv.models.ModifiedBgNbd;
import dev.ltv.models.ParetoNbd;
import dev.ltv.models.PurchaseModel;
import dev.ltv.models.SpendModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** How models travel to the executors, and what scoring refuses; on small data made here. */
class SparkScoringTest {

  private static final ValuationTerms TERMS = ValuationTerms.of(ChronoUnit.WEEKS, 10, 0.10, 0.5);
  private static final GammaGamma SPEND = GammaGamma.of(6.25, 3.74, 15.4);

  private static final Customer[] CUSTOMERS = {
    Customer.of("new", 0, 0, 3),
    Customer.of("regular", 4, 30, 38.5),
    Customer.of("lapsed", 2, 2, 38.5),
    Customer.of("heavy", 300, 37, 38, 12.5),
  };

  private static Dataset<Row> summaries() {
    return spark()
        .sql("SELECT * FROM VALUES ('new', 0, 0.0, 3.0, 0.0), ('regular', 4, 30.0, 38.5, 0.0),"
            + " ('lapsed', 2, 2.0, 38.5, 0.0), ('heavy', 300, 37.0, 38.0, 12.5)"
            + " AS t(customer_id, frequency, recency, age, averageSpend)");
  }

  @Test
  void portableModels_rebuiltFromTheirParameters_predictExactlyAsTheOriginals() throws Exception {
    List<PurchaseModel> models = List.of(
        BgNbd.of(0.243, 4.41, 0.793, 2.43),
        ModifiedBgNbd.of(0.525, 6.18, 0.891, 1.61),
        ParetoNbd.of(0.553, 10.6, 0.606, 11.7));
    for (PurchaseModel model : models) {
      PurchaseModel rebuilt = roundTrip(PortableModel.of(model)).purchaseModel();
      for (Customer c : CUSTOMERS) {
        assertEquals(model.probabilityAlive(c), rebuilt.probabilityAlive(c), 0.0, model.name());
        assertEquals(
            model.expectedPurchases(c, 13), rebuilt.expectedPurchases(c, 13), 0.0, model.name());
      }
    }
    BgBb bgbb = BgBb.of(1.2, 0.75, 0.66, 2.8);
    PurchaseModel rebuilt = roundTrip(PortableModel.of(bgbb)).purchaseModel();
    Customer donor = Customer.of("donor", 3, 4, 6);
    assertEquals(bgbb.expectedPurchases(donor, 5), rebuilt.expectedPurchases(donor, 5), 0.0);
    SpendModel spend = roundTrip(PortableModel.of(SPEND)).spendModel();
    assertEquals(
        SPEND.expectedAverageSpend(CUSTOMERS[3]), spend.expectedAverageSpend(CUSTOMERS[3]), 0.0);
  }

  @Test
  void score_smallBase_equalsInProcessScores() {
    BgNbd purchases = BgNbd.of(0.243, 4.41, 0.793, 2.43);

    // Decimal figures, as SQL literals have them, are read as numbers and kept as they are.
    Dataset<Row> scores = SparkLtv.score(summaries().repartition(2), purchases, SPEND, TERMS);

    assertEquals(
        "struct<customer_id:string,frequency:int,recency:decimal(3,1),age:decimal(3,1),"
            + "averageSpend:decimal(3,1),probabilityAlive:double,expectedPurchases:double,"
            + "expectedSpend:double,value:double>",
        scores.schema().simpleString());
    SparkTests.assertSameScores(
        CustomerBase.of(ChronoUnit.WEEKS, List.of(CUSTOMERS)),
        purchases,
        SPEND,
        TERMS,
        scores,
        "customer_id");
  }

  @Test
  void score_serializableModelOfTheCaller_travelsAsItIs() {
    PurchaseModel steady = new SteadyBuyer();

    List<Row> rows = SparkLtv.score(summaries(), steady, SPEND, TERMS)
        .where("customer_id = 'regular'")
        .select("probabilityAlive", "expectedPurchases")
        .collectAsList();

    assertEquals(1.0, rows.get(0).getDouble(0));
    assertEquals(2.5, rows.get(0).getDouble(1), 1e-12);
  }

  @Test
  void score_modelThatCannotTravel_isRefusedNamingIt() {
    PurchaseModel local = new LocalOnly();

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> SparkLtv.score(summaries(), local, SPEND, TERMS));

    assertTrue(e.getMessage().startsWith("the model local only"), e.getMessage());
  }

  @Test
  void score_summariesWithAScoreColumnAlready_areRefused() {
    Dataset<Row> scoredTwice = summaries().withColumnRenamed("customer_id", "value");

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> SparkLtv.score(scoredTwice, BgNbd.of(1, 1, 1, 1), SPEND, TERMS));

    assertEquals(
        "the summaries already have a column value; drop or rename it before scoring",
        e.getMessage());
  }

  @Test
  void score_summariesWithoutAverageSpend_areRefusedNamingWhatIsThere() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> SparkLtv.score(summaries().drop("averageSpend"), BgNbd.of(1, 1, 1, 1), SPEND, TERMS));

    assertEquals(
        "no column averageSpend in the summaries, which have [customer_id, frequency, recency,"
            + " age]; summarize with SparkLtv.summarizer",
        e.getMessage());
  }

  private static PortableModel roundTrip(PortableModel model)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PortableModel) in.readObject();
    }
  }

  /** A caller's model: always alive, buying a quarter of a purchase per unit of time. */
  static class Steady implements PurchaseModel {
    private static final double RATE = 0.25;

    Steady() {}

    @Override
    public String name() {
      return "steady";
    }

    @Override
    public double probabilityAlive(Customer customer) {
      return 1;
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      return RATE * t;
    }

    @Override
    public double expectedPurchases(double t) {
      return RATE * t;
    }

    @Override
    public double probabilityOfPurchases(int n, double t) {
      // Poisson: mean^n e^-mean / n!
      double mean = RATE * t;
      double log = n * Math.log(mean) - mean;
      for (int k = 2; k <= n; k++) {
        log -= Math.log(k);
      }
      return Math.exp(log);
    }

    @Override
    public double logLikelihood(CustomerBase base) {
      return 0;
    }
  }

  /** The model, serializable: it can travel as it is. */
  private static final class SteadyBuyer extends Steady implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The model, not serializable. */
  private static final class LocalOnly extends Steady {
    @Override
    public String name() {
      return "local only";
    }
  }
}
