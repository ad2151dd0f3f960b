package dev.ltv.models;

import static dev.ltv.models.BgNbdTest.assertMessage;
import static dev.ltv.models.BgNbdTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.ValuationTerms;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Customer value: its discounting against closed forms and the library's valuation rule
 * (ValuationTerms), its fast path against the generic one, and its building blocks against
 * lifetimes' 12-month CLV of the first ten CDNOW customers (data/reference/fitted_params.json).
 */
class CustomerValueTest {

  private static final BgNbd BG =
      BgNbd.of(0.24259292827982182, 4.413532265271819, 0.7928859664406882, 2.42575238262586);
  private static final GammaGamma GG =
      GammaGamma.of(6.248802496075312, 3.744588460923114, 15.44774806492914);

  /** A customer who buys at a constant rate forever: E(t) = rate t, for closed-form checks. */
  private record SteadyBuyer(double rate) implements PurchaseModel {
    @Override
    public String name() {
      return "steady";
    }

    @Override
    public double probabilityAlive(Customer customer) {
      return 1;
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      return rate * t;
    }

    @Override
    public double expectedPurchases(double t) {
      return rate * t;
    }

    @Override
    public double probabilityOfPurchases(int n, double t) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double logLikelihood(CustomerBase base) {
      throw new UnsupportedOperationException();
    }
  }

  /** BG/NBD seen only through the public interface, to force the generic path. */
  private record Opaque(PurchaseModel model) implements PurchaseModel {
    @Override
    public String name() {
      return model.name();
    }

    @Override
    public double probabilityAlive(Customer customer) {
      return model.probabilityAlive(customer);
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      return model.expectedPurchases(customer, t);
    }

    @Override
    public double expectedPurchases(double t) {
      return model.expectedPurchases(t);
    }

    @Override
    public double probabilityOfPurchases(int n, double t) {
      return model.probabilityOfPurchases(n, t);
    }

    @Override
    public double logLikelihood(CustomerBase base) {
      return model.logLikelihood(base);
    }
  }

  @Test
  void discounting_constantRate_matchesGeometricSumOnEachCalendar() {
    // With E(t) = rate t each whole period holds rate purchases, discounted from its end t by
    // (1 + d)^(-t y), y the years per unit: a day is 1 / 365.2425, a week 7 / 365.2425, a month
    // 1 / 12; the last, partial period holds rate * (horizon - floor(horizon)).
    Customer c = Customer.of("c", 3, 10, 20, 50.0);
    double d = 0.10;
    ChronoUnit[] units = {ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS};
    double[] yearsPerUnit = {1 / 365.2425, 7 / 365.2425, 1 / 12.0, 1};
    double[] horizons = {400, 52.5, 18, 3.3};
    for (int u = 0; u < units.length; u++) {
      double v = Math.pow(1 + d, -yearsPerUnit[u]);
      int whole = (int) Math.floor(horizons[u]);
      double expected = 2.0 * v * (1 - Math.pow(v, whole)) / (1 - v)
          + 2.0 * (horizons[u] - whole) * Math.pow(1 + d, -horizons[u] * yearsPerUnit[u]);
      CustomerValue value = CustomerValue.of(new SteadyBuyer(2.0), GammaGamma.of(2, 3, 10))
          .horizon(horizons[u])
          .annualDiscountRate(d)
          .unit(units[u]);
      assertRelative(expected, value.discountedPurchases(c), 1e-12, units[u].toString());
    }
  }

