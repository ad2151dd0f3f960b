package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.ChurnRisk;
import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.Ltv;
import dev.ltv.core.LtvReport;
import dev.ltv.core.TransactionLog;
import dev.ltv.core.ValuationTerms;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probabilistic strategy, on BG/BB and the donations data with a spend model of the test's. */
class ProbabilisticLtvTest {

  /** Every donation is worth 50. */
  static final SpendModel FIFTY = new SpendModel() {
    @Override
    public String name() {
      return "fifty";
    }

    @Override
    public double expectedAverageSpend(Customer customer) {
      return 50;
    }

    @Override
    public double expectedAverageSpend() {
      return 50;
    }
  };

  /** The donations patterns as one customer per donor, in years. */
  static CustomerBase donors() {
    List<Customer> customers = new ArrayList<>();
    for (String[] row : DataFiles.rows("donations.csv")) {
      for (int k = 0; k < Integer.parseInt(row[3]); k++) {
        customers.add(Customer.of(
            row[0] + "-" + row[1] + "-" + k,
            Integer.parseInt(row[0]),
            Integer.parseInt(row[1]),
            Integer.parseInt(row[2])));
      }
    }
    return CustomerBase.of(ChronoUnit.YEARS, customers);
  }

  @Test
  void value_bgBbDonors_isTheDiscountedSumOfYearlyExpectations() {
    BgBb model = BgBb.of(1.2035, 0.7497, 0.6567, 2.7834);
    ProbabilisticLtv.Fitted fitted = ProbabilisticLtv.of(model, FIFTY).fit(donors());
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.YEARS, 5, 0.10, 0.5);
    Customer c = Customer.of("x", 3, 5, 6);

    // Year k's expected donations, discounted from the year's end by 1.1^-k.
    double expected = 0;
    for (int k = 1; k <= 5; k++) {
      double donations = model.expectedPurchases(c, k) - model.expectedPurchases(c, k - 1);
      expected += 0.5 * 50 * donations * Math.pow(1.1, -k);
    }
    assertEquals(expected, fitted.value(c, terms), 1e-12);
    assertEquals(model.probabilityAlive(c), fitted.probabilityAlive(c), 0);
    assertEquals("BG/BB + fifty", fitted.name());
    assertEquals(ChronoUnit.YEARS, fitted.unit().orElseThrow());
  }

  @Test
  void pipeline_fitsBgBbOnTheDonorsAndReportsChurnRisk() {
    LtvReport report = Ltv.from(donors())
        .model(ProbabilisticLtv.fitting("BG/BB + fifty", BgBb::fit, base -> FIFTY))
        .horizon(5)
        .annualDiscountRate(0.10)
        .margin(0.5)
        .report();

    ProbabilisticLtv.Fitted fitted = (ProbabilisticLtv.Fitted) report.model();
    BgBb model = (BgBb) fitted.purchaseModel();
    assertEquals(1.2035, model.alpha(), 1e-3);
    assertEquals(11104, report.size());
    // Donors who gave in 1995 and the first year after, then never again: P(alive) 0.069.
    ChurnRisk risk = report.churnRisk(0.1);
    assertEquals(11104 - 3464, risk.previouslyActive());
    assertEquals(1091 + 613 + 322, risk.count());
    assertTrue(report.tiers().toString().contains("Platinum"));
  }

  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  private static LtvReport cdnow(double rate) {
    TransactionLog log = TransactionLog.readCsv(DataFiles.path("cdnow_sample.csv"));
    return Ltv.from(log)
        .unit(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .model(ProbabilisticLtv.bgNbd())
        .horizon(52)
        .annualDiscountRate(rate)
        .margin(0.30)
        .report();
  }

  @Test
  void pipeline_cdnowWithBgNbd_fitsThePublishedModelsAndValuesByTheSharedRule() {
    LtvReport report = cdnow(0.10);

    ProbabilisticLtv.Fitted fitted = (ProbabilisticLtv.Fitted) report.model();
    BgNbd bg = (BgNbd) fitted.purchaseModel();
    GammaGamma gg = (GammaGamma) fitted.spendModel();
    // Fader, Hardie and Lee (2005): r, alpha, a, b; p, q, gamma (PUBLISHED.md).
    assertEquals(0.2426, bg.r(), 1e-3);
    assertEquals(4.4136, bg.alpha(), 1e-3);
    assertEquals(6.2488, gg.p(), 1e-2);
    assertEquals(15.4477, gg.gamma(), 1e-2);
    assertEquals(2357, report.size());

    // The batch scores, the one-customer methods and the period-by-period rule agree.
    for (int i = 0; i < report.size(); i += 7) {
      Customer c = report.base().customer(i);
      double value = report.value(i);
      assertEquals(fitted.value(c, report.terms()), value, 1e-9 * Math.max(1, value), c.id());
      double[] cumulative = fitted.cumulativeValue(c, report.terms());
      assertEquals(cumulative[cumulative.length - 1], value, 1e-9 * Math.max(1, value), c.id());
      assertEquals(bg.probabilityAlive(c), report.get(i).probabilityAlive(), 1e-12, c.id());
      assertEquals(bg.expectedPurchases(c, 52), report.get(i).expectedPurchases(), 1e-9, c.id());
      assertEquals(gg.expectedAverageSpend(c), report.get(i).expectedSpend(), 1e-9, c.id());
    }
  }

  @Test
  void pipeline_cdnow_undiscountedValueIsMarginTimesSpendTimesPurchases() {
    LtvReport report = cdnow(0);

    for (int i = 0; i < report.size(); i += 11) {
      var row = report.get(i);
      double expected = 0.30 * row.expectedSpend() * row.expectedPurchases();
      assertEquals(expected, row.value(), 1e-9 * Math.max(1, expected), row.id());
    }
  }

  @Test
  void pipeline_cdnowSpendScaled_scalesEveryValue() {
    // Gamma-Gamma refitted on spend ten times larger scales gamma and every expected spend by ten;
    // BG/NBD does not see spend. The fits stop at a relative gradient of 1e-8, hence 1e-6.
    TransactionLog log = TransactionLog.readCsv(DataFiles.path("cdnow_sample.csv"));
    TransactionLog.Builder scaled = TransactionLog.builder();
    for (var t : log) {
      scaled.add(t.customerId(), t.date(), 10 * t.amount());
    }
    LtvReport base = cdnow(0.10);
    LtvReport tenfold = Ltv.from(scaled.build())
        .unit(ChronoUnit.WEEKS)
        .observationEnd(CALIBRATION_END)
        .model(ProbabilisticLtv.bgNbd())
        .horizon(52)
        .annualDiscountRate(0.10)
        .margin(0.30)
        .report();

    for (int i = 0; i < base.size(); i++) {
      double expected = 10 * base.value(i);
      assertEquals(
          expected, tenfold.value(i), 1e-6 * Math.max(1, expected), base.get(i).id());
    }
  }
}
