package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.ValuationTerms;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The simple formula against values worked out by hand; the arithmetic is in each comment. */
class SimpleFormulaTest {

  private static final ChronoUnit MONTHS = ChronoUnit.MONTHS;

  @Test
  void value_givenFigures_noDiscount_isHandWorked() {
    // Order value 50, 2 purchases a month, churn 10% a month, margin 0.3, 3 months:
    // active months 1 + 0.9 + 0.81 = 2.71, purchases 2 x 2.71 = 5.42, value 0.3 x 50 x 5.42 = 81.3.
    assertEquals(
        81.3, SimpleFormula.value(50, 2, 0.1, ValuationTerms.of(MONTHS, 3, 0, 0.3)), 1e-12);
  }

  @Test
  void value_givenFigures_discounted_isHandWorked() {
    // As above at 12% a year: month-end factors 1.12^(-k/12) = 0.990600, 0.981289, 0.972065.
    // Purchases weighted: 2 x (0.990600 + 0.9 x 0.981289 + 0.81 x 0.972065) = 5.322267;
    // value 0.3 x 50 x 5.322267 = 79.834009.
    assertEquals(
        79.83400867326036,
        SimpleFormula.value(50, 2, 0.1, ValuationTerms.of(MONTHS, 3, 0.12, 0.3)),
        1e-9);
  }

  @Test
  void value_longHorizon_isOrderValueTimesRateTimesLifetimeTimesMargin() {
    // The rule of thumb: 50 x 2 x (1 / 0.1 = 10 months) x 0.3 = 300; 0.9^1200 is negligible.
    assertEquals(
        300, SimpleFormula.value(50, 2, 0.1, ValuationTerms.of(MONTHS, 1200, 0, 0.3)), 1e-9);
    // Discounted, the lifetime factor 1 / c becomes 1 / (c + d), d = 1.12^(1/12) - 1 = 0.0094888:
    // 50 x 2 x 0.3 / 0.1094888 = 274.000646.
    assertEquals(
        274.0006460562981,
        SimpleFormula.value(50, 2, 0.1, ValuationTerms.of(MONTHS, 1200, 0.12, 0.3)),
        1e-9);
  }

  @Test
  void value_fractionalHorizon_countsPartOfTheLastPeriod() {
    // Churn 0.5 over 2.5 months: active time 1 + 0.5 + 0.5 x 0.25 = 1.625; 10 x 1 x 1.625 = 16.25.
    assertEquals(
        16.25, SimpleFormula.value(10, 1, 0.5, ValuationTerms.of(MONTHS, 2.5, 0, 1)), 1e-12);
    // Churn 1: only the first period counts.
    assertEquals(10, SimpleFormula.value(10, 1, 1, ValuationTerms.of(MONTHS, 5, 0, 1)), 1e-12);
  }

  @Test
  void perCustomer_readsOrderValueAndRateFromEachCustomer() {
    // Customer a: 3 repeat purchases averaging 40 in 12 months, rate 3 / 12 = 0.25 a month.
    // Churn 0.2, 2 months: active time 1 + 0.8 = 1.8, purchases 0.45, value 0.25 x 40 x 0.45 = 4.5.
    // Customer b has not bought again: order value 60 (the first purchase), rate 0, value 0.
    Customer a = new Customer("a", 3, 10, 12, 40, 150, LocalDate.of(2024, 1, 1));
    Customer b = new Customer("b", 0, 0, 6, 0, 60, LocalDate.of(2024, 7, 1));
    SimpleFormula.Fitted fitted =
        SimpleFormula.churnRate(0.2).fit(CustomerBase.of(MONTHS, List.of(a, b)));
    ValuationTerms terms = ValuationTerms.of(MONTHS, 2, 0, 0.25);

    assertEquals(4.5, fitted.value(a, terms), 1e-12);
    assertEquals(40, fitted.expectedSpend(a), 0);
    assertEquals(0.45, fitted.expectedPurchases(a, 2), 1e-15);
    assertEquals(0, fitted.value(b, terms), 0);
    assertEquals(60, fitted.expectedSpend(b), 0);
    assertFalse(fitted.estimatesProbabilityAlive());
    assertEquals(1, fitted.probabilityAlive(a), 0);
  }

