package dev.ltv.models;

import dev.ltv.core.Customer;

/**
 * A model of how much customers spend per purchase, such as Gamma-Gamma. Immutable and thread-safe.
 *
 * @since 0.1
 */
public interface SpendModel {

  /** A short name, such as {@code Gamma-Gamma}. */
  String name();

  /**
   * The expected value of the customer's future purchases, given their repeat purchases so far.
   *
   * @param customer the customer
   * @return the expected average spend, finite
   */
  double expectedAverageSpend(Customer customer);

  /** The expected value of a purchase by a new customer, of whom nothing is known yet. */
  double expectedAverageSpend();
}
