package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast paths of the summary (rows used in place when sorted, a two-pass sort by customer when
 * not, a tight fold when there are no refunds) against a slow and obvious version: each customer's
 * rows gathered in log order, sorted by day with a stable sort, and folded one row at a time. The
 * results must be the same doubles, not just close ones.
 */
class AggregationFastPathTest {

  private static final LocalDate START = LocalDate.of(2019, 12, 20);

  /** How the rows are laid out in the log; each layout takes another path. */
  enum Layout {
    AS_GENERATED,
    GROUPED_BY_CUSTOMER,
    SORTED_BY_CUSTOMER_AND_DAY
  }

  record Row(int customer, int day, int cents) {}

  @Property(tries = 300)
  void summarize_anyLayoutAndGrouping_equalsRowByRowFold(
      @ForAll("rows") List<Row> rows,
      @ForAll Layout layout,
      @ForAll("policies") RefundPolicy policy,
      @ForAll("groupings") ChronoUnit grouping,
      @ForAll @IntRange(min = -5, max = 820) int endOffset) {
    TransactionLog log = log(arrange(rows, layout), policy);
    ChronoUnit unit = grouping == ChronoUnit.DAYS ? ChronoUnit.WEEKS : grouping;
    LocalDate end = START.plusDays(endOffset);

    CustomerBase fast =
        log.summarizer().unit(unit).groupBy(grouping).observationEnd(end).summarize();
    CustomerBase slow = reference(log, unit, grouping, end);

    assertEquals(slow, fast);
    assertEquals(slow.report(), fast.report());
  }

  @Property(tries = 100)
  void lookupById_summarizedBase_findsEachCustomerKeptAndNoOther(
      @ForAll("rows") List<Row> rows, @ForAll @IntRange(min = -5, max = 820) int endOffset) {
    TransactionLog log = log(rows, RefundPolicy.NET);
    CustomerBase base = log.summarize(ChronoUnit.DAYS, START.plusDays(endOffset));

    for (int i = 0; i < base.size(); i++) {
      assertEquals(i, base.indexOf(base.id(i)));
      assertEquals(base.customer(i), base.get(base.id(i)));
    }
    long found = log.stream()
        .map(Transaction::customerId)
        .distinct()
        .filter(id -> base.indexOf(id) >= 0)
        .count();
    assertEquals(base.size(), found);
    assertEquals(-1, base.indexOf("no such customer"));
  }

  @Property(tries = 50)
  void logLayoutFlags_matchHowRowsAreArranged(@ForAll("rows") List<Row> rows) {
    TransactionLog sorted = log(arrange(rows, Layout.SORTED_BY_CUSTOMER_AND_DAY), RefundPolicy.NET);
    TransactionLog grouped = log(arrange(rows, Layout.GROUPED_BY_CUSTOMER), RefundPolicy.NET);

    assertTrue(sorted.sortedWithinCustomer());
    assertTrue(grouped.groupedByCustomer());
  }

