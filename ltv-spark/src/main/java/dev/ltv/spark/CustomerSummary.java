package dev.ltv.spark;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer's summary as Spark carries it: the figures of a {@link Customer} without the id,
 * which in Spark is the grouping key. It is the output of {@link SummaryAggregator} and becomes
 * the struct {@code <age: double, averageSpend: double, firstPurchase: date, frequency: int,
 * recency: double, totalSpend: double>} in SQL (Spark orders a bean's fields by name).
 *
 * <p>Every field is null when the customer made no purchase on or before the end of observation
 * (only refunds, or only rows after the end): such a customer has no summary, and Spark cannot
 * return a null struct from an aggregator. {@link #hasPurchase()} tells the two apart.
 *
 * <p>A Java bean, mutable and not thread-safe, because Spark's bean encoder fills its fields
 * through setters; outside Spark, convert it with {@link #toCustomer(String)} to the immutable
 * {@link Customer}, which also checks the figures.
 *
 * @since 0.1
 */
public final class CustomerSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  private Integer frequency;
  private Double recency;
  private Double age;
  private Double averageSpend;
  private Double totalSpend;
  private LocalDate firstPurchase;

  /** A summary with every field null: no purchase, until the setters say otherwise. */
  public CustomerSummary() {}

  /**
   * The figures of a customer.
   *
   * @param customer the customer; its id is not kept
   * @return the summary
   */
  public static CustomerSummary of(Customer customer) {
    CustomerSummary summary = new CustomerSummary();
    summary.frequency = customer.frequency();
    summary.recency = customer.recency();
    summary.age = customer.age();
    summary.averageSpend = customer.averageSpend();
    summary.totalSpend = customer.totalSpend();
    summary.firstPurchase = customer.firstPurchase();
    return summary;
  }

  /** Whether the customer made a purchase on or before the end, and so has figures. */
  public boolean hasPurchase() {
    return frequency != null;
  }

  /**
   * The customer with these figures.
   *
   * @param id the customer's id
   * @return the customer
   * @throws IllegalStateException if the customer made no purchase, so that the fields are null
   * @throws IllegalArgumentException if the figures are not those of a customer (a negative
   *     frequency, a recency outside {@code [0, age]}, ...)
   */
  public Customer toCustomer(String id) {
    requireNonNull(id, "id");
    checkState(
        frequency != null
            && recency != null
            && age != null
            && averageSpend != null
            && totalSpend != null,
        "customer %s has no summary: no purchase on or before the end of observation",
        id);
    return new Customer(id, frequency, recency, age, averageSpend, totalSpend, firstPurchase);
  }

  /** Repeat purchases; null without a purchase. */
  public Integer getFrequency() {
    return frequency;
  }

  /**
   * Sets the repeat purchases.
   *
   * @param frequency the repeat purchases
   */
  public void setFrequency(Integer frequency) {
    this.frequency = frequency;
  }

  /** Time from the first to the last purchase, in the summary's unit; null without a purchase. */
  public Double getRecency() {
    return recency;
  }

  /**
   * Sets the recency.
   *
   * @param recency the recency
   */
  public void setRecency(Double recency) {
    this.recency = recency;
  }

  /** Time from the first purchase to the end of observation, in the summary's unit. */
  public Double getAge() {
    return age;
  }

  /**
   * Sets the age.
   *
   * @param age the age
   */
  public void setAge(Double age) {
    this.age = age;
  }

  /** Mean value of the repeat purchases; 0 without repeat purchases, null without a purchase. */
  public Double getAverageSpend() {
    return averageSpend;
  }

  /**
   * Sets the average spend.
   *
   * @param averageSpend the average spend
   */
  public void setAverageSpend(Double averageSpend) {
    this.averageSpend = averageSpend;
  }

  /** Value of all purchases in the window, the first included, net of refunds. */
  public Double getTotalSpend() {
    return totalSpend;
  }

  /**
   * Sets the total spend.
   *
   * @param totalSpend the total spend
   */
  public void setTotalSpend(Double totalSpend) {
    this.totalSpend = totalSpend;
  }

  /** The day of the first purchase; null without a purchase. */
  public LocalDate getFirstPurchase() {
    return firstPurchase;
  }

  /**
   * Sets the day of the first purchase.
   *
   * @param firstPurchase the day
   */
  public void setFirstPurchase(LocalDate firstPurchase) {
    this.firstPurchase = firstPurchase;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustomerSummary)) {
      return false;
    }
    CustomerSummary other = (CustomerSummary) o;
    return Objects.equals(frequency, other.frequency)
        && Objects.equals(recency, other.recency)
        && Objects.equals(age, other.age)
        && Objects.equals(averageSpend, other.averageSpend)
        && Objects.equals(totalSpend, other.totalSpend)
        && Objects.equals(firstPurchase, other.firstPurchase);
  }

  @Override
  public int hashCode() {
    return Objects.hash(frequency, recency, age, averageSpend, totalSpend, firstPurchase);
  }

  @Override
  public String toString() {
    if (!hasPurchase()) {
      return "CustomerSummary[no purchase]";
    }
    return String.format(
        "CustomerSummary[frequency=%s, recency=%s, age=%s, averageSpend=%s, totalSpend=%s,"
            + " firstPurchase=%s]",
        frequency, recency, age, averageSpend, totalSpend, firstPurchase);
  }
}
