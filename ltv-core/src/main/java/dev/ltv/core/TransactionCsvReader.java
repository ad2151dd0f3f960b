package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads transaction files: delimited text with a header line that names the columns. Each setting
 * can be made once. Quoted fields (RFC 4180) are understood; empty lines are skipped; columns other
 * than the three named ones are ignored.
 *
 * <pre>{@code
 * TransactionLog log = TransactionLog.csv()
 *         .customerIdColumn("cust")
 *         .dateColumn("order_date").datePattern("yyyyMMdd")
 *         .amountColumn("revenue")
 *         .delimiter(';')
 *         .refundPolicy(RefundPolicy.NET)
 *         .read(Path.of("orders.csv"));
 * }</pre>
 *
 * <p>A malformed row fails the whole read with a {@link TransactionFileException} that names the
 * file, the line and the column: a missing customer id, a date that does not parse, an amount that
 * is not a finite number, a negative amount while refunds are rejected, or a row with too few
 * fields.
 *
 * @since 0.1
 */
public final class TransactionCsvReader {

  private String customerIdColumn;
  private String dateColumn;
  private String amountColumn;
  private String datePattern;
  private Character delimiter;
  private RefundPolicy refundPolicy;

  TransactionCsvReader() {}

  /**
   * The header of the customer id column; {@code customer_id} unless set.
   *
   * @param name the column's header
   * @return this reader
   */
  public TransactionCsvReader customerIdColumn(String name) {
    checkState(
        customerIdColumn == null, "customerIdColumn was already set to %s", customerIdColumn);
    customerIdColumn = checkName(name);
    return this;
  }

  /**
   * The header of the date column; {@code date} unless set.
   *
   * @param name the column's header
   * @return this reader
   */
  public TransactionCsvReader dateColumn(String name) {
    checkState(dateColumn == null, "dateColumn was already set to %s", dateColumn);
    dateColumn = checkName(name);
    return this;
  }

  /**
   * The header of the amount column; {@code amount} unless set.
   *
   * @param name the column's header
   * @return this reader
   */
  public TransactionCsvReader amountColumn(String name) {
    checkState(amountColumn == null, "amountColumn was already set to %s", amountColumn);
    amountColumn = checkName(name);
    return this;
  }

