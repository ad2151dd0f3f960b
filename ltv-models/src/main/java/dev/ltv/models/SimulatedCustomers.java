package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Collects simulated customers as the summary of a transaction log would record them. A
 * simulation draws each customer's purchases in continuous time, one customer after the other,
 * and passes them here; in continuous time they count as drawn, on whole days (when a number of
 * days per time unit is given) purchases on one day count once and those on the first day not at
 * all, and the age is cut to whole days. Customers get the ids "1", "2", ... in order.
 */
final class SimulatedCustomers {

  /** Simulation draws every purchase; it refuses models that would make it draw too many. */
  private static final double MAX_PURCHASES = 1e7;

  private final ChronoUnit unit;
  private final double daysPerUnit;
  private final List<Customer> customers;

  private double age;
  private long lastDay;
  private int purchases;
  private double last;
  private long lastRecordedDay;

  /**
   * Checks the ages, and that the model's expected purchases over the longest of them stay within
   * what a simulation drawing every purchase can do.
   *
   * @param expectedPurchases a new customer's expected purchases over a time
   * @param unit the unit of the base to build, or null for an unnamed unit in continuous time
   * @param daysPerUnit the days in {@code unit}, or 0 for continuous time
   */
  SimulatedCustomers(
      double[] ages, DoubleUnaryOperator expectedPurchases, ChronoUnit unit, double daysPerUnit) {
    requireNonNull(ages, "ages");
    double longest = 0;
    for (int i = 0; i < ages.length; i++) {
      double a = ages[i];
      if (!(Double.isFinite(a) && a >= 0)) {
        throw new IllegalArgumentException(
            String.format("ages[%d] must be finite and >= 0, was %s", i, a));
      }
      longest = Math.max(longest, a);
    }
    double expected = expectedPurchases.applyAsDouble(longest);
    checkArgument(
        expected <= MAX_PURCHASES,
        "a customer of this model buys %s times on average in %s time units; simulation draws"
            + " each purchase and supports at most %s",
        expected,
        longest,
        MAX_PURCHASES);
    this.unit = unit;
    this.daysPerUnit = daysPerUnit;
    this.customers = new ArrayList<>(ages.length);
  }

  /** Starts the next customer, observed for {@code age} time units since the first purchase. */
  void begin(double age) {
    this.age = age;
    lastDay = daysPerUnit > 0 ? (long) Math.floor(age * daysPerUnit) : 0;
    purchases = 0;
    last = 0;
    lastRecordedDay = 0;
  }

  /** A repeat purchase of the current customer, {@code time} after the first, at most its age. */
  void purchase(double time) {
    if (daysPerUnit > 0) {
      long day = (long) Math.floor(time * daysPerUnit);
      if (day > lastRecordedDay && day <= lastDay) {
        purchases++;
        lastRecordedDay = day;
      }
    } else {
      purchases++;
      last = time;
    }
  }

  /** Ends the current customer and records it. */
  void end() {
    String id = String.valueOf(customers.size() + 1);
    customers.add(
        daysPerUnit > 0
            ? Customer.of(id, purchases, lastRecordedDay / daysPerUnit, lastDay / daysPerUnit)
            : Customer.of(id, purchases, last, age));
  }

  /** The customers recorded so far. */
  CustomerBase base() {
    return unit == null ? CustomerBase.of(customers) : CustomerBase.of(unit, customers);
  }
}
