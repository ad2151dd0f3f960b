package dev.ltv.models;

import static dev.ltv.models.BgNbdTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MBG/NBD against the figures of Batislam, Denizel and Filiztekin (2007) for the CDNOW sample as
 * listed in data/reference/PUBLISHED.md, and against per-customer reference values of lifetimes
 * 0.11.3 re-checked with mpmath at 30 digits (cdnow_sample_predictions.csv, fitted_params.json).
 */
class ModifiedBgNbdTest {

  /** The reference parameters of cdnow_sample_predictions_meta.json. */
  private static final ModifiedBgNbd REFERENCE = ModifiedBgNbd.of(
      0.524837725567698, 6.182988479134173, 0.8913562809310741, 1.6140000256718765);

  private static final ModifiedBgNbd FITTED = ModifiedBgNbd.fit(Cdnow.summary());

  @Test
  void fit_cdnowSample_matchesPublishedEstimates() {
    // PUBLISHED.md, MBG/NBD: 0.5248, 6.1830, 0.8914, 1.6140 to 1e-3; log-likelihood to 0.01.
    assertEquals(0.5248, FITTED.r(), 1e-3);
    assertEquals(6.1830, FITTED.alpha(), 1e-3);
    assertEquals(0.8914, FITTED.a(), 1e-3);
    assertEquals(1.6140, FITTED.b(), 1e-3);
    assertEquals(-9582.13, FITTED.logLikelihood(), 0.01);
  }

  @Test
  void fit_cdnowSample_reachesReferenceOptimum() {
    // fitted_params.json: lifetimes' BFGS at tolerance 1e-7, within about 1e-5 of the optimum.
    assertEquals(Cdnow.fitted("MBG/NBD", "r"), FITTED.r(), 1e-5 * FITTED.r());
    assertEquals(Cdnow.fitted("MBG/NBD", "alpha"), FITTED.alpha(), 1e-5 * FITTED.alpha());
    assertEquals(Cdnow.fitted("MBG/NBD", "a"), FITTED.a(), 1e-5 * FITTED.a());
    assertEquals(Cdnow.fitted("MBG/NBD", "b"), FITTED.b(), 1e-5 * FITTED.b());
    assertTrue(FITTED.logLikelihood() >= Cdnow.fitted("MBG/NBD", "ll_sum_original_units") - 1e-9);
    for (double se : FITTED.fitReport().standardErrors()) {
      assertTrue(se > 0 && Double.isFinite(se), FITTED.toString());
    }
  }

  @Test
  void logLikelihood_atReferenceParameters_matchesReference() {
    assertEquals(
        Cdnow.fitted("MBG/NBD", "ll_sum_original_units"),
        REFERENCE.logLikelihood(Cdnow.summary()),
        1e-9);
  }

  @Test
  void predictions_everyCdnowCustomer_matchReferenceToTenDigits() {
    // cdnow_sample_predictions.csv, mbgnbd columns: equal to mpmath at 30 digits to 1.0e-13.
    int checked = 0;
    for (String[] row : Cdnow.rows("reference/cdnow_sample_predictions.csv")) {
      Customer c = Customer.of(
          row[0], Integer.parseInt(row[1]), Double.parseDouble(row[2]), Double.parseDouble(row[3]));
      assertRelative(Double.parseDouble(row[8]), REFERENCE.probabilityAlive(c), 1e-12, row[0]);
      assertRelative(Double.parseDouble(row[9]), REFERENCE.expectedPurchases(c, 39), 1e-12, row[0]);
      checked++;
    }
    assertEquals(2357, checked);
  }

  @Test
  void probabilityAlive_withoutRepeatPurchases_isBelowOneAndFalls() {
    // The reference README: MBG/NBD P(alive) is below 1 even when x = 0.
    double young = REFERENCE.probabilityAlive(Customer.of("young", 0, 0, 1));
    double old = REFERENCE.probabilityAlive(Customer.of("old", 0, 0, 38.86));
    assertTrue(young < 1 && old < young, young + " " + old);
    // At age 0 only the chance of leaving right after the first purchase remains: b / (a + b).
    double b = REFERENCE.b();
    assertRelative(
        b / (REFERENCE.a() + b),
        REFERENCE.probabilityAlive(Customer.of("now", 0, 0, 0)),
        1e-15,
        "age 0");
  }

  @Test
  void probabilityOfPurchases_sumsToOneWithMeanEqualToExpectation() {
    for (ModifiedBgNbd model :
        List.of(REFERENCE, ModifiedBgNbd.of(0.8, 3, 1.0, 2.0), ModifiedBgNbd.of(2, 6, 0.3, 0.7))) {
      for (double t : new double[] {0.5, 10, 52}) {
        double total = 0;
        double mean = 0;
        for (int n = 0; n < 20_000; n++) {
          double p = model.probabilityOfPurchases(n, t);
          total += p;
          mean += n * p;
        }
        assertEquals(1.0, total, 1e-9, model + " t = " + t);
        assertRelative(model.expectedPurchases(t), mean, 1e-9, model + " t = " + t);
      }
    }
  }

  @Test
  void givenModel_hasNoFit() {
    assertThrows(IllegalStateException.class, REFERENCE::logLikelihood);
    assertThrows(IllegalStateException.class, REFERENCE::fitReport);
    assertTrue(FITTED.toString().startsWith("MBG/NBD fit: r = 0.5248"), FITTED.toString());
  }

  @Test
  void fit_withTooFewIterations_throwsWithReport() {
    FitException e = assertThrows(
        FitException.class, () -> ModifiedBgNbd.fitter().maxIterations(1).fit(Cdnow.summary()));
    assertTrue(!e.report().converged());
  }
}
