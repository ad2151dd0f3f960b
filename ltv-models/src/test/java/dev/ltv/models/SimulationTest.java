package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated customers: the simulation agrees with the closed forms, and fitting 10,000 simulated
 * customers recovers the parameters they were drawn from within three standard errors.
 */
class SimulationTest {

  private static final long SEED = 42;
  private static final int CUSTOMERS = 10_000;

  /** Ages spread evenly over 27 to 39 weeks, like the CDNOW cohort's. */
  private static double[] ages() {
    double[] ages = new double[CUSTOMERS];
    for (int i = 0; i < CUSTOMERS; i++) {
      ages[i] = 27 + 12.0 * i / CUSTOMERS;
    }
    return ages;
  }

  @Test
  void bgNbd_tenThousandSimulatedCustomers_recoverParameters() {
    BgNbd truth = BgNbd.of(0.25, 4.0, 0.8, 2.5);
    BgNbd fitted = BgNbd.fit(truth.simulate(ages(), SEED));
    assertRecovered(fitted.fitReport(), 0.25, 4.0, 0.8, 2.5);
  }

  @Test
  void modifiedBgNbd_tenThousandSimulatedCustomers_recoverParameters() {
    ModifiedBgNbd truth = ModifiedBgNbd.of(0.5, 6.0, 0.9, 1.6);
    ModifiedBgNbd fitted = ModifiedBgNbd.fit(truth.simulate(ages(), SEED));
    assertRecovered(fitted.fitReport(), 0.5, 6.0, 0.9, 1.6);
  }

  @Test
  void gammaGamma_simulatedSpends_recoverParameters() {
    CustomerBase customers = BgNbd.of(0.25, 4.0, 0.8, 2.5).simulate(ages(), SEED);
    GammaGamma fitted = GammaGamma.fit(GammaGamma.of(6, 4, 15).simulate(customers, SEED));
    assertRecovered(fitted.fitReport(), 6, 4, 15);
    assertTrue(Math.abs(fitted.frequencySpendCorrelation()) < 0.1, fitted.toString());
  }

  @Test
  void bgNbd_simulatedOnDays_staysOnTheGridAndRecoversParameters() {
    // Purchases on one day merge, which slightly lowers frequencies; at these purchase rates
    // (about one every 16 weeks) that is rare enough for the fit to stay within 3 errors.
    BgNbd truth = BgNbd.of(0.25, 4.0, 0.8, 2.5);
    CustomerBase daily = truth.simulateDaily(ChronoUnit.WEEKS, ages(), SEED);
    assertEquals(ChronoUnit.WEEKS, daily.unit().orElseThrow());
    for (Customer c : daily) {
      assertWholeDays(c.recency());
      assertWholeDays(c.age());
      assertTrue(c.frequency() <= Math.round(c.recency() * 7), c.toString());
    }
    assertRecovered(BgNbd.fit(daily).fitReport(), 0.25, 4.0, 0.8, 2.5);
  }

  @Test
  void simulate_meanFrequency_matchesClosedFormExpectation() {
    // E[X(t)] (Fader, Hardie and Lee 2005, eq. 9) against the mean of 10,000 simulated customers
    // of age 39, within four standard errors of the mean.
    for (PurchaseModel model :
        List.of(BgNbd.of(0.6, 3, 0.7, 2.0), ModifiedBgNbd.of(0.6, 3, 0.7, 2.0))) {
      CustomerBase base = model instanceof BgNbd bg
          ? bg.simulate(CUSTOMERS, 39, SEED)
          : ((ModifiedBgNbd) model).simulate(CUSTOMERS, 39, SEED);
      double sum = 0;
      double squares = 0;
      for (Customer c : base) {
        sum += c.frequency();
        squares += (double) c.frequency() * c.frequency();
        assertTrue(c.frequency() > 0 || c.recency() == 0);
        assertTrue(c.recency() <= c.age());
      }
      double mean = sum / CUSTOMERS;
      double error = Math.sqrt((squares / CUSTOMERS - mean * mean) / CUSTOMERS);
      assertEquals(model.expectedPurchases(39), mean, 4 * error, model.name());
    }
  }

  @Test
  void simulate_sameSeed_sameCustomers() {
    BgNbd model = BgNbd.of(0.5, 3, 0.7, 2.0);
    assertEquals(model.simulate(500, 20, 7), model.simulate(500, 20, 7));
    assertNotEquals(model.simulate(500, 20, 7), model.simulate(500, 20, 8));
  }

  private static void assertWholeDays(double weeks) {
    double days = weeks * 7;
    assertEquals(Math.rint(days), days, 1e-9, "not on the day grid: " + weeks);
  }

  private static void assertRecovered(FitReport report, double... truth) {
    for (int i = 0; i < truth.length; i++) {
      double estimate = report.estimates().get(i);
      double error = report.standardErrors().get(i);
      assertTrue(
          Math.abs(estimate - truth[i]) < 3 * error,
          () -> report.parameterNames() + " from " + java.util.Arrays.toString(truth) + ": "
              + report);
    }
  }
}
