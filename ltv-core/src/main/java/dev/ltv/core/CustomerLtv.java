package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One row of an {@link LtvReport}: what a valuation says about one customer over the report's
 * horizon.
 *
 * @param id the customer's id
 * @param probabilityAlive the probability that the customer is still active at the end of
 *     observation, in [0, 1] (1 from strategies that do not estimate it)
 * @param expectedPurchases the expected purchases in the horizon, at least 0
 * @param expectedSpend the expected value of each of those purchases, at least 0
 * @param value the expected discounted profit from them, at least 0
 * @since 0.1
 */
public record CustomerLtv(
    String id,
    double probabilityAlive,
    double expectedPurchases,
    double expectedSpend,
    double value) {

  /**
   * Checks the figures.
   *
   * @param id the customer's id
   * @param probabilityAlive in [0, 1]
   * @param expectedPurchases finite, at least 0
   * @param expectedSpend finite, at least 0
   * @param value finite, at least 0
   */
  public CustomerLtv {
    requireNonNull(id, "id");
    checkArgument(
        probabilityAlive >= 0 && probabilityAlive <= 1,
        "customer %s: probabilityAlive must be in [0, 1], was %s",
        id,
        probabilityAlive);
    checkFinite(id, "expectedPurchases", expectedPurchases);
    checkFinite(id, "expectedSpend", expectedSpend);
    checkFinite(id, "value", value);
  }

  private static void checkFinite(String id, String name, double x) {
    checkArgument(
        Double.isFinite(x) && x >= 0,
        "customer %s: %s must be finite and >= 0, was %s",
        id,
        name,
        x);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "CustomerLtv[%s: P(alive)=%.4f, purchases=%.4f, spend=%.2f, value=%.2f]",
        id,
        probabilityAlive,
        expectedPurchases,
        expectedSpend,
        value);
  }
}
