package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Invariants of customer value over models, CDNOW customers, horizons and settings. */
class CustomerValuePropertiesTest {

  /** A valuation without margin or rate yet, and a customer. */
  record Case(
      PurchaseModel purchases,
      GammaGamma spend,
      double horizon,
      ChronoUnit unit,
      Customer customer) {

    CustomerValue value() {
      return CustomerValue.of(purchases, spend).horizon(horizon).unit(unit);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<PurchaseModel> purchases = Combinators.combine(
            Arbitraries.doubles().between(0.05, 5),
            Arbitraries.doubles().between(1, 50),
            Arbitraries.doubles().between(0.2, 5),
            Arbitraries.doubles().between(0.2, 10),
            Arbitraries.of(true, false))
        .as((r, alpha, a, b, modified) ->
            modified ? (PurchaseModel) ModifiedBgNbd.of(r, alpha, a, b) : BgNbd.of(r, alpha, a, b));
    Arbitrary<GammaGamma> spend = Combinators.combine(
            Arbitraries.doubles().between(1, 10),
            Arbitraries.doubles().between(1.5, 10),
            Arbitraries.doubles().between(1, 100))
        .as(GammaGamma::of);
    Arbitrary<Customer> customer = Arbitraries.integers()
        .between(0, Cdnow.withSpend().size() - 1)
        .map(i -> Cdnow.withSpend().customer(i));
    return Combinators.combine(
            purchases,
            spend,
            Arbitraries.doubles().between(0.5, 104),
            Arbitraries.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS),
            customer)
        .as(Case::new);
  }

  @Property(tries = 300)
  void value_scalesLinearlyWithMargin(
      @ForAll("cases") Case c,
      @ForAll @DoubleRange(min = 0.01, max = 1) double margin,
      @ForAll @DoubleRange(min = 0, max = 0.5) double rate) {
    double full = c.value().annualDiscountRate(rate).value(c.customer());
    double part = c.value().annualDiscountRate(rate).margin(margin).value(c.customer());
    assertEquals(margin * full, part, 1e-14 * Math.abs(full), c.toString());
  }

  @Property(tries = 300)
  void value_neverRisesWithTheDiscountRate(
      @ForAll("cases") Case c,
      @ForAll @DoubleRange(min = 0, max = 1) double lower,
      @ForAll @DoubleRange(min = 0, max = 1) double more) {
    double cheap = c.value().annualDiscountRate(lower).value(c.customer());
    double dear = c.value().annualDiscountRate(lower + more).value(c.customer());
    assertTrue(cheap >= 0 && Double.isFinite(cheap), c::toString);
    // Each slice's weight falls with the rate; the sums agree to rounding when more is tiny.
    assertTrue(dear <= cheap * (1 + 1e-14), () -> cheap + " then " + dear + " for " + c);
  }
}
