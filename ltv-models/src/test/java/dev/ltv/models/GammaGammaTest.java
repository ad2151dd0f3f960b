package dev.ltv.models;

import static dev.ltv.models.BgNbdTest.assertMessage;
import static dev.ltv.models.BgNbdTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gamma-Gamma against the figures of Fader, Hardie and Lee (2005), "RFM and CLV: using iso-value
 * curves for customer base analysis", as listed in data/reference/PUBLISHED.md, and against
 * lifetimes 0.11.3 (data/reference/fitted_params.json).
 */
class GammaGammaTest {

  /** lifetimes' estimates in fitted_params.json. */
  private static final GammaGamma REFERENCE =
      GammaGamma.of(6.248802496075312, 3.744588460923114, 15.44774806492914);

  private static final GammaGamma FITTED = GammaGamma.fit(Cdnow.withSpend());

  @Test
  void fit_cdnowRepeatBuyers_matchesPublishedEstimates() {
    // PUBLISHED.md, Gamma-Gamma: 6.2488, 3.7446, 15.4477 to 1e-2; log-likelihood to 0.01.
    assertEquals(6.2488, FITTED.p(), 1e-2);
    assertEquals(3.7446, FITTED.q(), 1e-2);
    assertEquals(15.4477, FITTED.gamma(), 1e-2);
    assertEquals(-4055.92, FITTED.logLikelihood(), 0.01);
    assertEquals(946, FITTED.fitReport().customers());
    assertEquals(0, FITTED.excludedCustomers());
  }

  @Test
  void fit_cdnowRepeatBuyers_reachesReferenceOptimum() {
    assertEquals(Cdnow.fitted("Gamma-Gamma", "p"), FITTED.p(), 1e-5 * FITTED.p());
    assertEquals(Cdnow.fitted("Gamma-Gamma", "q"), FITTED.q(), 1e-5 * FITTED.q());
    assertEquals(Cdnow.fitted("Gamma-Gamma", "v"), FITTED.gamma(), 1e-5 * FITTED.gamma());
    assertTrue(FITTED.logLikelihood() >= Cdnow.fitted("Gamma-Gamma", "ll_sum") - 1e-9);
  }

  @Test
  void logLikelihood_atReferenceParameters_matchesReference() {
    assertEquals(
        Cdnow.fitted("Gamma-Gamma", "ll_sum"), REFERENCE.logLikelihood(Cdnow.withSpend()), 1e-9);
  }

