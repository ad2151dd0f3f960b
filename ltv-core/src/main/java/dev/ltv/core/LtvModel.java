package dev.ltv.core;

/**
 * A strategy for putting a value on customers. Each strategy has a stable {@linkplain #name()
 * name} and learns what it needs from a {@link CustomerBase} in {@link #fit(CustomerBase)}; the
 * {@link FittedLtvModel} it returns values each customer. New strategies plug in by implementing
 * this interface; nothing else has to change.
 *
 * <p>Three families implement it (in the models module): the simple formula (average order value
 * times purchases per period times expected lifetime, discounted), cohort retention with the
 * shifted-beta-geometric model, and the probabilistic models (a purchase model such as BG/NBD with a
 * spend model such as Gamma-Gamma).
 *
 * <p><b>The contract every strategy keeps.</b>
 *
 * <ul>
 *   <li>Times are in the base's unit; a "period" is one unit. The value of a customer is the
 *       expected profit, in the currency of the base's spend, from the purchases they make in the
 *       horizon after the end of observation: expected purchases times expected spend per purchase
 *       times the margin, each period discounted from its end at the annual rate (see {@link
 *       ValuationTerms}). Purchases before the end of observation, the first one included, are not
 *       part of it.
 *   <li>For valid input nothing is NaN or infinite: probabilities lie in [0, 1], expectations and
 *       values are finite and non-negative.
 *   <li>Strategies and fitted models are immutable and safe to share between threads.
 * </ul>
 *
 * @since 0.1
 */
public interface LtvModel {

  /**
   * The strategy's name, stable across releases, such as {@code simple formula} or {@code BG/NBD +
   * Gamma-Gamma}; reports and exports use it to say how values were made.
   */
  String name();

  /**
   * Learns what the strategy needs from the customers: fits its parameters, pools its rates or
   * counts its cohorts. A strategy whose figures were all given may ignore the customers.
   *
   * @param base the customers, with times in the unit the model will value in
   * @return the fitted model, immutable
   * @throws IllegalArgumentException if the base does not suit the strategy, saying why
   */
  FittedLtvModel fit(CustomerBase base);
}
