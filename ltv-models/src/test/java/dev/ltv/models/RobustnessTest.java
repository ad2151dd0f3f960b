package dev.ltv.models;

import static dev.ltv.models.BgNbdTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The edges where implementations of these models break: customers with thousands of purchases,
 * recency equal to age, tiny ages, and parameters from 1e-4 to 1e4. Nothing may be NaN or
 * infinite, probabilities must stay in [0, 1].
 */
class RobustnessTest {

  private static final double[] EXTREMES = {1e-4, 1e-2, 1, 1e2, 1e4};

  /** The ends and the middle of the range, for the costlier predictions. */
  private static final double[] FEWER_EXTREMES = {1e-4, 1, 1e4};

  /**
   * Horizons, in multiples of alpha plus the customer's age: 2F1's argument up to 20/21. Longer
   * horizons are checked at ordinary parameters below; at a first parameter in the thousands the
   * shared 2F1 then takes seconds per value.
   */
  private static final double[] HORIZONS = {1e-3, 0.7, 20};

  private static final List<Customer> EDGE_CUSTOMERS = edgeCustomers();

  private static List<Customer> edgeCustomers() {
    List<Customer> customers = new ArrayList<>();
    int id = 0;
    for (int x : new int[] {0, 1, 2, 1000, 5000, 100_000}) {
      for (double age : new double[] {1e-6, 1, 38.86, 1e4}) {
        for (double share : new double[] {0, 0.5, 1}) {
          if (x == 0 && share > 0) {
            continue;
          }
          customers.add(Customer.of("e" + id++, x, share * age, age));
        }
      }
    }
    return customers;
  }

  @Test
  void predictions_extremeParametersAndCustomers_areFiniteAndInRange() {
    for (double r : FEWER_EXTREMES) {
      for (double alpha : FEWER_EXTREMES) {
        for (double a : FEWER_EXTREMES) {
          for (double b : FEWER_EXTREMES) {
            for (PurchaseModel model :
                List.of(BgNbd.of(r, alpha, a, b), ModifiedBgNbd.of(r, alpha, a, b))) {
              checkModel(model, alpha);
            }
          }
        }
      }
    }
  }

  private static void checkModel(PurchaseModel model, double alpha) {
    for (Customer c : EDGE_CUSTOMERS) {
      double p = model.probabilityAlive(c);
      assertTrue(p >= 0 && p <= 1, () -> p + " for " + c + " under " + model);
      for (double scale : HORIZONS) {
        double t = scale * (alpha + c.age());
        double e = model.expectedPurchases(c, t);
        double bound = (modelR(model) + c.frequency()) * t / (alpha + c.age());
        assertTrue(
            e >= 0 && e <= bound * (1 + 1e-12),
            () -> e + " in " + t + " for " + c + " under " + model);
      }
    }
    for (double scale : HORIZONS) {
      double e = model.expectedPurchases(scale * alpha);
      assertTrue(e >= 0 && Double.isFinite(e), () -> e + " under " + model);
      for (int n : new int[] {0, 1, 50, 100_000}) {
        double p = model.probabilityOfPurchases(n, scale * alpha);
        assertTrue(p >= 0 && p <= 1, () -> p + " for " + n + " under " + model);
      }
    }
  }

  private static double modelR(PurchaseModel model) {
    return model instanceof BgNbd bg ? bg.r() : ((ModifiedBgNbd) model).r();
  }

  @Test
  void expectedPurchases_horizonsOfMillionsOfWeeks_areFiniteAndGrowing() {
    for (PurchaseModel model : List.of(
        BgNbd.of(0.2426, 4.4135, 0.7929, 2.4258),
        ModifiedBgNbd.of(0.5248, 6.183, 0.8914, 1.614),
        BgNbd.of(2, 1, 1.0, 0.3),
        BgNbd.of(0.5, 10, 0.2, 0.4))) {
      for (Customer c : EDGE_CUSTOMERS) {
        double previous = 0;
        for (double t : new double[] {1e2, 1e4, 1e6}) {
          double e = model.expectedPurchases(c, t);
          double bound = previous;
          assertTrue(
              Double.isFinite(e) && e >= bound * (1 - 1e-12),
              () -> e + " after " + bound + " in " + t + " for " + c + " under " + model);
          previous = e;
        }
      }
    }
  }

