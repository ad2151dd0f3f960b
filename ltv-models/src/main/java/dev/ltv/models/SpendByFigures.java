package dev.ltv.models;

/**
 * A spend model that needs no more of a customer than their frequency and average spend, so that
 * valuation can score a base without creating a {@link dev.ltv.core.Customer} per customer.
 */
interface SpendByFigures {

  /** The expected average spend of a customer given by their figures. */
  double expectedAverageSpend(int frequency, double averageSpend);
}
