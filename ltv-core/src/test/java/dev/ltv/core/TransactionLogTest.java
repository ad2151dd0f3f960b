package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building logs row by row: what is accepted, and errors that name the row. */
class TransactionLogTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 5);

  @Test
  void builder_missingCustomerId_namesTheRow() {
    TransactionLog.Builder builder = TransactionLog.builder().add("a", DAY, 1);

    NullPointerException nullId =
        assertThrows(NullPointerException.class, () -> builder.add(null, DAY, 1));
    IllegalArgumentException blankId =
        assertThrows(IllegalArgumentException.class, () -> builder.add(" ", DAY, 1));

    assertEquals("row 2: customerId is null", nullId.getMessage());
    assertEquals("row 2: customer id is missing", blankId.getMessage());
  }

  @Test
  void builder_missingDateOrTransaction_namesTheRow() {
    TransactionLog.Builder builder = TransactionLog.builder();

    NullPointerException date =
        assertThrows(NullPointerException.class, () -> builder.add("a", null, 1));
    NullPointerException transaction = assertThrows(
        NullPointerException.class,
        () -> builder.addAll(Arrays.asList(Transaction.of("a", DAY, 1), null)));

    assertEquals("row 1: date is null", date.getMessage());
    assertEquals("row 2: transaction is null", transaction.getMessage());
  }

  @Test
  void builder_nonFiniteAmount_namesTheRowAndValue() {
    TransactionLog.Builder builder = TransactionLog.builder().add("a", DAY, 1).add("a", DAY, 2);

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> builder.add("a", DAY, Double.POSITIVE_INFINITY));

    assertEquals("row 3: amount must be finite, was Infinity", e.getMessage());
  }

  @Test
  void builder_dateOutOfRange_namesTheRow() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> TransactionLog.builder().add("a", LocalDate.MAX, 1));

    assertTrue(e.getMessage().startsWith("row 1: date +999999999-12-31"), e::getMessage);
  }

  @Test
  void builder_negativeAmountUnderReject_namesTheRowAndThePolicies() {
    TransactionLog.Builder builder = TransactionLog.builder().add("a", DAY, 1);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.add("a", DAY, -3));

    assertTrue(e.getMessage().startsWith("row 2: amount -3.0 is negative"), e::getMessage);
    assertTrue(e.getMessage().contains("SKIP or NET"), e::getMessage);
  }

  @Test
  void builder_negativeAmountsUnderSkipAndNet_areCounted() {
    TransactionLog skipped = TransactionLog.builder()
        .refundPolicy(RefundPolicy.SKIP)
        .add("a", DAY, 1)
        .add("a", DAY, -1)
        .add("b", DAY, -2)
        .build();
    TransactionLog netted = TransactionLog.builder()
        .refundPolicy(RefundPolicy.NET)
        .add("a", DAY, 0)
        .add("a", DAY, -1)
        .add("b", DAY, -2)
        .build();

    assertEquals(new IntakeReport(3, 0, 0, 2), skipped.report());
    assertEquals(1, skipped.size());
    assertEquals(1, skipped.customerCount());
    assertEquals(new IntakeReport(3, 1, 2, 0), netted.report());
    assertEquals(3, netted.size());
    assertEquals(-1.0, netted.summarize(ChronoUnit.DAYS, DAY).get("a").totalSpend());
  }

  @Test
  void builder_refundPolicyAfterRowsOrTwice_fails() {
    IllegalStateException late = assertThrows(
        IllegalStateException.class,
        () -> TransactionLog.builder().add("a", DAY, 1).refundPolicy(RefundPolicy.NET));
    IllegalStateException twice = assertThrows(
        IllegalStateException.class,
        () -> TransactionLog.builder()
            .refundPolicy(RefundPolicy.NET)
            .refundPolicy(RefundPolicy.SKIP));

    assertTrue(late.getMessage().contains("before the first row"), late::getMessage);
    assertEquals("refundPolicy was already set to NET", twice.getMessage());
  }

  @Test
  void builder_afterBuild_failsClearly() {
    TransactionLog.Builder builder = TransactionLog.builder().add("a", DAY, 1);
    builder.build();

    IllegalStateException add =
        assertThrows(IllegalStateException.class, () -> builder.add("a", DAY, 1));
    IllegalStateException build = assertThrows(IllegalStateException.class, builder::build);

    assertEquals("the log was already built", add.getMessage());
    assertEquals("the log was already built", build.getMessage());
  }

  @Test
  void of_transactions_keepsTheirOrderAndNegativeZeroBecomesZero() {
    List<Transaction> rows = List.of(
        Transaction.of("b", "2024-01-02", 5),
        Transaction.of("a", "2024-01-01", -0.0),
        Transaction.of("b", "2024-01-01", 1));

    TransactionLog log = TransactionLog.of(rows);

    assertEquals(rows.get(0), log.get(0));
    assertEquals(Transaction.of("a", "2024-01-01", 0.0), log.get(1));
    assertEquals(rows.get(2), log.get(2));
    assertEquals(2, log.customerCount());
    assertEquals(LocalDate.of(2024, 1, 1), log.firstDate());
    assertEquals(LocalDate.of(2024, 1, 2), log.lastDate());
  }

  @Test
  void firstAndLastDate_ofEmptyLog_failClearly() {
    TransactionLog empty = TransactionLog.of();

    assertEquals(
        "the log is empty",
        assertThrows(IllegalStateException.class, empty::firstDate).getMessage());
    assertEquals(
        "the log is empty",
        assertThrows(IllegalStateException.class, empty::lastDate).getMessage());
  }

  @Test
  void split_holdoutEndNotAfterCalibrationEnd_namesBothDays() {
    TransactionLog log = TransactionLog.of(Transaction.of("a", DAY, 1));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> log.split(DAY, DAY, ChronoUnit.WEEKS));

    assertEquals("holdoutEnd 2024-01-05 must be after calibrationEnd 2024-01-05", e.getMessage());
  }

  @Test
  void split_unsupportedUnit_failsBeforeWork() {
    TransactionLog log = TransactionLog.of(Transaction.of("a", DAY, 1));

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> log.split(DAY, DAY.plusDays(9), ChronoUnit.HOURS));

    assertEquals("time unit must be DAYS, WEEKS, MONTHS or YEARS, was HOURS", e.getMessage());
  }

  @Test
  void transaction_invalidFields_failNamingTheField() {
    assertEquals(
        "customerId is blank",
        assertThrows(IllegalArgumentException.class, () -> Transaction.of("", DAY, 1))
            .getMessage());
    assertEquals(
        "amount must be finite, was NaN",
        assertThrows(IllegalArgumentException.class, () -> Transaction.of("a", DAY, Double.NaN))
            .getMessage());
  }
}
