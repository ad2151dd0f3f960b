package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Transaction logs for the property tests, and a reference summary to check the library against.
 *
 * <p>The generators aim at the edges: logs of one customer, customers with a single purchase and
 * customers with thousands, many purchases on one day, zero amounts, refunds, dates on both sides
 * of 1970 and across week, month and year boundaries, and ends of observation before, inside and
 * after the log. {@link LogFixtureTest} checks that they get there.
 *
 * <p>The reference ({@link #reference}) summarizes rows the plain way, with {@code java.time} and
 * sorted maps, and shares no code with the library: it is the obviously correct version that the
 * fast paths are compared with.
 */
final class LogFixture {

  /** Days on which weeks, months and years turn, on both sides of 1970 and around leap days. */
  static final List<LocalDate> BOUNDARY_DAYS = List.of(
      LocalDate.of(1969, 12, 28),
      LocalDate.of(1969, 12, 31),
      LocalDate.of(1970, 1, 1),
      LocalDate.of(1996, 2, 28),
      LocalDate.of(1997, 12, 29),
      LocalDate.of(1999, 12, 31),
      LocalDate.of(2000, 2, 27),
      LocalDate.of(2000, 12, 31));

  /** The groupings a summary supports, each with the units it accepts. */
  static final List<ChronoUnit> PERIODS =
      List.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS);

  private LogFixture() {}

  /**
   * A generated log: rows grouped by customer and in date order within each customer, and the end
   * of observation.
   */
  static final class Sample {
    private final List<Transaction> rows;
    private final LocalDate end;
    private final Map<String, Double> spendTolerances = new HashMap<>();

    Sample(List<Transaction> rows, LocalDate end) {
      this.rows = rows;
      this.end = end;
      Map<String, double[]> countAndSum = new HashMap<>();
      for (Transaction t : rows) {
        double[] c = countAndSum.computeIfAbsent(t.customerId(), id -> new double[2]);
        c[0]++;
        c[1] += Math.abs(t.amount());
      }
      countAndSum.forEach((id, c) -> spendTolerances.put(id, 2.0 * c[0] * Math.ulp(1.0) * c[1]));
    }

    /** The rows, grouped by customer and in date order within each customer. */
    List<Transaction> rows() {
      return rows;
    }

    /** The last day observed. */
    LocalDate end() {
      return end;
    }

    /** The log of the rows in their generated order, refunds netted. */
    TransactionLog log() {
      return LogFixture.log(rows, RefundPolicy.NET);
    }

    boolean hasRefunds() {
      return rows.stream().anyMatch(t -> t.amount() < 0);
    }

    /** The rows in a random order. */
    List<Transaction> shuffled(Random random) {
      List<Transaction> copy = new ArrayList<>(rows);
      Collections.shuffle(copy, random);
      return copy;
    }

    /** The rows still grouped by customer, in a random order within each customer. */
    List<Transaction> shuffledWithinCustomers(Random random) {
      Map<String, List<Transaction>> byCustomer = new LinkedHashMap<>();
      for (Transaction t : rows) {
        byCustomer.computeIfAbsent(t.customerId(), id -> new ArrayList<>()).add(t);
      }
      List<Transaction> result = new ArrayList<>(rows.size());
      for (List<Transaction> own : byCustomer.values()) {
        Collections.shuffle(own, random);
        result.addAll(own);
      }
      return result;
    }

    /**
     * How far two sums of a customer's amounts, taken in different orders, may drift apart: each
     * addition rounds by at most half an ulp of the running sum, which is bounded by the sum of
     * the absolute amounts. Far below the smallest amount generated (a cent).
     */
    double spendTolerance(String id) {
      return spendTolerances.getOrDefault(id, 0.0);
    }

    @Override
    public String toString() {
      return String.format(
          "Sample[%d rows, %d customers, end %s]",
          rows.size(), rows.stream().map(Transaction::customerId).distinct().count(), end);
    }
  }

  static TransactionLog log(List<Transaction> rows, RefundPolicy policy) {
    return TransactionLog.builder().refundPolicy(policy).addAll(rows).build();
  }

  /** Logs with purchases, zero amounts and refunds. */
  static Arbitrary<Sample> logs() {
    return logs(true);
  }

  /** Logs with purchases and zero amounts, no refunds. */
  static Arbitrary<Sample> logsWithoutRefunds() {
    return logs(false);
  }

  private static Arbitrary<Sample> logs(boolean refunds) {
    Arbitrary<Integer> customerCounts = weighted(
        Tuple.of(2, Arbitraries.just(1)),
        Tuple.of(8, Arbitraries.integers().between(2, 12)),
        Tuple.of(1, Arbitraries.integers().between(40, 80)));
    Arbitrary<Integer> ordinaryRows = weighted(
        Tuple.of(6, Arbitraries.just(1)),
        Tuple.of(6, Arbitraries.integers().between(2, 6)),
        Tuple.of(2, Arbitraries.integers().between(7, 60)));
    Arbitrary<List<List<Row>>> ordinary =
        customerCounts.flatMap(n -> customer(refunds, ordinaryRows).list().ofSize(n));
    Arbitrary<List<List<Row>>> heavy = weighted(
        Tuple.of(9, Arbitraries.just(List.of())),
        Tuple.of(1, heavyCustomer(refunds).list().ofSize(1)));
    Arbitrary<String> idPrefixes = Arbitraries.of("c", "客户-", "007-");
    return Combinators.combine(ordinary, heavy, idPrefixes)
        .as(LogFixture::assemble)
        .flatMap(rows -> ends(rows).map(end -> new Sample(rows, end)));
  }

  /** One row of a customer before it has an id. */
  private record Row(int day, double amount) {}

  private static List<Transaction> assemble(
      List<List<Row>> ordinary, List<List<Row>> heavy, String idPrefix) {
    List<List<Row>> customers = new ArrayList<>(ordinary);
    customers.addAll(heavy);
    List<Transaction> rows = new ArrayList<>();
    for (int c = 0; c < customers.size(); c++) {
      for (Row row : customers.get(c)) {
        rows.add(Transaction.of(idPrefix + c, LocalDate.ofEpochDay(row.day()), row.amount()));
      }
    }
    return List.copyOf(rows);
  }

  /** A customer's rows in date order: a first day, then offsets within a span of days. */
  private static Arbitrary<List<Row>> customer(boolean refunds, Arbitrary<Integer> counts) {
    Arbitrary<Integer> spans = Arbitraries.of(0, 3, 40, 400, 4000);
    return Combinators.combine(firstDays(), counts, spans)
        .flatAs((first, count, span) -> Combinators.combine(
                Arbitraries.integers().between(0, span).list().ofSize(count),
                amounts(refunds).list().ofSize(count))
            .as((offsets, amounts) -> {
              List<Row> rows = new ArrayList<>(count);
              for (int i = 0; i < count; i++) {
                rows.add(new Row(first + offsets.get(i), amounts.get(i)));
              }
              rows.sort(Comparator.comparingInt(Row::day));
              return rows;
            }));
  }

  /**
   * A customer with thousands of rows, spread over a year or a decade so that many share a day.
   * Drawn from a seed: lists that long are slow to generate element by element and useless to
   * shrink.
   */
  private static Arbitrary<List<Row>> heavyCustomer(boolean refunds) {
    return Combinators.combine(
            firstDays(),
            Arbitraries.integers().between(1000, 3000),
            Arbitraries.of(400, 4000),
            Arbitraries.longs())
        .as((first, count, span, seed) -> {
          Random random = new Random(seed);
          List<Row> rows = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            int kind = random.nextInt(refunds ? 11 : 9);
            double amount = kind == 0
                ? 0.0
                : kind < 9
                    ? (1 + random.nextInt(200_000)) / 100.0
                    : -(1 + random.nextInt(50_000)) / 100.0;
            rows.add(new Row(first + random.nextInt(span + 1), amount));
          }
          rows.sort(Comparator.comparingInt(Row::day));
          return rows;
        });
  }

  private static Arbitrary<Integer> firstDays() {
    int from = Math.toIntExact(LocalDate.of(1965, 1, 1).toEpochDay());
    int to = Math.toIntExact(LocalDate.of(2001, 1, 1).toEpochDay());
    Arbitrary<Integer> nearBoundary = Combinators.combine(
            Arbitraries.of(BOUNDARY_DAYS), Arbitraries.integers().between(-3, 3))
        .as((day, shift) -> Math.toIntExact(day.toEpochDay()) + shift);
    return weighted(
        Tuple.of(3, Arbitraries.integers().between(from, to)), Tuple.of(2, nearBoundary));
  }

  /** Cents: mostly purchases, some zero amounts, and refunds when asked for. */
  private static Arbitrary<Double> amounts(boolean refunds) {
    Arbitrary<Double> purchases = Arbitraries.integers().between(1, 200_000).map(c -> c / 100.0);
    Arbitrary<Double> zero = Arbitraries.just(0.0);
    Arbitrary<Double> refund = Arbitraries.integers().between(1, 50_000).map(c -> -c / 100.0);
    return refunds
        ? weighted(Tuple.of(1, zero), Tuple.of(8, purchases), Tuple.of(2, refund))
        : weighted(Tuple.of(1, zero), Tuple.of(8, purchases));
  }

  /** Ends before, on, inside and after the days of the log. */
  private static Arbitrary<LocalDate> ends(List<Transaction> rows) {
    int min = rows.stream().mapToInt(t -> (int) t.date().toEpochDay()).min().orElseThrow();
    int max = rows.stream().mapToInt(t -> (int) t.date().toEpochDay()).max().orElseThrow();
    return weighted(
            Tuple.of(1, Arbitraries.integers().between(min - 40, min - 1)),
            Tuple.of(1, Arbitraries.of(min, max)),
            Tuple.of(8, Arbitraries.integers().between(min, max)),
            Tuple.of(1, Arbitraries.integers().between(max + 1, max + 40)))
        .map(LocalDate::ofEpochDay);
  }

  @SafeVarargs
  private static <T> Arbitrary<T> weighted(Tuple2<Integer, Arbitrary<T>>... choices) {
    List<Tuple2<Integer, Arbitrary<T>>> list = new ArrayList<>();
    for (Tuple2<Integer, Arbitrary<T>> choice : choices) {
      list.add(choice);
    }
    return Arbitraries.frequencyOf(list);
  }

  /** The summaries of a base by customer id. */
  static Map<String, Customer> byId(CustomerBase base) {
    Map<String, Customer> result = new HashMap<>();
    for (Customer c : base) {
      result.put(c.id(), c);
    }
    return result;
  }

  /**
   * Asserts that two sets of summaries hold the same customers with the same figures: counts,
   * times and first days exactly, spends within {@link Sample#spendTolerance}.
   */
  static void assertSameSummaries(
      Map<String, Customer> expected, Map<String, Customer> actual, Sample sample, String what) {
    assertEquals(expected.keySet(), actual.keySet(), () -> what + ": customers");
    for (Customer e : expected.values()) {
      Customer a = actual.get(e.id());
      String id = what + ", customer " + e.id();
      double tolerance = sample.spendTolerance(e.id());
      assertEquals(e.frequency(), a.frequency(), () -> id + ": frequency");
      assertEquals(e.recency(), a.recency(), 0.0, () -> id + ": recency");
      assertEquals(e.age(), a.age(), 0.0, () -> id + ": age");
      assertEquals(e.firstPurchase(), a.firstPurchase(), () -> id + ": first purchase");
      assertEquals(e.totalSpend(), a.totalSpend(), tolerance, () -> id + ": total spend");
      assertEquals(e.averageSpend(), a.averageSpend(), tolerance, () -> id + ": average spend");
    }
  }

  static void assertSameSummaries(
      CustomerBase expected, CustomerBase actual, Sample sample, String what) {
    assertEquals(expected.size(), actual.size(), () -> what + ": size");
    assertSameSummaries(byId(expected), byId(actual), sample, what);
    assertEquals(expected.report(), actual.report(), () -> what + ": report");
    assertEquals(expected.unit(), actual.unit(), () -> what + ": unit");
    assertEquals(expected.observationEnd(), actual.observationEnd(), () -> what + ": end");
  }

  /**
   * The summaries of the rows, computed the plain way: rows up to the end, per customer, put in a
   * sorted map by calendar period; the first period with a purchase starts the relationship.
   */
  static Map<String, Customer> reference(
      List<Transaction> rows, ChronoUnit unit, ChronoUnit grouping, LocalDate end) {
    Map<String, List<Transaction>> byCustomer = new LinkedHashMap<>();
    for (Transaction t : rows) {
      if (!t.date().isAfter(end)) {
        byCustomer.computeIfAbsent(t.customerId(), id -> new ArrayList<>()).add(t);
      }
    }
    double perUnit = grouping == ChronoUnit.DAYS ? daysIn(unit) : 1.0;
    Map<String, Customer> result = new HashMap<>();
    byCustomer.forEach((id, own) -> {
      TreeSet<Long> purchasePeriods = new TreeSet<>();
      LocalDate firstPurchase = null;
      for (Transaction t : own) {
        if (t.amount() >= 0) {
          purchasePeriods.add(period(grouping, t.date()));
          if (firstPurchase == null || t.date().isBefore(firstPurchase)) {
            firstPurchase = t.date();
          }
        }
      }
      if (purchasePeriods.isEmpty()) {
        return;
      }
      long first = purchasePeriods.first();
      double total = 0;
      double repeat = 0;
      for (Transaction t : own) {
        total += t.amount();
        if (period(grouping, t.date()) > first) {
          repeat += t.amount();
        }
      }
      int frequency = purchasePeriods.size() - 1;
      result.put(
          id,
          new Customer(
              id,
              frequency,
              (purchasePeriods.last() - first) / perUnit,
              (period(grouping, end) - first) / perUnit,
              frequency == 0 ? 0.0 : repeat / frequency,
              total,
              firstPurchase));
    });
    return result;
  }

  /** What a summary of the rows should report, counted the plain way. */
  static SummaryReport referenceReport(List<Transaction> rows, LocalDate end) {
    long used = rows.stream().filter(t -> !t.date().isAfter(end)).count();
    Map<String, String> status = new TreeMap<>();
    for (Transaction t : rows) {
      String now = status.getOrDefault(t.customerId(), "after end");
      if (!t.date().isAfter(end)) {
        now = t.amount() >= 0 || now.equals("customer") ? "customer" : "refund only";
      }
      status.put(t.customerId(), now);
    }
    int afterEnd = Collections.frequency(status.values(), "after end");
    int refundOnly = Collections.frequency(status.values(), "refund only");
    return new SummaryReport(used, rows.size() - used, afterEnd, refundOnly);
  }

  /** The index of the calendar period holding a date, from java.time alone. */
  static long period(ChronoUnit grouping, LocalDate date) {
    return switch (grouping) {
      case DAYS -> date.toEpochDay();
      case WEEKS ->
        ChronoUnit.WEEKS.between(
            LocalDate.of(1900, 1, 1), // a Monday
            date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
      case MONTHS -> date.getYear() * 12L + date.getMonthValue();
      case YEARS -> date.getYear();
      default -> throw new IllegalArgumentException(grouping.toString());
    };
  }

  /** Days in a unit, with the mean Gregorian year of 365.2425 days. */
  static double daysIn(ChronoUnit unit) {
    return switch (unit) {
      case DAYS -> 1;
      case WEEKS -> 7;
      case MONTHS -> 365.2425 / 12;
      case YEARS -> 365.2425;
      default -> throw new IllegalArgumentException(unit.toString());
    };
  }
}
