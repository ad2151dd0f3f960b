package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The fluent chain and the report's tables, on a strategy simple enough to check by hand. */
class LtvReportTest {

  /**
   * A strategy that values by hand-checkable rules: a customer buys {@code frequency / age} times a
   * period forever at their average spend, and is alive with probability {@code 1 / (1 + age -
   * recency)}. New customers buy once a period at 10.
   */
  static final class HandModel implements LtvModel, FittedLtvModel {
    private final boolean estimatesAlive;
    private ChronoUnit unit;

    HandModel(boolean estimatesAlive) {
      this.estimatesAlive = estimatesAlive;
    }

    @Override
    public String name() {
      return "by hand";
    }

    @Override
    public FittedLtvModel fit(CustomerBase base) {
      HandModel fitted = new HandModel(estimatesAlive);
      fitted.unit = base.unit().orElse(null);
      return fitted;
    }

    @Override
    public Optional<ChronoUnit> unit() {
      return Optional.ofNullable(unit);
    }

    @Override
    public boolean estimatesProbabilityAlive() {
      return estimatesAlive;
    }

    @Override
    public double probabilityAlive(Customer c) {
      return 1 / (1 + c.age() - c.recency());
    }

    @Override
    public double expectedPurchases(Customer c, double t) {
      return c.age() == 0 ? 0 : c.frequency() / c.age() * t;
    }

    @Override
    public double expectedSpend(Customer c) {
      return c.averageSpend();
    }

    @Override
    public double expectedPurchases(double t) {
      return t;
    }

    @Override
    public double expectedSpend() {
      return 10;
    }
  }

  // a: 4 purchases in 8 months at 25: 0.5 a month x 25 = 12.5 a month.
  // b: 1 purchase in 10 months at 40: 0.1 a month x 40 = 4 a month.
  // c: no repeat purchase, one purchase of 30: 0 a month.
  // d: 2 purchases in 4 months at 50: 0.5 x 50 = 25 a month.
  private static final List<Customer> CUSTOMERS = List.of(
      new Customer("a", 4, 7, 8, 25, 130, null),
      new Customer("b", 1, 2, 10, 40, 70, null),
      new Customer("c", 0, 0, 6, 0, 30, null),
      new Customer("d", 2, 4, 4, 50, 160, null));

  private static LtvReport report(double margin) {
    return Ltv.from(CustomerBase.of(ChronoUnit.MONTHS, CUSTOMERS))
        .model(new HandModel(true))
        .horizon(3)
        .margin(margin)
        .report();
  }

  @Test
  void report_valuesEveryCustomer_byTheModelsRule() {
    LtvReport report = report(0.5);

    // Undiscounted, 3 months at margin 0.5: a 18.75, b 6, c 0, d 37.5.
    assertEquals(18.75, report.get("a").value(), 1e-12);
    assertEquals(6, report.get("b").value(), 1e-12);
    assertEquals(0, report.get("c").value(), 0);
    assertEquals(37.5, report.get("d").value(), 1e-12);
    assertEquals(1.5, report.get("a").expectedPurchases(), 1e-12);
    assertEquals(0.5, report.get("a").probabilityAlive(), 1e-12);
    assertEquals(62.25, report.totalValue(), 1e-12);
    assertEquals(List.of("d", "a"), report.top(2).stream().map(CustomerLtv::id).toList());
    assertTrue(report.toString().contains("by hand on 4 customers"), report.toString());
  }

  @Test
  void report_fromLog_summarizesWithTheChosenUnitAndEnd() {
    TransactionLog log = TransactionLog.of(
        Transaction.of("x", "2024-01-01", 10),
        Transaction.of("x", "2024-01-15", 20),
        Transaction.of("x", "2024-03-01", 30),
        Transaction.of("y", "2024-01-08", 40));

    LtvReport report = Ltv.from(log)
        .unit(ChronoUnit.WEEKS)
        .observationEnd(LocalDate.of(2024, 1, 29))
        .model(new HandModel(true))
        .horizon(4)
        .report();

    // x by the end: one repeat purchase two weeks in, age 4 weeks: 0.25 a week at 20.
    assertEquals(2, report.size());
    assertEquals(0.25 * 4 * 20, report.get("x").value(), 1e-12);
    assertEquals(ChronoUnit.WEEKS, report.terms().unit());
    assertEquals(1, report.base().report().transactionsAfterEnd());
  }

  @Test
  void topTiesAndOrder_areStable() {
    LtvReport report = report(1);

    LtvTable all = report.top(10);
    assertEquals(List.of("d", "a", "b", "c"), all.stream().map(CustomerLtv::id).toList());
    assertEquals(0, report.top(0).size());
    assertTrue(all.toString().contains("P(alive)"), all.toString());
  }

