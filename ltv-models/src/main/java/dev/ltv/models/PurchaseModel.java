package dev.ltv.models;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;

/**
 * A model of when customers buy and when they quietly leave: the buy-till-you-die family (BG/NBD,
 * Pareto/NBD, MBG/NBD) and its discrete-time cousin BG/BB. Times are in the unit of the base the
 * model was fitted on.
 *
 * <p>Implementations are immutable and thread-safe. For valid input no method returns NaN or an
 * infinity: probabilities lie in [0, 1], expectations are finite and non-negative.
 *
 * @since 0.1
 */
public interface PurchaseModel {

  /** A short name, such as {@code BG/NBD}. */
  String name();

  /**
   * The probability that the customer is still active at the end of observation.
   *
   * @param customer the customer
   * @return a probability in [0, 1]
   */
  double probabilityAlive(Customer customer);

  /**
   * The expected number of purchases the customer makes in the next {@code t} time units, after
   * the end of observation.
   *
   * @param customer the customer
   * @param t the horizon, at least 0
   * @return the expectation, finite and at least 0
   */
  double expectedPurchases(Customer customer, double t);

  /**
   * The expected number of repeat purchases of a new customer in their first {@code t} time units.
   *
   * @param t the horizon, at least 0
   * @return the expectation, finite and at least 0
   */
  double expectedPurchases(double t);

  /**
   * The probability that a new customer makes exactly {@code n} repeat purchases in their first
   * {@code t} time units.
   *
   * @param n the number of purchases, at least 0
   * @param t the horizon, at least 0
   * @return a probability in [0, 1]
   */
  double probabilityOfPurchases(int n, double t);

  /**
   * The log-likelihood of a base under this model's parameters, with times in the base's unit.
   *
   * @param base the customers
   * @return the sum of the customers' log-likelihoods, finite
   */
  double logLikelihood(CustomerBase base);
}
