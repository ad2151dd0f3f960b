package dev.ltv.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading transaction files: the formats accepted, and for every malformed input an exception that
 * names the file, the line (counted from 1, header included) and the column.
 */
class TransactionCsvReaderTest {

  private static final String HEADER = "customer_id,date,amount\n";

  @TempDir
  Path dir;

  // Formats accepted.

  @Test
  void readCsv_plainFile_readsEveryRowAndIgnoresOtherColumns() {
    Path file = write("customer_id,date,quantity,amount\n"
        + "c1,1997-01-01,2,29.33\n"
        + "c1,1997-01-18,1,5\n"
        + "c2,1997-02-28,1,0.5\n");

    TransactionLog log = TransactionLog.readCsv(file);

    assertEquals(
        List.of(
            Transaction.of("c1", "1997-01-01", 29.33),
            Transaction.of("c1", "1997-01-18", 5),
            Transaction.of("c2", "1997-02-28", 0.5)),
        log.transactions());
    assertEquals(new IntakeReport(3, 0, 0, 0), log.report());
  }

  @Test
  void readCsv_headerOnly_givesAnEmptyLog() {
    TransactionLog log = TransactionLog.readCsv(write(HEADER));

    assertEquals(0, log.size());
    assertEquals(0, log.summarize(ChronoUnit.DAYS, LocalDate.of(2000, 1, 1)).size());
  }

  @Test
  void readCsv_byteOrderMark_isIgnored() {
    TransactionLog plain = TransactionLog.readCsv(write("\uFEFF" + HEADER + "c1,1997-01-01,1\n"));
    TransactionLog quoted = TransactionLog.readCsv(
        write("\uFEFF\"customer_id\",\"date\",\"amount\"\n\"c1\",1997-01-01,1\n"));

    assertEquals(List.of(Transaction.of("c1", "1997-01-01", 1)), plain.transactions());
    assertEquals(List.of(Transaction.of("c1", "1997-01-01", 1)), quoted.transactions());
  }

  @Test
  void readCsv_quotedFields_areUnquotedAndMayHoldDelimitersAndLineBreaks() {
    Path file = write("customer_id,note,date,amount\n"
        + "\"c,1\",\"said \"\"hi\"\"\",\"1997-01-01\",\"12.50\"\n"
        + "c2,\"two\nlines\",1997-01-02,3\n"
        + "c3,,1997-13-02,3\n");

    TransactionFileException e =
        assertThrows(TransactionFileException.class, () -> TransactionLog.readCsv(file));
    assertError(e, file, 5, "date");

    TransactionLog log = TransactionLog.readCsv(write("customer_id,note,date,amount\n"
        + "\"c,1\",\"said \"\"hi\"\"\",\"1997-01-01\",\"12.50\"\n"
        + "c2,\"two\nlines\",1997-01-02,3\n"));
    assertEquals(
        List.of(Transaction.of("c,1", "1997-01-01", 12.5), Transaction.of("c2", "1997-01-02", 3)),
        log.transactions());
  }

  @Test
  void readCsv_windowsLineEndsAndEmptyLines_countEveryPhysicalLine() {
    Path file =
        write("customer_id,date,amount\r\n\r\nc1,1997-01-01,1\r\n\r\n\r\nc2,1997-01-0x,2\r\n");

    TransactionFileException e =
        assertThrows(TransactionFileException.class, () -> TransactionLog.readCsv(file));

    assertError(e, file, 6, "date");
  }

  @Test
  void readCsv_isoDateWithTimeOfDay_keepsTheDay() {
    TransactionLog log = TransactionLog.readCsv(
        write(HEADER + "c1,1997-01-01T23:59:59,1\nc1,1997-01-02 00:00,2\nc1, 1997-01-03 ,3\n"));

    assertEquals(
        List.of(LocalDate.of(1997, 1, 1), LocalDate.of(1997, 1, 2), LocalDate.of(1997, 1, 3)),
        log.stream().map(Transaction::date).toList());
  }

  @Test
  void csv_otherColumnsDelimiterAndCompactDatePattern_readsTheFile() {
    Path file = write("cust;order_date;revenue\nc1;19970101;29.33\nc2;20000229;1\n");

    TransactionLog log = TransactionLog.csv()
        .customerIdColumn("cust")
        .dateColumn("order_date")
        .amountColumn("revenue")
        .datePattern("yyyyMMdd")
        .delimiter(';')
        .read(file);

    assertEquals(
        List.of(Transaction.of("c1", "1997-01-01", 29.33), Transaction.of("c2", "2000-02-29", 1)),
        log.transactions());
  }

  @Test
  void csv_tabDelimiterAndPatternWithTimeOfDay_keepsTheDay() {
    Path file =
        write("customer_id\tdate\tamount\nc1\t31/12/1999 23:59\t5\nc1\t01/01/2000 00:01\t6\n");

    TransactionLog log =
        TransactionLog.csv().delimiter('\t').datePattern("dd/MM/yyyy HH:mm").read(file);

    assertEquals(
        List.of(Transaction.of("c1", "1999-12-31", 5), Transaction.of("c1", "2000-01-01", 6)),
        log.transactions());
  }

