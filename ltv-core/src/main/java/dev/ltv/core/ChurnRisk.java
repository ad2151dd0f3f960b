package dev.ltv.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Customers who were active but have probably left: among the customers a rule calls previously
 * active (by default the repeat buyers), those whose probability of still being active is below a
 * threshold. They are listed by what they spent so far, most first, the usual order for winning
 * customers back.
 *
 * @param threshold the probability below which a customer is at risk
 * @param previouslyActive how many customers the rule called previously active
 * @param atRisk the customers at risk, most spent first
 * @param spentByAtRisk what the customers at risk spent in the observation window
 * @since 0.1
 */
public record ChurnRisk(
    double threshold, int previouslyActive, List<AtRisk> atRisk, double spentByAtRisk) {

  /**
   * Copies the list.
   *
   * @param threshold the probability below which a customer is at risk
   * @param previouslyActive how many customers the rule called previously active
   * @param atRisk the customers at risk, most spent first
   * @param spentByAtRisk what the customers at risk spent in the observation window
   */
  public ChurnRisk {
    atRisk = List.copyOf(requireNonNull(atRisk, "atRisk"));
  }

  /** The number of customers at risk. */
  public int count() {
    return atRisk.size();
  }

  /** The customers at risk as a share of the previously active ones; 0 if there are none. */
  public double share() {
    return previouslyActive == 0 ? 0 : (double) atRisk.size() / previouslyActive;
  }

  /**
   * One customer at risk.
   *
   * @param customer the customer's figures
   * @param value what the valuation says about them
   * @since 0.1
   */
  public record AtRisk(Customer customer, CustomerLtv value) {
    /**
     * Checks both are given.
     *
     * @param customer the customer's figures
     * @param value what the valuation says about them
     */
    public AtRisk {
      requireNonNull(customer, "customer");
      requireNonNull(value, "value");
    }
  }

  /** A summary line and the ten customers at risk who spent most. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(String.format(
        Locale.ROOT,
        "ChurnRisk[%,d of %,d previously active customers (%.1f%%) below P(alive) %s; they spent"
            + " %,.2f]",
        count(),
        previouslyActive,
        100 * share(),
        threshold,
        spentByAtRisk));
    int shown = Math.min(10, atRisk.size());
    if (shown > 0) {
      s.append(String.format(
          Locale.ROOT,
          "%n  %-12s %9s %9s %9s %12s %9s",
          "id",
          "frequency",
          "recency",
          "age",
          "spent",
          "P(alive)"));
      for (int i = 0; i < shown; i++) {
        AtRisk r = atRisk.get(i);
        s.append(String.format(
            Locale.ROOT,
            "%n  %-12s %9d %9.2f %9.2f %12.2f %9.4f",
            r.customer().id(),
            r.customer().frequency(),
            r.customer().recency(),
            r.customer().age(),
            r.customer().totalSpend(),
            r.value().probabilityAlive()));
      }
      if (atRisk.size() > shown) {
        s.append(String.format(Locale.ROOT, "%n  ... %,d more", atRisk.size() - shown));
      }
    }
    return s.toString();
  }
}
