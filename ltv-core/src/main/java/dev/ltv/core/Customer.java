package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One customer's purchase history reduced to the figures the models need, in one time unit.
 *
 * <p>The conventions are those of the literature (Fader, Hardie and Lee 2005): the first purchase
 * starts the relationship and is not counted, so {@link #frequency()} is the number of
 * <em>repeat</em> purchases; {@link #recency()} is the time from the first to the last purchase
 * (zero when there is no repeat purchase); {@link #age()} is the time from the first purchase to
 * the end of observation (often written T). Doubles are compared exactly: two customers are equal
 * when every field is identical.
 *
 * @param id the customer's identifier
 * @param frequency repeat purchases, at least 0
 * @param recency time from the first to the last purchase, in {@code [0, age]}
 * @param age time from the first purchase to the end of observation, at least 0
 * @param averageSpend mean value of the repeat purchases, 0 when there are none
 * @param totalSpend value of all purchases in the window, the first included, net of refunds
 * @param firstPurchase the day of the first purchase, or {@code null} when the customer was built
 *     from figures alone
 * @since 0.1
 */
public record Customer(
    String id,
    int frequency,
    double recency,
    double age,
    double averageSpend,
    double totalSpend,
    LocalDate firstPurchase) {

  /**
   * Checks the fields.
   *
   * @param id the customer's identifier
   * @param frequency repeat purchases, at least 0
   * @param recency time from the first to the last purchase, in {@code [0, age]}
   * @param age time from the first purchase to the end of observation, at least 0
   * @param averageSpend mean value of the repeat purchases, 0 when there are none
   * @param totalSpend value of all purchases in the window
   * @param firstPurchase the day of the first purchase, or {@code null}
   */
  public Customer {
    requireNonNull(id, "id");
    checkArgument(frequency >= 0, "customer %s: frequency must be >= 0, was %s", id, frequency);
    checkArgument(
        Double.isFinite(age) && age >= 0,
        "customer %s: age must be finite and >= 0, was %s",
        id,
        age);
    checkArgument(
        Double.isFinite(recency) && recency >= 0 && recency <= age,
        "customer %s: recency must be in [0, age=%s], was %s",
        id,
        age,
        recency);
    checkArgument(
        frequency > 0 || recency == 0,
        "customer %s: recency must be 0 without repeat purchases, was %s",
        id,
        recency);
    checkArgument(
        Double.isFinite(averageSpend),
        "customer %s: averageSpend must be finite, was %s",
        id,
        averageSpend);
    checkArgument(
        Double.isFinite(totalSpend),
        "customer %s: totalSpend must be finite, was %s",
        id,
        totalSpend);
  }

  /**
   * A customer known only by the figures the models use. The total spend is taken as {@code
   * frequency * averageSpend}, since the first purchase's value is unknown.
   *
   * @param id the customer's identifier
   * @param frequency repeat purchases
   * @param recency time from the first to the last purchase
   * @param age time from the first purchase to the end of observation
   * @param averageSpend mean value of the repeat purchases
   * @return the customer
   */
  public static Customer of(
      String id, int frequency, double recency, double age, double averageSpend) {
    return new Customer(id, frequency, recency, age, averageSpend, frequency * averageSpend, null);
  }

  /**
   * A customer known only by frequency, recency and age, with no spend.
   *
   * @param id the customer's identifier
   * @param frequency repeat purchases
   * @param recency time from the first to the last purchase
   * @param age time from the first purchase to the end of observation
   * @return the customer
   */
  public static Customer of(String id, int frequency, double recency, double age) {
    return of(id, frequency, recency, age, 0.0);
  }

  /** Whether the customer bought again after the first purchase. */
  public boolean isRepeatBuyer() {
    return frequency > 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Customer[%s: frequency=%d, recency=%.3f, age=%.3f, averageSpend=%.2f, totalSpend=%.2f%s]",
        id,
        frequency,
        recency,
        age,
        averageSpend,
        totalSpend,
        firstPurchase == null ? "" : ", first=" + firstPurchase);
  }
}
