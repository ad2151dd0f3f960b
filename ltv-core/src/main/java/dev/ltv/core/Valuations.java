package dev.ltv.core;

import java.util.function.DoubleUnaryOperator;

/** The discounting rule shared by every valuation strategy; see {@link FittedLtvModel#value}. */
final class Valuations {

  private Valuations() {}

  /**
   * Discounted profit accumulated period by period, from a curve of expected cumulative purchases.
   * A curve that dips (by rounding) never makes a period's value negative.
   */
  static double[] cumulative(
      DoubleUnaryOperator expectedPurchases, double spend, ValuationTerms terms) {
    int periods = terms.periods();
    double[] result = new double[periods];
    double perPurchase = terms.margin() * spend;
    double step = -terms.yearsPerUnit() * Math.log1p(terms.annualDiscountRate());
    double previous = 0;
    double sum = 0;
    for (int k = 1; k <= periods; k++) {
      double t = Math.min(k, terms.horizon());
      double e = expectedPurchases.applyAsDouble(t);
      if (e > previous) {
        sum += (e - previous) * Math.exp(step * t);
        previous = e;
      }
      result[k - 1] = perPurchase * sum;
    }
    return result;
  }
}
