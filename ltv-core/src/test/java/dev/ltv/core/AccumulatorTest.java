package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SummaryAccumulator} and {@link CustomerHistory} on small hand-made histories. */
class AccumulatorTest {

  private static final LocalDate END = LocalDate.of(2024, 3, 31);

  @Test
  void summarize_reportCountsRowsNotDays() {
    SummaryAccumulator accumulator = new SummaryAccumulator()
        .add("a", LocalDate.of(2024, 1, 5), 10)
        .add("a", LocalDate.of(2024, 1, 5), 5)
        .add("a", LocalDate.of(2024, 1, 5), 0)
        .add("a", LocalDate.of(2024, 2, 1), 20)
        .add("a", LocalDate.of(2024, 4, 2), 7)
        .add("a", LocalDate.of(2024, 4, 2), 8)
        .add("b", LocalDate.of(2024, 4, 9), 30)
        .add("c", LocalDate.of(2024, 3, 1), -4)
        .add("c", LocalDate.of(2024, 4, 1), 12);

    CustomerBase base = accumulator.summarize(ChronoUnit.DAYS, END);

    assertEquals(new SummaryReport(5, 4, 1, 1), base.report());
    assertEquals(1, base.size());
    Customer a = base.get("a");
    assertEquals(1, a.frequency());
    assertEquals(27.0, a.recency());
    assertEquals(86.0, a.age());
    assertEquals(20.0, a.averageSpend());
    assertEquals(35.0, a.totalSpend());
  }

  @Test
  void summarize_reportAddsUpAfterMerges() {
    SummaryAccumulator left = new SummaryAccumulator()
        .add("a", LocalDate.of(2024, 1, 5), 10)
        .add("a", LocalDate.of(2024, 5, 5), 10);
    SummaryAccumulator right = new SummaryAccumulator()
        .add("a", LocalDate.of(2024, 1, 5), 3)
        .add("a", LocalDate.of(2024, 5, 5), 3)
        .add("a", LocalDate.of(2024, 5, 6), 3);

    SummaryReport report = left.merge(right).summarize(ChronoUnit.DAYS, END).report();

    assertEquals(new SummaryReport(2, 3, 0, 0), report);
    assertEquals(5, left.rows());
  }

  @Test
  void customerHistory_countsRowsAndDaysThroughMerges() {
    CustomerHistory history =
        new CustomerHistory().add(LocalDate.of(2024, 1, 5), 10).add(LocalDate.of(2024, 1, 5), -2);
    CustomerHistory other =
        new CustomerHistory().add(LocalDate.of(2024, 1, 5), 1).add(LocalDate.of(2024, 1, 7), 1);

    history.merge(other);

    assertEquals(4, history.rows());
    assertEquals(2, history.days());
    assertEquals(2, other.rows());
    assertEquals(
        Optional.of(new Customer("x", 1, 2, 5, 1, 10, LocalDate.of(2024, 1, 5))),
        history.summarize("x", ChronoUnit.DAYS, LocalDate.of(2024, 1, 10)));
  }

  @Test
  void customerHistory_serializationRoundTrip_keepsEveryFigure() {
    CustomerHistory history = new CustomerHistory()
        .add(LocalDate.of(2023, 12, 31), 10)
        .add(LocalDate.of(2024, 1, 1), 0)
        .add(LocalDate.of(2024, 1, 1), -3)
        .add(LocalDate.of(2024, 2, 29), 42.5);

    CustomerHistory copy = roundTrip(history);

    assertEquals(history.rows(), copy.rows());
    assertEquals(history.days(), copy.days());
    for (ChronoUnit period :
        List.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS)) {
      assertEquals(
          history.summarize("x", period, period, END), copy.summarize("x", period, period, END));
    }
    copy.add(LocalDate.of(2024, 3, 1), 1);
    assertEquals(5, copy.rows());
    assertEquals(4, history.rows());
  }

  @Test
  void customerHistory_summarize_unitConflictingWithGrouping_namesBoth() {
    CustomerHistory history = new CustomerHistory().add(LocalDate.of(2024, 1, 5), 10);

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> history.summarize("x", ChronoUnit.DAYS, ChronoUnit.WEEKS, END));

    assertTrue(e.getMessage().contains("DAYS") && e.getMessage().contains("WEEKS"), e::getMessage);
  }

  @Test
  void customerHistory_add_nonFiniteAmount_fails() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> new CustomerHistory().add(LocalDate.of(2024, 1, 5), Double.NaN));

    assertTrue(e.getMessage().contains("NaN"), e::getMessage);
  }

  @Test
  void customerHistory_onlyRowsAfterTheEnd_summarizesToNothing() {
    CustomerHistory history = new CustomerHistory().add(LocalDate.of(2024, 6, 5), 10);

    assertEquals(Optional.empty(), history.summarize("x", ChronoUnit.DAYS, END));
  }

  static CustomerHistory roundTrip(CustomerHistory history) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(history);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (CustomerHistory) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
