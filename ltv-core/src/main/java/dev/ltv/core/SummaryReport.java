package dev.ltv.core;

import java.util.Locale;

/**
 * What a summary left out, so that a caller can see that nothing vanished silently.
 *
 * @param transactionsUsed transaction rows dated on or before the end of observation
 * @param transactionsAfterEnd rows dated after the end of observation, ignored
 * @param customersAfterEnd customers whose first purchase falls after the end, not in the base
 * @param refundOnlyCustomers customers with refunds but no purchase by the end, not in the base
 * @since 0.1
 */
public record SummaryReport(
    long transactionsUsed,
    long transactionsAfterEnd,
    int customersAfterEnd,
    int refundOnlyCustomers) {

  /** The report of a base built from figures, where nothing was summarized. */
  public static final SummaryReport NONE = new SummaryReport(0, 0, 0, 0);

  /**
   * Checks that every count is non-negative.
   *
   * @param transactionsUsed rows on or before the end
   * @param transactionsAfterEnd rows after the end
   * @param customersAfterEnd customers first seen after the end
   * @param refundOnlyCustomers customers with refunds only
   */
  public SummaryReport {
    if (transactionsUsed < 0
        || transactionsAfterEnd < 0
        || customersAfterEnd < 0
        || refundOnlyCustomers < 0) {
      throw new IllegalArgumentException("counts must be non-negative");
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SummaryReport[used=%,d rows, after end=%,d rows, customers after end=%,d, refund-only=%,d]",
        transactionsUsed,
        transactionsAfterEnd,
        customersAfterEnd,
        refundOnlyCustomers);
  }
}