  @Test
  void expectedAverageSpend_firstTenCustomers_matchPublishedFigures() {
    // PUBLISHED.md: 24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17 to 0.01.
    double[] expected = {24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17};
    CustomerBase base = Cdnow.withSpend();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], FITTED.expectedAverageSpend(base.customer(i)), 0.01, "" + i);
    }
  }

  @Test
  void expectedAverageSpend_firstTenCustomers_matchReferenceExactly() {
    // fitted_params.json CLV_first10: lifetimes' conditional_expected_average_profit.
    CustomerBase base = Cdnow.withSpend();
    for (int i = 1; i <= 10; i++) {
      String id = String.valueOf(i);
      double expected = Cdnow.fitted("CLV_first10", id, "cond_exp_avg_profit");
      assertRelative(expected, REFERENCE.expectedAverageSpend(base.get(id)), 1e-13, id);
    }
  }

  @Test
  void frequencySpendCorrelation_matchesDirectComputation() {
    // Fader, Hardie and Lee (2005, RFM and CLV) report 0.11 for these repeat buyers.
    List<Customer> buyers =
        Cdnow.withSpend().stream().filter(Customer::isRepeatBuyer).toList();
    double mx = buyers.stream().mapToDouble(Customer::frequency).average().orElseThrow();
    double mm = buyers.stream().mapToDouble(Customer::averageSpend).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (Customer c : buyers) {
      sxy += (c.frequency() - mx) * (c.averageSpend() - mm);
      sxx += (c.frequency() - mx) * (c.frequency() - mx);
      syy += (c.averageSpend() - mm) * (c.averageSpend() - mm);
    }
    assertRelative(sxy / Math.sqrt(sxx * syy), FITTED.frequencySpendCorrelation(), 1e-12, "rho");
    assertEquals(0.11, FITTED.frequencySpendCorrelation(), 0.005);
    assertTrue(!FITTED.toString().contains("large"), FITTED.toString());
  }

  @Test
  void toString_notesLargeCorrelation() {
    CustomerBase simulated =
        GammaGamma.of(3, 4, 20).simulate(BgNbd.of(0.5, 2, 0.5, 3).simulate(2000, 40, 1), 2);
    List<Customer> customers = new ArrayList<>();
    for (Customer c : simulated) {
      // Frequent buyers spend more: the dependence the model rules out.
      double spend = c.averageSpend() * (1 + c.frequency() / 3.0);
      customers.add(Customer.of(c.id(), c.frequency(), c.recency(), c.age(), spend));
    }
    GammaGamma correlated = GammaGamma.fit(CustomerBase.of(ChronoUnit.WEEKS, customers));
    assertTrue(correlated.frequencySpendCorrelation() > 0.5);
    assertTrue(correlated.toString().contains("large"), correlated.toString());
  }

  @Test
  void fit_withoutHeterogeneityInSpend_saysItDidNotConverge() {
    // Spends that differ only with frequency leave q and gamma unidentified (they run off to
    // infinity together); the fit must say so rather than return a point on the way.
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int x = 1 + i % 10;
      customers.add(Customer.of("c" + i, x, 10, 20, 5.0 * x + (i * 7919 % 13)));
    }
    FitException e = assertThrows(
        FitException.class, () -> GammaGamma.fit(CustomerBase.of(ChronoUnit.WEEKS, customers)));
    assertTrue(!e.report().converged());
  }

  @Test
  void fit_excludesAndCountsRepeatBuyersWithoutPositiveSpend() {
    List<Customer> customers = new ArrayList<>(Cdnow.withSpend().customers());
    customers.add(Customer.of("refunded", 3, 20, 38.86, 0.0));
    customers.add(Customer.of("net negative", 1, 5, 38.86, -12.5));
    GammaGamma withRefunds = GammaGamma.fit(CustomerBase.of(ChronoUnit.WEEKS, customers));
    assertEquals(2, withRefunds.excludedCustomers());
    assertEquals(946, withRefunds.fitReport().customers());
    assertEquals(FITTED.p(), withRefunds.p(), 1e-9);
    assertEquals(FITTED.logLikelihood(), withRefunds.logLikelihood(), 1e-9);
    assertTrue(withRefunds.toString().contains("2 repeat buyers without positive spend"));
    // They carry no information on spend, so they get the population mean.
    assertEquals(
        withRefunds.expectedAverageSpend(),
        withRefunds.expectedAverageSpend(customers.get(customers.size() - 1)));
  }

  @Test
  void fit_withoutRepeatBuyers_failsClearly() {
    CustomerBase none = CustomerBase.of(Customer.of("a", 0, 0, 10), Customer.of("b", 2, 3, 10));
    assertMessage(() -> GammaGamma.fit(none), "no repeat buyer with a positive average spend");
  }

  @Test
  void expectedAverageSpend_withInfiniteMean_throws() {
    GammaGamma heavyTailed = GammaGamma.of(2, 0.8, 10);
    ArithmeticException e =
        assertThrows(ArithmeticException.class, heavyTailed::expectedAverageSpend);
    assertTrue(e.getMessage().contains("q <= 1"), e.getMessage());
    // One purchase is enough to make the customer's own expectation finite here.
    assertTrue(Double.isFinite(heavyTailed.expectedAverageSpend(Customer.of("c", 1, 1, 2, 5.0))));
  }

  @Test
  void gradient_matchesCentralDifferences() {
    GammaGamma.Likelihood likelihood = GammaGamma.Likelihood.of(Cdnow.withSpend());
    double[][] points = {{6.25, 3.74, 15.4}, {0.5, 1.2, 100}, {40, 20, 2}};
    for (double[] v : points) {
      double[] gradient = new double[3];
      likelihood.value(v[0], v[1], v[2], gradient);
      for (int i = 0; i < 3; i++) {
        double h = 1e-4 * v[i];
        double sum = 0;
        double[] steps = {-2, -1, 1, 2};
        double[] weights = {1, -8, 8, -1};
        for (int k = 0; k < 4; k++) {
          double[] u = v.clone();
          u[i] += steps[k] * h;
          sum += weights[k] * likelihood.value(u[0], u[1], u[2], null);
        }
        // Near the optimum the gradient is a small difference of terms of order 1e4.
        assertEquals(sum / (12 * h), gradient[i], 1e-6 * Math.max(1, Math.abs(gradient[i])));
      }
    }
  }

  @Test
  void givenModel_hasNoFit() {
    assertThrows(IllegalStateException.class, REFERENCE::logLikelihood);
    assertThrows(IllegalStateException.class, REFERENCE::fitReport);
    assertThrows(IllegalStateException.class, REFERENCE::frequencySpendCorrelation);
    assertTrue(REFERENCE.toString().contains("given parameters"));
  }
}
