package dev.ltv.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The generators of {@link LogFixture} reach the edges the properties are meant to cover, often
 * enough that a few hundred tries meet each of them many times.
 */
class LogFixtureTest {

  @Provide
  Arbitrary<LogFixture.Sample> logs() {
    return LogFixture.logs();
  }

  @Property(tries = 200)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void logs_reachTheEdges(@ForAll("logs") LogFixture.Sample sample) {
    List<Transaction> rows = sample.rows();
    LocalDate end = sample.end();
    Map<String, Integer> rowsPerCustomer = new HashMap<>();
    Map<String, Set<LocalDate>> daysPerCustomer = new HashMap<>();
    Map<String, Boolean> purchaseByEnd = new HashMap<>();
    for (Transaction t : rows) {
      rowsPerCustomer.merge(t.customerId(), 1, Integer::sum);
      daysPerCustomer.computeIfAbsent(t.customerId(), id -> new HashSet<>()).add(t.date());
      purchaseByEnd.merge(
          t.customerId(), t.amount() >= 0 && !t.date().isAfter(end), Boolean::logicalOr);
    }

    edge("one customer", rowsPerCustomer.size() == 1, 10);
    edge("a customer with a single row", rowsPerCustomer.containsValue(1), 40);
    edge(
        "a customer with thousands of rows",
        rowsPerCustomer.values().stream().anyMatch(n -> n >= 1000),
        1);
    edge(
        "several rows on one day",
        daysPerCustomer.entrySet().stream()
            .anyMatch(e -> e.getValue().size() < rowsPerCustomer.get(e.getKey())),
        30);
    edge("a zero amount", any(rows, t -> t.amount() == 0), 25);
    edge("a refund", any(rows, t -> t.amount() < 0), 35);
    edge("a customer without a purchase by the end", purchaseByEnd.containsValue(false), 35);
    edge("rows after the end", any(rows, t -> t.date().isAfter(end)), 30);
    edge("no row after the end", !any(rows, t -> t.date().isAfter(end)), 20);
    edge("the end before every row", rows.stream().allMatch(t -> t.date().isAfter(end)), 4);
    edge("a day before 1970", any(rows, t -> t.date().getYear() < 1970), 50);
    edge("a customer across a year boundary", crosses(daysPerCustomer, ChronoUnit.YEARS), 15);
    edge("a customer across a week boundary", crosses(daysPerCustomer, ChronoUnit.WEEKS), 20);
    edge(
        "a customer within one week",
        daysPerCustomer.values().stream()
            .anyMatch(days -> days.size() > 1
                && days.stream()
                        .map(d -> LogFixture.period(ChronoUnit.WEEKS, d))
                        .distinct()
                        .count()
                    == 1),
        5);
  }

  private static void edge(String label, boolean reached, double minimumPercentage) {
    Statistics.label(label).collect(reached);
    Statistics.label(label)
        .coverage(coverage -> coverage.check(true).percentage(p -> p >= minimumPercentage));
  }

  private static boolean any(List<Transaction> rows, Predicate<Transaction> condition) {
    return rows.stream().anyMatch(condition);
  }

  private static boolean crosses(Map<String, Set<LocalDate>> days, ChronoUnit period) {
    return days.values().stream()
        .anyMatch(own ->
            own.stream().map(d -> LogFixture.period(period, d)).distinct().count() > 1);
  }
}
