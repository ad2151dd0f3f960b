package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/NBD model on the CDNOW sample against the figures of {@code
 * data/reference/PUBLISHED.md} (Schmittlein, Morrison and Colombo 1987, with the fits of Fader and
 * Hardie's notes) and the per-customer values of lifetimes 0.11.3, cross-checked with mpmath
 * ({@code cdnow_sample_predictions.csv}, {@code fitted_params.json}).
 */
class ParetoNbdTest {

  /** The parameters behind {@code cdnow_sample_predictions.csv}, from its meta file. */
  private static final Map<String, Double> REFERENCE =
      ReferenceData.jsonNumbers("reference/cdnow_sample_predictions_meta.json", "Pareto/NBD");

  private static volatile ParetoNbd fitted;

  private static ParetoNbd fitted() {
    ParetoNbd result = fitted;
    if (result == null) {
      fitted = result = ParetoNbd.fit(ReferenceData.cdnow());
    }
    return result;
  }

  private static ParetoNbd reference() {
    return ParetoNbd.of(
        REFERENCE.get("r"), REFERENCE.get("alpha"), REFERENCE.get("s"), REFERENCE.get("beta"));
  }

  @Test
  void fit_cdnowSample_matchesPublishedEstimates() {
    ParetoNbd model = fitted();
    // PUBLISHED.md, Pareto/NBD: 1e-2 absolute (beta is flat in the likelihood).
    assertEquals(0.5533, model.r(), 1e-2);
    assertEquals(10.5776, model.alpha(), 1e-2);
    assertEquals(0.6062, model.s(), 1e-2);
    assertEquals(11.6679, model.beta(), 1e-2);
  }

  @Test
  void fit_cdnowSample_reachesPublishedLogLikelihood() {
    assertEquals(-9594.97, fitted().logLikelihood(), 0.01);
    assertTrue(fitted().fitReport().converged());
  }

  @Test
  void fit_cdnowSample_matchesLifetimesTightFit() {
    Map<String, Double> tight =
        ReferenceData.jsonNumbers("reference/fitted_params.json", "Pareto/NBD (tight)");
    ParetoNbd model = fitted();
    // lifetimes polished its optimum to |gradient| ~ 1e-6; both optima agree to a few parts in a
    // million, beta (the flattest direction) included.
    assertEquals(tight.get("r"), model.r(), 1e-5 * tight.get("r"));
    assertEquals(tight.get("alpha"), model.alpha(), 1e-5 * tight.get("alpha"));
    assertEquals(tight.get("s"), model.s(), 1e-5 * tight.get("s"));
    assertEquals(tight.get("beta"), model.beta(), 1e-5 * tight.get("beta"));
    assertEquals(tight.get("ll_sum_original_units"), model.logLikelihood(), 1e-6);
  }

  @Test
  void logLikelihood_ofTheFittedBase_equalsTheReportedOne() {
    assertEquals(fitted().logLikelihood(), fitted().logLikelihood(ReferenceData.cdnow()), 1e-9);
  }

  @Test
  void expectedPurchases_newCustomer_matchesPublishedFigureAt52Weeks() {
    // PUBLISHED.md: E[X(52)] = 1.473434, tolerance 1e-4; the fit reaches 1e-5.
    assertEquals(1.473434, fitted().expectedPurchases(52), 1e-5);
    assertEquals(1.473434, reference().expectedPurchases(52), 1e-5);
  }

  @Test
  void expectedPurchases_newCustomer_firstNineWeeks_nearPublishedFigures() {
    double[] published = {
      0.05078, 0.09916, 0.14543, 0.18980, 0.23247, 0.27361, 0.31335, 0.35181, 0.38909
    };
    ParetoNbd model = fitted();
    for (int t = 1; t <= 9; t++) {
      // PUBLISHED.md asks for 1e-4, but this row does not belong to the published parameters:
      // at them the closed form, confirmed to 1e-12 by integrating the survival function (next
      // test), gives 0.051007 ... 0.391338, and so does lifetimes' formula. The row fits a
      // Pareto/NBD with r/alpha = 0.05209, s = 0.608, beta = 11.59, whose E[X(52)] would be
      // 1.4613 instead of the published 1.473434. Until the source is settled, only the
      // agreement within 0.6 % is checked.
      assertEquals(published[t - 1], model.expectedPurchases(t), 6e-3 * published[t - 1], "t=" + t);
    }
  }

  @Test
  void expectedPurchases_newCustomer_equalsRateTimesExpectedLifetimeWithinHorizon() {
    // E[X(t)] = E[λ] E[min(τ, t)] = (r/α) ∫_0^t (β/(β+u))^s du, by independent quadrature.
    ParetoNbd model = reference();
    for (double t : new double[] {0.1429, 1, 5, 9, 39, 52, 78, 1000}) {
      double life = Quadrature.integrate(
          u -> Math.pow(model.beta() / (model.beta() + u), model.s()), 0, t, 1e-14);
      assertEquals(model.r() / model.alpha() * life, model.expectedPurchases(t), 1e-12 * life);
    }
    ParetoNbd unit = ParetoNbd.of(0.7, 3.0, 1.0, 5.0); // s = 1: the limit (rβ/α) ln(1 + t/β)
    assertEquals(0.7 / 3.0 * 5.0 * Math.log1p(10 / 5.0), unit.expectedPurchases(10), 1e-15);
    ParetoNbd near = ParetoNbd.of(0.7, 3.0, 1.0 + 1e-12, 5.0);
    assertEquals(unit.expectedPurchases(10), near.expectedPurchases(10), 1e-11);
  }

  @Test
  void probabilityAlive_everyCdnowCustomer_matchesLifetimes() {
    ParetoNbd model = reference();
    List<String> header = ReferenceData.header("reference/cdnow_sample_predictions.csv");
    int column = header.indexOf("pnbd_p_alive");
    int checked = 0;
    for (String[] row : ReferenceData.rows("reference/cdnow_sample_predictions.csv")) {
      double expected = Double.parseDouble(row[column]);
      double actual = model.probabilityAlive(customer(row));
      // The largest difference is 2e-14, as lifetimes' own difference from mpmath.
      assertEquals(expected, actual, 1e-12 * expected, row[0]);
      checked++;
    }
    assertEquals(2357, checked);
  }

  @Test
  void expectedPurchases_everyCdnowCustomer_next39Weeks_matchesLifetimes() {
    ParetoNbd model = reference();
    List<String> header = ReferenceData.header("reference/cdnow_sample_predictions.csv");
    int column = header.indexOf("pnbd_exp_purchases_39w");
    int checked = 0;
    for (String[] row : ReferenceData.rows("reference/cdnow_sample_predictions.csv")) {
      double expected = Double.parseDouble(row[column]);
      assertEquals(expected, model.expectedPurchases(customer(row), 39), 1e-12 * expected, row[0]);
      checked++;
    }
    assertEquals(2357, checked);
  }

  private static Customer customer(String[] row) {
    return Customer.of(
        row[0], Integer.parseInt(row[1]), Double.parseDouble(row[2]), Double.parseDouble(row[3]));
  }

  @Test
  void probabilityAlive_isExactlyOne_whenRecencyEqualsAge() {
    ParetoNbd model = reference();
    assertEquals(1.0, model.probabilityAlive(Customer.of("a", 3, 20.0, 20.0)));
    assertEquals(1.0, model.probabilityAlive(Customer.of("b", 0, 0, 0)));
    assertEquals(1.0, model.probabilityAlive(Customer.of("c", 5000, 52.0, 52.0)));
    assertTrue(model.probabilityAlive(Customer.of("d", 3, 20.0 - 1e-9, 20.0)) < 1);
  }

  @Test
  void probabilityOfPurchases_noPurchase_equalsLikelihoodOfAnEmptyHistory() {
    // P(X(t) = 0) is the likelihood of x = 0, t_x = 0, T = t: two independent computations.
    ParetoNbd model = reference();
    for (double t : new double[] {0.5, 1, 39, 78, 500}) {
      double likelihood = Math.exp(model.logLikelihood(CustomerBase.of(Customer.of("z", 0, 0, t))));
      assertEquals(likelihood, model.probabilityOfPurchases(0, t), 1e-13, "t=" + t);
    }
  }

  @Test
  void probabilityOfPurchases_sumsToOne_withTheClosedFormMean() {
    ParetoNbd model = reference();
    for (double t : new double[] {1, 39, 78}) {
      double total = 0;
      double mean = 0;
      for (int n = 0; n < 400; n++) {
        double p = model.probabilityOfPurchases(n, t);
        total += p;
        mean += n * p;
      }
      assertEquals(1.0, total, 1e-12, "t=" + t);
      assertEquals(model.expectedPurchases(t), mean, 1e-9 * mean, "t=" + t);
    }
    assertEquals(1.0, model.probabilityOfPurchases(0, 0));
    assertEquals(0.0, model.probabilityOfPurchases(2, 0));
  }

  @Test
  void standardErrors_matchTheObservedInformationFromLikelihoodValues() {
    // Independent of the gradient: second differences of the log-likelihood values.
    ParetoNbd model = fitted();
    ParetoNbdLikelihood likelihood =
        new ParetoNbdLikelihood(ReferenceData.cdnow().distinctRows());
    double[] theta = {model.r(), model.alpha(), model.s(), model.beta()};
    RealMatrix information = MatrixUtils.createRealMatrix(4, 4);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double hi = 1e-3 * theta[i];
        double hj = 1e-3 * theta[j];
        double second = (value(likelihood, theta, i, hi, j, hj)
                - value(likelihood, theta, i, hi, j, -hj)
                - value(likelihood, theta, i, -hi, j, hj)
                + value(likelihood, theta, i, -hi, j, -hj))
            / (4 * hi * hj);
        information.setEntry(i, j, -second);
      }
    }
    RealMatrix covariance = MatrixUtils.inverse(information);
    FitReport report = model.fitReport();
    for (int i = 0; i < 4; i++) {
      double expected = Math.sqrt(covariance.getEntry(i, i));
      assertEquals(expected, report.standardErrors().get(i), 1e-4 * expected, "parameter " + i);
    }
  }

  private static double value(
      ParetoNbdLikelihood likelihood, double[] theta, int i, double hi, int j, double hj) {
    double[] x = theta.clone();
    x[i] += hi;
    x[j] += hj;
    return likelihood.logLikelihood(x, null);
  }

  @Test
  void fitReport_describesTheFit() {
    FitReport report = fitted().fitReport();
    assertEquals("Pareto/NBD", report.model());
    assertEquals(List.of("r", "alpha", "s", "beta"), report.parameterNames());
    assertEquals(2357, report.customers());
    assertEquals(1016, report.distinctRows());
    assertEquals(0.0, report.penalty());
    assertTrue(report.gradientNorm() < 1e-7);
    String text = fitted().toString();
    assertTrue(text.contains("r = 0.5533 (se "), text);
    assertTrue(text.contains("beta = 11.667"), text);
    assertTrue(text.contains("log-likelihood -9594.97"), text);
  }

  @Test
  void of_hasNoFit() {
    ParetoNbd model = ParetoNbd.of(0.5, 10, 0.6, 11);
    assertThrows(IllegalStateException.class, model::fitReport);
    assertThrows(IllegalStateException.class, model::logLikelihood);
    assertEquals(
        "Pareto/NBD[r = 0.500000, alpha = 10.0000, s = 0.600000, beta = 11.0000]",
        model.toString());
    assertEquals("Pareto/NBD", model.name());
  }

  @Test
  void of_rejectsParametersNamingThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ParetoNbd.of(0.5, -1, 0.6, 11));
    assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("-1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ParetoNbd.of(Double.NaN, 1, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> ParetoNbd.of(1, 1, 1, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> ParetoNbd.of(1, 1, 0, 1));
  }

  @Test
  void predictions_rejectBadHorizons() {
    ParetoNbd model = reference();
    Customer c = Customer.of("a", 1, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> model.expectedPurchases(-1));
    assertThrows(IllegalArgumentException.class, () -> model.expectedPurchases(c, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> model.probabilityOfPurchases(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> model.probabilityOfPurchases(1, -3));
  }

  @Test
  void fitter_rejectsBadSettingsNamingThem() {
    IllegalArgumentException penalty =
        assertThrows(IllegalArgumentException.class, () -> ParetoNbd.fitter().penalty(-0.5));
    assertTrue(penalty.getMessage().contains("penalty") && penalty.getMessage().contains("-0.5"));
    IllegalArgumentException start =
        assertThrows(IllegalArgumentException.class, () -> ParetoNbd.fitter().start(1, 1, 0, 1));
    assertTrue(start.getMessage().contains("start s") && start.getMessage().contains("0.0"));
    IllegalArgumentException tolerance =
        assertThrows(IllegalArgumentException.class, () -> ParetoNbd.fitter().gradientTolerance(0));
    assertTrue(tolerance.getMessage().contains("gradientTolerance"));
    IllegalArgumentException iterations =
        assertThrows(IllegalArgumentException.class, () -> ParetoNbd.fitter().maxIterations(0));
    assertTrue(iterations.getMessage().contains("maxIterations"));
  }

  @Test
  void fitter_acceptsEachSettingOnce() {
    ParetoNbd.Fitter fitter = ParetoNbd.fitter().penalty(0.1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> fitter.penalty(0.2));
    assertTrue(e.getMessage().contains("penalty was already set to 0.1"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> fitter.start(1, 1, 1, 1).start(1, 1, 1, 1));
    assertThrows(
        IllegalStateException.class, () -> fitter.gradientTolerance(1e-6).gradientTolerance(1e-6));
    assertThrows(IllegalStateException.class, () -> fitter.maxIterations(9).maxIterations(9));
  }

  @Test
  void fitter_fromAnotherStart_reachesTheSameOptimum() {
    ParetoNbd model = ParetoNbd.fitter()
        .start(0.1, 1, 3, 100)
        .gradientTolerance(1e-10)
        .maxIterations(200)
        .fit(ReferenceData.cdnow());
    assertEquals(fitted().logLikelihood(), model.logLikelihood(), 1e-6);
    assertEquals(fitted().r(), model.r(), 1e-5);
  }

  @Test
  void fit_thatRunsOutOfIterations_throwsWithItsReport() {
    FitException e = assertThrows(
        FitException.class, () -> ParetoNbd.fitter().maxIterations(2).fit(ReferenceData.cdnow()));
    assertFalse(e.report().converged());
    assertEquals(2, e.report().iterations());
    assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
  }

  @Test
  void fit_withPenalty_shrinksTheParameters() {
    ParetoNbd penalized = ParetoNbd.fitter().penalty(0.01).fit(ReferenceData.cdnow());
    ParetoNbd plain = fitted();
    double squaresPenalized = penalized.r() * penalized.r()
        + penalized.alpha() * penalized.alpha()
        + penalized.s() * penalized.s()
        + penalized.beta() * penalized.beta();
    double squaresPlain = plain.r() * plain.r()
        + plain.alpha() * plain.alpha()
        + plain.s() * plain.s()
        + plain.beta() * plain.beta();
    assertTrue(squaresPenalized < squaresPlain);
    assertTrue(penalized.logLikelihood() < plain.logLikelihood());
    assertEquals(0.01, penalized.fitReport().penalty());
  }

  @Test
  void fit_emptyBase_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> ParetoNbd.fit(CustomerBase.of(List.of())));
  }
}