  @Test
  void value_followsTheLibraryValuationRule() {
    // FittedLtvModel.value: margin * spend * sum_k [E(t_k) - E(t_k-1)] * discountFactor(t_k), with
    // the periods and factors of ValuationTerms.
    CustomerBase base = Cdnow.withSpend();
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.WEEKS, 60.5, 0.12, 0.4);
    CustomerValue value = CustomerValue.of(BG, GG, terms);
    for (String id : new String[] {"1", "2", "3", "6", "9", "2357"}) {
      Customer c = base.get(id);
      double sum = 0;
      double previous = 0;
      for (int k = 1; k <= terms.periods(); k++) {
        double t = terms.periodEnd(k);
        double e = BG.expectedPurchases(c, t);
        sum += (e - previous) * terms.discountFactor(t);
        previous = e;
      }
      double expected = terms.margin() * GG.expectedAverageSpend(c) * sum;
      assertRelative(expected, value.value(c), 1e-12, id);
    }
  }

  @Test
  void value_withoutDiscount_isMarginTimesSpendTimesExpectedPurchases() {
    Customer c = Cdnow.withSpend().get("1");
    CustomerValue value = CustomerValue.of(BG, GG).horizon(39).margin(0.25);
    double expected = 0.25 * GG.expectedAverageSpend(c) * BG.expectedPurchases(c, 39);
    assertRelative(expected, value.value(c), 1e-12, "value");
  }

  @Test
  void score_fastPath_matchesGenericPathAndSingleCustomers() {
    CustomerBase base = Cdnow.withSpend();
    int n = base.size();
    CustomerValue fast =
        CustomerValue.of(BG, GG).horizon(52).annualDiscountRate(0.1).margin(0.3);
    CustomerValue generic =
        CustomerValue.of(new Opaque(BG), GG).horizon(52).annualDiscountRate(0.1).margin(0.3);
    double[][] a = {new double[n], new double[n], new double[n]};
    double[][] b = {new double[n], new double[n], new double[n]};
    fast.score(base, a[0], a[1], a[2]);
    generic.score(base, b[0], b[1], b[2]);
    CustomerValue single = fast.unit(ChronoUnit.WEEKS);
    for (int i = 0; i < n; i += 7) {
      Customer c = base.customer(i);
      assertRelative(b[0][i], a[0][i], 1e-14, "P(alive) " + c.id());
      assertRelative(b[1][i], a[1][i], 1e-12, "purchases " + c.id());
      assertRelative(b[2][i], a[2][i], 1e-12, "value " + c.id());
      assertRelative(single.value(c), a[2][i], 1e-12, "single " + c.id());
      assertRelative(BG.expectedPurchases(c, 52), a[1][i], 1e-12, "model " + c.id());
    }
  }

  @Test
  void modelScore_matchesPerCustomerPredictions() {
    CustomerBase base = Cdnow.summary();
    double[] alive = new double[base.size()];
    double[] purchases = new double[base.size()];
    BG.score(base, 39, alive, purchases);
    for (int i = 0; i < base.size(); i++) {
      Customer c = base.customer(i);
      assertEquals(BG.probabilityAlive(c), alive[i]);
      assertRelative(BG.expectedPurchases(c, 39), purchases[i], 1e-15, c.id());
    }
  }

  @Test
  void modelScore_largeBases_equalPerCustomerPredictionsBitForBit() {
    // Scoring computes once per distinct row and shares the figures; they must be the very
    // numbers each customer gets alone. On a day grid many customers share a row; in continuous
    // time none do, and the table of rows grows many times over; a heavy buyer and a customer
    // whose figures are -0.0 sit at the edges of the keys.
    int n = 20_000;
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 27 + 12.0 * i / n;
    }
    List<Customer> edges = new ArrayList<>(BG.simulate(ages, 5).customers());
    edges.add(Customer.of("heavy", 3_000_000, 38.5, 38.86));
    edges.add(Customer.of("negative zero", 0, -0.0, 38.86));
    edges.add(Customer.of("zero", 0, 0.0, 38.86));
    List<CustomerBase> bases = List.of(
        BG.simulateDaily(ChronoUnit.WEEKS, ages, 3),
        CustomerBase.of(ChronoUnit.WEEKS, edges),
        Cdnow.withSpend());
    for (CustomerBase base : bases) {
      double[] alive = new double[base.size()];
      double[] purchases = new double[base.size()];
      double[] values = new double[base.size()];
      BG.score(base, 39, alive, purchases);
      for (int i = 0; i < base.size(); i++) {
        Customer c = base.customer(i);
        assertEquals(BG.probabilityAlive(c), alive[i], 0.0, c.id());
        assertEquals(BG.expectedPurchases(c, 39), purchases[i], 0.0, c.id());
      }
      CustomerValue.of(BG, GG).horizon(39).score(base, alive, purchases, values);
      for (int i = 0; i < base.size(); i++) {
        Customer c = base.customer(i);
        assertEquals(BG.probabilityAlive(c), alive[i], 0.0, c.id());
        assertEquals(BG.expectedPurchases(c, 39), purchases[i], 0.0, c.id());
      }
    }
  }

  @Test
  void buildingBlocks_matchLifetimesTwelveMonthValue() {
    // fitted_params.json CLV_first10: lifetimes' customer_lifetime_value(time=12,
    // discount_rate=0.01, freq="W"): months of 4.345 weeks, each month's purchases discounted by
    // 1.01^month at its end. Rebuilt here from our expectations and spends, it must agree.
    CustomerBase base = Cdnow.withSpend();
    for (int i = 1; i <= 10; i++) {
      Customer c = base.get(String.valueOf(i));
      double clv = 0;
      double previous = 0;
      for (int month = 1; month <= 12; month++) {
        double e = BG.expectedPurchases(c, month * 4.345);
        clv += GG.expectedAverageSpend(c) * (e - previous) / Math.pow(1.01, month);
        previous = e;
      }
      double expected = Cdnow.fitted("CLV_first10", String.valueOf(i), "clv_12m");
      assertRelative(expected, clv, 1e-10, c.id());
      // Our periods are weeks, each discounted from its own end rather than from the end of its
      // month: about a month and a half less discount over the year, some 0.5% more value.
      double ours = CustomerValue.of(BG, GG)
          .horizon(365.2425 / 7)
          .annualDiscountRate(Math.pow(1.01, 12) - 1)
          .unit(ChronoUnit.WEEKS)
          .value(c);
      assertRelative(expected, ours, 0.01, c.id());
      assertTrue(ours > expected, c.id());
    }
  }

  @Test
  void settings_invalidValues_failNamingSettingAndValue() {
    CustomerValue value = CustomerValue.of(BG, GG);
    assertMessage(() -> value.horizon(0), "horizon must be finite and > 0, was 0.0");
    assertMessage(() -> value.horizon(-3), "horizon must be finite and > 0, was -3.0");
    assertMessage(
        () -> value.annualDiscountRate(-0.05),
        "annualDiscountRate must be finite and >= 0, was -0.05");
    assertMessage(() -> value.margin(0), "margin must be in (0, 1], was 0.0");
    assertMessage(() -> value.margin(1.5), "margin must be in (0, 1], was 1.5");
    assertMessage(() -> value.unit(ChronoUnit.HOURS), "unit must be DAYS, WEEKS, MONTHS or YEARS");
  }

  @Test
  void settings_setTwice_failNamingTheSetting() {
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> CustomerValue.of(BG, GG).margin(0.2).margin(0.3));
    assertTrue(e.getMessage().contains("margin was already set to 0.2"), e.getMessage());
  }

  @Test
  void settings_missingOrConflicting_failClearly() {
    Customer c = Cdnow.withSpend().get("1");
    IllegalStateException noHorizon =
        assertThrows(IllegalStateException.class, () -> CustomerValue.of(BG, GG).value(c));
    assertTrue(noHorizon.getMessage().contains("horizon is not set"));
    IllegalStateException noUnit = assertThrows(
        IllegalStateException.class,
        () -> CustomerValue.of(BG, GG).horizon(52).annualDiscountRate(0.1).value(c));
    assertTrue(noUnit.getMessage().contains("needs the time unit"), noUnit.getMessage());
    CustomerBase weeks = Cdnow.withSpend();
    double[] out = new double[weeks.size()];
    assertMessage(
        () -> CustomerValue.of(BG, GG)
            .horizon(12)
            .unit(ChronoUnit.MONTHS)
            .score(weeks, out, out, out),
        "unit was set to Months but the base is in Weeks");
    assertMessage(
        () -> CustomerValue.of(BG, GG).horizon(12).score(weeks, out, new double[3], out),
        "expectedPurchases has length 3");
  }

  @Test
  void toString_showsSettings() {
    String s = CustomerValue.of(BG, GG).horizon(52).annualDiscountRate(0.1).toString();
    assertTrue(s.contains("BG/NBD x Gamma-Gamma, horizon 52.0, annual discount rate 0.1"), s);
  }
}
