package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.util.List;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Pareto/NBD log-likelihood against the reference value of lifetimes 0.11.3 ({@code
 * fitted_params.json}), against a slow direct quadrature of its defining integral, and its
 * analytic gradient against finite differences.
 */
class ParetoNbdLikelihoodTest {

  private static final double[] REFERENCE = {
    0.5532755045817999, 10.577612306630014, 0.6062135857398194, 11.667911908709723
  };

  /** A few customers from every regime: no repeat purchase, heavy buyers, recency = age. */
  private static CustomerBase awkward() {
    return CustomerBase.of(List.of(
        Customer.of("none", 0, 0, 38.86),
        Customer.of("young", 0, 0, 1e-6),
        Customer.of("one", 1, 1.71, 38.86),
        Customer.of("ends", 3, 20.0, 20.0),
        Customer.of("near", 4, 30.0 - 1e-9, 30.0),
        Customer.of("heavy", 300, 37.0, 38.86),
        Customer.of("early", 60, 0.5, 38.86),
        Customer.of("thousands", 4000, 50.0, 52.0)));
  }

  @Test
  void logLikelihood_cdnowAtReferenceParameters_matchesLifetimes() {
    ParetoNbdLikelihood likelihood =
        new ParetoNbdLikelihood(ReferenceData.cdnow().distinctRows());
    double expected = ReferenceData.jsonNumbers(
            "reference/fitted_params.json", "Pareto/NBD (tight)")
        .get("ll_sum_original_units");
    assertEquals(expected, likelihood.logLikelihood(REFERENCE, null), 1e-9);
  }

  @ParameterizedTest
  @CsvSource({
    "0.5532755, 10.5776123, 0.6062136, 11.6679119",
    "0.5, 10.0, 0.6, 10.0",
    "2.0, 3.0, 0.1, 50.0",
    "0.2, 30.0, 3.0, 2.0",
    "0.5, 1.0, 0.5, 500.0",
    "0.5, 500.0, 0.5, 0.5",
    "0.05, 0.01, 5.0, 0.02",
    "30.0, 1.0, 20.0, 40.0",
  })
  void logLikelihood_matchesDirectQuadrature(double r, double alpha, double s, double beta) {
    CustomerBase base = awkward();
    double[] parameters = {r, alpha, s, beta};
    for (Customer c : base) {
      double fast = new ParetoNbdLikelihood(CustomerBase.of(c).distinctRows())
          .logLikelihood(parameters, null);
      double slow = slowLogLikelihood(r, alpha, s, beta, c.frequency(), c.recency(), c.age());
      assertTrue(Double.isFinite(fast), c.id());
      assertEquals(slow, fast, 1e-10 * Math.max(1, Math.abs(slow)), c.id());
    }
  }

  /**
   * The defining form, {@code Γ(r+x)/Γ(r) α^r β^s [(α+T)^-(r+x) (β+T)^-s + s ∫_tx^T (α+u)^-(r+x)
   * (β+u)^-(s+1) du]}, with the integral by a fixed composite rule, up to 2,000 equal pieces of
   * 20-point Gauss-Legendre, on a scale that makes the integrand 1 at its peak {@code u = t_x}.
   */
  private static double slowLogLikelihood(
      double r, double alpha, double s, double beta, int x, double tx, double age) {
    double p = r + x;
    double logFirst = -p * Math.log(alpha + age) - s * Math.log(beta + age);
    double logPeak = -p * Math.log(alpha + tx) - (s + 1) * Math.log(beta + tx);
    double integral = 0;
    int pieces = (int) Math.max(1, Math.min(2000, Math.ceil((age - tx) * 500)));
    double width = (age - tx) / pieces;
    for (int k = 0; k < pieces && width > 0; k++) {
      double a = tx + k * width;
      double b = k == pieces - 1 ? age : a + width;
      integral += GaussIntegratorFactoryHolder.FACTORY
          .legendre(20, a, b)
          .integrate(
              u -> Math.exp(-p * Math.log(alpha + u) - (s + 1) * Math.log(beta + u) - logPeak));
    }
    double logBracket = logFirst;
    if (integral > 0) {
      double logSecond = logPeak + Math.log(s * integral);
      double high = Math.max(logFirst, logSecond);
      logBracket = high + Math.log(Math.exp(logFirst - high) + Math.exp(logSecond - high));
    }
    return Gamma.logGamma(r + x)
        - Gamma.logGamma(r)
        + r * Math.log(alpha)
        + s * Math.log(beta)
        + logBracket;
  }

  private static final class GaussIntegratorFactoryHolder {
    static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();
  }

  @ParameterizedTest
  @CsvSource({
    "0.5532755, 10.5776123, 0.6062136, 11.6679119",
    "0.5, 10.0, 0.6, 10.0",
    "2.0, 3.0, 0.1, 50.0",
    "0.2, 30.0, 3.0, 2.0",
    "1.0, 5.0, 1.0, 5.0",
    "0.5, 1.0, 0.5, 500.0",
    "0.5, 500.0, 0.5, 0.5",
    "0.05, 0.01, 5.0, 0.02",
  })
  void gradient_matchesFiniteDifferences(double r, double alpha, double s, double beta) {
    for (CustomerBase base : List.of(ReferenceData.cdnow(), awkward())) {
      ParetoNbdLikelihood likelihood = new ParetoNbdLikelihood(base.distinctRows());
      double[] x = {r, alpha, s, beta};
      double[] gradient = new double[4];
      double scale = base.size() + Math.abs(likelihood.logLikelihood(x, gradient));
      for (int i = 0; i < 4; i++) {
        double h = 1e-3 * x[i];
        double fd = (8 * (shifted(likelihood, x, i, h) - shifted(likelihood, x, i, -h))
                - (shifted(likelihood, x, i, 2 * h) - shifted(likelihood, x, i, -2 * h)))
            / (12 * h);
        // Fourth-order differences with a relative step of 1e-3 are themselves off by about 1e-10
        // of the size of the sum (customers plus |log-likelihood|), from truncation and rounding.
        assertEquals(fd, gradient[i], 1e-8 * Math.max(scale, Math.abs(fd)), "param " + i);
      }
    }
  }

  private static double shifted(ParetoNbdLikelihood likelihood, double[] x, int i, double h) {
    double[] y = x.clone();
    y[i] += h;
    return likelihood.logLikelihood(y, null);
  }

  @Test
  void logLikelihood_isTheSumOverCustomers() {
    CustomerBase base = awkward();
    double total = new ParetoNbdLikelihood(base.distinctRows()).logLikelihood(REFERENCE, null);
    double sum = 0;
    for (Customer c : base) {
      sum +=
          new ParetoNbdLikelihood(CustomerBase.of(c).distinctRows()).logLikelihood(REFERENCE, null);
    }
    assertEquals(sum, total, 1e-10 * Math.abs(sum));
  }
}
