package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The parsers the CSV reader uses on raw characters, against the JDK's parsers of strings, which
 * are the reference: {@link DecimalParser} must give the same double bit for bit (negative zero
 * included) and throw where {@link Double#parseDouble} throws; the ISO date fast path must agree
 * with {@link LocalDate}.
 */
class DecimalParserTest {

  @Property(tries = 5000)
  void parse_shortDecimals_givesTheSameDoubleAsParseDouble(@ForAll("decimals") String text) {
    assertSameAsParseDouble(text);
  }

  @Property(tries = 3000)
  void parse_anyTextOfNumberCharacters_agreesWithParseDouble(@ForAll("numberish") String text) {
    assertSameAsParseDouble(text);
  }

  @Property(tries = 3000)
  void parse_printedDoubles_givesTheSameDoubleAsParseDouble(@ForAll double value) {
    assertSameAsParseDouble(Double.toString(value));
    if (Double.isFinite(value) && Math.abs(value) < 1e30 && Math.abs(value) > 1e-30) {
      assertSameAsParseDouble(new BigDecimal(value).toPlainString());
      assertSameAsParseDouble(BigDecimal.valueOf(value).toPlainString());
    }
  }

  @Example
  void parse_edgeCases_givesTheSameDoubleAsParseDouble() {
    String[] texts = {
      "0",
      "-0",
      "+0",
      "0.0",
      "-0.0",
      "00000",
      ".5",
      "5.",
      "-.5",
      "+5.",
      ".",
      "-",
      "+",
      "",
      " ",
      "1.5 ",
      " 1.5",
      "1..5",
      "1.5.",
      "--1",
      "+-1",
      "1e3",
      "1E-3",
      "1.5d",
      "1.5F",
      "NaN",
      "Infinity",
      "-Infinity",
      "0x1p3",
      "1_000",
      "１２",
      "0.1",
      "0.2",
      "0.3",
      "19.99",
      "999999999999999",
      "9999999999999999",
      "999999999999999.5",
      "0.000000000000000000001",
      "0.0000000000000000000001",
      "0.00000000000000000000001",
      "123456789012345",
      "1234567890123456",
      "12345678901234567890",
      "9007199254740993",
      "9007199254740992.0",
      "1.0000000000000000000000",
      "4.35",
      "0.30000000000000004",
      "2.2250738585072014E-308",
      "1.7976931348623157E308",
      "1e400",
      "100000000000000000000000",
      "1000000000000000.0",
      "0.123456789012345",
      "0.1234567890123456",
      "99999999999999.99",
      "-123.456000"
    };
    for (String text : texts) {
      assertSameAsParseDouble(text);
    }
  }

  @Property(tries = 2000)
  void isoEpochDay_printedDates_matchesLocalDate(
      @ForAll @IntRange(min = -719_528, max = 2_932_896) int epochDay) {
    // Years 0 to 9999: the dates LocalDate prints with four digits.
    LocalDate date = LocalDate.ofEpochDay(epochDay);

    assertEquals(epochDay, TransactionCsvReader.DateParser.isoEpochDay(date.toString()));
    char[] padded = ("xx" + date + "T12:00yy").toCharArray();
    assertEquals(
        epochDay, TransactionCsvReader.DateParser.isoEpochDay(padded, 2, padded.length - 2));
  }

  @Property(tries = 3000)
  void isoEpochDay_anyDigits_agreesWithLocalDateOnWhatExists(
      @ForAll @IntRange(min = 0, max = 9999) int year,
      @ForAll @IntRange(min = 0, max = 13) int month,
      @ForAll @IntRange(min = 0, max = 32) int day) {
    String text = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
    Integer expected;
    try {
      expected = Math.toIntExact(LocalDate.of(year, month, day).toEpochDay());
    } catch (DateTimeException e) {
      expected = null;
    }

    if (expected == null) {
      assertThrows(
          IllegalArgumentException.class,
          () -> TransactionCsvReader.DateParser.isoEpochDay(text),
          text);
    } else {
      assertEquals(expected, TransactionCsvReader.DateParser.isoEpochDay(text), text);
    }
  }

  @Example
  void isoEpochDay_leapDays_onlyInLeapYears() {
    assertEquals(
        LocalDate.of(2000, 2, 29).toEpochDay(),
        TransactionCsvReader.DateParser.isoEpochDay("2000-02-29"));
    assertEquals(
        LocalDate.of(2024, 2, 29).toEpochDay(),
        TransactionCsvReader.DateParser.isoEpochDay("2024-02-29"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TransactionCsvReader.DateParser.isoEpochDay("1900-02-29"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TransactionCsvReader.DateParser.isoEpochDay("2023-02-29"));
  }

  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
    Arbitrary<String> zeros = Arbitraries.strings().withChars('0').ofMaxLength(4);
    Arbitrary<String> integer = Arbitraries.strings().numeric().ofMaxLength(18);
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMaxLength(25);
    Arbitrary<String> point = Arbitraries.of(".", ".", "");
    return Combinators.combine(sign, zeros, integer, point, fraction)
        .as((s, z, i, p, f) -> s + z + i + p + (p.isEmpty() ? "" : f));
  }

  @Provide
  Arbitrary<String> numberish() {
    return Arbitraries.strings().withChars("0123456789.+-eEdDfFxXpP _aNIny\t").ofMaxLength(24);
  }

  private static void assertSameAsParseDouble(String text) {
    char[] padded = ("7." + text + "9e").toCharArray();
    int from = 2;
    int to = padded.length - 2;
    Double expected;
    try {
      expected = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      assertThrows(NumberFormatException.class, () -> DecimalParser.parse(padded, from, to), text);
      return;
    }
    double actual = DecimalParser.parse(padded, from, to);
    assertEquals(
        Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), () -> text);
  }
}
