package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Invariants of BG/NBD and MBG/NBD over parameters from 1e-4 to 1e4 and customers from none to
 * hundreds of thousands of repeat purchases, ages from 1e-6 to 1e4, recency from 0 to the age.
 */
class PurchaseModelPropertiesTest {

  /** A model and a customer. */
  record Case(PurchaseModel model, Customer customer) {}

  /** Log-uniform over [1e-4, 1e4], with the ends, 1 and values next to 1 as edge cases. */
  private static Arbitrary<Double> parameter() {
    return Arbitraries.doubles()
        .between(-4, 4)
        .map(e -> Math.pow(10, e))
        .edgeCases(c -> c.add(1e-4, 1e4, 1.0, 1 - 1e-9, 1 + 1e-7, 0.5));
  }

  private static Arbitrary<PurchaseModel> models() {
    return Combinators.combine(
            parameter(), parameter(), parameter(), parameter(), Arbitraries.of(0, 1))
        .as((r, alpha, a, b, offset) -> offset == 0
            ? (PurchaseModel) BgNbd.of(r, alpha, a, b)
            : ModifiedBgNbd.of(r, alpha, a, b));
  }

  private static Arbitrary<Customer> customers() {
    Arbitrary<Integer> frequency = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 10)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(11, 300_000)));
    Arbitrary<Double> age = Arbitraries.doubles()
        .between(-6, 4)
        .map(e -> Math.pow(10, e))
        .edgeCases(c -> c.add(1e-6, 1e4));
    Arbitrary<Double> share = Arbitraries.doubles().between(0, 1).edgeCases(c -> c.add(0.0, 1.0));
    return Combinators.combine(frequency, age, share)
        .as((x, t, u) -> Customer.of("c", x, x == 0 ? 0 : t * u, t));
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(models(), customers()).as(Case::new);
  }

  @Property(tries = 1000)
  void probabilityAlive_staysInUnitInterval(@ForAll("cases") Case c) {
    double p = c.model().probabilityAlive(c.customer());
    assertTrue(p >= 0 && p <= 1, () -> p + " for " + c);
  }

  @Property(tries = 1000)
  void probabilityAlive_neverFallsWhenTheLastPurchaseIsMoreRecent(
      @ForAll("cases") Case c, @ForAll @DoubleRange(min = 0, max = 1) double move) {
    Customer before = c.customer();
    if (before.frequency() == 0) {
      return;
    }
    double later =
        Math.min(before.age(), before.recency() + move * (before.age() - before.recency()));
    Customer after = Customer.of("c", before.frequency(), later, before.age());
    double p0 = c.model().probabilityAlive(before);
    double p1 = c.model().probabilityAlive(after);
    assertTrue(p1 >= p0, () -> p0 + " then " + p1 + " for " + c + " moved to " + later);
  }

  @Property(tries = 1000)
  void expectedPurchases_neverFallAsTheHorizonGrows(
      @ForAll("cases") Case c,
      @ForAll @DoubleRange(min = 0, max = 20) double first,
      @ForAll @DoubleRange(min = 0, max = 20) double extra) {
    // Horizons in multiples of alpha + age, so that 2F1's argument stays below about 0.98.
    double scale = scale(c);
    double t1 = first * scale;
    double t2 = (first + extra) * scale;
    double e1 = c.model().expectedPurchases(c.customer(), t1);
    double e2 = c.model().expectedPurchases(c.customer(), t2);
    assertTrue(Double.isFinite(e1) && e1 >= 0, () -> e1 + " for " + c);
    // Two closed-form paths meet at 2F1's argument 1/2; they agree to about 1e-13.
    assertTrue(e2 >= e1 * (1 - 1e-12), () -> e1 + " then " + e2 + " for " + c);
  }

  @Property(tries = 1000)
  void newCustomer_expectationsAndProbabilitiesAreFiniteAndOrdered(
      @ForAll("cases") Case c,
      @ForAll @DoubleRange(min = 0, max = 20) double first,
      @ForAll @DoubleRange(min = 0, max = 20) double extra) {
    double alpha = alphaOf(c.model());
    double e1 = c.model().expectedPurchases(first * alpha);
    double e2 = c.model().expectedPurchases((first + extra) * alpha);
    assertTrue(Double.isFinite(e1) && e1 >= 0 && e2 >= e1 * (1 - 1e-12), () -> e1 + " " + e2);
    for (int n : new int[] {0, 1, 7, 1000}) {
      double p = c.model().probabilityOfPurchases(n, first * alpha);
      assertTrue(p >= 0 && p <= 1, () -> n + ": " + p + " for " + c);
    }
  }

  private static double scale(Case c) {
    return alphaOf(c.model()) + c.customer().age();
  }

  private static double alphaOf(PurchaseModel model) {
    return model instanceof BgNbd bg ? bg.alpha() : ((ModifiedBgNbd) model).alpha();
  }
}
