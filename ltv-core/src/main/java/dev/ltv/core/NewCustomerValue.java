package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * What a customer acquired now is worth, for budget planning: the profit from their first purchase
 * plus the discounted expected profit from their repeat purchases over the horizon.
 *
 * <p>The first purchase is valued at the mean first purchase of the base (its total spend less its
 * repeat purchases), which is 0 for a base built from figures without first purchases. It is
 * counted at the start, undiscounted.
 *
 * @since 0.1
 */
public final class NewCustomerValue {

  private final String model;
  private final ValuationTerms terms;
  private final double firstPurchase;
  private final double[] cumulativeRepeat;

  NewCustomerValue(String model, ValuationTerms terms, double firstPurchase, double[] cumulative) {
    this.model = model;
    this.terms = terms;
    this.firstPurchase = firstPurchase;
    this.cumulativeRepeat = cumulative.clone();
  }

  /** The terms of the valuation. */
  public ValuationTerms terms() {
    return terms;
  }

  /** The profit from the first purchase: the mean first purchase times the margin. */
  public double firstPurchaseValue() {
    return firstPurchase;
  }

  /** The discounted expected profit from repeat purchases over the horizon. */
  public double repeatValue() {
    return cumulativeRepeat[cumulativeRepeat.length - 1];
  }

  /** The whole value: first purchase plus repeat purchases. */
  public double value() {
    return firstPurchase + repeatValue();
  }

  /**
   * The value accumulated to the end of each period: element {@code k - 1} holds the first purchase
   * and the repeat purchases of periods 1 to {@code k}.
   */
  public double[] cumulativeValue() {
    double[] result = cumulativeRepeat.clone();
    for (int k = 0; k < result.length; k++) {
      result[k] += firstPurchase;
    }
    return result;
  }

  /**
   * The value divided by the cost of acquiring the customer.
   *
   * @param acquisitionCost the cost per customer, finite and above 0
   * @return the LTV : CAC ratio
   */
  public double ltvToCac(double acquisitionCost) {
    checkCost(acquisitionCost);
    return value() / acquisitionCost;
  }

  /**
   * The number of periods until the accumulated value covers the acquisition cost: 0 if the first
   * purchase covers it, empty if the horizon is not enough.
   *
   * @param acquisitionCost the cost per customer, finite and above 0
   * @return the payback period, in whole periods
   */
  public OptionalInt paybackPeriods(double acquisitionCost) {
    checkCost(acquisitionCost);
    return payback(firstPurchase, cumulativeRepeat, acquisitionCost);
  }

  static OptionalInt payback(double upFront, double[] cumulative, double cost) {
    if (upFront >= cost) {
      return OptionalInt.of(0);
    }
    for (int k = 0; k < cumulative.length; k++) {
      if (upFront + cumulative[k] >= cost) {
        return OptionalInt.of(k + 1);
      }
    }
    return OptionalInt.empty();
  }

  static void checkCost(double cost) {
    checkArgument(
        Double.isFinite(cost) && cost > 0,
        "acquisition cost must be finite and above 0, was %s",
        cost);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "NewCustomerValue[%s, %s: %.2f = first purchase %.2f + repeat purchases %.2f]",
        model,
        terms,
        value(),
        firstPurchase,
        repeatValue());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewCustomerValue other
        && model.equals(other.model)
        && terms.equals(other.terms)
        && Double.compare(firstPurchase, other.firstPurchase) == 0
        && Arrays.equals(cumulativeRepeat, other.cumulativeRepeat);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cumulativeRepeat) * 31 + model.hashCode();
  }
}
