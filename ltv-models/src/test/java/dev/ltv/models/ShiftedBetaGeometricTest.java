package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shifted-beta-geometric model against the "regular" segment of Fader and Hardie (2007), as
 * listed in data/reference/PUBLISHED.md, and against closed forms and direct sums computed here.
 */
class ShiftedBetaGeometricTest {

  /** Survivors of the regular segment at the start of years 0..12; the fit uses years 0..7. */
  private static final int[] REGULAR = {
    1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173
  };

  private static final int[] REGULAR_0_7 = java.util.Arrays.copyOf(REGULAR, 8);

  @Test
  void fit_regularSegment_matchesPublishedEstimates() {
    ShiftedBetaGeometric model = ShiftedBetaGeometric.fit(REGULAR_0_7);

    assertEquals(0.704, model.alpha(), 1e-3);
    assertEquals(1.182, model.beta(), 1e-3);
    assertTrue(model.fitReport().converged());
    assertEquals(1000, model.cohortSize());
  }

  @Test
  void survivalAndRetention_matchTheClosedForms() {
    ShiftedBetaGeometric model = ShiftedBetaGeometric.of(0.704, 1.182);
    double a = 0.704;
    double b = 1.182;

    // S(t) as the product of the period-to-period retentions (b + i - 1) / (a + b + i - 1).
    double s = 1;
    assertEquals(1, model.survival(0), 0);
    for (int t = 1; t <= 50; t++) {
      double r = (b + t - 1) / (a + b + t - 1);
      s *= r;
      assertEquals(r, model.retention(t), 1e-15, "t=" + t);
      assertEquals(s, model.survival(t), 1e-12 * s, "t=" + t);
    }
  }

  @Test
  void projection_yearsEightToTwelve_isCloseToPublishedSurvivors() {
    ShiftedBetaGeometric model = ShiftedBetaGeometric.fit(REGULAR_0_7);

    // Fader and Hardie's projection stays within a few percent of the actual survivors; the model
    // is an approximation, so the check is loose on purpose.
    for (int t = 8; t <= 12; t++) {
      double projected = model.expectedSurvivors(t);
      assertEquals(REGULAR[t], projected, 0.03 * REGULAR[t], "year " + t);
    }
  }

  @Test
  void discountedLifetime_equalsDirectSumOfDiscountedSurvival() {
    ShiftedBetaGeometric model = ShiftedBetaGeometric.of(0.704, 1.182);
    for (double d : new double[] {0.05, 0.1, 0.5, 2}) {
      double sum = 0;
      double survival = 1;
      double discount = 1;
      for (int t = 0; t < 2_000_000 && survival * discount > 1e-18; t++) {
        sum += survival * discount;
        survival *= (1.182 + t) / (0.704 + 1.182 + t);
        discount /= 1 + d;
      }
      assertEquals(sum, model.discountedLifetime(d), 1e-10 * sum, "d=" + d);
    }
  }

  @Test
  void discountedResidualLifetime_equalsDirectSumFromTheNextPeriod() {
    ShiftedBetaGeometric model = ShiftedBetaGeometric.of(0.704, 1.182);
    double d = 0.1;
    for (int renewals : new int[] {0, 1, 4, 20}) {
      // A customer with n - 1 = renewals renewals, at the end of period n: sum over t >= n of
      // S(t) / S(n - 1) / (1 + d)^(t - n).
      int n = renewals + 1;
      double sum = 0;
      for (int t = n; t < n + 5000; t++) {
        sum += model.survival(t) / model.survival(n - 1) * Math.pow(1 + d, -(t - n));
      }
      assertEquals(sum, model.discountedResidualLifetime(d, renewals), 1e-9 * sum, "n=" + n);
    }
    // A new customer's lifetime is the first period plus the discounted residual after it.
    assertEquals(
        model.discountedLifetime(d), 1 + model.discountedResidualLifetime(d, 0) / (1 + d), 1e-12);
  }