  @Test
  void tiers_quantiles_splitCustomersByRank() {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      // Values 1 .. 100 a period: customer i buys once a period at i + 1.
      customers.add(Customer.of(String.format("c%03d", i), 10, 10, 10, i + 1));
    }
    LtvReport report = Ltv.from(CustomerBase.of(ChronoUnit.MONTHS, customers))
        .model(new HandModel(true))
        .horizon(1)
        .report();

    Tiers tiers = report.tiers();

    assertEquals(50, tiers.size("Bronze"));
    assertEquals(30, tiers.size("Silver"));
    assertEquals(15, tiers.size("Gold"));
    assertEquals(5, tiers.size("Platinum"));
    assertEquals("Platinum", tiers.tierOf("c099"));
    assertEquals("Bronze", tiers.tierOf("c049"));
    assertEquals("Silver", tiers.tierOf("c050"));
    assertEquals(96 + 97 + 98 + 99 + 100, tiers.totalValue("Platinum"), 1e-9);
    assertEquals(51, tiers.threshold("Silver"), 0);
    assertTrue(tiers.toString().contains("Platinum"), tiers.toString());
  }

  @Test
  void tiers_byValue_likeMemberLevels() {
    LtvReport report = report(1);
    // Values a 37.5, b 12, c 0, d 75.
    Tiers tiers = report.tiers(TierScheme.values(List.of("Member", "Silver", "Gold"), 0, 10, 50));

    assertEquals("Member", tiers.tierOf("c"));
    assertEquals("Silver", tiers.tierOf("a"));
    assertEquals("Silver", tiers.tierOf("b"));
    assertEquals("Gold", tiers.tierOf("d"));
    assertEquals(
        List.of("a", "b"), tiers.members("Silver").stream().map(CustomerLtv::id).toList());
  }

  @Test
  void tierSchemes_thatDoNotCoverTheRange_failNamingTheCutOff() {
    List<String> names = List.of("Low", "High");
    assertMessage(() -> TierScheme.quantiles(names, 0.1, 0.5, 1), "cover 0..1", "0.1");
    assertMessage(() -> TierScheme.quantiles(names, 0, 0.5, 0.9), "cover 0..1", "0.9");
    assertMessage(() -> TierScheme.quantiles(names, 0, 0.7, 0.5, 1), "3 cut-offs");
    assertMessage(() -> TierScheme.quantiles(List.of("A", "B", "C"), 0, 0.7, 0.5, 1), "0.5");
    assertMessage(() -> TierScheme.values(names, 5, 10), "from 0", "5");
    assertMessage(() -> TierScheme.values(List.of("A", "A"), 0, 10), "twice");
  }

  @Test
  void churnRisk_listsRepeatBuyersBelowTheThreshold_mostSpentFirst() {
    LtvReport report = report(1);

    // P(alive): a 1/2, b 1/9, c 1/7 (not a repeat buyer), d 1.
    ChurnRisk risk = report.churnRisk(0.6);

    assertEquals(3, risk.previouslyActive());
    assertEquals(2, risk.count());
    assertEquals("a", risk.atRisk().get(0).customer().id());
    assertEquals("b", risk.atRisk().get(1).customer().id());
    assertEquals(200, risk.spentByAtRisk(), 1e-12);
    assertEquals(2.0 / 3, risk.share(), 1e-15);
    assertTrue(risk.toString().startsWith("ChurnRisk[2 of 3"), risk.toString());
  }

  @Test
  void churnRisk_fromAStrategyWithoutProbabilityAlive_isRefused() {
    LtvReport report = Ltv.from(CustomerBase.of(ChronoUnit.MONTHS, CUSTOMERS))
        .model(new HandModel(false))
        .horizon(3)
        .report();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> report.churnRisk(0.5));
    assertTrue(e.getMessage().contains("by hand"), e.getMessage());
  }

  @Test
  void newCustomer_addsTheFirstPurchaseToTheRepeatValue() {
    LtvReport report = report(0.5);

    // First purchases: total less repeat spend: a 130 - 100 = 30, b 70 - 40 = 30, c 30, d 160 - 100
    // = 60; mean 37.5, at margin 0.5 worth 18.75. Repeat: once a month at 10 for 3 months, 15.
    NewCustomerValue value = report.newCustomer();

    assertEquals(18.75, value.firstPurchaseValue(), 1e-12);
    assertEquals(15, value.repeatValue(), 1e-12);
    assertEquals(33.75, value.value(), 1e-12);
    assertArrayEquals(new double[] {23.75, 28.75, 33.75}, value.cumulativeValue(), 1e-12);
    assertEquals(33.75 / 25, value.ltvToCac(25), 1e-12);
    assertEquals(OptionalInt.of(0), value.paybackPeriods(18));
    assertEquals(OptionalInt.of(2), value.paybackPeriods(25));
    assertEquals(OptionalInt.empty(), value.paybackPeriods(40));
  }

  @Test
  void acquisition_perSegment_givesLtvToCacAndPayback() {
    LtvReport report = report(0.5);
    // Segment "ad": a and d; segment "shop": b and c.
    // ad: cost 40; to date 0.5 x (130 + 160) / 2 = 72.5, already above the cost: payback 0.
    //     future (18.75 + 37.5) / 2 = 28.125, LTV 100.625, LTV:CAC 2.515625.
    // shop: cost 30; to date 0.5 x (70 + 30) / 2 = 25; months add 0.5 x 4 / 2 = 1 each: 26, 27, 28
    //     never reach 30 within 3 months. Future 3, LTV 28.
    AcquisitionEconomics economics = report.acquisition(
        c -> c.id().equals("a") || c.id().equals("d") ? "ad" : "shop",
        Map.of("ad", 40.0, "shop", 30.0));

    AcquisitionEconomics.Group ad = economics.group("ad");
    assertEquals(2, ad.customers());
    assertEquals(72.5, ad.valueToDate(), 1e-12);
    assertEquals(28.125, ad.futureValue(), 1e-12);
    assertEquals(100.625 / 40, ad.ltvToCac(), 1e-12);
    assertEquals(OptionalInt.of(0), ad.paybackPeriods());
    AcquisitionEconomics.Group shop = economics.group("shop");
    assertEquals(28, shop.lifetimeValue(), 1e-12);
    assertEquals(OptionalInt.empty(), shop.paybackPeriods());
    // At a cost of 26.5 the shop customers pay back in the second month (25, 26, 27).
    AcquisitionEconomics cheaper = report.acquisition(
        c -> c.id().equals("a") || c.id().equals("d") ? "ad" : "shop",
        Map.of("ad", 40.0, "shop", 26.5));
    assertEquals(OptionalInt.of(2), cheaper.group("shop").paybackPeriods());
    assertTrue(economics.toString().contains("LTV:CAC"), economics.toString());
    assertMessage(() -> report.acquisition(c -> "x", Map.of("y", 1.0)), "segment x");
    assertMessage(() -> report.acquisition(-5), "acquisition cost", "-5");
  }

  @Test
  void writeCsv_writesOneRowPerCustomerThatReadsBack() {
    LtvReport report = report(0.5);
    StringWriter out = new StringWriter();

    report.writeCsv(out);

    List<String> lines = out.toString().lines().toList();
    assertEquals("id,probability_alive,expected_purchases,expected_spend,value", lines.get(0));
    assertEquals(5, lines.size());
    String[] a = lines.get(1).split(",");
    assertEquals("a", a[0]);
    assertEquals(report.get("a").value(), Double.parseDouble(a[4]), 0);
  }

  @Test
  void badSettings_failAtTheCallNamingSettingAndValue() {
    Ltv chain = Ltv.from(CustomerBase.of(ChronoUnit.MONTHS, CUSTOMERS));
    assertMessage(() -> chain.horizon(0), "horizon", "0.0");
    assertMessage(() -> chain.annualDiscountRate(-0.1), "annualDiscountRate", "-0.1");
    assertMessage(() -> chain.margin(1.5), "margin", "1.5");
    assertMessage(() -> chain.unit(ChronoUnit.WEEKS), "WEEKS", "MONTHS");
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> chain.observationEnd(LocalDate.of(2024, 1, 1)));
    assertTrue(e.getMessage().contains("observationEnd"), e.getMessage());
    chain.margin(0.3);
    e = assertThrows(IllegalStateException.class, () -> chain.margin(0.4));
    assertTrue(e.getMessage().contains("margin was already set to 0.3"), e.getMessage());
    e = assertThrows(IllegalStateException.class, chain::report);
    assertTrue(e.getMessage().contains("no model"), e.getMessage());
    Ltv fromLog = Ltv.from(TransactionLog.of(Transaction.of("x", "2024-01-01", 1)));
    fromLog.groupBy(ChronoUnit.MONTHS);
    assertMessage(() -> fromLog.unit(ChronoUnit.WEEKS), "WEEKS", "MONTHS");
    assertFalse(chain.toString().isEmpty());
  }

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
