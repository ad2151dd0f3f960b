package dev.ltv.models;

/**
 * A purchase model whose expected purchases factor as P(alive) times the expectation given that
 * the customer is still active, which depends on the frequency and the age but not the recency.
 * Valuation uses this to share one expensive expectation among all customers with the same
 * frequency and age, and to score without creating a {@link dev.ltv.core.Customer} per customer.
 */
interface AliveFactored {

  /** P(alive) of a customer given by their figures. */
  double probabilityAlive(int frequency, double recency, double age);

  /** Expected purchases in the next {@code t} time units, given active at the end of observation. */
  double expectedPurchasesIfAlive(int frequency, double age, double t);
}
