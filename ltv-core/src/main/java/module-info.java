/**
 * Transactions, per-customer summaries, observation windows and the strategy that valuation models
 * plug into.
 */
// The models module is compiled after this one, so javac does not know it yet.
@SuppressWarnings("module")
module dev.ltv.core {
  requires com.google.common;
  requires org.slf4j;
  requires de.siegmar.fastcsv;

  exports dev.ltv.core;
  // Shared with the models, not part of the API.
  exports dev.ltv.core.internal to
      dev.ltv.models;
}
