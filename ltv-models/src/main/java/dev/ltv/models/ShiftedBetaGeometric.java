package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shifted-beta-geometric model of customer retention (Fader and Hardie 2007, "How to project
 * customer retention"): each customer renews at the end of every period with their own probability
 * {@code 1 - theta}, and {@code theta} follows a beta distribution with parameters {@code alpha}
 * and {@code beta} across customers. Because the customers most likely to leave leave first,
 * retention rises with tenure, which the model captures with two parameters.
 *
 * <p>Periods are counted from the acquisition: period 0 is the first, every customer is there at
 * its start, and a customer who leaves in period {@code t} ({@code t = 1, 2, ...}) is last seen in
 * period {@code t - 1}. Then {@link #survival(int) S(t)}, the share of the cohort still there in
 * period {@code t}, is {@code B(alpha, beta + t) / B(alpha, beta)}, and the {@link #retention(int)
 * retention} from period {@code t - 1} to {@code t} is {@code (beta + t - 1) / (alpha + beta + t -
 * 1)}.
 *
 * <p>The model is fitted on the survivors of a cohort at the start of periods 0 to {@code k}: the
 * customers lost in each period and those still there at the end enter the likelihood, the latter
 * as right-censored. {@link #fitPooled(List)} fits one model to several cohorts of different ages.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ShiftedBetaGeometric {

  /** The model's name. */
  public static final String NAME = "sBG";

  private static final List<String> PARAMETERS = List.of("alpha", "beta");
  private static final Logger LOG = LoggerFactory.getLogger(ShiftedBetaGeometric.class);

  /** Estimates outside [SMALLEST, LARGEST] mean the likelihood has no interior maximum. */
  private static final double SMALLEST = 1e-6;

  private static final double LARGEST = 1e7;

  private final double alpha;
  private final double beta;
  private final double logBetaAlphaBeta;
  private final int cohortSize;
  private final FitReport report;

  private ShiftedBetaGeometric(double alpha, double beta, int cohortSize, FitReport report) {
    checkArgument(
        Double.isFinite(alpha) && alpha > 0, "alpha must be finite and above 0, was %s", alpha);
    checkArgument(
        Double.isFinite(beta) && beta > 0, "beta must be finite and above 0, was %s", beta);
    this.alpha = alpha;
    this.beta = beta;
    this.logBetaAlphaBeta = Special.logBeta(alpha, beta);
    this.cohortSize = cohortSize;
    this.report = report;
  }

  /**
   * The model with known parameters.
   *
   * @param alpha the first shape of the churn probability's beta distribution, above 0
   * @param beta the second shape of the churn probability's beta distribution, above 0
   * @return the model
   */
  public static ShiftedBetaGeometric of(double alpha, double beta) {
    return new ShiftedBetaGeometric(alpha, beta, 0, null);
  }

  /**
   * Fits the model to the survivors of one cohort by maximum likelihood.
   *
   * @param survivors the customers still there at the start of periods 0, 1, ..., k: at least two
   *     figures, the first above 0, never rising
   * @return the fitted model
   * @throws IllegalArgumentException if the survivors are not of that form, naming the figure
   * @throws FitException if the optimizer does not converge or the estimates run to 0 or
   *     infinity, as when nobody leaves
   */
  public static ShiftedBetaGeometric fit(int... survivors) {
    requireNonNull(survivors, "survivors");
    checkSurvivors(0, survivors);
    return fitChecked(List.of(survivors.clone()), survivors[0]);
  }

  /**
   * Fits one model to several cohorts, each with its own survivors and its own number of periods,
   * by maximizing the sum of their log-likelihoods.
   *
   * @param cohorts the survivors of each cohort, as for {@link #fit(int...)}; cohorts with a single
   *     period carry no information and are allowed, but at least one cohort must have two
   * @return the fitted model
   * @throws IllegalArgumentException if a cohort's survivors are not of that form, naming it
   * @throws FitException if the optimizer does not converge
   */
  public static ShiftedBetaGeometric fitPooled(List<int[]> cohorts) {
    requireNonNull(cohorts, "cohorts");
    List<int[]> copies = new ArrayList<>();
    boolean informative = false;
    long total = 0;
    for (int c = 0; c < cohorts.size(); c++) {
      int[] s = requireNonNull(cohorts.get(c), "cohort");
      checkArgument(s.length >= 1, "cohort %s has no survivors", c);
      if (s.length >= 2) {
        checkSurvivors(c, s);
        informative = true;
      } else {
        checkArgument(s[0] > 0, "cohort %s: the first survivors must be above 0, was %s", c, s[0]);
      }
      copies.add(s.clone());
      total += s[0];
    }
    checkArgument(informative, "no cohort has two periods to fit on");
    return fitChecked(copies, (int) Math.min(Integer.MAX_VALUE, total));
  }

  private static void checkSurvivors(int cohort, int[] survivors) {
    checkArgument(
        survivors.length >= 2,
        "cohort %s: survivors must cover at least 2 periods, had %s",
        cohort,
        survivors.length);
    checkArgument(
        survivors[0] > 0,
        "cohort %s: the survivors at the start must be above 0, was %s",
        cohort,
        survivors[0]);
    for (int t = 1; t < survivors.length; t++) {
      checkArgument(
          survivors[t] >= 0 && survivors[t] <= survivors[t - 1],
          "cohort %s: survivors must never rise and stay at least 0, but period %s has %s after %s",
          cohort,
          t,
          survivors[t],
          survivors[t - 1]);
    }
  }

  /** The first shape of the beta distribution of the churn probability. */
  public double alpha() {
    return alpha;
  }

  /** The second shape of the beta distribution of the churn probability. */
  public double beta() {
    return beta;
  }

  /**
   * The customers the model was fitted on at the start of period 0 (summed over the cohorts of a
   * pooled fit); 0 for a model made from given parameters.
   */
  public int cohortSize() {
    return cohortSize;
  }

  /**
   * The share of a cohort still there in period {@code t}: {@code B(alpha, beta + t) / B(alpha,
   * beta)}.
   *
   * @param t the period since acquisition, at least 0
   * @return the survival, in (0, 1]; 1 at {@code t = 0}
   */
  public double survival(int t) {
    checkArgument(t >= 0, "t must be at least 0, was %s", t);
    return t == 0 ? 1 : Math.exp(Special.logBeta(alpha, beta + t) - logBetaAlphaBeta);
  }

  /** {@code ln S(t)}, finite where {@code S(t)} underflows. */
  double logSurvival(int t) {
    return t == 0 ? 0 : Special.logBeta(alpha, beta + t) - logBetaAlphaBeta;
  }

  /**
   * The share of the customers of period {@code t - 1} still there in period {@code t}: {@code
   * (beta + t - 1) / (alpha + beta + t - 1)}. It rises with {@code t}.
   *
   * @param t the period since acquisition, at least 1
   * @return the retention, in (0, 1)
   */
  public double retention(int t) {
    checkArgument(t >= 1, "t must be at least 1, was %s", t);
    return (beta + t - 1) / (alpha + beta + t - 1);
  }

  /**
   * The expected number of a cohort's customers left in period {@code t}, {@code cohortSize() *
   * survival(t)}.
   *
   * @param t the period since acquisition, at least 0
   * @return the expectation
   */
  public double expectedSurvivors(int t) {
    return cohortSize * survival(t);
  }

  /**
   * The expected discounted lifetime of a new customer, in periods: {@code sum_{t >= 0} S(t) / (1 +
   * d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d))} (Fader and Hardie 2010, "Customer-base
   * valuation in a contractual setting"). The first period counts in full; multiplied by a
   * payment per period made at the start of each period it is the customer's discounted value.
   *
   * @param d the discount rate per period, finite and above 0
   * @return the discounted lifetime, at least 1
   */
  public double discountedLifetime(double d) {
    checkRate(d);
    return Hypergeometric.value(1, beta, alpha + beta, 1 / (1 + d));
  }

  /**
   * The expected discounted residual lifetime, in periods, of a customer who has renewed {@code
   * renewals} times and now stands at the end of period {@code n = renewals + 1}, just before
   * deciding whether to renew again: {@code sum_{t >= n} [S(t) / S(n - 1)] / (1 + d)^(t - n) =
   * (beta + n - 1) / (alpha + beta + n - 1) * 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d))}
   * (Fader and Hardie 2010). The coming period counts in full.
   *
   * @param d the discount rate per period, finite and above 0
   * @param renewals the renewals so far, at least 0
   * @return the discounted residual lifetime
   */
  public double discountedResidualLifetime(double d, int renewals) {
    checkRate(d);
    checkArgument(renewals >= 0, "renewals must be at least 0, was %s", renewals);
    double n = renewals + 1.0;
    return (beta + n - 1)
        / (alpha + beta + n - 1)
        * Hypergeometric.value(1, beta + n, alpha + beta + n, 1 / (1 + d));
  }

  private static void checkRate(double d) {
    checkArgument(
        Double.isFinite(d) && d > 0, "the discount rate d must be finite and above 0, was %s", d);
  }

  /**
   * The log-likelihood of one cohort's survivors under this model.
   *
   * @param survivors the survivors at the start of periods 0 to k, as for {@link #fit(int...)}
   * @return the log-likelihood, finite
   */
  public double logLikelihood(int... survivors) {
    requireNonNull(survivors, "survivors");
    checkSurvivors(0, survivors);
    return new Likelihood(alpha, beta).cohort(survivors, null, null);
  }

  /** Whether the model was fitted, so that {@link #fitReport()} exists. */
  public boolean isFitted() {
    return report != null;
  }

  /**
   * The log-likelihood the fit reached.
   *
   * @throws IllegalStateException if the model was made from given parameters
   */
  public double logLikelihood() {
    return fitReport().logLikelihood();
  }

  /**
   * How the fit went: estimates, standard errors, convergence.
   *
   * @throws IllegalStateException if the model was made from given parameters
   */
  public FitReport fitReport() {
    checkState(report != null, "this sBG model was made from given parameters, not fitted");
    return report;
  }

  @Override
  public String toString() {
    if (report != null) {
      return report.toString();
    }
    return String.format(Locale.ROOT, "sBG[alpha=%.4f, beta=%.4f]", alpha, beta);
  }

  private static ShiftedBetaGeometric fitChecked(List<int[]> cohorts, int size) {
    long lostOrKept = 0;
    long lost = 0;
    int periods = 0;
    for (int[] s : cohorts) {
      lostOrKept += s[0];
      lost += s[0] - s[s.length - 1];
      periods += s.length;
    }
    if (lost == 0) {
      throw new FitException(
          "sBG cannot be fitted: nobody left in any period, so the churn probability has no"
              + " finite estimate",
          null);
    }
    double scale = lostOrKept;
    Minimizer.Objective objective = (logParams, gradient) -> {
      double a = Math.exp(logParams[0]);
      double b = Math.exp(logParams[1]);
      if (!(a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b))) {
        return Double.POSITIVE_INFINITY;
      }
      Likelihood likelihood = new Likelihood(a, b);
      double[] g = new double[2];
      double ll = 0;
      for (int[] s : cohorts) {
        ll += likelihood.cohort(s, g, null);
      }
      gradient[0] = -a * g[0] / scale;
      gradient[1] = -b * g[1] / scale;
      return -ll / scale;
    };
    Minimizer.Result result =
        Minimizer.minimize(objective, new double[] {0, 0}, Minimizer.Settings.DEFAULT);
    double a = Math.exp(result.point()[0]);
    double b = Math.exp(result.point()[1]);
    Likelihood likelihood = new Likelihood(a, b);
    double[][] hessian = new double[2][2];
    double ll = 0;
    for (int[] s : cohorts) {
      ll += likelihood.cohort(s, null, hessian);
    }
    double[][] information = {{-hessian[0][0], -hessian[0][1]}, {-hessian[1][0], -hessian[1][1]}};
    double[] errors = ObservedInformation.standardErrors(information);
    double gradientNorm = Math.hypot(result.gradient()[0], result.gradient()[1]);
    FitReport report = new FitReport(
        NAME,
        PARAMETERS,
        List.of(a, b),
        List.of(errors[0], errors[1]),
        ll,
        lostOrKept,
        periods,
        result.iterations(),
        result.evaluations(),
        gradientNorm,
        result.converged(),
        0);
    boolean onEdge = Math.min(a, b) < SMALLEST
        || Math.max(a, b) > LARGEST
        || Double.isInfinite(errors[0])
        || Double.isInfinite(errors[1]);
    if (result.converged() && onEdge) {
      throw new FitException(
          String.format(
              Locale.ROOT,
              "sBG fit found no unique estimate (alpha=%.3g, beta=%.3g): the survivors do not"
                  + " pin the model down, as with a single period of losses (which fixes only the"
                  + " mean churn) or when nearly everyone leaves at once and the rest stay",
              a,
              b),
          report);
    }
    if (!result.converged()) {
      throw new FitException(
          String.format(
              Locale.ROOT,
              "sBG fit did not converge: %s after %d iterations, |gradient| %.3g at alpha=%.6g,"
                  + " beta=%.6g; survivors whose retention does not rise with tenure drive both"
                  + " parameters to infinity (a single churn probability for everyone)",
              result.message(),
              result.iterations(),
              gradientNorm,
              a,
              b),
          report);
    }
    LOG.info(
        "sBG fit on {} cohort(s) of {} customers: alpha {}, beta {}, log-likelihood {}",
        cohorts.size(),
        lostOrKept,
        a,
        b,
        ll);
    return new ShiftedBetaGeometric(a, b, size, report);
  }

  /** The log-likelihood of survivors with its gradient and Hessian in alpha and beta. */
  private static final class Likelihood {
    private final double a;
    private final double b;
    private final double logBetaAB;
    private final double psiA;
    private final double psiB;
    private final double psiAB;
    private final double psiA1;
    private final double triA;
    private final double triB;
    private final double triAB;
    private final double triA1;

    Likelihood(double a, double b) {
      this.a = a;
      this.b = b;
      this.logBetaAB = Special.logBeta(a, b);
      this.psiA = Special.digamma(a);
      this.psiB = Special.digamma(b);
      this.psiAB = Special.digamma(a + b);
      this.psiA1 = Special.digamma(a + 1);
      this.triA = Special.trigamma(a);
      this.triB = Special.trigamma(b);
      this.triAB = Special.trigamma(a + b);
      this.triA1 = Special.trigamma(a + 1);
    }

    /**
     * Adds the cohort's log-likelihood terms: {@code lost_t ln P(T = t)} for the periods {@code t
     * = 1..k}, with {@code P(T = t) = B(a + 1, b + t - 1) / B(a, b)}, and {@code s_k ln S(k)} for
     * those still there, with {@code S(k) = B(a, b + k) / B(a, b)}.
     */
    double cohort(int[] s, double[] gradient, double[][] hessian) {
      double ll = 0;
      int k = s.length - 1;
      for (int t = 1; t <= k; t++) {
        int lost = s[t - 1] - s[t];
        if (lost > 0) {
          ll += lost * term(a + 1, b + t - 1, psiA1, triA1, gradient, hessian, lost);
        }
      }
      if (k > 0 && s[k] > 0) {
        ll += s[k] * term(a, b + k, psiA, triA, gradient, hessian, s[k]);
      }
      return ll;
    }

    /** {@code ln B(x, y) - ln B(a, b)} at {@code x = a + i}, {@code y = b + j}, and derivatives. */
    private double term(
        double x,
        double y,
        double psiX,
        double triX,
        double[] gradient,
        double[][] hessian,
        double weight) {
      double psiXY = Special.digamma(x + y);
      if (gradient != null) {
        gradient[0] += weight * (psiX - psiXY - psiA + psiAB);
        gradient[1] += weight * (Special.digamma(y) - psiXY - psiB + psiAB);
      }
      if (hessian != null) {
        double triXY = Special.trigamma(x + y);
        hessian[0][0] += weight * (triX - triXY - triA + triAB);
        hessian[1][1] += weight * (Special.trigamma(y) - triXY - triB + triAB);
        double cross = weight * (-triXY + triAB);
        hessian[0][1] += cross;
        hessian[1][0] += cross;
      }
      return Special.logBeta(x, y) - logBetaAB;
    }
  }
}
