package dev.ltv.core;

import java.util.function.DoubleUnaryOperator;

/** The discounting rule shared by every valuation strategy; see {@link FittedLtvModel#value}. */
final class Valuations {

  private Valuations() {}

  /**
   * Discounted profit accumulated period by period, from a curve of expected cumulative purchases:
   * the purchases of each period, spread evenly over it, at the mean discount factor of the period.
   * A curve that dips (by rounding) never makes a period's value negative.
   */
  static double[] cumulative(
      DoubleUnaryOperator expectedPurchases, double spend, ValuationTerms terms) {
    int periods = terms.periods();
    double[] result = new double[periods];
    double perPurchase = terms.margin() * spend;
    double previous = 0;
    double start = 0;
    double sum = 0;
    for (int k = 1; k <= periods; k++) {
      double end = Math.min(k, terms.horizon());
      double e = expectedPurchases.applyAsDouble(end);
      if (e > previous) {
        sum += (e - previous) * terms.meanDiscountFactor(start, end);
        previous = e;
      }
      result[k - 1] = perPurchase * sum;
      start = end;
    }
    return result;
  }
}
