package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.FittedLtvModel;
import dev.ltv.core.LtvModel;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Valuation by cohort retention: the shifted-beta-geometric model fitted to the survivors of the
 * base's acquisition cohorts, with purchases and spend per period read from the base.
 *
 * <p><b>The base.</b> Recency and age must be whole periods, as in a base summarized with purchases
 * grouped by calendar period ({@code log.summarizer().groupBy(MONTHS)...}): a customer's age is
 * then the number of periods from their acquisition period to the one that holds the end of
 * observation, and customers of one age form one acquisition cohort. A customer counts as a
 * survivor in every period up to their last purchase (their recency), so the survivors of period
 * {@code k} of a cohort are its customers with recency at least {@code k}, as in {@link
 * dev.ltv.core.CohortTable}. One model is fitted to all cohorts together ({@link
 * ShiftedBetaGeometric#fitPooled}); {@link #settle(int)} leaves out the last periods of each
 * cohort, whose survivors are undercounted (see {@link CohortProjection}).
 *
 * <p><b>A customer's value.</b> For a customer last active in period {@code k} of their cohort, now
 * in period {@code K} (their age):
 *
 * <ul>
 *   <li>the probability of still being there is {@code S(K) / S(k)}, the model's survival since
 *       the last period they were seen in; 1 for a customer active in the current period;
 *   <li>the expected purchases in the next {@code t} periods are {@code rho * sum_{j=1..t} S(K + j)
 *       / S(k)}, where {@code rho}, the purchases per period of a customer who is there, is the
 *       base's active periods over its survivor periods, {@code sum (frequency + 1) / sum (recency
 *       + 1)}; a fraction of a period counts pro rata;
 *   <li>the expected spend per purchase is the mean value of their repeat purchases, or of their
 *       only one, as in {@link SimpleFormula}.
 * </ul>
 *
 * <p>A new customer's purchases in their first {@code t} periods after the acquisition period are
 * {@code rho * sum_{j=1..t} S(j)}, at the spend pooled over the base.
 *
 * @since 0.1
 */
public final class CohortRetention implements LtvModel {

  /** The stable name of this strategy. */
  public static final String NAME = "sBG cohort retention";

  private final int settle;
  private final ShiftedBetaGeometric given;

  private CohortRetention(int settle, ShiftedBetaGeometric given) {
    this.settle = settle;
    this.given = given;
  }

  /**
   * The strategy that fits the shifted-beta-geometric model to the base's cohorts, using every
   * period.
   *
   * @return the strategy
   */
  public static CohortRetention sbg() {
    return new CohortRetention(-1, null);
  }

  /**
   * The strategy with a known retention model: only the purchases per period and the spend are read
   * from the base.
   *
   * @param model the retention model, with periods in the base's unit
   * @return the strategy
   */
  public static CohortRetention of(ShiftedBetaGeometric model) {
    return new CohortRetention(-1, requireNonNull(model, "model"));
  }

