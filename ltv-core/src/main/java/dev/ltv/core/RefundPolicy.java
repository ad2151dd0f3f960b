package dev.ltv.core;

/**
 * What a transaction log does with rows whose amount is negative (refunds, returns, chargebacks).
 *
 * <p>Rows with an amount of exactly zero are always purchases: a free order or a fully discounted
 * one is still a visit, and the literature's data sets (CDNOW) count them. Their number is reported
 * in {@link IntakeReport#zeroAmountRows()}.
 *
 * @since 0.1
 */
public enum RefundPolicy {
  /** A negative amount is an input error and fails with the row that has it. The default. */
  REJECT,
  /**
   * Negative rows are left out of the log and counted in {@link IntakeReport#refundsSkipped()}.
   */
  SKIP,
  /**
   * Negative rows stay in the log and are netted against the customer's spend: a refund is not a
   * purchase and never adds to the frequency, but its amount lowers the customer's total spend, and
   * also the repeat spend when it is dated after the first purchase day. Counted in {@link
   * IntakeReport#refundsNetted()}.
   */
  NET
}
