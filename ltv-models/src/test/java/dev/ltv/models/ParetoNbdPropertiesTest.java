package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the Pareto/NBD predictions over parameters and customers that reach the edges:
 * parameters over twelve orders of magnitude, no repeat purchase, thousands of purchases, recency
 * equal to age, ages near zero.
 */
class ParetoNbdPropertiesTest {

  @Provide
  Arbitrary<ParetoNbd> models() {
    Arbitrary<Double> shape = logUniform(-3, 3);
    Arbitrary<Double> scale = logUniform(-4, 4);
    return Combinators.combine(shape, scale, shape, scale).as(ParetoNbd::of);
  }

  @Provide
  Arbitrary<Customer> customers() {
    Arbitrary<Integer> frequency = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 5000));
    Arbitrary<Double> age = Arbitraries.oneOf(
        Arbitraries.doubles().between(0, 200).withSpecialValue(0.0), logUniform(-9, 3));
    Arbitrary<Double> share =
        Arbitraries.doubles().between(0, 1).withSpecialValue(0.0).withSpecialValue(1.0);
    return Combinators.combine(frequency, age, share)
        .as((x, t, u) -> Customer.of("c", x, x == 0 ? 0 : Math.min(t, u * t), t));
  }

  private static Arbitrary<Double> logUniform(double lowExponent, double highExponent) {
    return Arbitraries.doubles()
        .between(lowExponent, highExponent)
        .withSpecialValue(lowExponent)
        .withSpecialValue(highExponent)
        .map(e -> Math.pow(10, e));
  }

  @Property(tries = 400)
  void probabilityAlive_staysInTheUnitInterval(
      @ForAll("models") ParetoNbd model, @ForAll("customers") Customer customer) {
    double p = model.probabilityAlive(customer);
    assertTrue(p >= 0 && p <= 1, () -> model + " " + customer + ": " + p);
    if (customer.recency() == customer.age()) {
      assertEquals(1.0, p);
    }
  }

  @Property(tries = 400)
  void expectedPurchases_neverFallAsTheHorizonGrows(
      @ForAll("models") ParetoNbd model, @ForAll("customers") Customer customer) {
    double previous = 0;
    double previousNew = 0;
    for (double t : new double[] {0, 1e-6, 0.5, 1, 10, 39, 52, 1000, 1e6}) {
      double e = model.expectedPurchases(customer, t);
      double n = model.expectedPurchases(t);
      assertTrue(Double.isFinite(e) && e >= previous, () -> model + " " + customer + " t=" + t);
      assertTrue(Double.isFinite(n) && n >= previousNew, () -> model + " t=" + t);
      previous = e;
      previousNew = n;
    }
  }

  @Property(tries = 400)
  void logLikelihood_isFinite(
      @ForAll("models") ParetoNbd model, @ForAll("customers") Customer customer) {
    double ll = model.logLikelihood(CustomerBase.of(customer));
    assertTrue(Double.isFinite(ll), () -> model + " " + customer + ": " + ll);
  }

  @Property(tries = 60)
  void probabilityOfPurchases_termsAreProbabilities_andSumToAtMostOne(
      @ForAll("models") ParetoNbd model) {
    for (double t : new double[] {0.01, 1, 39, 500}) {
      double total = 0;
      for (int n = 0; n <= 30; n++) {
        double p = model.probabilityOfPurchases(n, t);
        assertTrue(p >= 0 && p <= 1, model + " n=" + n + " t=" + t + ": " + p);
        total += p;
      }
      // Each term is accurate to about 1e-13 of its size.
      assertTrue(total <= 1 + 1e-12, model + " t=" + t + ": " + total);
    }
  }
}