  @Test
  void fitPooled_sameCohortTwice_givesTheSameParameters() {
    ShiftedBetaGeometric single = ShiftedBetaGeometric.fit(REGULAR_0_7);
    ShiftedBetaGeometric pooled =
        ShiftedBetaGeometric.fitPooled(List.of(REGULAR_0_7, REGULAR_0_7, new int[] {50}));

    assertEquals(single.alpha(), pooled.alpha(), 1e-6);
    assertEquals(single.beta(), pooled.beta(), 1e-6);
    assertEquals(2 * single.logLikelihood(), pooled.logLikelihood(), 1e-6);
  }

  @Test
  void standardErrors_matchFiniteDifferencesOfTheLikelihood() {
    ShiftedBetaGeometric model = ShiftedBetaGeometric.fit(REGULAR_0_7);
    double a = model.alpha();
    double b = model.beta();
    double h = 1e-4;

    double faa = (ll(a + h, b) - 2 * ll(a, b) + ll(a - h, b)) / (h * h);
    double fbb = (ll(a, b + h) - 2 * ll(a, b) + ll(a, b - h)) / (h * h);
    double fab =
        (ll(a + h, b + h) - ll(a + h, b - h) - ll(a - h, b + h) + ll(a - h, b - h)) / (4 * h * h);
    double[] expected =
        ObservedInformation.standardErrors(new double[][] {{-faa, -fab}, {-fab, -fbb}});

    assertEquals(expected[0], model.fitReport().standardError("alpha"), 1e-4 * expected[0]);
    assertEquals(expected[1], model.fitReport().standardError("beta"), 1e-4 * expected[1]);
  }

  private static double ll(double a, double b) {
    return ShiftedBetaGeometric.of(a, b).logLikelihood(REGULAR_0_7);
  }

  @Test
  void fit_survivorsWithoutUniqueEstimate_failWithFitException() {
    FitException e =
        assertThrows(FitException.class, () -> ShiftedBetaGeometric.fit(100, 100, 100));
    assertTrue(e.getMessage().contains("nobody left"), e.getMessage());
    // One period of losses fixes only the mean churn alpha / (alpha + beta).
    e = assertThrows(FitException.class, () -> ShiftedBetaGeometric.fit(100, 50));
    assertTrue(e.getMessage().contains("no unique estimate"), e.getMessage());
    // Everyone leaves at once: beta runs to 0.
    e = assertThrows(FitException.class, () -> ShiftedBetaGeometric.fit(100, 0, 0));
    assertTrue(e.getMessage().contains("no unique estimate"), e.getMessage());
    // One leaves, the rest never do: both parameters run to 0.
    e = assertThrows(FitException.class, () -> ShiftedBetaGeometric.fit(100, 99, 99, 99));
    assertTrue(e.report() != null && e.report().converged(), e.getMessage());
  }

  @Test
  void badInput_failsNamingTheFigure() {
    assertMessage(() -> ShiftedBetaGeometric.fit(100, 80, 90), "period 2", "90");
    assertMessage(() -> ShiftedBetaGeometric.fit(0, 0), "start", "0");
    assertMessage(() -> ShiftedBetaGeometric.fit(100), "at least 2 periods");
    assertMessage(() -> ShiftedBetaGeometric.fit(100, -1), "-1");
    ShiftedBetaGeometric model = ShiftedBetaGeometric.of(1, 1);
    assertMessage(() -> model.discountedLifetime(0), "discount rate", "0.0");
    assertMessage(() -> model.discountedLifetime(Double.POSITIVE_INFINITY), "Infinity");
    assertMessage(() -> model.discountedResidualLifetime(-0.1, 1), "-0.1");
    assertMessage(() -> model.discountedResidualLifetime(0.1, -1), "renewals", "-1");
    assertMessage(() -> ShiftedBetaGeometric.of(0, 1), "alpha", "0");
  }

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
