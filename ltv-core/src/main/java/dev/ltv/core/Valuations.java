package dev.ltv.core;

import static com.google.common.base.Preconditions.checkState;

/** The discounting rule shared by every valuation strategy; see {@link FittedLtvModel#value}. */
final class Valuations {

  private Valuations() {}

  /**
   * Discounted profit accumulated period by period, from the expected cumulative purchases at the
   * end of each period: the purchases of each period are discounted from the period's end. A curve
   * that dips (by rounding) never makes a period's value negative.
   */
  static double[] cumulative(double[] expectedPurchases, double spend, ValuationTerms terms) {
    int periods = terms.periods();
    checkState(
        expectedPurchases.length == periods,
        "%s expected purchases for %s periods",
        expectedPurchases.length,
        periods);
    double[] result = new double[periods];
    double perPurchase = terms.margin() * spend;
    double previous = 0;
    double sum = 0;
    for (int k = 1; k <= periods; k++) {
      double end = Math.min(k, terms.horizon());
      double e = expectedPurchases[k - 1];
      if (e > previous) {
        sum += (e - previous) * terms.discountFactor(end);
        previous = e;
      }
      result[k - 1] = perPurchase * sum;
    }
    return result;
  }
}
