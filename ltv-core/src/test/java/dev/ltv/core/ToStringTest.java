package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What JShell echoes: every result type prints as one short line (a base as a short table) that
 * says what it holds, with the same digits whatever the default locale. The tests run under a
 * German default locale, whose decimal comma would otherwise leak into the output.
 */
class ToStringTest {

  private static final LocalDate END = LocalDate.of(2024, 2, 12);

  private Locale defaultLocale;

  @BeforeEach
  void useGermanDefaultLocale() {
    defaultLocale = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
  }

  @AfterEach
  void restoreDefaultLocale() {
    Locale.setDefault(defaultLocale);
  }

  private static TransactionLog log() {
    return TransactionLog.builder()
        .refundPolicy(RefundPolicy.NET)
        .add("a", LocalDate.of(2023, 12, 30), 10)
        .add("a", LocalDate.of(2024, 1, 2), 5)
        .add("a", LocalDate.of(2024, 2, 10), 7.25)
        .add("b", LocalDate.of(2024, 2, 12), 0)
        .add("b", LocalDate.of(2024, 2, 12), -1)
        .add("c", LocalDate.of(2024, 3, 1), 1234.5)
        .build();
  }

  @Test
  void transaction_printsItsFields() {
    assertEquals(
        "Transaction[customerId=a, date=2024-01-02, amount=5.0]",
        Transaction.of("a", "2024-01-02", 5).toString());
  }

  @Test
  void transactionLog_printsSizeCustomersAndDates() {
    assertEquals(
        "TransactionLog[6 transactions, 3 customers, 2023-12-30 to 2024-03-01]",
        log().toString());
    assertEquals("TransactionLog[empty]", TransactionLog.of().toString());
  }

  @Test
  void intakeReport_printsEveryCount() {
    assertEquals(
        "IntakeReport[rows=6, kept=6, zero amounts=1, refunds netted=1, refunds skipped=0]",
        log().report().toString());
    assertEquals(
        "IntakeReport[rows=1,234,567, kept=1,234,000, zero amounts=0, refunds netted=0,"
            + " refunds skipped=567]",
        new IntakeReport(1_234_567, 0, 0, 567).toString());
  }

  @Test
  void customer_printsFiguresWithFixedDecimalsAndFirstDay() {
    Customer a = log().summarize(ChronoUnit.WEEKS, END).get("a");

    assertEquals(
        "Customer[a: frequency=2, recency=6.000, age=6.286, averageSpend=6.13,"
            + " totalSpend=22.25, first=2023-12-30]",
        a.toString());
    assertEquals(
        "Customer[x: frequency=1, recency=1234.000, age=12345.000, averageSpend=1234.50,"
            + " totalSpend=1234.50]",
        Customer.of("x", 1, 1234.0, 12345.0, 1234.5).toString());
  }

  @Test
  void customerBase_printsCountsUnitEndAndTheFirstCustomers() {
    CustomerBase base = log().summarize(ChronoUnit.WEEKS, END);

    assertEquals(
        List.of(
            "CustomerBase[2 customers, 1 repeat buyers, 2 repeat purchases, unit weeks,"
                + " observed to 2024-02-12]",
            "  id           frequency   recency       age    avg spend",
            "  a                    2     6.000     6.286         6.13",
            "  b                    0     0.000     0.000         0.00"),
        base.toString().lines().toList());
  }

  @Test
  void customerBase_ofManyCustomers_printsFiveAndCountsTheRest() {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 1234; i++) {
      customers.add(Customer.of("id" + i, i % 3, i % 3, 3, 2.5));
    }

    List<String> lines = CustomerBase.of(customers).toString().lines().toList();

    assertEquals(
        "CustomerBase[1,234 customers, 822 repeat buyers, 1,233 repeat purchases, unit unnamed]",
        lines.get(0));
    assertEquals(8, lines.size());
    assertEquals("  id4                  1     1.000     3.000         2.50", lines.get(6));
    assertEquals("  ... 1,229 more", lines.get(7));
  }

  @Test
  void summaryReport_printsWhatWasLeftOut() {
    assertEquals(
        "SummaryReport[used=5 rows, after end=1 rows, customers after end=1, refund-only=0]",
        log().summarize(ChronoUnit.WEEKS, END).report().toString());
  }

  @Test
  void distinctRows_printsRowsAndCustomers() {
    assertEquals(
        "DistinctRows[2 rows for 2 customers]",
        log().summarize(ChronoUnit.WEEKS, END).distinctRows().toString());
  }

  @Test
  void calibrationHoldout_printsBothPeriods() {
    CalibrationHoldout split = log().split(LocalDate.of(2024, 1, 31), END, ChronoUnit.WEEKS);

    assertEquals(
        "CalibrationHoldout[1 customers, calibration to 2024-01-31: 1 repeat purchases; holdout to"
            + " 2024-02-12 (1.714 weeks): 1 purchases]",
        split.toString());
  }

  @Test
  void accumulators_printWhatTheyHold() {
    SummaryAccumulator accumulator = new SummaryAccumulator().addAll(log());
    CustomerHistory history = new CustomerHistory()
        .add(LocalDate.of(2024, 1, 2), 1)
        .add(LocalDate.of(2024, 1, 2), 2)
        .add(LocalDate.of(2024, 3, 4), 3);

    assertEquals("SummaryAccumulator[3 customers, 6 rows]", accumulator.toString());
    assertEquals("CustomerHistory[3 rows on 2 days, 2024-01-02 to 2024-03-04]", history.toString());
    assertEquals("CustomerHistory[empty]", new CustomerHistory().toString());
  }

  @Test
  void settings_printTheirValuesAndDefaults() {
    assertEquals(
        "Summarizer[unit=default, groupBy=MONTHS, observationEnd=last date in log]",
        log().summarizer().groupBy(ChronoUnit.MONTHS).toString());
    assertEquals(
        "TransactionCsvReader[id=customer_id, date=date (yyyyMMdd), amount=amount, delimiter=';',"
            + " refunds=REJECT]",
        TransactionLog.csv().datePattern("yyyyMMdd").delimiter(';').toString());
  }

  @Test
  void valuationTerms_printTheTermsInShortDecimals() {
    assertEquals(
        "ValuationTerms[horizon 36 months, 7% a year discount, margin 0.3]",
        ValuationTerms.of(ChronoUnit.MONTHS, 36, 0.07, 0.3).toString());
    assertEquals(
        "ValuationTerms[horizon 2.5 years, 12.5% a year discount, margin 1]",
        ValuationTerms.of(ChronoUnit.YEARS, 2.5, 0.125, 1).toString());
  }

  @Test
  void everyResult_printsOnOneShortLine() {
    TransactionLog log = log();
    CustomerBase base = log.summarize(ChronoUnit.DAYS, END);
    List<Object> results = List.of(
        log,
        log.report(),
        base.customer(0),
        base.report(),
        base.distinctRows(),
        log.split(LocalDate.of(2024, 1, 31), END, ChronoUnit.DAYS),
        new SummaryAccumulator().addAll(log),
        new CustomerHistory().add(END, 1));

    for (Object result : results) {
      String text = result.toString();
      assertTrue(text.lines().count() == 1 && text.length() <= 130, text);
      assertTrue(text.startsWith(result.getClass().getSimpleName() + "["), text);
    }
  }
}
