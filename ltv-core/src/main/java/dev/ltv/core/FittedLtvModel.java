package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A valuation strategy ready to value customers: what {@link LtvModel#fit(CustomerBase)} returns.
 *
 * <p>A fitted model answers three questions per customer, with times in its unit (a period is one
 * unit): the probability that the customer is still active, how many purchases they will make in
 * the next {@code t} periods, and what each purchase will be worth. The value of a customer follows
 * from those by the rule in {@link #value(Customer, ValuationTerms)}, which a model may replace by
 * an exact equivalent but not by another definition.
 *
 * <p>Immutable and safe to share between threads. For valid input no method returns NaN or an
 * infinity.
 *
 * @since 0.1
 */
public interface FittedLtvModel {

  /** The strategy's stable name, as {@link LtvModel#name()}. */
  String name();

  /**
   * The unit of the base the model was fitted on, when known; valuation terms in another unit are
   * refused.
   */
  default Optional<ChronoUnit> unit() {
    return Optional.empty();
  }

  /**
   * Whether {@link #probabilityAlive(Customer)} is an estimate for each customer. Strategies that
   * assume every customer is still active (the simple formula) return false and report 1.
   */
  default boolean estimatesProbabilityAlive() {
    return true;
  }

  /**
   * The probability that the customer is still active at the end of observation.
   *
   * @param customer the customer
   * @return a probability in [0, 1]
   */
  double probabilityAlive(Customer customer);

  /**
   * The expected number of purchases the customer makes in the {@code t} periods after the end of
   * observation. It never falls as {@code t} grows.
   *
   * @param customer the customer
   * @param t the horizon in periods, at least 0
   * @return the expectation, finite and at least 0
   */
  double expectedPurchases(Customer customer, double t);

  /**
   * The expected value of each of the customer's future purchases, in the currency of the base.
   *
   * @param customer the customer
   * @return the expected spend per purchase, finite and at least 0
   */
  double expectedSpend(Customer customer);

  /**
   * The expected number of repeat purchases of a customer acquired now, in their first {@code t}
   * periods; the acquisition purchase is not counted.
   *
   * @param t the horizon in periods, at least 0
   * @return the expectation, finite and at least 0
   */
  double expectedPurchases(double t);

  /** The expected value of a repeat purchase of a customer acquired now, finite and at least 0. */
  double expectedSpend();

  /**
   * The customer's value: the expected, discounted profit from their purchases in the horizon.
   *
   * <p>With periods {@code k = 1..K} ending at {@code t_k} (see {@link ValuationTerms#periodEnd}),
   * the value is {@code margin * expectedSpend(c) * sum_k [E(t_k) - E(t_(k-1))] *
   * discountFactor(t_k)}, where {@code E(t) = expectedPurchases(c, t)}: the purchases of each
   * period are discounted from the period's end.
   *
   * @param customer the customer
   * @param terms the horizon, discount rate and margin, in the model's unit
   * @return the value, finite and at least 0
   * @throws IllegalArgumentException if the terms are in another unit than the model's
   */
  default double value(Customer customer, ValuationTerms terms) {
    double[] cumulative = cumulativeValue(customer, terms);
    return cumulative[cumulative.length - 1];
  }

  /**
   * The customer's value accumulated period by period: element {@code k - 1} is the value of
   * periods 1 to {@code k}; the last element is {@link #value(Customer, ValuationTerms)}, to
   * rounding when a model computes the value its own way. Used to
   * find when a customer pays back what their acquisition cost.
   *
   * @param customer the customer
   * @param terms the horizon, discount rate and margin, in the model's unit
   * @return the cumulative values, one per period, never falling
   */
  default double[] cumulativeValue(Customer customer, ValuationTerms terms) {
    requireNonNull(customer, "customer");
    requireNonNull(terms, "terms");
    checkUnit(terms);
    return Valuations.cumulative(
        expectedPurchasesByPeriod(customer, terms), expectedSpend(customer), terms);
  }

  /**
   * The customer's expected purchases from the end of observation to the end of each period of
   * the horizon: element {@code k - 1} is {@code expectedPurchases(customer, terms.periodEnd(k))}.
   * A model may replace it by a faster computation of the same figures.
   *
   * @param customer the customer
   * @param terms the horizon, in the model's unit
   * @return the cumulative expected purchases, one per period
   */
  default double[] expectedPurchasesByPeriod(Customer customer, ValuationTerms terms) {
    requireNonNull(customer, "customer");
    requireNonNull(terms, "terms");
    double[] result = new double[terms.periods()];
    for (int k = 1; k <= result.length; k++) {
      result[k - 1] = expectedPurchases(customer, terms.periodEnd(k));
    }
    return result;
  }

  /**
   * Values every customer of a base, writing at each customer's position: the probability alive,
   * the expected purchases over the horizon, the expected spend per purchase and the value, as the
   * methods for one customer give them. A model may replace it by a faster computation of the same
   * figures, such as one that shares work between customers with the same frequency and age.
   *
   * @param base the customers
   * @param terms the horizon, discount rate and margin, in the model's unit
   * @param probabilityAlive receives P(alive); at least {@code base.size()} long
   * @param expectedPurchases receives the expected purchases over the horizon; as long
   * @param expectedSpend receives the expected spend per purchase; as long
   * @param value receives the value; as long
   * @throws IllegalArgumentException if an array is too short or the terms are in another unit
   */
  default void score(
      CustomerBase base,
      ValuationTerms terms,
      double[] probabilityAlive,
      double[] expectedPurchases,
      double[] expectedSpend,
      double[] value) {
    requireNonNull(base, "base");
    requireNonNull(terms, "terms");
    requireNonNull(probabilityAlive, "probabilityAlive");
    requireNonNull(expectedPurchases, "expectedPurchases");
    requireNonNull(expectedSpend, "expectedSpend");
    requireNonNull(value, "value");
    int n = base.size();
    checkArgument(
        probabilityAlive.length >= n
            && expectedPurchases.length >= n
            && expectedSpend.length >= n
            && value.length >= n,
        "every array must hold %s customers",
        n);
    checkUnit(terms);
    for (int i = 0; i < n; i++) {
      Customer c = base.customer(i);
      probabilityAlive[i] = probabilityAlive(c);
      expectedPurchases[i] = expectedPurchases(c, terms.horizon());
      expectedSpend[i] = expectedSpend(c);
      value[i] = value(c, terms);
    }
  }

  /**
   * The value of a customer acquired now, from their repeat purchases in the horizon, by the rule
   * of {@link #value(Customer, ValuationTerms)}; the acquisition purchase is not part of it.
   *
   * @param terms the horizon, discount rate and margin, in the model's unit
   * @return the value, finite and at least 0
   */
  default double newCustomerValue(ValuationTerms terms) {
    double[] cumulative = newCustomerCumulativeValue(terms);
    return cumulative[cumulative.length - 1];
  }

  /**
   * The value of a customer acquired now, accumulated period by period, as {@link
   * #cumulativeValue(Customer, ValuationTerms)}.
   *
   * @param terms the horizon, discount rate and margin, in the model's unit
   * @return the cumulative values, one per period, never falling
   */
  default double[] newCustomerCumulativeValue(ValuationTerms terms) {
    requireNonNull(terms, "terms");
    checkUnit(terms);
    double[] purchases = new double[terms.periods()];
    for (int k = 1; k <= purchases.length; k++) {
      purchases[k - 1] = expectedPurchases(terms.periodEnd(k));
    }
    return Valuations.cumulative(purchases, expectedSpend(), terms);
  }

  private void checkUnit(ValuationTerms terms) {
    unit()
        .ifPresent(u -> checkArgument(
            u == terms.unit(),
            "the terms are in %s but %s was fitted on a base in %s",
            terms.unit().name(),
            name(),
            u.name()));
  }
}
