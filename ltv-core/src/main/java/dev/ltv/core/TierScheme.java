package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Named bands of customer value, lowest first: either by <b>quantile</b> (the bottom half, the next
 * 30%, ...), or by <b>value</b> thresholds the caller sets, like the levels of a loyalty programme.
 *
 * <p>Quantile cut-offs must cover 0 to 1: they start at 0, end at 1 and rise strictly. Value
 * thresholds are the lower bounds of the bands: they start at 0 and rise strictly; the last band
 * has no upper bound. Either way every customer falls in exactly one band. Immutable.
 *
 * @since 0.1
 */
public final class TierScheme {

  /** How the cut-offs are read. */
  public enum Kind {
    /** Cut-offs are shares of customers, ranked by value. */
    QUANTILE,
    /** Cut-offs are values, in the currency of the base. */
    VALUE
  }

  private static final TierScheme DEFAULT =
      quantiles(List.of("Bronze", "Silver", "Gold", "Platinum"), 0, 0.5, 0.8, 0.95, 1);

  private final Kind kind;
  private final List<String> names;
  private final double[] cutOffs;

  private TierScheme(Kind kind, List<String> names, double[] cutOffs) {
    this.kind = kind;
    this.names = names;
    this.cutOffs = cutOffs;
  }

  /**
   * The default bands: Bronze for the bottom 50% of customers by value, Silver for the next 30%,
   * Gold for the next 15% and Platinum for the top 5%.
   */
  public static TierScheme standard() {
    return DEFAULT;
  }

  /**
   * Bands by quantile of value.
   *
   * @param names the bands' names, lowest first; distinct, not blank
   * @param cutOffs one more than the names: 0, the boundaries, then 1; strictly rising
   * @return the scheme
   * @throws IllegalArgumentException if the cut-offs do not cover 0 to 1 or do not rise, naming the
   *     offending value
   */
  public static TierScheme quantiles(List<String> names, double... cutOffs) {
    requireNonNull(names, "names");
    requireNonNull(cutOffs, "cutOffs");
    List<String> copy = checkNames(names);
    checkArgument(
        cutOffs.length == copy.size() + 1,
        "%s tiers need %s cut-offs (0, the boundaries, 1), got %s",
        copy.size(),
        copy.size() + 1,
        cutOffs.length);
    checkArgument(
        cutOffs[0] == 0 && cutOffs[cutOffs.length - 1] == 1,
        "quantile tiers must cover 0..1: the cut-offs run from %s to %s",
        cutOffs[0],
        cutOffs[cutOffs.length - 1]);
    checkRising(cutOffs);
    return new TierScheme(Kind.QUANTILE, copy, cutOffs.clone());
  }

  /**
   * Bands by value: each name with the lowest value of its band.
   *
   * @param names the bands' names, lowest first; distinct, not blank
   * @param lowerBounds the lowest value of each band: 0 first, strictly rising
   * @return the scheme
   * @throws IllegalArgumentException if the bounds do not start at 0 or do not rise, naming the
   *     offending value
   */
  public static TierScheme values(List<String> names, double... lowerBounds) {
    requireNonNull(names, "names");
    requireNonNull(lowerBounds, "lowerBounds");
    List<String> copy = checkNames(names);
    checkArgument(
        lowerBounds.length == copy.size(),
        "%s tiers need %s lower bounds, got %s",
        copy.size(),
        copy.size(),
        lowerBounds.length);
    checkArgument(
        lowerBounds[0] == 0,
        "value tiers must cover every value from 0: the first lower bound is %s",
        lowerBounds[0]);
    checkRising(lowerBounds);
    double[] cutOffs = new double[copy.size() + 1];
    System.arraycopy(lowerBounds, 0, cutOffs, 0, lowerBounds.length);
    cutOffs[copy.size()] = Double.POSITIVE_INFINITY;
    return new TierScheme(Kind.VALUE, copy, cutOffs);
  }

  private static List<String> checkNames(List<String> names) {
    requireNonNull(names, "names");
    checkArgument(!names.isEmpty(), "at least one tier is needed");
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      checkArgument(name != null && !name.isBlank(), "tier names must not be blank: %s", names);
      checkArgument(seen.add(name), "tier name %s appears twice", name);
    }
    return List.copyOf(names);
  }

  private static void checkRising(double[] cutOffs) {
    for (int i = 1; i < cutOffs.length; i++) {
      checkArgument(
          Double.isFinite(cutOffs[i]) && cutOffs[i] > cutOffs[i - 1],
          "cut-offs must rise strictly and be finite, but %s follows %s",
          cutOffs[i],
          cutOffs[i - 1]);
    }
  }

  /** How the cut-offs are read. */
  public Kind kind() {
    return kind;
  }

  /** The bands' names, lowest first. */
  public List<String> names() {
    return names;
  }

  /**
   * The cut-offs: for quantile bands 0, the boundaries and 1; for value bands the lower bounds.
   */
  public double[] cutOffs() {
    return kind == Kind.VALUE ? java.util.Arrays.copyOf(cutOffs, names.size()) : cutOffs.clone();
  }

  /** The band boundaries, lower bound of band {@code i} at {@code i}; package use. */
  double cutOff(int i) {
    return cutOffs[i];
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TierScheme[")
        .append(kind.toString().toLowerCase(Locale.ROOT))
        .append(':');
    for (int i = 0; i < names.size(); i++) {
      s.append(i == 0 ? " " : ", ").append(names.get(i));
      if (kind == Kind.QUANTILE) {
        s.append(
            String.format(Locale.ROOT, " %.0f-%.0f%%", 100 * cutOffs[i], 100 * cutOffs[i + 1]));
      } else {
        s.append(String.format(Locale.ROOT, " from %s", cutOffs[i]));
      }
    }
    return s.append(']').toString();
  }
}
