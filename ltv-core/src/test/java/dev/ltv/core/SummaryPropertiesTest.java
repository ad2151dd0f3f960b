package dev.ltv.core;

import static dev.ltv.core.LogFixture.assertSameSummaries;
import static dev.ltv.core.LogFixture.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of {@link TransactionLog#summarize}: it agrees with a plain reference and with the
 * accumulator for every layout of the rows and every grouping, it does not depend on the order of
 * the rows, its units are one time rescaled, and it accounts for every row and customer.
 */
class SummaryPropertiesTest {

  @Provide
  Arbitrary<LogFixture.Sample> logs() {
    return LogFixture.logs();
  }

  @Provide
  Arbitrary<LogFixture.Sample> logsWithoutRefunds() {
    return LogFixture.logsWithoutRefunds();
  }

  @Property(tries = 200)
  void summarize_everyLayoutAndGrouping_equalsReferenceAndAccumulator(
      @ForAll("logs") LogFixture.Sample sample, @ForAll Random random) {
    TransactionLog sorted = sample.log();
    TransactionLog grouped =
        LogFixture.log(sample.shuffledWithinCustomers(random), RefundPolicy.NET);
    TransactionLog shuffled = LogFixture.log(sample.shuffled(random), RefundPolicy.NET);
    assertTrue(sorted.sortedWithinCustomer(), "the generated log is sorted by customer and date");
    assertTrue(grouped.groupedByCustomer(), "the partly shuffled log is grouped by customer");
    SummaryAccumulator accumulator = new SummaryAccumulator().addAll(shuffled);
    SummaryReport expectedReport = LogFixture.referenceReport(sample.rows(), sample.end());

    for (ChronoUnit grouping : LogFixture.PERIODS) {
      List<ChronoUnit> units = grouping == ChronoUnit.DAYS ? LogFixture.PERIODS : List.of(grouping);
      for (ChronoUnit unit : units) {
        String what = "unit " + unit + ", groupBy " + grouping;
        Map<String, Customer> expected =
            LogFixture.reference(sample.rows(), unit, grouping, sample.end());
        CustomerBase slow = accumulator.summarize(unit, grouping, sample.end());
        assertSameSummaries(expected, byId(slow), sample, "accumulator, " + what);
        assertEquals(expectedReport, slow.report(), "accumulator report, " + what);
        for (TransactionLog log : List.of(sorted, grouped, shuffled)) {
          CustomerBase fast = summarize(log, unit, grouping, sample.end());
          assertSameSummaries(slow, fast, sample, log.toString() + ", " + what);
        }
      }
    }
  }

  @Property(tries = 200)
  void summarize_shuffledRows_givesEqualSummaries(
      @ForAll("logs") LogFixture.Sample sample, @ForAll Random random) {
    TransactionLog log = sample.log();
    TransactionLog shuffled = LogFixture.log(sample.shuffled(random), RefundPolicy.NET);
    for (ChronoUnit grouping : LogFixture.PERIODS) {
      assertSameSummaries(
          summarize(log, grouping, grouping, sample.end()),
          summarize(shuffled, grouping, grouping, sample.end()),
          sample,
          "groupBy " + grouping);
    }
    assertSameSummaries(
        new SummaryAccumulator().addAll(log).summarize(ChronoUnit.WEEKS, sample.end()),
        new SummaryAccumulator().addAll(shuffled).summarize(ChronoUnit.WEEKS, sample.end()),
        sample,
        "accumulator");
  }

  @Property(tries = 200)
  void summarize_inWeeksMonthsAndYears_rescalesTheDays(@ForAll("logs") LogFixture.Sample sample) {
    TransactionLog log = sample.log();
    CustomerBase days = log.summarize(ChronoUnit.DAYS, sample.end());
    for (ChronoUnit unit : List.of(ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS)) {
      CustomerBase other = log.summarize(unit, sample.end());
      double daysPerUnit = LogFixture.daysIn(unit);
      assertEquals(days.size(), other.size());
      for (int i = 0; i < days.size(); i++) {
        String id = unit + ", customer " + days.id(i);
        assertEquals(days.id(i), other.id(i), id);
        assertEquals(days.frequency(i), other.frequency(i), id);
        assertEquals(days.recency(i), other.recency(i) * daysPerUnit, 1e-9, id);
        assertEquals(days.age(i), other.age(i) * daysPerUnit, 1e-9, id);
        assertEquals(days.averageSpend(i), other.averageSpend(i), 0.0, id);
        assertEquals(days.totalSpend(i), other.totalSpend(i), 0.0, id);
      }
    }
  }

  /**
   * With purchases grouped by calendar period, times are whole periods: within one period of the
   * days rescaled for weeks; for months and years also within the spread of their lengths around
   * the mean (at most about three days over any run of months, two over any run of years).
   */
  @Property(tries = 200)
  void summarize_groupedByCalendarPeriod_staysCloseToRescaledDays(
      @ForAll("logs") LogFixture.Sample sample) {
    TransactionLog log = sample.log();
    CustomerBase days = log.summarize(ChronoUnit.DAYS, sample.end());
    Map<ChronoUnit, Double> slack =
        Map.of(ChronoUnit.WEEKS, 1.0, ChronoUnit.MONTHS, 1.15, ChronoUnit.YEARS, 1.01);
    slack.forEach((period, bound) -> {
      CustomerBase grouped =
          log.summarizer().groupBy(period).observationEnd(sample.end()).summarize();
      assertEquals(days.size(), grouped.size());
      double daysPerPeriod = LogFixture.daysIn(period);
      for (int i = 0; i < days.size(); i++) {
        String id = period + ", customer " + days.id(i);
        assertTrue(grouped.frequency(i) <= days.frequency(i), id);
        assertTrue(Math.abs(grouped.age(i) - days.age(i) / daysPerPeriod) < bound, id);
        assertEquals(days.totalSpend(i), grouped.totalSpend(i), sample.spendTolerance(days.id(i)));
      }
    });
  }

  @Property(tries = 200)
  void summarize_anyLog_keepsRecencyWithinAgeAndZeroWithoutRepeats(
      @ForAll("logs") LogFixture.Sample sample) {
    TransactionLog log = sample.log();
    for (ChronoUnit grouping : LogFixture.PERIODS) {
      CustomerBase base = summarize(log, grouping, grouping, sample.end());
      for (int i = 0; i < base.size(); i++) {
        String id = grouping + ", customer " + base.id(i);
        assertTrue(base.recency(i) >= 0 && base.recency(i) <= base.age(i), id);
        if (base.frequency(i) == 0) {
          assertEquals(0.0, base.recency(i), id);
          assertEquals(0.0, base.averageSpend(i), id);
        }
        Customer c = base.customer(i);
        assertTrue(!c.firstPurchase().isAfter(sample.end()), id);
      }
    }
  }

  @Property(tries = 200)
  void summarize_withoutRefunds_preservesTotalSpend(
      @ForAll("logsWithoutRefunds") LogFixture.Sample sample) {
    TransactionLog log = sample.log();
    double expected = 0;
    double scale = 0;
    for (Transaction t : sample.rows()) {
      if (!t.date().isAfter(sample.end())) {
        expected += t.amount();
      }
      scale += Math.abs(t.amount());
    }
    for (ChronoUnit grouping : LogFixture.PERIODS) {
      CustomerBase base = summarize(log, grouping, grouping, sample.end());
      double total = 0;
      for (int i = 0; i < base.size(); i++) {
        total += base.totalSpend(i);
      }
      assertEquals(expected, total, 4 * sample.rows().size() * Math.ulp(1.0) * scale);
    }
  }

  @Property(tries = 200)
  void summarize_anyPolicy_accountsForEveryRowAndCustomer(
      @ForAll("logs") LogFixture.Sample sample) {
    for (RefundPolicy policy : List.of(RefundPolicy.NET, RefundPolicy.SKIP)) {
      TransactionLog log = LogFixture.log(sample.rows(), policy);
      IntakeReport intake = log.report();
      long refunds = sample.rows().stream().filter(t -> t.amount() < 0).count();
      long zeros = sample.rows().stream().filter(t -> t.amount() == 0).count();
      assertEquals(sample.rows().size(), intake.rows());
      assertEquals(zeros, intake.zeroAmountRows());
      assertEquals(policy == RefundPolicy.NET ? refunds : 0, intake.refundsNetted());
      assertEquals(policy == RefundPolicy.SKIP ? refunds : 0, intake.refundsSkipped());
      assertEquals(log.size(), intake.kept());

      List<Transaction> kept = log.transactions();
      CustomerBase base = log.summarize(ChronoUnit.WEEKS, sample.end());
      SummaryReport report = base.report();
      assertEquals(LogFixture.referenceReport(kept, sample.end()), report, policy.toString());
      assertEquals(log.size(), report.transactionsUsed() + report.transactionsAfterEnd());
      assertEquals(
          log.customerCount(),
          base.size() + report.customersAfterEnd() + report.refundOnlyCustomers());
    }
  }

  @Property(tries = 200)
  void distinctRows_ofSummarizedBase_equalThoseOfTheSameFigures(
      @ForAll("logs") LogFixture.Sample sample) {
    for (ChronoUnit grouping : LogFixture.PERIODS) {
      CustomerBase base = summarize(sample.log(), grouping, grouping, sample.end());
      DistinctRows fast = base.distinctRows();
      DistinctRows plain = CustomerBase.of(grouping, base.customers()).distinctRows();
      assertEquals(base.size(), fast.customers());
      assertEquals(plain.size(), fast.size());
      for (int j = 0; j < fast.size(); j++) {
        assertEquals(plain.frequency(j), fast.frequency(j));
        assertEquals(plain.recency(j), fast.recency(j), 0.0);
        assertEquals(plain.age(j), fast.age(j), 0.0);
        assertEquals(plain.count(j), fast.count(j));
      }
    }
  }

  @Property(tries = 200)
  void split_anyLog_equalsSummaryAtCalibrationEndAndCountsHoldoutDays(
      @ForAll("logs") LogFixture.Sample sample, @ForAll Random random) {
    TransactionLog log = LogFixture.log(sample.shuffled(random), RefundPolicy.NET);
    LocalDate calibrationEnd = sample.end();
    LocalDate holdoutEnd = calibrationEnd.plusDays(1 + random.nextInt(400));
    CalibrationHoldout split = log.split(calibrationEnd, holdoutEnd, ChronoUnit.WEEKS);

    CustomerBase calibration = log.summarize(ChronoUnit.WEEKS, calibrationEnd);
    assertSameSummaries(calibration, split.calibration(), sample, "calibration");
    for (int i = 0; i < calibration.size(); i++) {
      String id = calibration.id(i);
      long days = sample.rows().stream()
          .filter(t -> t.customerId().equals(id) && t.amount() >= 0)
          .map(Transaction::date)
          .filter(d -> d.isAfter(calibrationEnd) && !d.isAfter(holdoutEnd))
          .distinct()
          .count();
      double spend = sample.rows().stream()
          .filter(t -> t.customerId().equals(id))
          .filter(t -> t.date().isAfter(calibrationEnd) && !t.date().isAfter(holdoutEnd))
          .mapToDouble(Transaction::amount)
          .sum();
      assertEquals(days, split.holdoutPurchases(id), id);
      assertEquals(spend, split.holdoutSpend(i), sample.spendTolerance(id), id);
    }
  }

  private static CustomerBase summarize(
      TransactionLog log, ChronoUnit unit, ChronoUnit grouping, LocalDate end) {
    Summarizer summarizer = log.summarizer().unit(unit).observationEnd(end);
    if (grouping != ChronoUnit.DAYS) {
      summarizer.groupBy(grouping);
    }
    return summarizer.summarize();
  }
}
