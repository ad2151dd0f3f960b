package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Settings of a {@link Summarizer}: defaults, conflicts, repeats and unsupported units. */
class SummarizerTest {

  private static final TransactionLog LOG = TransactionLog.of(
      Transaction.of("a", "2023-12-30", 10),
      Transaction.of("a", "2024-01-02", 5),
      Transaction.of("a", "2024-02-10", 7),
      Transaction.of("b", "2024-02-12", 3));

  @Test
  void summarize_withoutSettings_usesDaysAndTheLastDateOfTheLog() {
    CustomerBase base = LOG.summarizer().summarize();

    assertEquals(LocalDate.of(2024, 2, 12), base.observationEnd().orElseThrow());
    assertEquals(ChronoUnit.DAYS, base.unit().orElseThrow());
    assertEquals(new Customer("a", 2, 42, 44, 6, 22, LocalDate.of(2023, 12, 30)), base.get("a"));
  }

  @Test
  void summarize_groupedByMonth_countsMonthsAndDefaultsTheUnitToMonths() {
    CustomerBase base = LOG.summarizer().groupBy(ChronoUnit.MONTHS).summarize();

    assertEquals(ChronoUnit.MONTHS, base.unit().orElseThrow());
    assertEquals(new Customer("a", 2, 2, 2, 6, 22, LocalDate.of(2023, 12, 30)), base.get("a"));
  }

  @Test
  void summarize_groupedByYear_farEnd_isQuickAndCountsYears() {
    CustomerBase base = LOG.summarizer()
        .groupBy(ChronoUnit.YEARS)
        .observationEnd(LocalDate.of(5_000_000, 1, 1))
        .summarize();

    assertEquals(1, base.get("a").frequency());
    assertEquals(1.0, base.get("a").recency());
    assertEquals(5_000_000.0 - 2023, base.get("a").age());
  }

  @Test
  void unitAndGroupBy_inConflict_failNamingBoth() {
    IllegalArgumentException unitFirst = assertThrows(
        IllegalArgumentException.class,
        () -> LOG.summarizer().unit(ChronoUnit.DAYS).groupBy(ChronoUnit.WEEKS));
    IllegalArgumentException groupFirst = assertThrows(
        IllegalArgumentException.class,
        () -> LOG.summarizer().groupBy(ChronoUnit.MONTHS).unit(ChronoUnit.YEARS));

    assertTrue(
        unitFirst.getMessage().startsWith("unit DAYS conflicts with groupBy WEEKS"),
        unitFirst::getMessage);
    assertTrue(
        groupFirst.getMessage().startsWith("unit YEARS conflicts with groupBy MONTHS"),
        groupFirst::getMessage);
  }

  @Test
  void groupByDays_acceptsAnyUnit() {
    CustomerBase base =
        LOG.summarizer().groupBy(ChronoUnit.DAYS).unit(ChronoUnit.WEEKS).summarize();

    assertEquals(6.0, base.get("a").recency());
  }

  @Test
  void settingsMadeTwice_failNamingThePreviousValue() {
    assertEquals(
        "unit was already set to WEEKS",
        assertThrows(
                IllegalStateException.class,
                () -> LOG.summarizer().unit(ChronoUnit.WEEKS).unit(ChronoUnit.WEEKS))
            .getMessage());
    assertEquals(
        "groupBy was already set to MONTHS",
        assertThrows(
                IllegalStateException.class,
                () -> LOG.summarizer().groupBy(ChronoUnit.MONTHS).groupBy(ChronoUnit.YEARS))
            .getMessage());
    assertEquals(
        "observationEnd was already set to 2024-01-31",
        assertThrows(
                IllegalStateException.class,
                () -> LOG.summarizer()
                    .observationEnd(LocalDate.of(2024, 1, 31))
                    .observationEnd(LocalDate.of(2024, 2, 1)))
            .getMessage());
  }

  @Test
  void unsupportedUnitOrPeriod_failsClearly() {
    assertEquals(
        "time unit must be DAYS, WEEKS, MONTHS or YEARS, was HOURS",
        assertThrows(IllegalArgumentException.class, () -> LOG.summarizer().unit(ChronoUnit.HOURS))
            .getMessage());
    assertEquals(
        "calendar period must be DAYS, WEEKS, MONTHS or YEARS, was DECADES",
        assertThrows(
                IllegalArgumentException.class, () -> LOG.summarizer().groupBy(ChronoUnit.DECADES))
            .getMessage());
    assertEquals(
        "time unit must be DAYS, WEEKS, MONTHS or YEARS, was HOURS",
        assertThrows(
                IllegalArgumentException.class,
                () -> LOG.summarize(ChronoUnit.HOURS, LocalDate.of(2024, 1, 1)))
            .getMessage());
    assertEquals(
        "time unit must be DAYS, WEEKS, MONTHS or YEARS, was MILLIS",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SummaryAccumulator().summarize(ChronoUnit.MILLIS, LocalDate.of(2024, 1, 1)))
            .getMessage());
  }

  @Test
  void summarize_emptyLogWithoutEnd_failsClearly() {
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> TransactionLog.of().summarizer().summarize());

    assertTrue(e.getMessage().contains("set observationEnd"), e::getMessage);
  }

  @Test
  void summarize_emptyLogWithEnd_givesAnEmptyBase() {
    CustomerBase base = TransactionLog.of().summarize(ChronoUnit.WEEKS, LocalDate.of(2024, 1, 1));

    assertTrue(base.isEmpty());
    assertEquals(SummaryReport.NONE, base.report());
  }

  @Test
  void observationEnd_outOfRange_failsClearly() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> LOG.summarizer().observationEnd(LocalDate.MAX));

    assertEquals("observationEnd +999999999-12-31 is outside the supported range", e.getMessage());
  }
}
