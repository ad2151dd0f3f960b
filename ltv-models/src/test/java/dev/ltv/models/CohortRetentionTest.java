package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.CalendarPeriod;
import dev.ltv.core.CohortTable;
import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.TransactionLog;
import dev.ltv.core.ValuationTerms;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortRetentionTest {

  private static final LocalDate END = LocalDate.of(1998, 6, 30);

  @Test
  void fit_cdnowByMonth_usesTheSurvivorsOfTheCohortTable() {
    TransactionLog log = TransactionLog.readCsv(DataFiles.path("cdnow_sample.csv"));
    CustomerBase base =
        log.summarizer().groupBy(ChronoUnit.MONTHS).observationEnd(END).summarize();
    CohortTable table = CohortTable.of(log, CalendarPeriod.MONTH, END);

    CohortRetention.Fitted fitted = CohortRetention.sbg().settle(3).fit(base);

    List<int[]> survivors = new ArrayList<>();
    for (int c = 0; c < table.cohorts(); c++) {
      int[] s = table.survivors(c);
      survivors.add(java.util.Arrays.copyOf(s, s.length - 3));
    }
    ShiftedBetaGeometric expected = ShiftedBetaGeometric.fitPooled(survivors);
    assertEquals(expected.alpha(), fitted.model().alpha(), 1e-9);
    assertEquals(expected.beta(), fitted.model().beta(), 1e-9);
    assertEquals(expected.logLikelihood(), fitted.model().logLikelihood(), 1e-9);
    assertEquals(ChronoUnit.MONTHS, fitted.unit().orElseThrow());
  }

  @Test
  void cohortProjection_cdnowByMonth_fitsEachCohortOnItsOwn() {
    TransactionLog log = TransactionLog.readCsv(DataFiles.path("cdnow_sample.csv"));
    CohortTable table = CohortTable.of(log, CalendarPeriod.MONTH, END);

    CohortProjection projection = CohortProjection.of(table, 3);

    for (int c = 0; c < table.cohorts(); c++) {
      assertEquals(CohortProjection.Source.OWN, projection.source(c));
      int[] s = table.survivors(c);
      int[] fitted = java.util.Arrays.copyOf(s, s.length - 3);
      ShiftedBetaGeometric own = ShiftedBetaGeometric.fit(fitted);
      assertEquals(own.alpha(), projection.model(c).alpha(), 1e-12);
      assertEquals(fitted.length - 1, projection.lastFittedPeriod(c));
      assertEquals(
          table.size(c) * own.survival(table.periods(c) + 2),
          projection.projectedSurvivors(c, table.periods(c) + 2),
          1e-9);
    }
    String text = projection.toString();
    assertTrue(text.contains("1997-02") && text.contains("end+6"), text);
  }

  @Test
  void cohortProjection_cohortTooYoungToFit_usesThePooledModel() {
    // January's cohort keeps 4 of 8 customers, then 3 of those 4: rising retention, which the
    // model fits with alpha = beta = 0.5. February's cohort has a single period after acquisition.
    TransactionLog.Builder builder = TransactionLog.builder();
    for (int i = 0; i < 8; i++) {
      builder.add("jan" + i, LocalDate.of(2024, 1, 3 + i), 10);
      if (i < 4) {
        builder.add("jan" + i, LocalDate.of(2024, 2, 3 + i), 10);
      }
      if (i < 3) {
        builder.add("jan" + i, LocalDate.of(2024, 3, 3 + i), 10);
      }
    }
    builder.add("feb0", LocalDate.of(2024, 2, 19), 10).add("feb1", LocalDate.of(2024, 2, 20), 10);
    builder.add("feb1", LocalDate.of(2024, 3, 20), 10);
    TransactionLog log = builder.build();
    CohortTable table = CohortTable.of(log, CalendarPeriod.MONTH, LocalDate.of(2024, 3, 31));

    CohortProjection projection = CohortProjection.of(table);

    assertArrayEquals(new int[] {8, 4, 3}, table.survivors(0));
    assertEquals(CohortProjection.Source.OWN, projection.source(0));
    assertEquals(0.5, projection.model(0).alpha(), 1e-6);
    assertEquals(0.5, projection.model(0).beta(), 1e-6);
    assertEquals(CohortProjection.Source.POOLED, projection.source(1));
    assertTrue(projection.reason(1).contains("two are needed"), projection.reason(1));
  }

  @Test
  void value_givenModel_isHandWorked() {
    // sBG with alpha = beta = 1: S(t) = 1 / (1 + t), retention t / (t + 1).
    // Customer a: 2 repeat periods, last active in period 3, now in period 5, 20 a period.
    // Customer b: no repeat, now in period 5, one purchase of 30.
    // rho = active periods / survivor periods = (3 + 1) / (4 + 1) = 0.8.
    // a: P(there) = S(5) / S(3) = (1/6) / (1/4) = 2/3;
    //    purchases in 2 periods = 0.8 x (S(6) + S(7)) / S(3) = 0.8 x (1/7 + 1/8) x 4 = 6/7;
    //    value at margin 0.5, no discount = 0.5 x 20 x 6/7 = 60/7.
    // b: P(there) = S(5) / S(0) = 1/6; purchases 0.8 x (1/7 + 1/8) = 3/14; value 0.5 x 30 x 3/14.
    // New customer: purchases 0.8 x (S(1) + S(2)) = 0.8 x 5/6 = 2/3 at the pooled spend
    //    (2 x 20 + 30) / 3 = 70/3: value 0.5 x 70/3 x 2/3 = 70/9.
    Customer a = Customer.of("a", 2, 3, 5, 20);
    Customer b = new Customer("b", 0, 0, 5, 0, 30, null);
    CohortRetention.Fitted fitted = CohortRetention.of(ShiftedBetaGeometric.of(1, 1))
        .fit(CustomerBase.of(ChronoUnit.MONTHS, List.of(a, b)));
    ValuationTerms terms = ValuationTerms.of(ChronoUnit.MONTHS, 2, 0, 0.5);

    assertEquals(0.8, fitted.purchasesPerPeriod(), 1e-15);
    assertEquals(2.0 / 3, fitted.probabilityAlive(a), 1e-14);
    assertEquals(6.0 / 7, fitted.expectedPurchases(a, 2), 1e-14);
    assertEquals(60.0 / 7, fitted.value(a, terms), 1e-12);
    assertEquals(1.0 / 6, fitted.probabilityAlive(b), 1e-14);
    assertEquals(0.5 * 30 * 3 / 14, fitted.value(b, terms), 1e-12);
    assertEquals(70.0 / 9, fitted.newCustomerValue(terms), 1e-12);
    // Half of the third period counts half: 0.8 x 4 x (1/7 + 1/8 + 0.5 x 1/9).
    assertEquals(0.8 * 4 * (1.0 / 7 + 1.0 / 8 + 0.5 / 9), fitted.expectedPurchases(a, 2.5), 1e-14);
  }

  @Test
  void fit_fractionalPeriods_isRefusedNamingTheCustomer() {
    CustomerBase base = CustomerBase.of(ChronoUnit.WEEKS, List.of(Customer.of("w1", 1, 2.5, 7)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CohortRetention.sbg().fit(base));
    assertTrue(e.getMessage().contains("w1") && e.getMessage().contains("2.5"), e.getMessage());
  }
}
