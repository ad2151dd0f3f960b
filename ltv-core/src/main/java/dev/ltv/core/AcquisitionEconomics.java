package dev.ltv.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * LTV : CAC and payback per group of customers (segment, channel, or the whole base), from the
 * acquisition cost the caller gives per customer.
 *
 * <p>A customer's lifetime value here is what they have brought so far, their total spend in the
 * observation window times the margin (undiscounted), plus the discounted value of their expected
 * purchases over the horizon. A group's figures are means over its customers. The payback period
 * counts whole periods after the end of observation until the group's mean accumulated value
 * reaches its mean acquisition cost: 0 if what the customers brought so far already covers it,
 * empty if the horizon is not enough.
 *
 * @param terms the terms of the valuation
 * @param groups one row per group, in the order the groups were first met
 * @since 0.1
 */
public record AcquisitionEconomics(ValuationTerms terms, List<Group> groups) {

  /**
   * Copies the list.
   *
   * @param terms the terms of the valuation
   * @param groups one row per group
   */
  public AcquisitionEconomics {
    requireNonNull(terms, "terms");
    groups = List.copyOf(requireNonNull(groups, "groups"));
  }

  /**
   * The row of a group.
   *
   * @param name the group's name
   * @return its row
   * @throws IllegalArgumentException if there is no such group
   */
  public Group group(String name) {
    requireNonNull(name, "name");
    for (Group g : groups) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException("no group " + name);
  }

  /**
   * One group's economics.
   *
   * @param name the group's name
   * @param customers its customers
   * @param acquisitionCost the mean acquisition cost per customer
   * @param valueToDate the mean profit so far: total spend times margin
   * @param futureValue the mean discounted value of the purchases in the horizon
   * @param paybackPeriods periods after the end of observation until the mean accumulated value
   *     covers the mean cost; 0 if already covered, empty if not within the horizon
   * @since 0.1
   */
  public record Group(
      String name,
      int customers,
      double acquisitionCost,
      double valueToDate,
      double futureValue,
      OptionalInt paybackPeriods) {

    /**
     * Checks the name and the payback.
     *
     * @param name the group's name
     * @param customers its customers
     * @param acquisitionCost the mean acquisition cost per customer
     * @param valueToDate the mean profit so far
     * @param futureValue the mean discounted value of the purchases in the horizon
     * @param paybackPeriods the payback period, or empty
     */
    public Group {
      requireNonNull(name, "name");
      requireNonNull(paybackPeriods, "paybackPeriods");
    }

    /** The lifetime value: value to date plus future value. */
    public double lifetimeValue() {
      return valueToDate + futureValue;
    }

    /** The lifetime value divided by the acquisition cost. */
    public double ltvToCac() {
      return lifetimeValue() / acquisitionCost;
    }
  }

  @Override
  public String toString() {
    int width = 8;
    for (Group g : groups) {
      width = Math.max(width, g.name().length());
    }
    StringBuilder s =
        new StringBuilder(String.format(Locale.ROOT, "AcquisitionEconomics[%s]", terms));
    s.append(String.format(
        Locale.ROOT,
        "%n%-" + width + "s %9s %10s %10s %10s %10s %8s %8s",
        "group",
        "customers",
        "CAC",
        "to date",
        "future",
        "LTV",
        "LTV:CAC",
        "payback"));
    for (Group g : groups) {
      s.append(String.format(
          Locale.ROOT,
          "%n%-" + width + "s %,9d %10.2f %10.2f %10.2f %10.2f %8.2f %8s",
          g.name(),
          g.customers(),
          g.acquisitionCost(),
          g.valueToDate(),
          g.futureValue(),
          g.lifetimeValue(),
          g.ltvToCac(),
          g.paybackPeriods().isPresent()
              ? Integer.toString(g.paybackPeriods().getAsInt())
              : ">" + terms.periods()));
    }
    return s.toString();
  }
}
