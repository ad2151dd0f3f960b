package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Simulated customers: they follow the model's own predictions, and a fit recovers the model. */
class ParetoNbdSimulationTest {

  /** The CDNOW estimates (PUBLISHED.md). */
  private static final ParetoNbd CDNOW = ParetoNbd.of(0.5533, 10.5776, 0.6062, 11.6679);

  @Test
  void fit_tenThousandSimulatedCustomers_recoversTheParametersWithinThreeStandardErrors() {
    // Ages as in CDNOW: first purchases spread over 12 weeks, observation ending at 39.
    SplittableRandom random = new SplittableRandom(11);
    double[] ages = new double[10_000];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    CustomerBase base = CDNOW.simulate(ages, 2024);

    ParetoNbd model = ParetoNbd.fit(base);

    FitReport report = model.fitReport();
    double[] truth = {CDNOW.r(), CDNOW.alpha(), CDNOW.s(), CDNOW.beta()};
    for (int i = 0; i < 4; i++) {
      double estimate = report.estimates().get(i);
      double error = report.standardErrors().get(i);
      assertTrue(
          Math.abs(estimate - truth[i]) < 3 * error,
          report.parameterNames().get(i) + ": " + estimate + " vs " + truth[i] + ", se " + error);
    }
  }

  @Test
  void simulate_frequencies_followProbabilityOfPurchases() {
    int customers = 200_000;
    CustomerBase base = CDNOW.simulate(customers, 39, 7);
    int[] counts = new int[4];
    double mean = 0;
    for (Customer c : base) {
      if (c.frequency() < counts.length) {
        counts[c.frequency()]++;
      }
      mean += c.frequency();
      assertEquals(39.0, c.age());
      assertTrue(c.recency() <= 39.0);
    }
    for (int n = 0; n < counts.length; n++) {
      double p = CDNOW.probabilityOfPurchases(n, 39);
      double se = Math.sqrt(p * (1 - p) / customers);
      assertEquals(p, counts[n] / (double) customers, 4.5 * se, "n=" + n);
    }
    // The count's variance is finite: estimate it from the same sample.
    mean /= customers;
    double variance = 0;
    for (Customer c : base) {
      variance += (c.frequency() - mean) * (c.frequency() - mean);
    }
    double se = Math.sqrt(variance / customers / customers);
    assertEquals(CDNOW.expectedPurchases(39), mean, 4.5 * se);
  }

  @Test
  void simulate_isReproducibleFromItsSeed() {
    assertEquals(CDNOW.simulate(500, 20, 3), CDNOW.simulate(500, 20, 3));
    assertTrue(!CDNOW.simulate(500, 20, 3).equals(CDNOW.simulate(500, 20, 4)));
    assertEquals(0, CDNOW.simulate(0, 20, 3).size());
  }

  @Test
  void simulate_rejectsBadAgesAndRunawayModels() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CDNOW.simulate(new double[] {1, -2}, 1));
    assertTrue(e.getMessage().contains("ages[1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CDNOW.simulate(-1, 2, 1));
    assertThrows(
        IllegalArgumentException.class, () -> ParetoNbd.of(1e4, 1e-4, 1, 1).simulate(10, 50, 1));
  }
}
