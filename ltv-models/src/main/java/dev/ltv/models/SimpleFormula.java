package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.FittedLtvModel;
import dev.ltv.core.LtvModel;
import dev.ltv.core.ValuationTerms;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rule of thumb used in practice: value = average order value x purchases per period x expected
 * lifetime in periods x margin, discounted.
 *
 * <p><b>The model behind it.</b> A customer buys at a steady rate while active and leaves at the end
 * of each period with the same probability, the churn rate {@code c}; the expected lifetime is then
 * {@code 1 / c} periods, and a customer is still active in period {@code k} after the end of
 * observation with probability {@code (1 - c)^(k - 1)}. Undiscounted and over an unlimited horizon,
 * the value is exactly average order value x purchases per period x {@code 1 / c} x margin; with a
 * discount rate {@code d} per period, paid at period ends, the lifetime factor {@code 1 / c} becomes
 * {@code 1 / (c + d)}. Over a horizon of {@code K} periods it is the sum of the first {@code K} terms
 * (see {@link FittedLtvModel#value}). A period is one unit of the base.
 *
 * <p><b>Where the figures come from.</b> The churn rate, or the expected lifetime, is given: a rate
 * the business observes, such as {@link dev.ltv.core.CohortTable#churnRate()}. The average order
 * value and the purchases per period can be given too; otherwise they are read from the base:
 *
 * <ul>
 *   <li><b>per customer</b> (the default): the customer's average order value is the mean value of
 *       their repeat purchases, or the value of their only purchase when they have not bought again
 *       ({@link Customer#totalSpend()}); their purchases per period are their repeat purchases
 *       divided by their age, the time since their first purchase (0 when the age is 0);
 *   <li><b>per segment</b> ({@link #segmentBy(Function)}, or {@link #pooled()} for a single segment):
 *       both figures are pooled over the customers of the segment, the total value of the purchases
 *       counted above over their number, and the repeat purchases over the total age, and every
 *       customer of the segment gets the segment's figures.
 * </ul>
 *
 * <p>The formula assumes every customer is active at the end of observation: it reports a
 * probability alive of 1 and {@link FittedLtvModel#estimatesProbabilityAlive()} is false. New
 * customers get the figures pooled over the whole base.
 *
 * <p>Each setting can be made once; every call returns a new immutable formula.
 *
 * @since 0.1
 */
public final class SimpleFormula implements LtvModel {

  /** The stable name of this strategy. */
  public static final String NAME = "simple formula";

  private final double churnRate;
  private final boolean churnGivenAsLifetime;
  private final double averageOrderValue;
  private final double purchasesPerPeriod;
  private final Function<? super Customer, String> segment;

  private SimpleFormula(
      double churnRate,
      boolean churnGivenAsLifetime,
      double averageOrderValue,
      double purchasesPerPeriod,
      Function<? super Customer, String> segment) {
    this.churnRate = churnRate;
    this.churnGivenAsLifetime = churnGivenAsLifetime;
    this.averageOrderValue = averageOrderValue;
    this.purchasesPerPeriod = purchasesPerPeriod;
    this.segment = segment;
  }

  /**
   * The formula with an observed churn rate, valuing each customer on their own figures.
   *
   * @param churnRate the share of active customers lost each period, in {@code (0, 1]}
   * @return the formula
   */
  public static SimpleFormula churnRate(double churnRate) {
    checkArgument(
        churnRate > 0 && churnRate <= 1, "churnRate must be in (0, 1], was %s", churnRate);
    return new SimpleFormula(churnRate, false, Double.NaN, Double.NaN, null);
  }

  /**
   * The formula with a given expected lifetime, valuing each customer on their own figures. A
   * lifetime of {@code L} periods is a churn rate of {@code 1 / L}.
   *
   * @param periods the expected lifetime in periods, finite and at least 1
   * @return the formula
   */
  public static SimpleFormula lifetime(double periods) {
    checkArgument(
        Double.isFinite(periods) && periods >= 1,
        "lifetime must be finite and at least 1 period, was %s",
        periods);
    return new SimpleFormula(1 / periods, true, Double.NaN, Double.NaN, null);
  }

  /**
   * The value of one customer by the formula, with every figure given.
   *
   * @param averageOrderValue the value of a purchase, finite and at least 0
   * @param purchasesPerPeriod purchases per period while active, finite and at least 0
   * @param churnRate the share of active customers lost each period, in {@code (0, 1]}
   * @param terms the horizon, annual discount rate and margin
   * @return the discounted value over the horizon
   */
  public static double value(
      double averageOrderValue, double purchasesPerPeriod, double churnRate, ValuationTerms terms) {
    SimpleFormula formula = churnRate(churnRate)
        .averageOrderValue(averageOrderValue)
        .purchasesPerPeriod(purchasesPerPeriod);
    Segment none = new Segment("all customers", 0, averageOrderValue, purchasesPerPeriod);
    return new Fitted(formula, terms.unit(), none, List.of()).newCustomerValue(terms);
  }

  /**
   * Uses the given average order value for every customer instead of reading it from the base.
   *
   * @param value the value of a purchase, finite and at least 0
   * @return a new formula
   * @throws IllegalStateException if it was already set
   */
  public SimpleFormula averageOrderValue(double value) {
    checkState(
        Double.isNaN(averageOrderValue),
        "averageOrderValue was already set to %s",
        averageOrderValue);
    checkArgument(
        Double.isFinite(value) && value >= 0,
        "averageOrderValue must be finite and at least 0, was %s",
        value);
    return new SimpleFormula(churnRate, churnGivenAsLifetime, value, purchasesPerPeriod, segment);
  }

  /**
   * Uses the given purchases per period for every customer instead of reading them from the base.
   *
   * @param rate purchases per period while active, finite and at least 0
   * @return a new formula
   * @throws IllegalStateException if it was already set
   */
  public SimpleFormula purchasesPerPeriod(double rate) {
    checkState(
        Double.isNaN(purchasesPerPeriod),
        "purchasesPerPeriod was already set to %s",
        purchasesPerPeriod);
    checkArgument(
        Double.isFinite(rate) && rate >= 0,
        "purchasesPerPeriod must be finite and at least 0, was %s",
        rate);
    return new SimpleFormula(churnRate, churnGivenAsLifetime, averageOrderValue, rate, segment);
  }

  /**
   * Pools the figures read from the base by segment: every customer gets the average order value
   * and purchases per period of their segment.
   *
   * @param segment the segment of a customer, never null
   * @return a new formula
   * @throws IllegalStateException if a segmentation was already chosen
   */
  public SimpleFormula segmentBy(Function<? super Customer, String> segment) {
    requireNonNull(segment, "segment");
    checkState(this.segment == null, "the segmentation was already chosen");
    return new SimpleFormula(
        churnRate, churnGivenAsLifetime, averageOrderValue, purchasesPerPeriod, segment);
  }

  /**
   * Pools the figures read from the base over all customers: one segment.
   *
   * @return a new formula
   * @throws IllegalStateException if a segmentation was already chosen
   */
  public SimpleFormula pooled() {
    return segmentBy(c -> "all");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The churn rate per period. */
  public double churn() {
    return churnRate;
  }

  /** The expected lifetime in periods, {@code 1 / churn()}. */
  public double expectedLifetime() {
    return 1 / churnRate;
  }

  /**
   * Reads the figures that were not given from the base.
   *
   * @param base the customers
   * @return the fitted formula
   */
  @Override
  public Fitted fit(CustomerBase base) {
    requireNonNull(base, "base");
    Map<String, Pool> pools = new LinkedHashMap<>();
    Pool all = new Pool("all customers");
    for (int i = 0; i < base.size(); i++) {
      Customer c = base.customer(i);
      all.add(c);
      if (segment != null) {
        String s = requireNonNull(segment.apply(c), () -> "segment of customer " + c.id());
        pools.computeIfAbsent(s, Pool::new).add(c);
      }
    }
    List<Segment> segments = new ArrayList<>();
    for (Pool p : pools.values()) {
      segments.add(p.segment());
    }
    return new Fitted(this, base.unit().orElse(null), all.segment(), segments);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SimpleFormula[%s, %s%s%s]",
        churnGivenAsLifetime
            ? String.format(Locale.ROOT, "lifetime %.4g periods", expectedLifetime())
            : String.format(Locale.ROOT, "churn %.4g a period", churnRate),
        segment == null ? "per customer" : "per segment",
        Double.isNaN(averageOrderValue)
            ? ""
            : String.format(Locale.ROOT, ", order value %.2f", averageOrderValue),
        Double.isNaN(purchasesPerPeriod)
            ? ""
            : String.format(Locale.ROOT, ", %.4g purchases a period", purchasesPerPeriod));
  }

  /**
   * A segment's pooled figures.
   *
   * @param name the segment
   * @param customers the number of its customers in the base
   * @param averageOrderValue its pooled average order value
   * @param purchasesPerPeriod its pooled purchases per period
   * @since 0.1
   */
  public record Segment(
      String name, long customers, double averageOrderValue, double purchasesPerPeriod) {

    /**
     * Checks the figures.
     *
     * @param name the segment
     * @param customers the number of its customers in the base
     * @param averageOrderValue its pooled average order value
     * @param purchasesPerPeriod its pooled purchases per period
     */
    public Segment {
      requireNonNull(name, "name");
      checkArgument(customers >= 0, "customers must be at least 0, was %s", customers);
    }
  }

  /** The order value of a customer's counted purchases: repeat purchases, or the only one. */
  private static double orderValueOf(Customer c) {
    return c.frequency() > 0 ? c.averageSpend() : c.totalSpend();
  }

  /** Sums over the customers of a segment. */
  private static final class Pool {
    final String name;
    long customers;
    double value;
    long orders;
    long repeatPurchases;
    double age;

    Pool(String name) {
      this.name = name;
    }

    void add(Customer c) {
      customers++;
      int counted = Math.max(c.frequency(), 1);
      value += orderValueOf(c) * counted;
      orders += counted;
      repeatPurchases += c.frequency();
      age += c.age();
    }

    Segment segment() {
      return new Segment(
          name,
          customers,
          orders == 0 ? 0 : Math.max(0, value / orders),
          age == 0 ? 0 : repeatPurchases / age);
    }
  }

  /**
   * The formula with its figures read from a base: values customers of that base.
   *
   * @since 0.1
   */
  public static final class Fitted implements FittedLtvModel {

    private final SimpleFormula formula;
    private final ChronoUnit unit;
    private final Segment all;
    private final Map<String, Segment> segments;

    private Fitted(SimpleFormula formula, ChronoUnit unit, Segment all, List<Segment> segments) {
      this.formula = formula;
      this.unit = unit;
      this.all = all;
      Map<String, Segment> bySegment = new LinkedHashMap<>();
      for (Segment s : segments) {
        bySegment.put(s.name(), s);
      }
      this.segments = Collections.unmodifiableMap(bySegment);
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Optional<ChronoUnit> unit() {
      return Optional.ofNullable(unit);
    }

    /** The formula's settings. */
    public SimpleFormula formula() {
      return formula;
    }

    /** The figures pooled over the whole base, which new customers get. */
    public Segment overall() {
      return withGiven(all);
    }

    /** The segments' figures, in the order they were first met; empty without segmentation. */
    public List<Segment> segments() {
      List<Segment> result = new ArrayList<>();
      for (Segment s : segments.values()) {
        result.add(withGiven(s));
      }
      return List.copyOf(result);
    }

    /**
     * The value of a customer of a segment.
     *
     * @param segment the segment's name
     * @param terms the horizon, annual discount rate and margin
     * @return the value
     * @throws IllegalArgumentException if the base had no such segment
     */
    public double segmentValue(String segment, ValuationTerms terms) {
      Segment s = segments.get(segment);
      checkArgument(s != null, "no segment %s; the segments are %s", segment, segments.keySet());
      Segment figures = withGiven(s);
      return valueOf(figures.averageOrderValue(), figures.purchasesPerPeriod(), terms);
    }

    /** The formula assumes every customer is active; see {@link SimpleFormula}. */
    @Override
    public boolean estimatesProbabilityAlive() {
      return false;
    }

    /** Always 1: the formula assumes every customer is active at the end of observation. */
    @Override
    public double probabilityAlive(Customer customer) {
      requireNonNull(customer, "customer");
      return 1.0;
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      return purchases(rateOf(customer), t);
    }

    @Override
    public double expectedSpend(Customer customer) {
      if (!Double.isNaN(formula.averageOrderValue)) {
        return formula.averageOrderValue;
      }
      if (formula.segment != null) {
        return segmentOf(customer).averageOrderValue();
      }
      return Math.max(0, orderValueOf(customer));
    }

    @Override
    public double expectedPurchases(double t) {
      return purchases(overall().purchasesPerPeriod(), t);
    }

    @Override
    public double expectedSpend() {
      return overall().averageOrderValue();
    }

    private double rateOf(Customer customer) {
      if (!Double.isNaN(formula.purchasesPerPeriod)) {
        return formula.purchasesPerPeriod;
      }
      if (formula.segment != null) {
        return segmentOf(customer).purchasesPerPeriod();
      }
      return customer.age() == 0 ? 0 : customer.frequency() / customer.age();
    }

    private Segment segmentOf(Customer customer) {
      String name = formula.segment.apply(customer);
      Segment s = segments.get(name);
      checkArgument(
          s != null,
          "customer %s is in segment %s, which the base the formula was fitted on does not have",
          customer.id(),
          name);
      return s;
    }

    private Segment withGiven(Segment s) {
      return new Segment(
          s.name(),
          s.customers(),
          Double.isNaN(formula.averageOrderValue)
              ? s.averageOrderValue()
              : formula.averageOrderValue,
          Double.isNaN(formula.purchasesPerPeriod)
              ? s.purchasesPerPeriod()
              : formula.purchasesPerPeriod);
    }

    /**
     * Purchases in the first {@code t} periods: the rate times the expected active time, {@code
     * sum_k overlap(k, t) (1 - c)^(k - 1)}, which is {@code (1 - q^K) / c + f q^K} for {@code t = K
     * + f} and {@code q = 1 - c}.
     */
    private double purchases(double rate, double t) {
      checkArgument(t >= 0, "t must be at least 0, was %s", t);
      if (rate == 0 || t == 0) {
        return 0;
      }
      double c = formula.churnRate;
      if (c == 1) {
        return rate * Math.min(t, 1);
      }
      double whole = Math.floor(t);
      double logQK = whole * Math.log1p(-c);
      double activeTime = -Math.expm1(logQK) / c + (t - whole) * Math.exp(logQK);
      return rate * activeTime;
    }

    private double valueOf(double orderValue, double rate, ValuationTerms terms) {
      Customer anyone = Customer.of("segment", 0, 0, 0);
      SimpleFormula given = new SimpleFormula(
          formula.churnRate, formula.churnGivenAsLifetime, orderValue, rate, null);
      FittedLtvModel fixed = new Fitted(given, unit, all, List.of());
      return fixed.value(anyone, terms);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      s.append(String.format(
          Locale.ROOT,
          "SimpleFormula.Fitted[churn %.4g a period (lifetime %.4g), %s]",
          formula.churnRate,
          formula.expectedLifetime(),
          formula.segment == null ? "per customer" : "per segment"));
      s.append(String.format(
          Locale.ROOT,
          "%n  %-16s %10s %12s %12s",
          "segment",
          "customers",
          "order value",
          "purchases/p"));
      List<Segment> rows = new ArrayList<>(segments());
      if (rows.size() != 1) {
        rows.add(overall());
      }
      for (Segment row : rows) {
        s.append(String.format(
            Locale.ROOT,
            "%n  %-16s %,10d %12.2f %12.4f",
            row.name(),
            row.customers(),
            row.averageOrderValue(),
            row.purchasesPerPeriod()));
      }
      return s.toString();
    }
  }
}
