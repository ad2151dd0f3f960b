package dev.ltv.core;

import static dev.ltv.core.LogFixture.assertSameSummaries;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The accumulators are mergeable: a log split into arbitrary parts, each accumulated on its own and
 * then merged in any order, summarizes as the whole log does.
 */
class AccumulatorPropertiesTest {

  @Provide
  Arbitrary<LogFixture.Sample> logs() {
    return LogFixture.logs();
  }

  @Property(tries = 200)
  void summaryAccumulator_mergeOfArbitraryParts_equalsTheWholeLog(
      @ForAll("logs") LogFixture.Sample sample,
      @ForAll @IntRange(min = 1, max = 6) int partCount,
      @ForAll Random random) {
    List<SummaryAccumulator> parts = new ArrayList<>();
    for (int p = 0; p < partCount; p++) {
      parts.add(new SummaryAccumulator());
    }
    for (Transaction t : sample.shuffled(random)) {
      parts.get(random.nextInt(partCount)).add(t);
    }
    Collections.shuffle(parts, random);
    SummaryAccumulator merged = new SummaryAccumulator();
    for (SummaryAccumulator part : parts) {
      merged.merge(part);
    }

    TransactionLog whole = sample.log();
    assertEquals(whole.size(), merged.rows());
    assertEquals(whole.customerCount(), merged.customerCount());
    for (ChronoUnit grouping : LogFixture.PERIODS) {
      assertSameSummaries(
          whole.summarizer().groupBy(grouping).observationEnd(sample.end()).summarize(),
          merged.summarize(grouping, grouping, sample.end()),
          sample,
          partCount + " parts, groupBy " + grouping);
    }
  }

  @Property(tries = 200)
  void customerHistory_mergeOfArbitraryParts_equalsTheWholeHistory(
      @ForAll("logs") LogFixture.Sample sample,
      @ForAll @IntRange(min = 1, max = 5) int partCount,
      @ForAll Random random) {
    Map<String, CustomerHistory> whole = new LinkedHashMap<>();
    Map<String, List<CustomerHistory>> parts = new LinkedHashMap<>();
    for (Transaction t : sample.shuffled(random)) {
      whole.computeIfAbsent(t.customerId(), id -> new CustomerHistory()).add(t.date(), t.amount());
      List<CustomerHistory> own = parts.computeIfAbsent(t.customerId(), id -> histories(partCount));
      own.get(random.nextInt(partCount)).add(t.date(), t.amount());
    }

    for (ChronoUnit grouping : LogFixture.PERIODS) {
      Map<String, Customer> expected = new LinkedHashMap<>();
      Map<String, Customer> actual = new LinkedHashMap<>();
      whole.forEach((id, history) -> {
        List<CustomerHistory> own = new ArrayList<>(parts.get(id));
        Collections.shuffle(own, random);
        CustomerHistory merged = new CustomerHistory();
        own.forEach(merged::merge);
        assertEquals(history.rows(), merged.rows(), id);
        assertEquals(history.days(), merged.days(), id);
        put(expected, history.summarize(id, grouping, grouping, sample.end()));
        put(actual, merged.summarize(id, grouping, grouping, sample.end()));
      });
      assertSameSummaries(expected, actual, sample, "groupBy " + grouping);
      assertSameSummaries(
          LogFixture.reference(sample.rows(), grouping, grouping, sample.end()),
          actual,
          sample,
          "reference, groupBy " + grouping);
    }
  }

  @Property(tries = 200)
  void merge_leavesTheMergedAccumulatorUnchanged(
      @ForAll("logs") LogFixture.Sample sample, @ForAll Random random) {
    SummaryAccumulator first = new SummaryAccumulator();
    SummaryAccumulator second = new SummaryAccumulator();
    for (Transaction t : sample.shuffled(random)) {
      (random.nextBoolean() ? first : second).add(t);
    }
    CustomerBase before = second.summarize(ChronoUnit.DAYS, sample.end());

    first.merge(second);
    first.add(sample.rows().get(0));

    assertSameSummaries(
        before, second.summarize(ChronoUnit.DAYS, sample.end()), sample, "after the merge");
  }

  @Property(tries = 200)
  void customerHistory_afterSerialization_summarizesTheSameAndKeepsAccumulating(
      @ForAll("logs") LogFixture.Sample sample, @ForAll Random random) {
    String id = sample.rows().get(0).customerId();
    List<Transaction> own =
        sample.rows().stream().filter(t -> t.customerId().equals(id)).toList();
    CustomerHistory original = new CustomerHistory();
    CustomerHistory rest = new CustomerHistory();
    for (Transaction t : own) {
      (random.nextBoolean() ? original : rest).add(t.date(), t.amount());
    }

    CustomerHistory copy = AccumulatorTest.roundTrip(original);
    assertEquals(original.rows(), copy.rows());
    assertEquals(original.days(), copy.days());
    assertEquals(original.toString(), copy.toString());
    LocalDate end = sample.end();
    assertEquals(
        original.summarize(id, ChronoUnit.WEEKS, end), copy.summarize(id, ChronoUnit.WEEKS, end));

    copy.merge(rest);
    original.merge(rest);
    assertEquals(
        original.summarize(id, ChronoUnit.MONTHS, ChronoUnit.MONTHS, end),
        copy.summarize(id, ChronoUnit.MONTHS, ChronoUnit.MONTHS, end));
    assertEquals(own.size(), copy.rows());
  }

  private static List<CustomerHistory> histories(int n) {
    List<CustomerHistory> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      result.add(new CustomerHistory());
    }
    return result;
  }

  private static void put(Map<String, Customer> map, Optional<Customer> customer) {
    customer.ifPresent(c -> map.put(c.id(), c));
  }
}
