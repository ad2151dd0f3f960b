package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The value of every customer of a base under one strategy and one set of {@link ValuationTerms},
 * with what a business asks of it: the top customers, value tiers, customers at risk of churning,
 * what a new customer is worth and how acquisition pays back.
 *
 * <p>Made by {@link Ltv#report()}. Rows are in the base's order. Immutable and safe to share
 * between threads; the derived tables are computed when asked for.
 *
 * @since 0.1
 */
public final class LtvReport {

  private final CustomerBase base;
  private final FittedLtvModel model;
  private final ValuationTerms terms;
  private final double[] probabilityAlive;
  private final double[] expectedPurchases;
  private final double[] expectedSpend;
  private final double[] value;

  private LtvReport(
      CustomerBase base,
      FittedLtvModel model,
      ValuationTerms terms,
      double[] probabilityAlive,
      double[] expectedPurchases,
      double[] expectedSpend,
      double[] value) {
    this.base = base;
    this.model = model;
    this.terms = terms;
    this.probabilityAlive = probabilityAlive;
    this.expectedPurchases = expectedPurchases;
    this.expectedSpend = expectedSpend;
    this.value = value;
  }

  /**
   * Values every customer of the base.
   *
   * @throws IllegalStateException if the model returns NaN, an infinity or a value out of range
   *     for a customer, naming both
   */
  static LtvReport of(CustomerBase base, FittedLtvModel model, ValuationTerms terms) {
    int n = base.size();
    double[] alive = new double[n];
    double[] purchases = new double[n];
    double[] spend = new double[n];
    double[] values = new double[n];
    model.score(base, terms, alive, purchases, spend, values);
    for (int i = 0; i < n; i++) {
      check(model, base, i, "probabilityAlive", alive[i]);
      checkState(
          alive[i] <= 1, "%s gave customer %s P(alive) %s", model.name(), base.id(i), alive[i]);
      check(model, base, i, "expectedPurchases", purchases[i]);
      check(model, base, i, "expectedSpend", spend[i]);
      check(model, base, i, "value", values[i]);
    }
    return new LtvReport(base, model, terms, alive, purchases, spend, values);
  }

  private static void check(FittedLtvModel model, CustomerBase base, int i, String what, double x) {
    checkState(
        Double.isFinite(x) && x >= 0,
        "%s gave customer %s %s %s; a strategy must return finite figures of at least 0",
        model.name(),
        base.id(i),
        what,
        x);
  }

  /** The customers. */
  public CustomerBase base() {
    return base;
  }

  /** The fitted strategy; its {@code toString()} shows its parameters. */
  public FittedLtvModel model() {
    return model;
  }

  /** The terms of the valuation. */
  public ValuationTerms terms() {
    return terms;
  }

  /** The number of customers. */
  public int size() {
    return value.length;
  }

  /**
   * The row of the customer at position {@code i}.
   *
   * @param i the position, in {@code [0, size())}
   * @return the row
   */
  public CustomerLtv get(int i) {
    checkElementIndex(i, value.length);
    return new CustomerLtv(
        base.id(i), probabilityAlive[i], expectedPurchases[i], expectedSpend[i], value[i]);
  }

  /**
   * The row of a customer.
   *
   * @param id the customer's id
   * @return the row
   * @throws NoSuchElementException if there is no such customer
   */
  public CustomerLtv get(String id) {
    return get(indexOf(id));
  }

  int indexOf(String id) {
    int i = base.indexOf(id);
    if (i < 0) {
      throw new NoSuchElementException("no customer with id " + id);
    }
    return i;
  }

  /** Every row, in the base's order. */
  public LtvTable values() {
    List<CustomerLtv> rows = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      rows.add(get(i));
    }
    return new LtvTable(rows);
  }

  /**
   * The value of the customer at position {@code i}, without making a row.
   *
   * @param i the position, in {@code [0, size())}
   * @return the value
   */
  public double value(int i) {
    checkElementIndex(i, value.length);
    return value[i];
  }

  /** The sum of all customers' values. */
  public double totalValue() {
    double sum = 0;
    for (double v : value) {
      sum += v;
    }
    return sum;
  }

  /**
   * The {@code n} customers of highest value, highest first; ties in id order.
   *
   * @param n how many, at least 0
   * @return the rows
   */
  public LtvTable top(int n) {
    checkArgument(n >= 0, "n must be at least 0, was %s", n);
    Comparator<Integer> order = Comparator.<Integer>comparingDouble(i -> value[i])
        .reversed()
        .thenComparing(i -> base.id(i));
    PriorityQueue<Integer> kept = new PriorityQueue<>(order.reversed());
    for (int i = 0; i < size() && n > 0; i++) {
      kept.add(i);
      if (kept.size() > n) {
        kept.poll();
      }
    }
    List<Integer> best = new ArrayList<>(kept);
    best.sort(order);
    List<CustomerLtv> rows = new ArrayList<>(best.size());
    for (int i : best) {
      rows.add(get(i));
    }
    return new LtvTable(rows);
  }

  /** The customers in the {@linkplain TierScheme#standard() standard} tiers. */
  public Tiers tiers() {
    return tiers(TierScheme.standard());
  }

  /**
   * The customers in the tiers of a scheme.
   *
   * @param scheme the tiers
   * @return every customer in one tier
   */
  public Tiers tiers(TierScheme scheme) {
    return new Tiers(requireNonNull(scheme, "scheme"), this, value);
  }

  /**
   * The repeat buyers whose probability of being active fell below a threshold.
   *
   * @param threshold the probability, in (0, 1]
   * @return the customers at risk
   * @throws IllegalStateException if the strategy does not estimate the probability alive
   */
  public ChurnRisk churnRisk(double threshold) {
    return churnRisk(threshold, Customer::isRepeatBuyer);
  }

  /**
   * The customers a rule calls previously active whose probability of being active fell below a
   * threshold.
   *
   * @param threshold the probability, in (0, 1]
   * @param previouslyActive which customers were active, such as those with two or more purchases
   * @return the customers at risk
   * @throws IllegalStateException if the strategy does not estimate the probability alive
   */
  public ChurnRisk churnRisk(double threshold, Predicate<Customer> previouslyActive) {
    requireNonNull(previouslyActive, "previouslyActive");
    checkArgument(
        threshold > 0 && threshold <= 1, "threshold must be in (0, 1], was %s", threshold);
    checkState(
        model.estimatesProbabilityAlive(),
        "%s assumes every customer is active and has no churn risk to report",
        model.name());
    int active = 0;
    List<ChurnRisk.AtRisk> atRisk = new ArrayList<>();
    double spent = 0;
    for (int i = 0; i < size(); i++) {
      Customer c = base.customer(i);
      if (!previouslyActive.test(c)) {
        continue;
      }
      active++;
      if (probabilityAlive[i] < threshold) {
        atRisk.add(new ChurnRisk.AtRisk(c, get(i)));
        spent += c.totalSpend();
      }
    }
    atRisk.sort(Comparator.comparingDouble((ChurnRisk.AtRisk r) -> r.customer().totalSpend())
        .reversed()
        .thenComparing(r -> r.customer().id()));
    return new ChurnRisk(threshold, active, atRisk, spent);
  }

  /** What a customer acquired now is worth, first purchase included; see {@link NewCustomerValue}. */
  public NewCustomerValue newCustomer() {
    double first = 0;
    for (int i = 0; i < size(); i++) {
      first += base.totalSpend(i) - base.frequency(i) * base.averageSpend(i);
    }
    double meanFirst = size() == 0 ? 0 : Math.max(0, first / size());
    return new NewCustomerValue(
        model.name(), terms, terms.margin() * meanFirst, model.newCustomerCumulativeValue(terms));
  }

  /**
   * LTV : CAC and payback of the whole base at one acquisition cost per customer.
   *
   * @param costPerCustomer the cost, finite and above 0
   * @return one group, {@code all}
   */
  public AcquisitionEconomics acquisition(double costPerCustomer) {
    NewCustomerValue.checkCost(costPerCustomer);
    return acquisition(c -> "all", c -> costPerCustomer);
  }

  /**
   * LTV : CAC and payback per segment or channel, at one acquisition cost per segment.
   *
   * @param segment the segment of a customer
   * @param costPerSegment the cost per customer of each segment, finite and above 0
   * @return one group per segment
   * @throws IllegalArgumentException if a segment has no cost, naming it
   */
  public AcquisitionEconomics acquisition(
      Function<Customer, String> segment, Map<String, Double> costPerSegment) {
    requireNonNull(segment, "segment");
    requireNonNull(costPerSegment, "costPerSegment");
    return acquisition(segment, c -> {
      String s = segment.apply(c);
      Double cost = costPerSegment.get(s);
      checkArgument(cost != null, "segment %s of customer %s has no acquisition cost", s, c.id());
      return cost;
    });
  }

  /**
   * LTV : CAC and payback per segment or channel, with an acquisition cost per customer.
   *
   * @param segment the segment of a customer, never null
   * @param cost the acquisition cost of a customer, finite and above 0
   * @return one group per segment, in the order the segments were first met
   * @throws IllegalArgumentException if a cost is not finite and above 0, naming the customer
   */
  public AcquisitionEconomics acquisition(
      Function<Customer, String> segment, ToDoubleFunction<Customer> cost) {
    requireNonNull(segment, "segment");
    requireNonNull(cost, "cost");
    Map<String, GroupSums> groups = new LinkedHashMap<>();
    for (int i = 0; i < size(); i++) {
      Customer c = base.customer(i);
      String name = requireNonNull(segment.apply(c), () -> "segment of customer " + c.id());
      double costOfCustomer = cost.applyAsDouble(c);
      checkArgument(
          Double.isFinite(costOfCustomer) && costOfCustomer > 0,
          "customer %s: acquisition cost must be finite and above 0, was %s",
          c.id(),
          costOfCustomer);
      GroupSums g = groups.computeIfAbsent(name, k -> new GroupSums(terms.periods()));
      g.customers++;
      g.cost += costOfCustomer;
      g.toDate += terms.margin() * Math.max(0, c.totalSpend());
      g.future += value[i];
      double[] cumulative = model.cumulativeValue(c, terms);
      for (int k = 0; k < cumulative.length; k++) {
        g.cumulative[k] += cumulative[k];
      }
    }
    List<AcquisitionEconomics.Group> rows = new ArrayList<>();
    for (Map.Entry<String, GroupSums> e : groups.entrySet()) {
      GroupSums g = e.getValue();
      double n = g.customers;
      double[] meanCumulative = g.cumulative.clone();
      for (int k = 0; k < meanCumulative.length; k++) {
        meanCumulative[k] /= n;
      }
      rows.add(new AcquisitionEconomics.Group(
          e.getKey(),
          g.customers,
          g.cost / n,
          g.toDate / n,
          g.future / n,
          NewCustomerValue.payback(g.toDate / n, meanCumulative, g.cost / n)));
    }
    return new AcquisitionEconomics(terms, rows);
  }

  /** Running sums of one group. */
  private static final class GroupSums {
    int customers;
    double cost;
    double toDate;
    double future;
    final double[] cumulative;

    GroupSums(int periods) {
      cumulative = new double[periods];
    }
  }

  /**
   * Writes one line per customer, after a header: {@code id, probability_alive,
   * expected_purchases, expected_spend, value}. Numbers are written as Java prints doubles, which
   * read back to the same value.
   *
   * @param file the file, replaced if it exists
   * @throws UncheckedIOException if the file cannot be written
   */
  public void writeCsv(Path file) {
    requireNonNull(file, "file");
    try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file)) {
      write(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Writes the rows as {@link #writeCsv(Path)} does, to a writer left open.
   *
   * @param out the writer
   * @throws UncheckedIOException if writing fails
   */
  public void writeCsv(Writer out) {
    requireNonNull(out, "out");
    try {
      CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
      write(csv);
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(CsvWriter csv) {
    csv.writeRecord("id", "probability_alive", "expected_purchases", "expected_spend", "value");
    for (int i = 0; i < size(); i++) {
      csv.writeRecord(
          base.id(i),
          Double.toString(probabilityAlive[i]),
          Double.toString(expectedPurchases[i]),
          Double.toString(expectedSpend[i]),
          Double.toString(value[i]));
    }
  }

  /** A summary: the strategy, the terms, total, mean and median value, and the top five. */
  @Override
  public String toString() {
    double total = totalValue();
    double[] sorted = value.clone();
    Arrays.sort(sorted);
    double median = sorted.length == 0
        ? 0
        : sorted.length % 2 == 1
            ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return String.format(
            Locale.ROOT,
            "LtvReport[%s on %,d customers; %s]%n  total value %,.2f, mean %,.2f, median %,.2f;"
                + " top 5:%n",
            model.name(),
            size(),
            terms,
            total,
            size() == 0 ? 0 : total / size(),
            median)
        + top(5).toString().indent(2).stripTrailing();
  }
}
