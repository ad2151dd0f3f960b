package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One purchase (or, with a negative amount, one refund) by one customer on one day.
 *
 * @param customerId the customer's identifier; not blank
 * @param date the day of the purchase
 * @param amount the money spent, in the caller's currency; finite. Zero is a purchase of no value,
 *     a negative amount is a refund (see {@link RefundPolicy})
 * @since 0.1
 */
public record Transaction(String customerId, LocalDate date, double amount) {

  /**
   * Checks the fields.
   *
   * @param customerId the customer's identifier; not blank
   * @param date the day of the purchase
   * @param amount the money spent; finite
   */
  public Transaction {
    requireNonNull(customerId, "customerId");
    requireNonNull(date, "date");
    checkArgument(!customerId.isBlank(), "customerId is blank");
    checkArgument(Double.isFinite(amount), "amount must be finite, was %s", amount);
  }

  /**
   * Shorthand for the constructor.
   *
   * @param customerId the customer's identifier; not blank
   * @param date the day of the purchase
   * @param amount the money spent; finite
   * @return the transaction
   */
  public static Transaction of(String customerId, LocalDate date, double amount) {
    return new Transaction(customerId, date, amount);
  }

  /**
   * Shorthand that parses an ISO date ({@code 1997-01-31}).
   *
   * @param customerId the customer's identifier; not blank
   * @param isoDate the day, as {@code yyyy-MM-dd}
   * @param amount the money spent; finite
   * @return the transaction
   */
  public static Transaction of(String customerId, String isoDate, double amount) {
    requireNonNull(customerId, "customerId");
    return new Transaction(customerId, LocalDate.parse(requireNonNull(isoDate, "isoDate")), amount);
  }
}