  @Test
  void csv_readerInput_usesTheGivenNameInErrors() {
    TransactionFileException e = assertThrows(
        TransactionFileException.class,
        () -> TransactionLog.csv()
            .read(new StringReader(HEADER + "c1,1997-01-01,x\n"), "orders from the shop"));

    assertEquals("orders from the shop", e.source());
    assertTrue(e.getMessage().startsWith("orders from the shop, line 2, column amount: "));
  }

  // Rows the reader rejects, each with the file, line and column.

  @ParameterizedTest
  @ValueSource(strings = {",1997-01-02,2", "   ,1997-01-02,2", "\"\",1997-01-02,2"})
  void readCsv_missingCustomerId_namesFileLineAndColumn(String row) {
    Path file = write(HEADER + "c1,1997-01-01,1\n" + row + "\n");

    assertError(readFails(file), file, 3, "customer_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1997-13-01", "1997-02-30", "01/02/1997", "1997-1-1", "", "yesterday"})
  void readCsv_unparseableDate_namesFileLineAndColumn(String date) {
    Path file = write(HEADER + "c1," + date + ",1\n");

    TransactionFileException e = readFails(file);

    assertError(e, file, 2, "date");
    assertTrue(e.getMessage().contains("'" + date + "'"), e::getMessage);
    assertTrue(e.getMessage().contains("ISO date"), e::getMessage);
  }

