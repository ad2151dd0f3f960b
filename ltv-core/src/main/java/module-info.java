/**
 * Transactions, per-customer summaries, observation windows and the strategy that valuation models
 * plug into.
 */
module dev.ltv.core {
  requires com.google.common;
  requires org.slf4j;
  requires de.siegmar.fastcsv;

  exports dev.ltv.core;
}
