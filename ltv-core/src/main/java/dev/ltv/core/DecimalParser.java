package dev.ltv.core;

/**
 * Parses numbers straight from characters, giving exactly the double that {@link
 * Double#parseDouble} gives for the same text, and failing where it fails.
 *
 * <p>Amounts in transaction files are short decimals such as {@code 12.99}. For those, an optional
 * sign, digits and an optional fraction with at most 15 significant digits and at most 22 digits
 * after the point, the value is computed directly: the digits form an integer below 10<sup>15</sup>
 * and the divisor is a power of ten up to 10<sup>22</sup>; both are exact doubles, and IEEE
 * division of two exact values is correctly rounded, which is what {@code Double.parseDouble}
 * returns too. Any other text (exponents, more digits, {@code NaN}, hexadecimal, type suffixes,
 * stray characters) goes to {@code Double.parseDouble} itself.
 */
final class DecimalParser {

  private static final int MAX_SIGNIFICANT_DIGITS = 15;

  /** Powers of ten that doubles hold exactly: 10<sup>0</sup> to 10<sup>22</sup>. */
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private DecimalParser() {}

  /**
   * The double that {@code Double.parseDouble(new String(chars, from, to - from))} gives.
   *
   * @throws NumberFormatException where {@code Double.parseDouble} throws it
   */
  static double parse(char[] chars, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (chars[i] == '-' || chars[i] == '+')) {
      negative = chars[i] == '-';
      i++;
    }
    long digits = 0;
    int significant = 0;
    int fractionDigits = 0;
    boolean anyDigit = false;
    boolean point = false;
    for (; i < to; i++) {
      char c = chars[i];
      if (c >= '0' && c <= '9') {
        anyDigit = true;
        if (point) {
          fractionDigits++;
        }
        if (digits == 0 && c == '0') {
          continue; // a leading zero is not significant
        }
        if (++significant > MAX_SIGNIFICANT_DIGITS) {
          return slow(chars, from, to);
        }
        digits = digits * 10 + (c - '0');
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return slow(chars, from, to);
      }
    }
    if (!anyDigit || fractionDigits >= POWERS_OF_TEN.length) {
      return slow(chars, from, to);
    }
    double value = digits / POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }

  private static double slow(char[] chars, int from, int to) {
    return Double.parseDouble(new String(chars, from, to - from));
  }
}
