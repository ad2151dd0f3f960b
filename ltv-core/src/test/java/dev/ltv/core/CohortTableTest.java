package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Cohort tables against a direct count on the raw CDNOW sample: the expected figures come from a
 * plain loop over the CSV rows that shares no code with the table (it uses {@code java.time}
 * arithmetic on period starts instead of period indices).
 */
class CohortTableTest {

  /** One cell of the direct count. */
  private static final class Cell {
    final java.util.Set<String> active = new java.util.HashSet<>();
    double revenue;
  }

  /** The direct count: cohort start, then period offset, then cell; plus each customer's cohort. */
  private record DirectCount(
      TreeMap<LocalDate, TreeMap<Integer, Cell>> cells,
      Map<LocalDate, Integer> sizes,
      Map<LocalDate, Map<Integer, Integer>> lastActive) {}

  private static DirectCount count(
      Function<LocalDate, LocalDate> periodStart,
      ChronoUnit step,
      int stepsPerPeriod,
      LocalDate end) {
    Map<String, LocalDate> first = new HashMap<>();
    List<String[]> rows = TestData.rows("cdnow_sample.csv");
    for (String[] row : rows) {
      LocalDate date = LocalDate.parse(row[1]);
      if (!date.isAfter(end)) {
        first.merge(row[0], date, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    TreeMap<LocalDate, TreeMap<Integer, Cell>> cells = new TreeMap<>();
    Map<String, Integer> last = new HashMap<>();
    for (String[] row : rows) {
      LocalDate date = LocalDate.parse(row[1]);
      if (date.isAfter(end)) {
        continue;
      }
      LocalDate cohort = periodStart.apply(first.get(row[0]));
      int k = (int) (step.between(cohort, periodStart.apply(date)) / stepsPerPeriod);
      Cell cell =
          cells.computeIfAbsent(cohort, x -> new TreeMap<>()).computeIfAbsent(k, x -> new Cell());
      cell.active.add(row[0]);
      cell.revenue += Double.parseDouble(row[3]);
      last.merge(row[0], k, Math::max);
    }
    Map<LocalDate, Integer> sizes = new HashMap<>();
    Map<LocalDate, Map<Integer, Integer>> lastActive = new HashMap<>();
    for (var e : first.entrySet()) {
      LocalDate cohort = periodStart.apply(e.getValue());
      sizes.merge(cohort, 1, Integer::sum);
      lastActive
          .computeIfAbsent(cohort, x -> new HashMap<>())
          .merge(last.get(e.getKey()), 1, Integer::sum);
    }
    return new DirectCount(cells, sizes, lastActive);
  }

  private static void assertMatches(DirectCount expected, CohortTable table) {
    assertEquals(expected.cells().size(), table.cohorts());
    int c = 0;
    for (var cohort : expected.cells().entrySet()) {
      assertEquals(cohort.getKey(), table.start(c));
      int size = expected.sizes().get(cohort.getKey());
      assertEquals(size, table.size(c));
      double cumulative = 0;
      for (int k = 0; k < table.periods(c); k++) {
        Cell cell = cohort.getValue().get(k);
        int active = cell == null ? 0 : cell.active.size();
        double revenue = cell == null ? 0 : cell.revenue;
        cumulative += revenue;
        String where = table.label(c) + " +" + k;
        assertEquals(active, table.active(c, k), where);
        assertEquals((double) active / size, table.retention(c, k), 1e-15, where);
        assertEquals(revenue, table.revenue(c, k), 1e-9 * Math.max(1, revenue), where);
        assertEquals(revenue / size, table.revenuePerCustomer(c, k), 1e-9, where);
        assertEquals(cumulative / size, table.cumulativeValuePerCustomer(c, k), 1e-9, where);
        int survivors = 0;
        for (var e : expected.lastActive().get(cohort.getKey()).entrySet()) {
          survivors += e.getKey() >= k ? e.getValue() : 0;
        }
        assertEquals(survivors, table.survivors(c, k), where);
      }
      c++;
    }
  }

  @Test
  void monthlyCohorts_cdnowSample_matchDirectCountOfRawRows() {
    LocalDate end = LocalDate.of(1998, 6, 30);
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"));
    CohortTable table = CohortTable.of(log, CalendarPeriod.MONTH, end);

    assertMatches(count(d -> d.withDayOfMonth(1), ChronoUnit.MONTHS, 1, end), table);
    // First purchases fall in the first twelve weeks of 1997: January to March.
    assertEquals(3, table.cohorts());
    assertEquals("1997-01", table.label(0));
    assertEquals(2357, table.customers());
    assertEquals(18, table.periods(0));
    assertFalse(table.lastPeriodPartial());
    assertEquals(6919, table.report().transactionsUsed());
  }

  @Test
  void weeklyCohorts_endMidWeek_matchDirectCountAndMarkLastWeekPartial() {
    LocalDate end = LocalDate.of(1997, 9, 30); // a Tuesday
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"));
    CohortTable table = CohortTable.of(log, CalendarPeriod.WEEK, end);

    assertMatches(count(d -> d.with(DayOfWeek.MONDAY), ChronoUnit.DAYS, 7, end), table);
    assertTrue(table.lastPeriodPartial());
    assertEquals(table.periods(0) - 1, table.survivors(0).length);
    assertEquals(
        log.size() - table.report().transactionsUsed(), table.report().transactionsAfterEnd());
  }

  @Test
  void quarterlyCohorts_cdnowSample_matchDirectCount() {
    LocalDate end = LocalDate.of(1998, 6, 30);
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"));
    CohortTable table = CohortTable.of(log, CalendarPeriod.QUARTER, end);

    assertMatches(
        count(
            d -> d.withDayOfMonth(1).withMonth((d.getMonthValue() - 1) / 3 * 3 + 1),
            ChronoUnit.MONTHS,
            3,
            end),
        table);
    assertEquals(1, table.cohorts());
    assertEquals("1997-Q1", table.label(0));
    assertEquals(6, table.periods(0));
  }

  @Test
  void survivors_countCustomersActiveThenOrLater_andRefundsAreNotActivity() {
    // Customer a: months 0 and 2. b: month 0, a refund in month 1. c: months 0 and 1.
    // d: only a refund, left out. e: first buys after the end, left out.
    TransactionLog log = TransactionLog.builder()
        .refundPolicy(RefundPolicy.NET)
        .add("a", LocalDate.of(2024, 1, 5), 10)
        .add("a", LocalDate.of(2024, 3, 9), 30)
        .add("b", LocalDate.of(2024, 1, 20), 20)
        .add("b", LocalDate.of(2024, 2, 1), -5)
        .add("c", LocalDate.of(2024, 1, 31), 40)
        .add("c", LocalDate.of(2024, 2, 29), 50)
        .add("d", LocalDate.of(2024, 2, 3), -7)
        .add("e", LocalDate.of(2024, 5, 1), 9)
        .build();
    CohortTable table = CohortTable.of(log, CalendarPeriod.MONTH, LocalDate.of(2024, 3, 15));

    assertEquals(1, table.cohorts());
    assertEquals(3, table.size(0));
    assertEquals(3, table.periods(0));
    assertTrue(table.lastPeriodPartial());
    assertEquals(3, table.active(0, 0));
    assertEquals(1, table.active(0, 1)); // c; b's refund is not a purchase
    assertEquals(1, table.active(0, 2)); // a
    assertEquals(3, table.survivors(0, 0));
    assertEquals(2, table.survivors(0, 1)); // a (active later) and c
    assertEquals(1, table.survivors(0, 2));
    assertArrayEquals(new int[] {3, 2}, table.survivors(0)); // the partial March is left out
    assertEquals(70.0, table.revenue(0, 0), 0.0);
    assertEquals(45.0, table.revenue(0, 1), 0.0);
    assertEquals((70.0 + 45.0 + 30.0) / 3, table.cumulativeValuePerCustomer(0, 2), 1e-12);
    assertEquals(1, table.report().refundOnlyCustomers());
    assertEquals(1, table.report().customersAfterEnd());
    assertEquals(1, table.report().transactionsAfterEnd());
    // Churn pooled over the complete pairs of periods: 1 - 2/3.
    assertEquals(1.0 / 3, table.churnRate(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> table.active(0, 3));
  }

  @Test
  void calendarPeriod_labelsAndBoundaries() {
    assertEquals(
        "1997-W01",
        CalendarPeriod.WEEK.label(CalendarPeriod.WEEK.indexOf(LocalDate.of(1997, 1, 1))));
    assertEquals(
        LocalDate.of(1996, 12, 30),
        CalendarPeriod.WEEK.start(CalendarPeriod.WEEK.indexOf(LocalDate.of(1997, 1, 5))));
    assertEquals(
        "1997-Q3",
        CalendarPeriod.QUARTER.label(CalendarPeriod.QUARTER.indexOf(LocalDate.of(1997, 9, 30))));
    assertEquals(
        LocalDate.of(1997, 9, 30),
        CalendarPeriod.QUARTER.end(CalendarPeriod.QUARTER.indexOf(LocalDate.of(1997, 7, 1))));
    assertEquals(
        LocalDate.of(1996, 2, 29),
        CalendarPeriod.MONTH.end(CalendarPeriod.MONTH.indexOf(LocalDate.of(1996, 2, 2))));
    assertEquals(
        "1969-12",
        CalendarPeriod.MONTH.label(CalendarPeriod.MONTH.indexOf(LocalDate.of(1969, 12, 31))));
  }

  @Test
  void toString_showsRetentionTable() {
    TransactionLog log = TransactionLog.readCsv(TestData.path("cdnow_sample.csv"));
    String text = CohortTable.of(log, CalendarPeriod.MONTH).toString();
    assertTrue(text.startsWith("CohortTable[3 cohorts by month, 2,357 customers"), text);
    assertTrue(text.contains("1997-03"), text);
    List<String> lines = new ArrayList<>(text.lines().toList());
    assertEquals(5, lines.size(), text);
  }
}
