package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.CohortTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Each cohort of a {@link CohortTable} projected forward with the shifted-beta-geometric model
 * fitted to its own survivors (customers active in a period or later; see {@link CohortTable}).
 *
 * <p><b>Undercounted survivors.</b> With purchases instead of contracts, a customer who is still
 * there but has not bought again by the end of observation counts as lost, so the survivors of the
 * last periods before the end fall too fast. {@link #of(CohortTable, int)} leaves out the last
 * {@code settle} complete periods of every cohort, whose survivors have had less than that many
 * periods to show up; a value near the typical time between purchases removes most of the bias.
 *
 * <p>A cohort whose survivors do not support a fit of their own (too few complete periods, nobody
 * lost, or no unique estimate) is projected with the model fitted to all cohorts together, and
 * {@link #source(int)} says so; if even the pooled fit fails, {@link #of(CohortTable)} throws the
 * {@link FitException}. Nothing is left out silently.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CohortProjection {

  /** Where a cohort's model comes from. */
  public enum Source {
    /** The cohort's own survivors. */
    OWN,
    /** All cohorts together, because the cohort's own survivors did not support a fit. */
    POOLED
  }

  private static final int DEFAULT_AHEAD = 6;

  private final CohortTable table;
  private final int settle;
  private final ShiftedBetaGeometric pooled;
  private final List<ShiftedBetaGeometric> models;
  private final List<Source> sources;
  private final List<String> reasons;

  private CohortProjection(
      CohortTable table,
      int settle,
      ShiftedBetaGeometric pooled,
      List<ShiftedBetaGeometric> models,
      List<Source> sources,
      List<String> reasons) {
    this.table = table;
    this.settle = settle;
    this.pooled = pooled;
    this.models = List.copyOf(models);
    this.sources = List.copyOf(sources);
    this.reasons = List.copyOf(reasons);
  }

  /**
   * Fits the model to each cohort's survivors in all its complete periods, and to all cohorts
   * together.
   *
   * @param table the cohorts
   * @return the projection
   * @throws IllegalArgumentException if the table has no cohort
   * @throws FitException if the pooled fit fails, as when no cohort loses anybody
   */
  public static CohortProjection of(CohortTable table) {
    return of(table, 0);
  }

  /**
   * Fits the model to each cohort's survivors in its complete periods but the last {@code settle},
   * and to all cohorts together.
   *
   * @param table the cohorts
   * @param settle the complete periods left out at the end of each cohort, at least 0
   * @return the projection
   * @throws IllegalArgumentException if the table has no cohort or {@code settle} is negative
   * @throws FitException if the pooled fit fails, as when no cohort loses anybody
   */
  public static CohortProjection of(CohortTable table, int settle) {
    requireNonNull(table, "table");
    checkArgument(table.cohorts() > 0, "the cohort table is empty");
    checkArgument(settle >= 0, "settle must be at least 0, was %s", settle);
    List<int[]> survivors = new ArrayList<>();
    for (int c = 0; c < table.cohorts(); c++) {
      int[] all = table.survivors(c);
      survivors.add(Arrays.copyOf(all, Math.max(1, all.length - settle)));
    }
    ShiftedBetaGeometric pooled = ShiftedBetaGeometric.fitPooled(survivors);
    List<ShiftedBetaGeometric> models = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (int c = 0; c < table.cohorts(); c++) {
      int[] s = survivors.get(c);
      if (s.length < 3) {
        models.add(pooled);
        sources.add(Source.POOLED);
        reasons.add(s.length - 1 + " period(s) to fit on after acquisition; two are needed");
        continue;
      }
      try {
        models.add(ShiftedBetaGeometric.fit(s));
        sources.add(Source.OWN);
        reasons.add("");
      } catch (FitException e) {
        models.add(pooled);
        sources.add(Source.POOLED);
        reasons.add(e.getMessage());
      }
    }
    return new CohortProjection(table, settle, pooled, models, sources, reasons);
  }

  /** The complete periods left out at the end of each cohort. */
  public int settle() {
    return settle;
  }

  /**
   * The last period of cohort {@code c} whose survivors the fit used.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the period since acquisition
   */
  public int lastFittedPeriod(int c) {
    return Math.max(0, table.survivors(c).length - 1 - settle);
  }

  /** The cohorts projected. */
  public CohortTable table() {
    return table;
  }

  /** The number of cohorts, as in the table. */
  public int cohorts() {
    return table.cohorts();
  }

  /** The model fitted to all cohorts together. */
  public ShiftedBetaGeometric pooled() {
    return pooled;
  }

  /**
   * The model that projects cohort {@code c}: its own, or the pooled one.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the model
   */
  public ShiftedBetaGeometric model(int c) {
    checkElementIndex(c, models.size());
    return models.get(c);
  }

  /**
   * Where the model of cohort {@code c} comes from.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return its source
   */
  public Source source(int c) {
    checkElementIndex(c, sources.size());
    return sources.get(c);
  }

  /**
   * Why cohort {@code c} has no model of its own; empty when it has one.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @return the reason
   */
  public String reason(int c) {
    checkElementIndex(c, reasons.size());
    return reasons.get(c);
  }

  /**
   * The expected survivors of cohort {@code c} in its period {@code k}: the cohort's size times the
   * model's survival.
   *
   * @param c the cohort, in {@code [0, cohorts())}
   * @param k the period since acquisition, at least 0
   * @return the expectation
   */
  public double projectedSurvivors(int c, int k) {
    return table.size(c) * model(c).survival(k);
  }

  /**
   * The projection as a table: for each cohort its size and parameters, the last period the fit
   * used with the survivors observed and fitted there, then the projected survivors of the first
   * {@code ahead} periods after the end of observation.
   *
   * @param ahead how many periods to project, at least 1
   * @return the table, as text
   */
  public String table(int ahead) {
    checkArgument(ahead >= 1, "ahead must be at least 1, was %s", ahead);
    StringBuilder s = new StringBuilder();
    s.append(String.format(
        Locale.ROOT,
        "%-9s %6s %6s %6s %-6s %4s %6s %7s",
        "cohort",
        "size",
        "alpha",
        "beta",
        "fit",
        "to",
        "seen",
        "fitted"));
    for (int j = 1; j <= ahead; j++) {
      s.append(String.format(Locale.ROOT, " %7s", "end+" + j));
    }
    for (int c = 0; c < cohorts(); c++) {
      int last = lastFittedPeriod(c);
      int end = table.periods(c) - 1;
      ShiftedBetaGeometric m = model(c);
      s.append(String.format(
          Locale.ROOT,
          "%n%-9s %6d %6.3f %6.3f %-6s %4d %6d %7.1f",
          table.label(c),
          table.size(c),
          m.alpha(),
          m.beta(),
          source(c).toString().toLowerCase(Locale.ROOT),
          last,
          table.survivors(c, last),
          projectedSurvivors(c, last)));
      for (int j = 1; j <= ahead; j++) {
        s.append(String.format(Locale.ROOT, " %7.1f", projectedSurvivors(c, end + j)));
      }
    }
    return s.toString();
  }

  /** A header line and the projection of the next six periods. */
  @Override
  public String toString() {
    return String.format(
            Locale.ROOT,
            "CohortProjection[%d cohorts by %s, last %d period(s) left out; pooled sBG alpha=%.4f,"
                + " beta=%.4f], survivors projected after the end of observation:%n",
            cohorts(),
            table.period().toString().toLowerCase(Locale.ROOT),
            settle,
            pooled.alpha(),
            pooled.beta())
        + table(DEFAULT_AHEAD);
  }
}
