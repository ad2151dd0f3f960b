/** Buy-till-you-die purchase models, spend models, cohort retention and the simple formula. */
module dev.ltv.models {
  requires transitive dev.ltv.core;
  requires com.google.common;
  requires org.slf4j;
  requires hipparchus.core;

  exports dev.ltv.models;
}
