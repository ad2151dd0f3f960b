package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ValuationTermsTest {

  /** A model whose customers buy twice a period for 10 each, forever: easy to value by hand. */
  private static final FittedLtvModel STEADY = new FittedLtvModel() {
    @Override
    public String name() {
      return "steady";
    }

    @Override
    public Optional<ChronoUnit> unit() {
      return Optional.of(ChronoUnit.MONTHS);
    }

    @Override
    public double probabilityAlive(Customer customer) {
      return 1;
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      return 2 * t;
    }

    @Override
    public double expectedSpend(Customer customer) {
      return 10;
    }

    @Override
    public double expectedPurchases(double t) {
      return t;
    }

    @Override
    public double expectedSpend() {
      return 10;
    }
  };

  private static final Customer ANYONE = Customer.of("a", 0, 0, 1);

  @Test
  void discountFactor_oneYearOfWeeks_isOneOverOnePlusRate() {
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.10, 1);

    assertEquals(1 / 1.1, terms.discountFactor(365.2425 / 7), 1e-15);
    // (1.1)^(7 / 365.2425) - 1
    assertEquals(0.001828322210491784, terms.discountRatePerUnit(), 1e-15);
    assertEquals(1.0, terms.discountFactor(0), 0.0);
  }

  @Test
  void periods_fractionalHorizon_endsLastPeriodAtHorizon() {
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.MONTHS, 2.5, 0, 1);

    assertEquals(3, terms.periods());
    assertEquals(1.0, terms.periodEnd(1), 0.0);
    assertEquals(2.5, terms.periodEnd(3), 0.0);
  }

  @Test
  void value_steadyBuyer_isHandWorkedDiscountedSum() {
    // Two purchases of 10 a month at margin 0.5 earn 10 a month. At 12% a year a month-end payment
    // k months ahead is worth 1.12^(-k/12): 0.990600, 0.981289, 0.972065, summing to 2.943955, so
    // three months are worth 29.43955.
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.MONTHS, 3, 0.12, 0.5);

    assertEquals(29.439549672548218, STEADY.value(ANYONE, terms), 1e-12);
    assertArrayEquals(
        new double[] {9.906003979430034, 19.718895463478397, 29.439549672548218},
        STEADY.cumulativeValue(ANYONE, terms),
        1e-12);
    // A new customer buys once a month: half the value.
    assertEquals(29.439549672548218 / 2, STEADY.newCustomerValue(terms), 1e-12);
  }

  @Test
  void value_fractionalLastPeriod_discountsFromTheHorizon() {
    // 2.5 months: 20 purchases' worth in months 1 and 2, then 10 for the half month ending at 2.5,
    // discounted by 1.12^(-2.5/12).
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.MONTHS, 2.5, 0.12, 0.5);

    assertEquals(49.20445488695666 / 2, STEADY.value(ANYONE, terms), 1e-12);
  }

  @Test
  void value_termsInAnotherUnit_areRefused() {
    ValuationTerms weeks = ValuationTerms.of(ChronoUnit.WEEKS, 3, 0.12, 0.5);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> STEADY.value(ANYONE, weeks));
    assertTrue(
        e.getMessage().contains("WEEKS") && e.getMessage().contains("MONTHS"), e.getMessage());
  }

  @Test
  void constructor_badTerms_failNamingTheTermAndValue() {
    assertMessage(() -> ValuationTerms.of(ChronoUnit.WEEKS, 0, 0.1, 0.3), "horizon", "0.0");
    assertMessage(
        () -> ValuationTerms.of(ChronoUnit.WEEKS, Double.NaN, 0.1, 0.3), "horizon", "NaN");
    assertMessage(
        () -> ValuationTerms.of(ChronoUnit.WEEKS, 52, -0.05, 0.3), "annualDiscountRate", "-0.05");
    assertMessage(() -> ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.1, 1.2), "margin", "1.2");
    assertMessage(() -> ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.1, 0), "margin", "0.0");
    assertMessage(() -> ValuationTerms.of(ChronoUnit.HOURS, 52, 0.1, 0.3), "unit", "HOURS");
  }

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
