package dev.ltv.models;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The defining series of ₂F₁ summed term by term in decimal arithmetic with as many digits as its
 * cancellation needs: slow and obviously correct for |z| &lt; 1, with no transformation, so that it
 * can referee the fast implementation wherever the series converges in a reasonable number of
 * terms.
 */
final class SlowHypergeometric {

  private static final MathContext CONTEXT = new MathContext(60);
  private static final BigDecimal LN10 =
      new BigDecimal("2.30258509299404568401799145468436420760110148862877297603333");

  private SlowHypergeometric() {}

  /**
   * Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ to at least 40 significant digits: summed with 60 digits, then again
   * with more if the largest term exceeded the sum by more than 10^20.
   */
  static BigDecimal series(double a, double b, double c, double z) {
    return series(new BigDecimal(a), new BigDecimal(b), new BigDecimal(c), new BigDecimal(z));
  }

  /**
   * Pfaff's form (1 − z)^a ₂F₁(a, b; c; z) = ₂F₁(a, c − b; c; z/(z − 1)) without its prefactor:
   * the series in z/(z − 1), whose parameters and variable are formed here exactly (to 100
   * digits), for z &lt; 0 where the defining series diverges.
   */
  static BigDecimal pfaffSeries(double a, double b, double c, double z) {
    BigDecimal bigZ = new BigDecimal(z);
    BigDecimal x = bigZ.divide(bigZ.subtract(BigDecimal.ONE), new MathContext(100));
    return series(
        new BigDecimal(a), new BigDecimal(c).subtract(new BigDecimal(b)), new BigDecimal(c), x);
  }

  private static BigDecimal series(BigDecimal a, BigDecimal b, BigDecimal c, BigDecimal z) {
    int digits = 60;
    while (true) {
      BigDecimal[] sumAndLargest = sum(a, b, c, z, new MathContext(digits));
      BigDecimal sum = sumAndLargest[0];
      int lost = sum.signum() == 0
          ? digits
          : sumAndLargest[1].precision() - sumAndLargest[1].scale() - sum.precision() + sum.scale();
      if (digits - lost >= 40 || digits >= 1000) {
        return sum;
      }
      digits = lost + 60;
    }
  }

  private static BigDecimal[] sum(
      BigDecimal bigA, BigDecimal bigB, BigDecimal bigC, BigDecimal bigZ, MathContext context) {
    double a = bigA.doubleValue();
    double b = bigB.doubleValue();
    double c = bigC.doubleValue();
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal largest = BigDecimal.ONE;
    BigDecimal threshold = BigDecimal.ONE.movePointLeft(context.getPrecision() - 10);
    for (int n = 0; n < 2_000_000; n++) {
      BigDecimal bn = BigDecimal.valueOf(n);
      BigDecimal numerator = bigA.add(bn).multiply(bigB.add(bn)).multiply(bigZ);
      BigDecimal denominator = bigC.add(bn).multiply(BigDecimal.valueOf(n + 1L));
      term = term.multiply(numerator, context).divide(denominator, context);
      if (term.signum() == 0) {
        return new BigDecimal[] {sum, largest};
      }
      sum = sum.add(term, context);
      if (term.abs().compareTo(largest) > 0) {
        largest = term.abs();
      }
      boolean settled = n > -a && n > -b && n > -c && n > 10;
      if (settled && term.abs().compareTo(sum.abs().multiply(threshold)) < 0) {
        return new BigDecimal[] {sum, largest};
      }
    }
    throw new IllegalStateException("slow series did not converge");
  }

  /** ln |x| of a decimal of any magnitude, to double precision. */
  static double logAbs(BigDecimal x) {
    int exponent10 = x.precision() - x.scale() - 1;
    double mantissa = x.movePointLeft(exponent10).abs().doubleValue();
    // ln of the mantissa (in [1, 10)) in double is within half an ulp of 2.3; the rest is exact.
    return LN10.multiply(BigDecimal.valueOf(exponent10))
        .add(new BigDecimal(Math.log(mantissa)))
        .doubleValue();
  }
}
