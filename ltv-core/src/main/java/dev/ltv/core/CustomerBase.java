package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The summaries of all customers of a business, in one time unit: the input of every model.
 *
 * <p>A base is immutable and safe to share between threads. It is stored by column, so a base
 * summarized from a log costs at most 32 bytes per customer besides the customer ids, which it
 * shares with the log (the first lookup by id adds 8 bytes per id to them); the index accessors
 * ({@link #frequency(int)}, {@link #recency(int)}, ...) read the columns without creating a {@link
 * Customer}.
 *
 * <p>A base comes from {@link TransactionLog#summarize(ChronoUnit, LocalDate)}, from a {@link
 * SummaryAccumulator}, or from known figures with {@link #of(ChronoUnit, List)}.
 *
 * @since 0.1
 */
public final class CustomerBase implements Iterable<Customer> {

  private static final int NO_DAY = Integer.MIN_VALUE;

  private final int size;
  private final IdTable ids;
  private final int[] idPositions;
  private final int[] frequency;
  private final ChronoUnit unit;
  private final LocalDate observationEnd;
  private final SummaryReport report;

  // Layout of a base summarized from transactions: times in whole periods of the grouping.
  private final int[] recencyTicks;
  private final int[] firstDay;
  private final double[] repeatSpend;
  private final double[] totalSpend;
  private final ChronoUnit grouping;
  private final int endTick;
  private final double ticksPerUnit;

  // Layout of a base built from figures.
  private final double[] recency;
  private final double[] age;
  private final double[] averageSpend;

  /** A base summarized from transactions. */
  CustomerBase(
      IdTable ids,
      int[] idPositions,
      int[] frequency,
      int[] recencyTicks,
      int[] firstDay,
      double[] repeatSpend,
      double[] totalSpend,
      ChronoUnit unit,
      ChronoUnit grouping,
      LocalDate observationEnd,
      SummaryReport report) {
    this.size = frequency.length;
    this.ids = ids;
    this.idPositions = idPositions;
    this.frequency = frequency;
    this.recencyTicks = recencyTicks;
    this.firstDay = firstDay;
    this.repeatSpend = repeatSpend;
    this.totalSpend = totalSpend;
    this.unit = unit;
    this.grouping = grouping;
    this.observationEnd = observationEnd;
    this.endTick = Periods.periodOf(grouping, Math.toIntExact(observationEnd.toEpochDay()));
    this.ticksPerUnit = grouping == ChronoUnit.DAYS ? Periods.daysPer(unit) : 1.0;
    this.report = report;
    this.recency = null;
    this.age = null;
    this.averageSpend = null;
  }

  private CustomerBase(List<Customer> customers, ChronoUnit unit) {
    int n = customers.size();
    String[] names = new String[n];
    this.frequency = new int[n];
    this.recency = new double[n];
    this.age = new double[n];
    this.averageSpend = new double[n];
    this.totalSpend = new double[n];
    this.firstDay = new int[n];
    Map<String, Integer> seen = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      Customer c = customers.get(i);
      if (c == null) {
        throw new NullPointerException("customers: the customer at position " + i + " is null");
      }
      Integer previous = seen.put(c.id(), i);
      checkArgument(
          previous == null, "customer id %s appears twice, at %s and %s", c.id(), previous, i);
      names[i] = c.id();
      frequency[i] = c.frequency();
      recency[i] = c.recency();
      age[i] = c.age();
      averageSpend[i] = c.averageSpend();
      totalSpend[i] = c.totalSpend();
      long day = c.firstPurchase() == null ? NO_DAY : c.firstPurchase().toEpochDay();
      checkArgument(
          day == (int) day,
          "customer %s: firstPurchase %s is outside the supported range",
          c.id(),
          c.firstPurchase());
      firstDay[i] = (int) day;
    }
    this.size = n;
    this.ids = IdTable.of(names);
    this.idPositions = null;
    this.unit = unit == null ? null : Periods.checkSupported(unit);
    this.observationEnd = null;
    this.report = SummaryReport.NONE;
    this.recencyTicks = null;
    this.repeatSpend = null;
    this.grouping = null;
    this.endTick = 0;
    this.ticksPerUnit = 1.0;
  }

  /**
   * A base of customers known by their figures, with times in the given unit.
   *
   * @param unit the unit of every customer's recency and age: days, weeks, months or years
   * @param customers the customers; ids must be distinct
   * @return the base
   */
  public static CustomerBase of(ChronoUnit unit, List<Customer> customers) {
    requireNonNull(unit, "unit");
    return new CustomerBase(requireNonNull(customers, "customers"), unit);
  }

  /**
   * A base of customers known by their figures, in an unnamed time unit. Models fit and predict on
   * it as on any base; valuation with a discount rate needs the unit, see {@link #of(ChronoUnit,
   * List)}.
   *
   * @param customers the customers; ids must be distinct
   * @return the base
   */
  public static CustomerBase of(List<Customer> customers) {
    return new CustomerBase(requireNonNull(customers, "customers"), null);
  }

  /**
   * A base of the given customers, in an unnamed time unit.
   *
   * @param customers the customers; ids must be distinct
   * @return the base
   */
  public static CustomerBase of(Customer... customers) {
    return of(Arrays.asList(requireNonNull(customers, "customers")));
  }

  /** The number of customers. */
  public int size() {
    return size;
  }

  /** Whether the base has no customers. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The unit of recency and age, if known. */
  public Optional<ChronoUnit> unit() {
    return Optional.ofNullable(unit);
  }

  /** The last day of observation, if the base was summarized from transactions. */
  public Optional<LocalDate> observationEnd() {
    return Optional.ofNullable(observationEnd);
  }

  /** What the summary left out; {@link SummaryReport#NONE} for a base built from figures. */
  public SummaryReport report() {
    return report;
  }

  /**
   * The id of customer {@code i}.
   *
   * @param i the position, in {@code [0, size())}
   * @return the id
   */
  public String id(int i) {
    checkElementIndex(i, size);
    return ids.get(idPositions == null ? i : idPositions[i]);
  }

  /**
   * The repeat purchases of customer {@code i}.
   *
   * @param i the position, in {@code [0, size())}
   * @return the frequency
   */
  public int frequency(int i) {
    return frequency[checkElementIndex(i, size)];
  }

  /**
   * The recency of customer {@code i}, in the base's unit.
   *
   * @param i the position, in {@code [0, size())}
   * @return the recency
   */
  public double recency(int i) {
    checkElementIndex(i, size);
    return recency != null ? recency[i] : recencyTicks[i] / ticksPerUnit;
  }

  /**
   * The age of customer {@code i}, in the base's unit.
   *
   * @param i the position, in {@code [0, size())}
   * @return the age
   */
  public double age(int i) {
    checkElementIndex(i, size);
    return age != null ? age[i] : ageTicks(i) / ticksPerUnit;
  }

  /**
   * The mean value of the repeat purchases of customer {@code i}; 0 without repeat purchases.
   *
   * @param i the position, in {@code [0, size())}
   * @return the average spend
   */
  public double averageSpend(int i) {
    checkElementIndex(i, size);
    if (averageSpend != null) {
      return averageSpend[i];
    }
    return frequency[i] == 0 ? 0.0 : repeatSpend[i] / frequency[i];
  }

  /**
   * The value of all purchases of customer {@code i} in the window, net of refunds.
   *
   * @param i the position, in {@code [0, size())}
   * @return the total spend
   */
  public double totalSpend(int i) {
    return totalSpend[checkElementIndex(i, size)];
  }

  /**
   * The customer at position {@code i}.
   *
   * @param i the position, in {@code [0, size())}
   * @return the customer
   */
  public Customer customer(int i) {
    checkElementIndex(i, size);
    LocalDate first = firstDay[i] == NO_DAY ? null : LocalDate.ofEpochDay(firstDay[i]);
    return new Customer(
        id(i), frequency[i], recency(i), age(i), averageSpend(i), totalSpend[i], first);
  }

  /**
   * The customer with the given id.
   *
   * @param id the id
   * @return the customer
   * @throws NoSuchElementException if no customer has that id
   */
  public Customer get(String id) {
    return find(id).orElseThrow(() -> new NoSuchElementException("no customer with id " + id));
  }

  /**
   * The customer with the given id, if there is one.
   *
   * @param id the id
   * @return the customer, or empty
   */
  public Optional<Customer> find(String id) {
    int i = position(id);
    return i < 0 ? Optional.empty() : Optional.of(customer(i));
  }

  /**
   * The position of the customer with the given id, or -1.
   *
   * @param id the id
   * @return the position in {@code [0, size())}, or -1
   */
  public int indexOf(String id) {
    return position(id);
  }

  /** The customers as a list view, in the base's order. */
  public List<Customer> customers() {
    return new AbstractList<>() {
      @Override
      public Customer get(int i) {
        return customer(i);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Iterator<Customer> iterator() {
    return customers().iterator();
  }

  /** The customers, in the base's order. */
  public Stream<Customer> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  /** The total number of repeat purchases over all customers. */
  public long repeatPurchases() {
    long sum = 0;
    for (int f : frequency) {
      sum += f;
    }
    return sum;
  }

  /** The number of customers with at least one repeat purchase. */
  public int repeatBuyers() {
    int n = 0;
    for (int f : frequency) {
      if (f > 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * The base compressed to its distinct (frequency, recency, age) rows with counts, which is all a
   * purchase model needs to be fitted. Every customer is counted once. Times are compared exactly:
   * two recencies that differ in the last bit make two rows, while {@code -0.0} and {@code 0.0}
   * make one. Rows are sorted by frequency, then recency, then age, whatever the order of the
   * customers.
   *
   * <p>The time is linear in the customers (a radix sort of packed keys), and the work space about
   * 16 bytes a customer while it runs. The rows are computed anew on each call.
   *
   * @return the distinct rows, sorted
   */
  public DistinctRows distinctRows() {
    return recency == null ? Compression.ofTicks(this) : Compression.ofFigures(this);
  }

  /** The position in the log's id table of customer {@code i}. */
  int logPosition(int i) {
    return idPositions == null ? i : idPositions[i];
  }

  int[] frequencyColumn() {
    return frequency;
  }

  int[] recencyTickColumn() {
    return recencyTicks;
  }

  int ageTicks(int i) {
    return endTick - Periods.periodOf(grouping, firstDay[i]);
  }

  double ticksPerUnit() {
    return ticksPerUnit;
  }

  /** The position of the customer with the given id, or -1. */
  private int position(String id) {
    int p = ids.indexOf(requireNonNull(id, "id"));
    if (p < 0 || idPositions == null) {
      return p;
    }
    // A base that leaves customers of its log out keeps the others' log positions in order.
    int i = Arrays.binarySearch(idPositions, p);
    return i >= 0 ? i : -1;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(
        Locale.ROOT,
        "CustomerBase[%,d customers, %,d repeat buyers, %,d repeat purchases, unit %s%s]",
        size(),
        repeatBuyers(),
        repeatPurchases(),
        unit == null ? "unnamed" : unit.toString().toLowerCase(Locale.ROOT),
        observationEnd == null ? "" : ", observed to " + observationEnd));
    int shown = Math.min(5, size());
    if (shown > 0) {
      s.append(String.format(
          Locale.ROOT,
          "%n  %-12s %9s %9s %9s %12s",
          "id",
          "frequency",
          "recency",
          "age",
          "avg spend"));
      for (int i = 0; i < shown; i++) {
        s.append(String.format(
            Locale.ROOT,
            "%n  %-12s %9d %9.3f %9.3f %12.2f",
            id(i),
            frequency[i],
            recency(i),
            age(i),
            averageSpend(i)));
      }
      if (size() > shown) {
        s.append(String.format(Locale.ROOT, "%n  ... %,d more", size() - shown));
      }
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustomerBase other) || other.size() != size()) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!customer(i).equals(other.customer(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(frequency);
  }
}
