package dev.ltv.models;

import dev.ltv.core.Customer;

/**
 * A purchase model that computes a customer's expected purchases at several horizons faster than
 * one call per horizon, used when values are accumulated period by period.
 */
interface PurchaseCurve {

  /**
   * {@link PurchaseModel#expectedPurchases(Customer, double)} at each of the given horizons.
   *
   * @param customer the customer
   * @param times the horizons, rising
   * @return the expectations, one per horizon
   */
  double[] expectedPurchases(Customer customer, double[] times);
}