  @Example
  void summarize_shuffledLogWithThousandsOfCustomers_equalsRowByRowFold() {
    // Enough customers for the sort by customer to use many blocks of several customers each;
    // with refunds skipped the log holds none and takes the block-wise path.
    SplittableRandom random = new SplittableRandom(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      rows.add(new Row(random.nextInt(5_000), random.nextInt(800), random.nextInt(-200, 20_000)));
      if (i % 50 == 0) {
        // Customers who buy only after the end, among the others.
        rows.add(new Row(5_000 + random.nextInt(200), 701 + random.nextInt(99), 1_000));
      }
    }
    LocalDate end = START.plusDays(700);

    for (RefundPolicy policy : List.of(RefundPolicy.NET, RefundPolicy.SKIP)) {
      TransactionLog log = log(rows, policy);
      for (ChronoUnit grouping : List.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS)) {
        ChronoUnit unit = grouping == ChronoUnit.DAYS ? ChronoUnit.DAYS : grouping;
        CustomerBase fast =
            log.summarizer().unit(unit).groupBy(grouping).observationEnd(end).summarize();
        assertEquals(reference(log, unit, grouping, end), fast, policy + ", " + grouping);
      }
    }
  }

  @Provide
  Arbitrary<List<Row>> rows() {
    Arbitrary<Integer> customers = Arbitraries.integers().between(1, 40);
    Arbitrary<Integer> day = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 800));
    Arbitrary<Integer> cents = Arbitraries.oneOf(
        Arbitraries.integers().between(-3_000, 30_000), Arbitraries.of(0, 1, -1, 999_999));
    return customers.flatMap(n -> Combinators.combine(
            Arbitraries.integers().between(0, n - 1), day, cents)
        .as(Row::new)
        .list()
        .ofMaxSize(300));
  }

  @Provide
  Arbitrary<RefundPolicy> policies() {
    return Arbitraries.of(RefundPolicy.NET, RefundPolicy.SKIP);
  }

  @Provide
  Arbitrary<ChronoUnit> groupings() {
    return Arbitraries.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS);
  }

  private static List<Row> arrange(List<Row> rows, Layout layout) {
    if (layout == Layout.AS_GENERATED) {
      return rows;
    }
    Map<Integer, Integer> firstSeen = new LinkedHashMap<>();
    for (Row r : rows) {
      firstSeen.putIfAbsent(r.customer(), firstSeen.size());
    }
    Comparator<Row> order = Comparator.comparing(r -> firstSeen.get(r.customer()));
    if (layout == Layout.SORTED_BY_CUSTOMER_AND_DAY) {
      order = order.thenComparingInt(Row::day);
    }
    List<Row> arranged = new ArrayList<>(rows);
    arranged.sort(order);
    return arranged;
  }

  private static TransactionLog log(List<Row> rows, RefundPolicy policy) {
    TransactionLog.Builder builder = TransactionLog.builder().refundPolicy(policy);
    for (Row r : rows) {
      builder.add("c" + r.customer(), START.plusDays(r.day()), r.cents() / 100.0);
    }
    return builder.build();
  }

  /** Each customer's rows in log order, stably sorted by day, folded one at a time. */
  private static CustomerBase reference(
      TransactionLog log, ChronoUnit unit, ChronoUnit grouping, LocalDate end) {
    int endDay = Math.toIntExact(end.toEpochDay());
    int customers = log.customerCount();
    List<List<Integer>> rowsOf = new ArrayList<>();
    for (int c = 0; c < customers; c++) {
      rowsOf.add(new ArrayList<>());
    }
    long used = 0;
    for (int i = 0; i < log.size(); i++) {
      if (log.dayColumn()[i] <= endDay) {
        rowsOf.get(log.customerColumn()[i]).add(i);
        used++;
      }
    }

    Fold.Ticks ticks = new Fold.Ticks(grouping);
    List<Integer> positions = new ArrayList<>();
    List<int[]> figures = new ArrayList<>();
    List<double[]> spend = new ArrayList<>();
    int refundOnly = 0;
    for (int c = 0; c < customers; c++) {
      List<Integer> mine = rowsOf.get(c);
      mine.sort(Comparator.comparingInt(i -> log.dayColumn()[i]));
      Fold fold = new Fold();
      fold.reset();
      for (int i : mine) {
        int day = log.dayColumn()[i];
        double amount = log.amountColumn()[i];
        fold.accept(day, ticks.of(day), amount, amount >= 0);
      }
      if (fold.hasPurchase()) {
        positions.add(c);
        figures.add(new int[] {fold.frequency(), fold.recencyTicks(), fold.firstDay});
        spend.add(new double[] {fold.repeatSpend, fold.totalSpend()});
      } else if (!mine.isEmpty()) {
        refundOnly++;
      }
    }

    int kept = positions.size();
    SummaryReport report =
        new SummaryReport(used, log.size() - used, customers - kept - refundOnly, refundOnly);
    return new CustomerBase(
        log.ids(),
        positions.stream().mapToInt(Integer::intValue).toArray(),
        figures.stream().mapToInt(f -> f[0]).toArray(),
        figures.stream().mapToInt(f -> f[1]).toArray(),
        figures.stream().mapToInt(f -> f[2]).toArray(),
        spend.stream().mapToDouble(s -> s[0]).toArray(),
        spend.stream().mapToDouble(s -> s[1]).toArray(),
        unit,
        grouping,
        end,
        report);
  }
}