  /**
   * The {@link DateTimeFormatter} pattern of the dates, such as {@code yyyyMMdd} or {@code
   * dd/MM/yyyy HH:mm}; the time of day, if any, is ignored. Unless set, dates are ISO ({@code
   * 1997-01-31}), optionally followed by a time after a {@code T} or a space.
   *
   * @param pattern the pattern
   * @return this reader
   */
  public TransactionCsvReader datePattern(String pattern) {
    checkState(datePattern == null, "datePattern was already set to %s", datePattern);
    requireNonNull(pattern, "pattern");
    try {
      DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "datePattern '" + pattern + "' is invalid: " + e.getMessage(), e);
    }
    datePattern = pattern;
    return this;
  }

  /**
   * The field delimiter; a comma unless set.
   *
   * @param delimiter the delimiter, not a quote, CR or LF
   * @return this reader
   */
  public TransactionCsvReader delimiter(char delimiter) {
    checkState(this.delimiter == null, "delimiter was already set to '%s'", this.delimiter);
    checkArgument(
        delimiter != '"' && delimiter != '\r' && delimiter != '\n',
        "delimiter cannot be a quote or a line break, was '%s'",
        delimiter);
    this.delimiter = delimiter;
    return this;
  }

  /**
   * What to do with negative amounts; {@link RefundPolicy#REJECT} unless set.
   *
   * @param policy the policy
   * @return this reader
   */
  public TransactionCsvReader refundPolicy(RefundPolicy policy) {
    checkState(refundPolicy == null, "refundPolicy was already set to %s", refundPolicy);
    refundPolicy = requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Reads a file.
   *
   * @param file the file, UTF-8
   * @return the log
   * @throws TransactionFileException if the file cannot be read or a row is malformed
   */
  public TransactionLog read(Path file) {
    requireNonNull(file, "file");
    try (Reader reader = Files.newBufferedReader(file)) {
      return read(reader, file.toString());
    } catch (IOException e) {
      throw new TransactionFileException(file.toString(), 0, null, "cannot be read: " + e, e);
    }
  }

  /**
   * Reads from a reader, which is not closed.
   *
   * @param reader the text
   * @param sourceName the name to give the input in error messages
   * @return the log
   * @throws TransactionFileException if the text cannot be read or a row is malformed
   */
  public TransactionLog read(Reader reader, String sourceName) {
    requireNonNull(reader, "reader");
    requireNonNull(sourceName, "sourceName");
    String idName = customerIdColumn == null ? "customer_id" : customerIdColumn;
    String dateName = dateColumn == null ? "date" : dateColumn;
    String amountName = amountColumn == null ? "amount" : amountColumn;
    DateParser dates = new DateParser(datePattern);
    TransactionLog.Builder builder = TransactionLog.builder();
    if (refundPolicy != null) {
      builder.refundPolicy(refundPolicy);
    }
    // Rows with too few or too many fields are reported below, with the column concerned.
    Fields fields = new Fields();
    CsvReader<Fields> csv = CsvReader.builder()
        .fieldSeparator(delimiter == null ? ',' : delimiter)
        .skipEmptyLines(true)
        .allowMissingFields(true)
        .allowExtraFields(true)
        .build(fields, withoutByteOrderMark(reader, sourceName));
    Iterator<Fields> records = csv.iterator();
    try {
      if (!records.hasNext()) {
        throw new TransactionFileException(
            sourceName,
            0,
            null,
            "is empty: expected a header line naming the columns " + idName + ", " + dateName
                + " and " + amountName,
            null);
      }
      records.next();
      List<String> names = fields.takeHeader();
      long headerLine = fields.line();
      int idIndex = column(names, idName, sourceName, headerLine);
      int dateIndex = column(names, dateName, sourceName, headerLine);
      int amountIndex = column(names, amountName, sourceName, headerLine);
      Field id = fields.capture(idIndex);
      Field date = fields.capture(dateIndex);
      Field amount = fields.capture(amountIndex);
      date.parseIsoDates(datePattern == null);
      amount.parseDecimals();
      id.keepCharacters();
      int needed = fields.needed();
      while (records.hasNext()) {
        records.next();
        long line = fields.line();
        int count = fields.count();
        if (count < needed) {
          int first = Math.min(
              idIndex >= count ? idIndex : needed,
              Math.min(
                  dateIndex >= count ? dateIndex : needed,
                  amountIndex >= count ? amountIndex : needed));
          String missing = first == idIndex ? idName : first == dateIndex ? dateName : amountName;
          throw new TransactionFileException(
              sourceName,
              line,
              missing,
              "the row ends after " + count + (count == 1 ? " field" : " fields")
                  + ", before this column (the header has " + names.size() + ")",
              null);
        }
        if (count > names.size()) {
          throw new TransactionFileException(
              sourceName,
              line,
              null,
              "the row has " + count + " fields but the header names " + names.size()
                  + " columns; is there a delimiter in an unquoted field?",
              null);
        }
        if (id.isBlank()) {
          throw new TransactionFileException(
              sourceName, line, idName, "customer id is missing", null);
        }
        int day = dates.parse(date, sourceName, line, dateName);
        double value = parseAmount(amount, sourceName, line, amountName);
        if (value < 0 && builder.policy() == RefundPolicy.REJECT) {
          throw new TransactionFileException(
              sourceName,
              line,
              amountName,
              "amount " + amount.text() + " is negative (a refund); refunds are"
                  + " rejected unless a RefundPolicy of SKIP or NET is chosen",
              null);
        }
        builder.add(id.chars, id.strippedFrom(), id.strippedTo(), day, value);
      }
    } catch (CsvParseException e) {
      throw new TransactionFileException(
          sourceName, 0, null, "is not valid CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new TransactionFileException(sourceName, 0, null, "cannot be read: " + e.getCause(), e);
    }
    return builder.build();
  }

  private static int column(List<String> names, String name, String source, long line) {
    int found = -1;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().equals(name)) {
        if (found >= 0) {
          throw new TransactionFileException(
              source, line, name, "the header names this column twice: " + names, null);
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new TransactionFileException(
          source, line, name, "no such column in the header; the header has " + names, null);
    }
    return found;
  }

  /** The reader past a leading byte order mark, which some programs write at the start of UTF-8. */
  private static Reader withoutByteOrderMark(Reader reader, String source) {
    PushbackReader pushback = new PushbackReader(reader, 1);
    try {
      int first = pushback.read();
      if (first >= 0 && first != '\uFEFF') {
        pushback.unread(first);
      }
    } catch (IOException e) {
      throw new TransactionFileException(source, 0, null, "cannot be read: " + e, e);
    }
    return pushback;
  }

  private static double parseAmount(Field field, String source, long line, String column) {
    if (field.numberParsed && Double.isFinite(field.number)) {
      return field.number;
    }
    double value;
    try {
      value = DecimalParser.parse(field.chars, field.strippedFrom(), field.strippedTo());
    } catch (NumberFormatException e) {
      throw new TransactionFileException(
          source, line, column, "'" + field.text() + "' is not a number", e);
    }
    if (!Double.isFinite(value)) {
      throw new TransactionFileException(
          source, line, column, "amount must be finite, was " + field.text(), null);
    }
    return value;
  }

  /**
   * Receives the fields of each record from FastCSV as characters: all of the header's, as
   * strings, then only the captured columns of each row, copied into reused buffers. Nothing is
   * allocated per row.
   */
  private static final class Fields extends AbstractBaseCsvCallbackHandler<Fields> {
    private List<String> header = new ArrayList<>();
    private Field[] captured = new Field[0];

    /** The header's fields; from now on only the captured columns are kept. */
    List<String> takeHeader() {
      List<String> names = header;
      header = null;
      return names;
    }

    /** Keeps the column at {@code index} of every following row in the returned field. */
    Field capture(int index) {
      if (index >= captured.length) {
        captured = Arrays.copyOf(captured, index + 1);
      }
      if (captured[index] == null) {
        captured[index] = new Field();
      }
      return captured[index];
    }

    /** The number of fields a row needs to hold every captured column. */
    int needed() {
      return captured.length;
    }

    long line() {
      return getStartingLineNumber();
    }

    int count() {
      return getFieldCount();
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
      for (Field f : captured) {
        if (f != null) {
          f.clear();
        }
      }
    }

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
      if (header != null) {
        header.add(new String(buffer, offset, length));
      } else if (index < captured.length && captured[index] != null) {
        captured[index].set(buffer, offset, length);
      }
    }

    @Override
    protected Fields buildRecord() {
      return this;
    }
  }

  /**
   * One field of the current row. A field of ISO dates or of amounts is parsed as it arrives,
   * straight from the parser's buffer; its characters are kept only when they are needed: for
   * the customer id, and for a message when a value does not parse, or is negative or infinite.
   */
  static final class Field {
    char[] chars = new char[32];
    int length;
    private int from;
    private int to;
    private boolean isoDates;
    private boolean decimals;
    private boolean keep;
    int day;
    boolean dayParsed;
    double number;
    boolean numberParsed;

    /** Parses each value as an ISO date on arrival, if {@code iso}. */
    void parseIsoDates(boolean iso) {
      isoDates = iso;
    }

    /** Parses each value as a number on arrival. */
    void parseDecimals() {
      decimals = true;
    }

    /** Keeps the characters of every value. */
    void keepCharacters() {
      keep = true;
    }

    void set(char[] buffer, int offset, int count) {
      int start = 0;
      while (start < count && isWhitespace(buffer[offset + start])) {
        start++;
      }
      int end = count;
      while (end > start && isWhitespace(buffer[offset + end - 1])) {
        end--;
      }
      from = start;
      to = end;
      boolean done = (isoDates || decimals) && !keep;
      if (isoDates) {
        try {
          day = DateParser.isoEpochDay(buffer, offset + start, offset + end);
          dayParsed = true;
        } catch (IllegalArgumentException e) {
          done = false; // parsed again from the copy, which the message quotes
        }
      }
      if (decimals) {
        try {
          number = DecimalParser.parse(buffer, offset + start, offset + end);
          numberParsed = true;
          done &= number >= 0 && Double.isFinite(number);
        } catch (NumberFormatException e) {
          done = false;
        }
      }
      if (!done) {
        if (count > chars.length) {
          chars = new char[Math.max(count, chars.length * 2)];
        }
        System.arraycopy(buffer, offset, chars, 0, count);
      }
      length = count;
    }

    /**
     * {@link Character#isWhitespace(char)}, answered without a table lookup for the printable
     * ASCII characters that nearly every field starts and ends with.
     */
    private static boolean isWhitespace(char c) {
      return (c <= ' ' || c >= 0x7F) && Character.isWhitespace(c);
    }

    void clear() {
      length = 0;
      from = 0;
      to = 0;
      dayParsed = false;
      numberParsed = false;
    }

    /** The start of the field without leading white space, as {@link String#strip()} has it. */
    int strippedFrom() {
      return from;
    }

    /** The end of the field without trailing white space, as {@link String#strip()} has it. */
    int strippedTo() {
      return to;
    }

    boolean isBlank() {
      return to == from;
    }

    /** The field as it is in the file, for messages. */
    String text() {
      return new String(chars, 0, length);
    }
  }

  private static String checkName(String name) {
    requireNonNull(name, "name");
    checkArgument(!name.isBlank(), "column name is blank");
    return name;
  }

  /** Dates as epoch days: a fast path for ISO dates, a formatter for any other pattern. */
  static final class DateParser {
    private final DateTimeFormatter formatter;
    private final String pattern;

    DateParser(String pattern) {
      this.pattern = pattern;
      this.formatter = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    }

    int parse(Field field, String source, long line, String column) {
      if (field.dayParsed) {
        return field.day;
      }
      try {
        if (formatter == null) {
          return isoEpochDay(field.chars, field.strippedFrom(), field.strippedTo());
        }
        return Math.toIntExact(
            formatter.parse(field.text().strip(), LocalDate::from).toEpochDay());
      } catch (DateTimeException | IllegalArgumentException e) {
        String expected =
            pattern == null ? "an ISO date such as 1997-01-31" : "a date as " + pattern;
        throw new TransactionFileException(
            source, line, column, "'" + field.text() + "' is not " + expected, e);
      }
    }

    /** Parses {@code yyyy-MM-dd}, optionally followed by {@code T} or a space and anything. */
    static int isoEpochDay(String s) {
      return isoEpochDay(s.toCharArray(), 0, s.length());
    }

    /** Parses {@code s[from, to)} as {@link #isoEpochDay(String)} does. */
    static int isoEpochDay(char[] s, int from, int to) {
      int length = to - from;
      if (length < 10
          || s[from + 4] != '-'
          || s[from + 7] != '-'
          || (length > 10 && s[from + 10] != 'T' && s[from + 10] != ' ')) {
        throw new IllegalArgumentException("not an ISO date");
      }
      int year = digits(s, from, from + 4);
      int month = digits(s, from + 5, from + 7);
      int day = digits(s, from + 8, from + 10);
      if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
        throw new IllegalArgumentException("no such day");
      }
      return epochDay(year, month, day);
    }

    /**
     * The epoch day of a valid date of years 0 to 9999, as {@link LocalDate#toEpochDay()} gives
     * it, without making a {@code LocalDate}. Years are counted from March, so that the leap day
     * ends a year; the days of a year's months from March on then follow one formula, and the
     * days before a year are those of 400-year cycles, centuries and 4-year leap cycles.
     */
    static int epochDay(int year, int month, int day) {
      int y = month <= 2 ? year - 1 : year;
      int cycle = Math.floorDiv(y, 400);
      int yearOfCycle = y - cycle * 400;
      int monthFromMarch = month <= 2 ? month + 9 : month - 3;
      int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
      int dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear;
      // 719,468 days from 0000-03-01 to 1970-01-01.
      return cycle * 146_097 + dayOfCycle - 719_468;
    }

    private static int lengthOfMonth(int year, int month) {
      if (month == 2) {
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        return leap ? 29 : 28;
      }
      return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static int digits(char[] s, int from, int to) {
      int value = 0;
      for (int i = from; i < to; i++) {
        int d = s[i] - '0';
        if (d < 0 || d > 9) {
          throw new IllegalArgumentException("not a digit");
        }
        value = value * 10 + d;
      }
      return value;
    }
  }

  @Override
  public String toString() {
    return String.format(
        "TransactionCsvReader[id=%s, date=%s (%s), amount=%s, delimiter='%s', refunds=%s]",
        customerIdColumn == null ? "customer_id" : customerIdColumn,
        dateColumn == null ? "date" : dateColumn,
        datePattern == null ? "ISO" : datePattern,
        amountColumn == null ? "amount" : amountColumn,
        delimiter == null ? ',' : delimiter,
        refundPolicy == null ? RefundPolicy.REJECT : refundPolicy);
  }
}
