package dev.ltv.core;

import java.util.Locale;

/**
 * What happened to the rows offered to a {@link TransactionLog}: nothing is dropped without being
 * counted here.
 *
 * @param rows the rows offered, including skipped ones
 * @param zeroAmountRows rows with an amount of zero, kept as purchases
 * @param refundsNetted rows with a negative amount kept and netted against spend
 * @param refundsSkipped rows with a negative amount left out
 * @since 0.1
 */
public record IntakeReport(
    long rows, long zeroAmountRows, long refundsNetted, long refundsSkipped) {

  /**
   * Checks that every count is non-negative and that the parts do not exceed the whole.
   *
   * @param rows the rows offered, including skipped ones
   * @param zeroAmountRows rows with an amount of zero
   * @param refundsNetted rows with a negative amount kept and netted
   * @param refundsSkipped rows with a negative amount left out
   */
  public IntakeReport {
    if (rows < 0 || zeroAmountRows < 0 || refundsNetted < 0 || refundsSkipped < 0) {
      throw new IllegalArgumentException("counts must be non-negative");
    }
    if (zeroAmountRows + refundsNetted + refundsSkipped > rows) {
      throw new IllegalArgumentException("more special rows than rows");
    }
  }

  /** The rows that are in the log: all rows offered less the skipped refunds. */
  public long kept() {
    return rows - refundsSkipped;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "IntakeReport[rows=%,d, kept=%,d, zero amounts=%,d, refunds netted=%,d, refunds skipped=%,d]",
        rows,
        kept(),
        zeroAmountRows,
        refundsNetted,
        refundsSkipped);
  }
}