  @Test
  void segmentBy_poolsFiguresPerSegment() {
    // Segment A: a1 has 2 repeat purchases averaging 30 in 10 months; a2 one purchase of 50 in 5.
    //   order value (2 x 30 + 50) / 3 = 36.667, rate 2 / 15 a month.
    // Segment B: b1 has 4 repeat purchases averaging 10 in 8 months: order value 10, rate 0.5.
    // Churn 0.5, 3 months, margin 1: active time 1 + 0.5 + 0.25 = 1.75.
    //   A: 110/3 x 2/15 x 1.75 = 8.5556 for both of its customers; B: 10 x 0.5 x 1.75 = 8.75.
    // All customers: order value (60 + 50 + 40) / 7 = 150/7, rate 6 / 23: a new customer is worth
    //   150/7 x 6/23 x 1.75 = 9.7826.
    Customer a1 = Customer.of("a1", 2, 9, 10, 30);
    Customer a2 = new Customer("a2", 0, 0, 5, 0, 50, null);
    Customer b1 = Customer.of("b1", 4, 7, 8, 10);
    CustomerBase base = CustomerBase.of(MONTHS, List.of(a1, a2, b1));
    SimpleFormula.Fitted fitted = SimpleFormula.lifetime(2)
        .segmentBy(c -> c.id().substring(0, 1).toUpperCase(java.util.Locale.ROOT))
        .fit(base);
    ValuationTerms terms = ValuationTerms.of(MONTHS, 3, 0, 1);

    double valueA = 110.0 / 3 * 2 / 15 * 1.75;
    assertEquals(valueA, fitted.value(a1, terms), 1e-12);
    assertEquals(valueA, fitted.value(a2, terms), 1e-12);
    assertEquals(valueA, fitted.segmentValue("A", terms), 1e-12);
    assertEquals(8.75, fitted.value(b1, terms), 1e-12);
    assertEquals(150.0 / 7 * 6 / 23 * 1.75, fitted.newCustomerValue(terms), 1e-12);
    assertEquals(2, fitted.segments().size());
    assertEquals(2, fitted.segments().get(0).customers());
    assertTrue(fitted.toString().contains("B"), fitted.toString());
    assertThrows(
        IllegalArgumentException.class, () -> fitted.value(Customer.of("c1", 0, 0, 1), terms));
  }

  @Test
  void givenFigures_overrideTheBase() {
    Customer a = Customer.of("a", 3, 10, 12, 40);
    SimpleFormula.Fitted fitted = SimpleFormula.churnRate(0.5)
        .averageOrderValue(20)
        .pooled()
        .fit(CustomerBase.of(MONTHS, List.of(a)));

    assertEquals(20, fitted.expectedSpend(a), 0);
    // Pooled rate 3 / 12; 20 x 0.25 x 1 month = 5.
    assertEquals(5, fitted.value(a, ValuationTerms.of(MONTHS, 1, 0, 1)), 1e-12);
  }

  @Test
  void badSettings_failAtTheCallNamingSettingAndValue() {
    assertMessage(
        IllegalArgumentException.class, () -> SimpleFormula.churnRate(0), "churnRate", "0");
    assertMessage(
        IllegalArgumentException.class, () -> SimpleFormula.churnRate(1.5), "churnRate", "1.5");
    assertMessage(
        IllegalArgumentException.class, () -> SimpleFormula.lifetime(0.5), "lifetime", "0.5");
    assertMessage(
        IllegalArgumentException.class,
        () -> SimpleFormula.churnRate(0.1).averageOrderValue(-1),
        "averageOrderValue",
        "-1");
    assertMessage(
        IllegalStateException.class,
        () -> SimpleFormula.churnRate(0.1).purchasesPerPeriod(2).purchasesPerPeriod(3),
        "purchasesPerPeriod",
        "2");
  }

  private static void assertMessage(
      Class<? extends RuntimeException> type, Executable call, String... parts) {
    RuntimeException e = assertThrows(type, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
