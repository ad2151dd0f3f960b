package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The customers of an {@link LtvReport} sorted into the bands of a {@link TierScheme}: every
 * customer in exactly one band.
 *
 * <p>Quantile bands become value thresholds first: the boundary at share {@code q} is the value of
 * the customer at rank {@code ceil(q * n)} (from 0, lowest value first), so that without ties the
 * band below it holds exactly that share of the customers. Customers of equal value always share a
 * band, so with ties a band may hold more or fewer than its nominal share, and may be empty.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Tiers {

  private final TierScheme scheme;
  private final LtvReport report;
  private final byte[] tierOf;
  private final double[] lowerBounds;
  private final int[] customers;
  private final double[] total;
  private final double[] min;
  private final double[] max;

  Tiers(TierScheme scheme, LtvReport report, double[] values) {
    this.scheme = scheme;
    this.report = report;
    int bands = scheme.names().size();
    checkArgument(bands <= Byte.MAX_VALUE, "at most %s tiers, got %s", Byte.MAX_VALUE, bands);
    this.lowerBounds = new double[bands];
    if (scheme.kind() == TierScheme.Kind.VALUE) {
      for (int j = 0; j < bands; j++) {
        lowerBounds[j] = scheme.cutOff(j);
      }
    } else {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      lowerBounds[0] = Double.NEGATIVE_INFINITY;
      for (int j = 1; j < bands; j++) {
        long rank = (long) Math.ceil(scheme.cutOff(j) * sorted.length);
        lowerBounds[j] = rank < sorted.length ? sorted[(int) rank] : Double.POSITIVE_INFINITY;
      }
    }
    this.tierOf = new byte[values.length];
    this.customers = new int[bands];
    this.total = new double[bands];
    this.min = new double[bands];
    this.max = new double[bands];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < values.length; i++) {
      int band = bandOf(values[i]);
      tierOf[i] = (byte) band;
      customers[band]++;
      total[band] += values[i];
      min[band] = Math.min(min[band], values[i]);
      max[band] = Math.max(max[band], values[i]);
    }
  }

  /** The band of a value: the last band whose lower bound it reaches. */
  private int bandOf(double value) {
    int band = 0;
    for (int j = 1; j < lowerBounds.length; j++) {
      if (value >= lowerBounds[j]) {
        band = j;
      }
    }
    return band;
  }

  /** The scheme. */
  public TierScheme scheme() {
    return scheme;
  }

  /** The bands' names, lowest first. */
  public List<String> names() {
    return scheme.names();
  }

  /**
   * The band of the customer at position {@code i} of the report.
   *
   * @param i the position, in {@code [0, report.size())}
   * @return the band's name
   */
  public String tierOf(int i) {
    checkElementIndex(i, tierOf.length);
    return scheme.names().get(tierOf[i]);
  }

  /**
   * The band of a customer.
   *
   * @param id the customer's id
   * @return the band's name
   * @throws java.util.NoSuchElementException if the report has no such customer
   */
  public String tierOf(String id) {
    return tierOf(report.indexOf(id));
  }

  /**
   * The number of customers in a band.
   *
   * @param name the band's name
   * @return the count
   */
  public int size(String name) {
    return customers[band(name)];
  }

  /**
   * The customers of a band, in the report's order.
   *
   * @param name the band's name
   * @return their values
   */
  public List<CustomerLtv> members(String name) {
    int band = band(name);
    List<CustomerLtv> members = new ArrayList<>(customers[band]);
    for (int i = 0; i < tierOf.length; i++) {
      if (tierOf[i] == band) {
        members.add(report.get(i));
      }
    }
    return members;
  }

  /**
   * The total value of a band.
   *
   * @param name the band's name
   * @return the sum of its customers' values
   */
  public double totalValue(String name) {
    return total[band(name)];
  }

  /**
   * The lowest value a customer needs to be in a band: the band's lower bound, or for quantile
   * bands the threshold it became. Negative infinity for the lowest quantile band, positive
   * infinity for a quantile band that no customer reaches.
   *
   * @param name the band's name
   * @return the threshold
   */
  public double threshold(String name) {
    return lowerBounds[band(name)];
  }

  private int band(String name) {
    requireNonNull(name, "name");
    int band = scheme.names().indexOf(name);
    checkArgument(band >= 0, "no tier %s; the tiers are %s", name, scheme.names());
    return band;
  }

  /** One line per band, highest first: customers, share, value range, mean and total value. */
  @Override
  public String toString() {
    double all = 0;
    for (double t : total) {
      all += t;
    }
    int n = tierOf.length;
    int width = 8;
    for (String name : scheme.names()) {
      width = Math.max(width, name.length());
    }
    StringBuilder s = new StringBuilder(String.format(
        Locale.ROOT,
        "Tiers[%s, %,d customers]%n",
        scheme.kind().toString().toLowerCase(Locale.ROOT),
        n));
    s.append(String.format(
        Locale.ROOT,
        "%-" + width + "s %9s %7s %12s %12s %10s %14s %7s",
        "tier",
        "customers",
        "share",
        "min value",
        "max value",
        "mean",
        "total value",
        "share"));
    for (int j = scheme.names().size() - 1; j >= 0; j--) {
      boolean empty = customers[j] == 0;
      s.append(String.format(
          Locale.ROOT,
          "%n%-" + width + "s %,9d %6.1f%% %12s %12s %10s %,14.2f %6.1f%%",
          scheme.names().get(j),
          customers[j],
          n == 0 ? 0 : 100.0 * customers[j] / n,
          empty ? "-" : String.format(Locale.ROOT, "%.2f", min[j]),
          empty ? "-" : String.format(Locale.ROOT, "%.2f", max[j]),
          empty ? "-" : String.format(Locale.ROOT, "%.2f", total[j] / customers[j]),
          total[j],
          all == 0 ? 0 : 100 * total[j] / all));
    }
    return s.toString();
  }
}