  @Test
  void logLikelihood_extremeParametersAndCustomers_isFinite() {
    CustomerBase edges = CustomerBase.of(ChronoUnit.WEEKS, EDGE_CUSTOMERS);
    for (double r : EXTREMES) {
      for (double alpha : EXTREMES) {
        for (double a : EXTREMES) {
          for (double b : EXTREMES) {
            double bg = BgNbd.of(r, alpha, a, b).logLikelihood(edges);
            double mbg = ModifiedBgNbd.of(r, alpha, a, b).logLikelihood(edges);
            assertTrue(Double.isFinite(bg) && bg <= 0 || Double.isFinite(bg), "" + bg);
            assertTrue(Double.isFinite(mbg), "" + mbg);
          }
        }
      }
    }
  }

  @Test
  void fit_withHeavyBuyersAndTinyAges_converges() {
    List<Customer> customers = new ArrayList<>(Cdnow.summary().customers());
    customers.add(Customer.of("heavy", 4000, 38.0, 38.86));
    customers.add(Customer.of("heavier", 20_000, 38.86, 38.86));
    customers.add(Customer.of("tiny", 0, 0, 1e-6));
    customers.add(Customer.of("tiny buyer", 1, 1e-6, 1e-6));
    CustomerBase base = CustomerBase.of(ChronoUnit.WEEKS, customers);
    BgNbd bg = BgNbd.fit(base);
    ModifiedBgNbd mbg = ModifiedBgNbd.fit(base);
    assertTrue(bg.fitReport().converged() && Double.isFinite(bg.logLikelihood()), bg.toString());
    assertTrue(mbg.fitReport().converged() && Double.isFinite(mbg.logLikelihood()));
    Customer heavier = customers.get(customers.size() - 3);
    assertTrue(bg.probabilityAlive(heavier) > 0.99, bg.toString());
    assertTrue(Double.isFinite(bg.expectedPurchases(heavier, 39)));
  }

  @Test
  void fit_withoutAnyRepeatPurchase_saysNoUniqueEstimateInsteadOfReturningOne() {
    // Without a repeat purchase the likelihood only rises as the parameters run off towards the
    // edge together; the optimizer meets its gradient tolerance on that flat ridge, and the fit
    // must refuse to call the point it stopped at an estimate.
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      customers.add(Customer.of("c" + i, 0, 0, 10 + i % 7));
    }
    CustomerBase base = CustomerBase.of(ChronoUnit.WEEKS, customers);
    List<Executable> fits =
        List.of(() -> BgNbd.fit(base), () -> ParetoNbd.fit(base), () -> ModifiedBgNbd.fit(base));
    for (Executable fit : fits) {
      FitException e = assertThrows(FitException.class, fit);
      assertTrue(e.getMessage().contains("no unique estimate"), e.getMessage());
      assertFalse(e.report().converged(), e.report()::toString);
    }
  }

  @Test
  void probabilityAlive_recencyEqualToAge_matchesClosedForm() {
    // With t_x = T the ratio of the two likelihood terms is a / (b + x - 1) (BG/NBD).
    BgNbd bg = BgNbd.of(0.2426, 4.4135, 0.7929, 2.4258);
    for (int x : new int[] {1, 3, 250, 100_000}) {
      Customer c = Customer.of("c", x, 38.86, 38.86);
      double expected = 1 / (1 + bg.a() / (bg.b() + x - 1));
      assertRelative(expected, bg.probabilityAlive(c), 1e-15, "x = " + x);
    }
  }

  @Test
  void gammaGamma_extremeSpendsAndFrequencies_areFinite() {
    List<Customer> customers = new ArrayList<>();
    int id = 0;
    for (int x : new int[] {1, 2, 1000, 100_000}) {
      for (double spend : new double[] {1e-9, 0.01, 25, 1e9}) {
        customers.add(Customer.of("s" + id++, x, 1, 2, spend));
      }
    }
    CustomerBase base = CustomerBase.of(customers);
    for (double p : EXTREMES) {
      for (double q : new double[] {1 + 1e-9, 1.5, 100, 1e4}) {
        for (double gamma : EXTREMES) {
          GammaGamma model = GammaGamma.of(p, q, gamma);
          assertTrue(Double.isFinite(model.logLikelihood(base)), model::toString);
          for (Customer c : customers) {
            double s = model.expectedAverageSpend(c);
            assertTrue(s > 0 && Double.isFinite(s), () -> s + " for " + c + " under " + model);
          }
        }
      }
    }
  }
}