  @Test
  void csv_dateNotMatchingThePattern_namesFileLineColumnAndPattern() {
    Path file = write(HEADER + "c1,19970101,1\nc1,1997-01-02,1\n");

    TransactionFileException e = assertThrows(
        TransactionFileException.class,
        () -> TransactionLog.csv().datePattern("yyyyMMdd").read(file));

    assertError(e, file, 3, "date");
    assertTrue(e.getMessage().contains("yyyyMMdd"), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "12,50", "1.2.3", "€5"})
  void readCsv_unparseableAmount_namesFileLineAndColumn(String amount) {
    Path file = write(HEADER + "c1,1997-01-01,\"" + amount + "\"\n");

    TransactionFileException e = readFails(file);

    assertError(e, file, 2, "amount");
    assertTrue(e.getMessage().contains("not a number"), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
  void readCsv_nonFiniteAmount_namesFileLineAndColumn(String amount) {
    Path file = write(HEADER + "c1,1997-01-01," + amount + "\n");

    TransactionFileException e = readFails(file);

    assertError(e, file, 2, "amount");
    assertTrue(e.getMessage().contains("finite"), e::getMessage);
  }

  @Test
  void readCsv_shortRow_namesFileLineAndTheFirstMissingColumn() {
    Path noAmount = write(HEADER + "c1,1997-01-01,1\nc1,1997-01-02\n");
    Path idOnly = write("amount,customer_id,note,date\n1,c1,,1997-01-01\n2,c1\n");

    assertError(readFails(noAmount), noAmount, 3, "amount");
    assertError(readFails(idOnly), idOnly, 3, "date");
  }

  @Test
  void readCsv_shortRowMissingOnlyAnIgnoredColumn_isRead() {
    Path file = write("customer_id,date,amount,note\nc1,1997-01-01,1\n");

    assertEquals(1, TransactionLog.readCsv(file).size());
  }

  @Test
  void readCsv_rowWithMoreFieldsThanTheHeader_namesFileAndLine() {
    // An unquoted thousands separator would otherwise shift the amount silently.
    Path file = write(HEADER + "c1,1997-01-01,1,234.50\n");

    TransactionFileException e = readFails(file);

    assertEquals(file.toString(), e.source());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains(file + ", line 2"), e::getMessage);
    assertTrue(e.getMessage().contains("4 fields"), e::getMessage);
  }

  @Test
  void readCsv_missingHeaderColumn_namesFileHeaderLineAndColumn() {
    Path file = write("customer_id,day,amount\nc1,1997-01-01,1\n");

    TransactionFileException e = readFails(file);

    assertError(e, file, 1, "date");
    assertTrue(e.getMessage().contains("[customer_id, day, amount]"), e::getMessage);
  }

  @Test
  void readCsv_columnNamedTwice_namesFileAndColumn() {
    Path file = write("customer_id,date,amount,amount\nc1,1997-01-01,1,2\n");

    assertError(readFails(file), file, 1, "amount");
  }

  @Test
  void readCsv_emptyFile_namesFileAndTheExpectedHeader() {
    for (String text : List.of("", "\n\n", "\uFEFF")) {
      Path file = write(text);

      TransactionFileException e = readFails(file);

      assertEquals(file.toString(), e.source());
      assertTrue(e.getMessage().startsWith(file + ": is empty"), e::getMessage);
      assertTrue(e.getMessage().contains("customer_id, date and amount"), e::getMessage);
    }
  }

  @Test
  void readCsv_missingFile_namesFile() {
    Path file = dir.resolve("nowhere.csv");

    TransactionFileException e = readFails(file);

    assertEquals(file.toString(), e.source());
    assertTrue(e.getMessage().contains("cannot be read"), e::getMessage);
  }

  // Negative and zero amounts.

  @Test
  void readCsv_negativeAmountUnderReject_namesFileLineAndColumn() {
    Path file = write(HEADER + "c1,1997-01-01,10\nc1,1997-01-02,-2.5\n");

    TransactionFileException e = readFails(file);

    assertError(e, file, 3, "amount");
    assertTrue(e.getMessage().contains("-2.5") && e.getMessage().contains("RefundPolicy"));
  }

  @Test
  void csv_negativeAmountsUnderSkip_areLeftOutAndCounted() {
    Path file = write(HEADER + "c1,1997-01-01,10\nc1,1997-01-02,-2.5\nc2,1997-01-03,-1\n");

    TransactionLog log = TransactionLog.csv().refundPolicy(RefundPolicy.SKIP).read(file);

    assertEquals(new IntakeReport(3, 0, 0, 2), log.report());
    assertEquals(List.of(Transaction.of("c1", "1997-01-01", 10)), log.transactions());
  }

  @Test
  void csv_negativeAmountsUnderNet_areKeptNettedAndCounted() {
    Path file = write(HEADER
        + "c1,1997-01-01,10\n"
        + "c1,1997-01-02,-2.5\n"
        + "c1,1997-01-05,4\n"
        + "c2,1997-01-03,-1\n");

    TransactionLog log = TransactionLog.csv().refundPolicy(RefundPolicy.NET).read(file);
    CustomerBase base = log.summarize(ChronoUnit.DAYS, LocalDate.of(1997, 1, 31));

    assertEquals(new IntakeReport(4, 0, 2, 0), log.report());
    assertEquals(4, log.size());
    Customer c1 = base.get("c1");
    assertEquals(1, c1.frequency());
    assertEquals(11.5, c1.totalSpend());
    assertEquals(1.5, c1.averageSpend());
    assertEquals(1, base.report().refundOnlyCustomers());
  }

  @Test
  void readCsv_zeroAmounts_areKeptAsPurchasesAndCounted() {
    Path file = write(HEADER + "c1,1997-01-01,0\nc1,1997-01-02,0.00\nc1,1997-01-03,-0\n");

    TransactionLog log = TransactionLog.readCsv(file);

    assertEquals(new IntakeReport(3, 3, 0, 0), log.report());
    assertEquals(
        2, log.summarize(ChronoUnit.DAYS, LocalDate.of(1997, 1, 3)).get("c1").frequency());
  }

  // Settings.

  @Test
  void csv_settingMadeTwice_namesThePreviousValue() {
    assertSettingTwice(r -> r.delimiter(';').delimiter(','), "delimiter was already set to ';'");
    assertSettingTwice(
        r -> r.datePattern("yyyyMMdd").datePattern("dd.MM.yyyy"),
        "datePattern was already set to yyyyMMdd");
    assertSettingTwice(
        r -> r.customerIdColumn("a").customerIdColumn("b"),
        "customerIdColumn was already set to a");
    assertSettingTwice(
        r -> r.refundPolicy(RefundPolicy.NET).refundPolicy(RefundPolicy.SKIP),
        "refundPolicy was already set to NET");
  }

  @Test
  void csv_invalidDatePatternOrDelimiter_failsWhenSet() {
    IllegalArgumentException pattern = assertThrows(
        IllegalArgumentException.class, () -> TransactionLog.csv().datePattern("yyyy-MM-dd{"));
    IllegalArgumentException quote =
        assertThrows(IllegalArgumentException.class, () -> TransactionLog.csv().delimiter('"'));
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> TransactionLog.csv().dateColumn(" "));

    assertTrue(pattern.getMessage().contains("yyyy-MM-dd{"), pattern::getMessage);
    assertTrue(quote.getMessage().contains("quote"), quote::getMessage);
    assertTrue(blank.getMessage().contains("blank"), blank::getMessage);
  }

  private static void assertSettingTwice(
      Function<TransactionCsvReader, TransactionCsvReader> settings, String message) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> settings.apply(TransactionLog.csv()));
    assertEquals(message, e.getMessage());
  }

  private static TransactionFileException readFails(Path file) {
    return assertThrows(TransactionFileException.class, () -> TransactionLog.readCsv(file));
  }

  /** The exception names the file, line and column, in its fields and its message. */
  private static void assertError(TransactionFileException e, Path file, long line, String column) {
    String prefix = file + ", line " + line + ", column " + column + ": ";
    assertAll(
        () -> assertEquals(file.toString(), e.source()),
        () -> assertEquals(line, e.line()),
        () -> assertEquals(column, e.column()),
        () -> assertTrue(e.getMessage().startsWith(prefix), e::getMessage));
  }

  private Path write(String text) {
    try {
      Path file = Files.createTempFile(dir, "transactions", ".csv");
      Files.writeString(file, text, UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