  /**
   * Leaves out the last {@code periods} periods of each cohort from the fit; defaults to 0.
   *
   * @param periods the periods left out, at least 0
   * @return a new strategy
   * @throws IllegalStateException if it was already set, or the model is given
   */
  public CohortRetention settle(int periods) {
    checkState(settle < 0, "settle was already set to %s", settle);
    checkState(given == null, "settle has no effect with a given model");
    checkArgument(periods >= 0, "settle must be at least 0, was %s", periods);
    return new CohortRetention(periods, null);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Fits the retention model to the base's cohorts (unless it was given) and reads the purchases
   * per period and the spend.
   *
   * @param base customers with recency and age in whole periods
   * @return the fitted model
   * @throws IllegalArgumentException if the base is empty or a customer's recency or age is not a
   *     whole number of periods, naming the customer
   * @throws FitException if the retention model cannot be fitted
   */
  @Override
  public Fitted fit(CustomerBase base) {
    requireNonNull(base, "base");
    checkArgument(!base.isEmpty(), "cannot value by cohort retention with no customers");
    TreeMap<Integer, int[]> lastActiveByAge = new TreeMap<>();
    long activePeriods = 0;
    long survivorPeriods = 0;
    double value = 0;
    long orders = 0;
    for (int i = 0; i < base.size(); i++) {
      Customer c = base.customer(i);
      int k = wholePeriods(c, c.recency(), "recency");
      int age = wholePeriods(c, c.age(), "age");
      lastActiveByAge.computeIfAbsent(age, a -> new int[a + 1])[k]++;
      activePeriods += c.frequency() + 1L;
      survivorPeriods += k + 1L;
      int counted = Math.max(c.frequency(), 1);
      value += orderValueOf(c) * counted;
      orders += counted;
    }
    ShiftedBetaGeometric model = given;
    if (model == null) {
      int leftOut = Math.max(settle, 0);
      List<int[]> survivors = new ArrayList<>();
      for (int[] lastActive : lastActiveByAge.values()) {
        int periods = Math.max(1, lastActive.length - leftOut);
        int[] s = new int[periods];
        int running = 0;
        for (int k = lastActive.length - 1; k >= 0; k--) {
          running += lastActive[k];
          if (k < periods) {
            s[k] = running;
          }
        }
        survivors.add(s);
      }
      model = ShiftedBetaGeometric.fitPooled(survivors);
    }
    double rho = (double) activePeriods / survivorPeriods;
    return new Fitted(model, rho, Math.max(0, value / orders), base.unit().orElse(null));
  }

  private static int wholePeriods(Customer c, double periods, String what) {
    checkArgument(
        periods == Math.rint(periods) && periods <= Integer.MAX_VALUE,
        "customer %s: cohort retention needs %s in whole periods, was %s; summarize with"
            + " purchases grouped by calendar period",
        c.id(),
        what,
        periods);
    return (int) periods;
  }

  private static double orderValueOf(Customer c) {
    return c.frequency() > 0 ? c.averageSpend() : c.totalSpend();
  }

  @Override
  public String toString() {
    return given != null
        ? "CohortRetention[given " + given + "]"
        : "CohortRetention[sBG fitted to the base's cohorts, last " + Math.max(settle, 0)
            + " period(s) left out]";
  }

  /**
   * Cohort retention fitted to a base: values its customers.
   *
   * @since 0.1
   */
  public static final class Fitted implements FittedLtvModel {

    private final ShiftedBetaGeometric model;
    private final double purchasesPerPeriod;
    private final double spend;
    private final ChronoUnit unit;

    private Fitted(
        ShiftedBetaGeometric model, double purchasesPerPeriod, double spend, ChronoUnit unit) {
      this.model = model;
      this.purchasesPerPeriod = purchasesPerPeriod;
      this.spend = spend;
      this.unit = unit;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Optional<ChronoUnit> unit() {
      return Optional.ofNullable(unit);
    }

    /** The retention model. */
    public ShiftedBetaGeometric model() {
      return model;
    }

    /** The purchases per period of a customer who is still there, {@code rho}. */
    public double purchasesPerPeriod() {
      return purchasesPerPeriod;
    }

    /**
     * {@code S(K) / S(k)}: the survival from the customer's last active period to the current one.
     *
     * @param customer a customer with recency and age in whole periods
     * @return a probability in (0, 1]
     */
    @Override
    public double probabilityAlive(Customer customer) {
      int k = wholePeriods(customer, customer.recency(), "recency");
      int age = wholePeriods(customer, customer.age(), "age");
      return Math.min(1, survivalBetween(k, age));
    }

    @Override
    public double expectedPurchases(Customer customer, double t) {
      int k = wholePeriods(customer, customer.recency(), "recency");
      int age = wholePeriods(customer, customer.age(), "age");
      return purchasesPerPeriod * survivingPeriods(k, age, t);
    }

    @Override
    public double expectedSpend(Customer customer) {
      requireNonNull(customer, "customer");
      return Math.max(0, orderValueOf(customer));
    }

    @Override
    public double expectedPurchases(double t) {
      return purchasesPerPeriod * survivingPeriods(0, 0, t);
    }

    @Override
    public double expectedSpend() {
      return spend;
    }

    /** {@code S(to) / S(from)}, in log space. */
    private double survivalBetween(int from, int to) {
      return Math.exp(model.logSurvival(to) - model.logSurvival(from));
    }

    /** {@code sum_{j=1..t} S(age + j) / S(k)}, a fraction of the last period pro rata. */
    private double survivingPeriods(int k, int age, double t) {
      checkArgument(t >= 0 && !Double.isInfinite(t), "t must be finite and at least 0, was %s", t);
      double sum = 0;
      int whole = (int) Math.floor(t);
      double ratio = survivalBetween(k, age);
      for (int j = 1; j <= whole; j++) {
        ratio *= model.retention(age + j);
        sum += ratio;
      }
      double fraction = t - whole;
      if (fraction > 0) {
        sum += fraction * ratio * model.retention(age + whole + 1);
      }
      return sum;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "CohortRetention.Fitted[sBG alpha=%.4f, beta=%.4f; %.4f purchases a period while"
              + " there, %.2f a purchase for new customers]",
          model.alpha(),
          model.beta(),
          purchasesPerPeriod,
          spend);
    }
  }
}
