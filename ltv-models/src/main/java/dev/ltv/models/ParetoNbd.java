package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987): while alive, a customer buys
 * as a Poisson process with rate {@code λ}; they leave after an exponential lifetime with rate
 * {@code μ}, unobserved; across customers {@code λ} is gamma with shape {@code r} and rate {@code
 * α}, and {@code μ} is gamma with shape {@code s} and rate {@code β}. {@code α} and {@code β} are in
 * the time unit of the base the model was fitted on, and so are all times below.
 *
 * <pre>{@code
 * ParetoNbd model = ParetoNbd.fit(base);
 * model.probabilityAlive(base.get("1"));          // 0.869 on CDNOW
 * model.expectedPurchases(base.get("1"), 39);     // 1.455 in the next 39 weeks
 * }</pre>
 *
 * <p>The fit maximizes the likelihood (Fader and Hardie's note 009, eqs. 18 to 20) on the base's
 * distinct (frequency, recency, age) rows, by quasi-Newton steps on the logarithms of the
 * parameters with analytic gradients, and stops when the gradient is below its tolerance; on the
 * CDNOW sample it reaches the published log-likelihood of -9594.97. Standard errors come from the
 * observed information, the Hessian of the log-likelihood at the estimates, obtained by
 * differencing the analytic gradient.
 *
 * <p>The Gauss hypergeometric terms of the likelihood are evaluated through Euler's transformation,
 * {@code 2F1(1, e; r+s+x+1; z)}, a series of positive terms that neither overflows for customers
 * with thousands of purchases nor cancels, and is exactly 1 at {@code α = β}; where {@code z}
 * exceeds 0.9 (one scale parameter below a tenth of the other) the nearer part of the integral is
 * done by adaptive Gauss-Kronrod quadrature. On the CDNOW sample, P(alive) and the expected
 * purchases of every customer agree with lifetimes 0.11.3 and 30-digit mpmath to 2e-14 relative.
 *
 * <p>For valid input no method returns NaN or an infinity: customers with thousands of purchases,
 * recency equal to age, ages near zero and extreme parameters included. Following the reference
 * implementations, a customer whose last purchase is at the end of observation (recency equal to
 * age) is alive with probability exactly 1.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ParetoNbd implements PurchaseModel {

  private static final Logger LOG = LoggerFactory.getLogger(ParetoNbd.class);
  private static final String NAME = "Pareto/NBD";
  private static final List<String> PARAMETERS = List.of("r", "alpha", "s", "beta");

  /** Simulation draws every purchase; it refuses models that would make it draw too many. */
  private static final double MAX_SIMULATED_PURCHASES = 1e7;

  private static final ThreadLocal<ParetoNbdIntegral> INTEGRAL =
      ThreadLocal.withInitial(ParetoNbdIntegral::new);

  private final double r;
  private final double alpha;
  private final double s;
  private final double beta;
  private final FitReport report;

  private ParetoNbd(double r, double alpha, double s, double beta, FitReport report) {
    this.r = checkParameter("r", r);
    this.alpha = checkParameter("alpha", alpha);
    this.s = checkParameter("s", s);
    this.beta = checkParameter("beta", beta);
    this.report = report;
  }

  /**
   * A model with known parameters.
   *
   * @param r the shape of the purchase rate's gamma distribution, positive
   * @param alpha the rate of the purchase rate's gamma distribution, positive, in the time unit
   * @param s the shape of the dropout rate's gamma distribution, positive
   * @param beta the rate of the dropout rate's gamma distribution, positive, in the time unit
   * @return the model
   * @throws IllegalArgumentException if a parameter is not positive and finite
   */
  public static ParetoNbd of(double r, double alpha, double s, double beta) {
    return new ParetoNbd(r, alpha, s, beta, null);
  }

  /**
   * Fits the model to a base by maximum likelihood, with the default settings of {@link
   * #fitter()}.
   *
   * @param base the customers, at least one
   * @return the fitted model
   * @throws IllegalArgumentException if the base is empty
   * @throws FitException if the optimizer does not converge
   */
  public static ParetoNbd fit(CustomerBase base) {
    return fitter().fit(base);
  }

  /**
   * A fitter with default settings: no penalty, a start derived from the data, a gradient
   * tolerance of 1e-8 and at most 500 iterations.
   *
   * @return the fitter
   */
  public static Fitter fitter() {
    return new Fitter(null, null, null, null);
  }

  /** The shape of the purchase rate's gamma distribution. */
  public double r() {
    return r;
  }

  /** The rate of the purchase rate's gamma distribution, in the time unit. */
  public double alpha() {
    return alpha;
  }

  /** The shape of the dropout rate's gamma distribution. */
  public double s() {
    return s;
  }

  /** The rate of the dropout rate's gamma distribution, in the time unit. */
  public double beta() {
    return beta;
  }

  /**
   * The log-likelihood the fit reached, penalty excluded.
   *
   * @return the log-likelihood of the base the model was fitted on
   * @throws IllegalStateException if the model was built with {@link #of}
   */
  public double logLikelihood() {
    return fitReport().logLikelihood();
  }

  /**
   * How the fit went: estimates, standard errors, log-likelihood and convergence.
   *
   * @return the report
   * @throws IllegalStateException if the model was built with {@link #of}, which has no fit
   */
  public FitReport fitReport() {
    checkState(report != null, "a Pareto/NBD model built with of(..) has no fit to report");
    return report;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>This is {@code 1 / (1 + D)} with {@code D} the odds of having left (Fader and Hardie, note
   * 009, eq. 19). It is exactly 1 when the customer's recency equals their age, as in the
   * reference implementations, and it is accurate to a few ulps of its complement elsewhere.
   */
  @Override
  public double probabilityAlive(Customer customer) {
    requireNonNull(customer, "customer");
    return probabilityFromLogOdds(logOddsDead(customer));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Schmittlein, Morrison and Colombo (1987): {@code P(alive) (r+x)(β+T) / ((α+T)(s-1)) (1 -
   * ((β+T)/(β+T+t))^(s-1))}, with its limit {@code P(alive) (r+x)(β+T)/(α+T) ln(1 + t/(β+T))} at
   * {@code s = 1}, evaluated without cancellation near it.
   */
  @Override
  public double expectedPurchases(Customer customer, double t) {
    requireNonNull(customer, "customer");
    checkHorizon(t);
    double ageBeta = beta + customer.age();
    double perRate = (r + customer.frequency()) / (alpha + customer.age()) * ageBeta;
    return probabilityAlive(customer) * perRate * lifetimeFactor(t / ageBeta);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code rβ / (α(s-1)) (1 - (β/(β+t))^(s-1))}, with its limit at {@code s = 1}.
   */
  @Override
  public double expectedPurchases(double t) {
    checkHorizon(t);
    return r / alpha * beta * lifetimeFactor(t / beta);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A new customer makes {@code n} purchases by {@code t} either alive at {@code t}, with a
   * negative binomial count, or after leaving at {@code τ < t}, with a negative binomial count up
   * to {@code τ} (Schmittlein, Morrison and Colombo 1987; Fader and Hardie's note on {@code
   * P(X(t) = x)}):
   *
   * <pre>
   *   P(X(t) = n) = S(t) NB(n; t) + ∫_0^t NB(n; τ) f(τ) dτ,
   * </pre>
   *
   * where {@code S} and {@code f} are the Pareto (Lomax) survival and density of the lifetime. The
   * integral is computed by globally adaptive Gauss-Kronrod quadrature in {@code v = ln(1 +
   * τ/β)}, where its integrand is smooth and bounded, to a relative accuracy of about 1e-12.
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    checkArgument(n >= 0, "n must be >= 0, was %s", n);
    checkHorizon(t);
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double logCoefficient =
        n == 0 ? 0 : Gamma.logGamma(r + n) - Gamma.logGamma(r) - Gamma.logGamma(n + 1.0);
    double survival = Math.exp(-s * Math.log1p(t / beta));
    double alive = survival * Math.exp(logNegativeBinomial(n, t, logCoefficient));
    double end = Math.log1p(t / beta);
    double left = Quadrature.integrate(
        v -> s * Math.exp(-s * v + logNegativeBinomial(n, beta * Math.expm1(v), logCoefficient)),
        0,
        end,
        1e-12);
    return Math.min(1, Math.max(0, alive + left));
  }

  /** ln P(N = n) for a negative binomial count over a window of length {@code tau}. */
  private double logNegativeBinomial(int n, double tau, double logCoefficient) {
    double logStay = -r * Math.log1p(tau / alpha); // r ln(α / (α + τ))
    return n == 0 ? logStay : logCoefficient + logStay - n * Math.log1p(alpha / tau);
  }

  @Override
  public double logLikelihood(CustomerBase base) {
    requireNonNull(base, "base");
    return new ParetoNbdLikelihood(base.distinctRows()).logLikelihood(parameters(), null);
  }

  /**
   * Simulates customers who all have been observed for the same time since their first purchase.
   *
   * @param customers how many, at least 0
   * @param age the time each has been observed, at least 0
   * @param seed the seed of the random stream; the same seed gives the same base
   * @return a base of simulated customers with ids {@code "1"}, {@code "2"}, ...
   * @throws IllegalArgumentException if the model would make a customer buy more than about ten
   *     million times on average, which this simulation, drawing every purchase, does not support
   */
  public CustomerBase simulate(int customers, double age, long seed) {
    checkArgument(customers >= 0, "customers must be >= 0, was %s", customers);
    double[] ages = new double[customers];
    java.util.Arrays.fill(ages, age);
    return simulate(ages, seed);
  }

  /**
   * Simulates one customer for each age: each draws a purchase rate and a dropout rate from the
   * model's gamma distributions, a lifetime, and the Poisson purchases in the part of the window
   * before the lifetime ends.
   *
   * @param ages the time each customer has been observed since the first purchase, each at least
   *     0
   * @param seed the seed of the random stream; the same seed gives the same base
   * @return a base of simulated customers with ids {@code "1"}, {@code "2"}, ...
   * @throws IllegalArgumentException if an age is negative or not finite, or if the model would
   *     make a customer buy more than about ten million times on average
   */
  public CustomerBase simulate(double[] ages, long seed) {
    requireNonNull(ages, "ages");
    double longest = 0;
    for (int i = 0; i < ages.length; i++) {
      double age = ages[i];
      if (!(Double.isFinite(age) && age >= 0)) {
        throw new IllegalArgumentException(
            String.format("ages[%d] must be finite and >= 0, was %s", i, age));
      }
      longest = Math.max(longest, ages[i]);
    }
    double expected = expectedPurchases(longest);
    checkArgument(
        expected <= MAX_SIMULATED_PURCHASES,
        "a customer of this model buys %s times on average in %s time units; simulation draws"
            + " each purchase and supports at most %s",
        expected,
        longest,
        MAX_SIMULATED_PURCHASES);

    SplittableRandom random = new SplittableRandom(seed);
    List<Customer> simulated = new ArrayList<>(ages.length);
    for (int i = 0; i < ages.length; i++) {
      double age = ages[i];
      double lambda = gamma(random, r) / alpha;
      double mu = gamma(random, s) / beta;
      double window = Math.min(age, random.nextExponential() / mu);
      int purchases = 0;
      double last = 0;
      for (double time = random.nextExponential() / lambda;
          time <= window;
          time += random.nextExponential() / lambda) {
        purchases++;
        last = time;
      }
      simulated.add(Customer.of(String.valueOf(i + 1), purchases, last, age));
    }
    return CustomerBase.of(simulated);
  }

  /** A standard gamma variate (Marsaglia and Tsang 2000), boosted for shapes below 1. */
  private static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      double u = random.nextDouble();
      return Math.exp(Math.log(gamma(random, shape + 1)) + Math.log(u) / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  @Override
  public String toString() {
    if (report != null) {
      return report.toString();
    }
    return String.format(
        "Pareto/NBD[r = %.6g, alpha = %.6g, s = %.6g, beta = %.6g]", r, alpha, s, beta);
  }

  private double[] parameters() {
    return new double[] {r, alpha, s, beta};
  }

  /**
   * The log of the odds {@code D = (1 - P(alive)) / P(alive)}; minus infinity when recency equals
   * age.
   */
  private double logOddsDead(Customer customer) {
    double tx = customer.recency();
    double age = customer.age();
    if (tx == age) {
      return Double.NEGATIVE_INFINITY;
    }
    ParetoNbdIntegral integral = INTEGRAL.get();
    double p = r + customer.frequency();
    double q = s + 1;
    double atRecency = integral.logRatio(p, alpha, q, beta, tx, false);
    double atAge = integral.logRatio(p, alpha, q, beta, age, false);
    double gap = age - tx;
    double logRho = p * Math.log1p(gap / (alpha + tx)) + q * Math.log1p(gap / (beta + tx));
    double delta = Math.max(0, logRho + atRecency - atAge); // ln(F(t_x) / F(T))
    if (delta == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double logExpm1 =
        delta > 30 ? delta + Math.log1p(-Math.exp(-delta)) : Math.log(Math.expm1(delta));
    return Math.log(s) + atAge - Math.log(beta + age) + logExpm1;
  }

  private static double probabilityFromLogOdds(double logOdds) {
    return logOdds > 0
        ? Math.exp(-logOdds - Math.log1p(Math.exp(-logOdds)))
        : 1 / (1 + Math.exp(logOdds));
  }

  /**
   * {@code (β'/(s-1)) (1 - (1 + t/β')^-(s-1)) / β'} as a function of {@code u = t/β'}: the
   * expected lifetime within the horizon, per unit of {@code β'}, taken to its limit {@code ln(1 +
   * u)} at {@code s = 1}.
   */
  private double lifetimeFactor(double u) {
    double log = Math.log1p(u);
    double y = (s - 1) * log;
    if (Math.abs(y) < 1e-3) {
      // Near s = 1: ln(1 + u) (1 - e^-y) / y, with the ratio tending to 1.
      return log * (y == 0 ? 1 : -Math.expm1(-y) / y);
    }
    // Elsewhere the direct form, which stays monotone in u where it levels off at 1/(s-1).
    return Math.min(Double.MAX_VALUE, -Math.expm1(-y) / (s - 1));
  }

  private static void checkHorizon(double t) {
    checkArgument(Double.isFinite(t) && t >= 0, "t must be finite and >= 0, was %s", t);
  }

  private static double checkParameter(String name, double value) {
    checkArgument(
        Double.isFinite(value) && value > 0, "%s must be positive and finite, was %s", name, value);
    return value;
  }

  /**
   * Settings for a Pareto/NBD fit. Each setting can be given once; every call returns a new,
   * immutable fitter, so a fitter can be shared and reused.
   *
   * @since 0.1
   */
  public static final class Fitter {

    private static final double DEFAULT_TOLERANCE = 1e-8;
    private static final int DEFAULT_ITERATIONS = 500;

    private final Double penalty;
    private final double[] start;
    private final Double gradientTolerance;
    private final Integer maxIterations;

    private Fitter(
        Double penalty, double[] start, Double gradientTolerance, Integer maxIterations) {
      this.penalty = penalty;
      this.start = start;
      this.gradientTolerance = gradientTolerance;
      this.maxIterations = maxIterations;
    }

    /**
     * An L2 penalty: the fit minimizes {@code -ℓ/N + penalty · (r² + α² + s² + β²)}, with
     * {@code ℓ} the log-likelihood of the {@code N} customers, as the lifetimes library does
     * (though on the base's time unit, where lifetimes rescales time first). It shrinks the
     * parameters towards 0, which helps on small or degenerate bases.
     *
     * @param l2 the coefficient, at least 0; default 0
     * @return a fitter with the penalty
     * @throws IllegalArgumentException if {@code l2} is negative or not finite
     * @throws IllegalStateException if the penalty was already set
     */
    public Fitter penalty(double l2) {
      checkState(penalty == null, "penalty was already set to %s", penalty);
      checkArgument(Double.isFinite(l2) && l2 >= 0, "penalty must be finite and >= 0, was %s", l2);
      return new Fitter(l2, start, gradientTolerance, maxIterations);
    }

    /**
     * Where the optimizer starts. By default {@code r = s = 1} and {@code α = β} = the mean age.
     *
     * @param r the start of {@code r}, positive
     * @param alpha the start of {@code α}, positive
     * @param s the start of {@code s}, positive
     * @param beta the start of {@code β}, positive
     * @return a fitter with the start
     * @throws IllegalArgumentException if a value is not positive and finite
     * @throws IllegalStateException if the start was already set
     */
    public Fitter start(double r, double alpha, double s, double beta) {
      checkState(start == null, "start was already set to %s", start == null ? "" : List.of(start));
      double[] values = {
        checkStart("r", r), checkStart("alpha", alpha), checkStart("s", s), checkStart("beta", beta)
      };
      return new Fitter(penalty, values, gradientTolerance, maxIterations);
    }

    /**
     * When to stop: once every component of the gradient of the objective (the mean negative
     * log-likelihood per customer, plus the penalty, as a function of the parameters' logarithms)
     * is at most {@code tolerance · max(1, |objective|)}.
     *
     * @param tolerance the relative tolerance, positive; default 1e-8
     * @return a fitter with the tolerance
     * @throws IllegalArgumentException if {@code tolerance} is not positive and finite
     * @throws IllegalStateException if the tolerance was already set
     */
    public Fitter gradientTolerance(double tolerance) {
      checkState(
          gradientTolerance == null, "gradientTolerance was already set to %s", gradientTolerance);
      checkArgument(
          Double.isFinite(tolerance) && tolerance > 0,
          "gradientTolerance must be positive and finite, was %s",
          tolerance);
      return new Fitter(penalty, start, tolerance, maxIterations);
    }

    /**
     * The most quasi-Newton iterations before the fit gives up with a {@link FitException}.
     *
     * @param iterations at least 1; default 500
     * @return a fitter with the limit
     * @throws IllegalArgumentException if {@code iterations} is below 1
     * @throws IllegalStateException if the limit was already set
     */
    public Fitter maxIterations(int iterations) {
      checkState(maxIterations == null, "maxIterations was already set to %s", maxIterations);
      checkArgument(iterations >= 1, "maxIterations must be >= 1, was %s", iterations);
      return new Fitter(penalty, start, gradientTolerance, iterations);
    }

    /**
     * Fits the model by maximum likelihood.
     *
     * @param base the customers, at least one
     * @return the fitted model, with its {@link FitReport}
     * @throws IllegalArgumentException if the base is empty
     * @throws FitException if the optimizer does not converge; its report holds the last point
     */
    public ParetoNbd fit(CustomerBase base) {
      requireNonNull(base, "base");
      checkArgument(!base.isEmpty(), "cannot fit a Pareto/NBD model to an empty base");
      long started = System.nanoTime();
      DistinctRows rows = base.distinctRows();
      ParetoNbdLikelihood likelihood = new ParetoNbdLikelihood(rows);
      double l2 = penalty == null ? 0 : penalty;
      Objective objective = new Objective(likelihood, l2);

      double[] initial = start != null ? start : defaultStart(base);
      double[] logStart = new double[4];
      for (int i = 0; i < 4; i++) {
        logStart[i] = Math.log(initial[i]);
      }
      StandInMinimizer.Settings settings = new StandInMinimizer.Settings(
          gradientTolerance == null ? DEFAULT_TOLERANCE : gradientTolerance,
          maxIterations == null ? DEFAULT_ITERATIONS : maxIterations);
      StandInMinimizer.Result result = StandInMinimizer.minimize(objective, logStart, settings);

      double[] estimate = new double[4];
      for (int i = 0; i < 4; i++) {
        estimate[i] = Math.exp(result.point()[i]);
      }
      boolean usable = Double.isFinite(result.value());
      double logLikelihood =
          usable ? likelihood.logLikelihood(estimate, null) : Double.NEGATIVE_INFINITY;
      double[] errors = usable ? standardErrors(objective, result.point()) : infinities();
      double gradientNorm = 0;
      for (double g : result.gradient()) {
        gradientNorm += g * g;
      }
      gradientNorm = Math.sqrt(gradientNorm);
      FitReport fitReport = new FitReport(
          NAME,
          PARAMETERS,
          List.of(estimate[0], estimate[1], estimate[2], estimate[3]),
          List.of(errors[0], errors[1], errors[2], errors[3]),
          logLikelihood,
          likelihood.customers(),
          likelihood.rows(),
          result.iterations(),
          result.evaluations(),
          gradientNorm,
          result.converged(),
          l2);
      if (!result.converged()) {
        throw new FitException(
            String.format(
                "Pareto/NBD fit did not converge: %s after %d iterations (%d evaluations),"
                    + " |gradient| %.3g, at r = %.6g, alpha = %.6g, s = %.6g, beta = %.6g",
                result.message(),
                result.iterations(),
                result.evaluations(),
                gradientNorm,
                estimate[0],
                estimate[1],
                estimate[2],
                estimate[3]),
            fitReport);
      }
      LOG.info(
          "Pareto/NBD fitted to {} customers ({} distinct rows) in {} iterations, {} ms:"
              + " r = {}, alpha = {}, s = {}, beta = {}, log-likelihood {}",
          likelihood.customers(),
          likelihood.rows(),
          result.iterations(),
          (System.nanoTime() - started) / 1_000_000,
          estimate[0],
          estimate[1],
          estimate[2],
          estimate[3],
          logLikelihood);
      return new ParetoNbd(estimate[0], estimate[1], estimate[2], estimate[3], fitReport);
    }

    private static double[] defaultStart(CustomerBase base) {
      double sum = 0;
      for (int i = 0; i < base.size(); i++) {
        sum += base.age(i);
      }
      double meanAge = sum / base.size();
      double scale = meanAge > 0 ? meanAge : 1;
      return new double[] {1, scale, 1, scale};
    }

    /**
     * Standard errors from the observed information: the Hessian of the total penalized negative
     * log-likelihood, by central differences of the analytic gradient in the log-parameters,
     * mapped back to the parameters.
     */
    private static double[] standardErrors(Objective objective, double[] point) {
      double customers = objective.customers;
      double[] g = new double[4];
      objective.evaluate(point, g);
      double[][] hessian = new double[4][4];
      double[] plus = new double[4];
      double[] minus = new double[4];
      double h = 1e-4;
      for (int j = 0; j < 4; j++) {
        double[] x = point.clone();
        x[j] = point[j] + h;
        objective.evaluate(x, plus);
        x[j] = point[j] - h;
        objective.evaluate(x, minus);
        for (int i = 0; i < 4; i++) {
          hessian[i][j] = customers * (plus[i] - minus[i]) / (2 * h);
        }
      }
      // In log coordinates the Hessian carries the gradient on its diagonal; remove it and map
      // to the parameters' own units.
      double[][] information = new double[4][4];
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          double value = 0.5 * (hessian[i][j] + hessian[j][i]);
          if (i == j) {
            value -= customers * g[i];
          }
          information[i][j] = value / (Math.exp(point[i]) * Math.exp(point[j]));
        }
      }
      return ObservedInformation.standardErrors(information);
    }

    private static double[] infinities() {
      return new double[] {
        Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY
      };
    }

    private static double checkStart(String name, double value) {
      checkArgument(
          Double.isFinite(value) && value > 0,
          "start %s must be positive and finite, was %s",
          name,
          value);
      return value;
    }
  }

  /**
   * The fit's objective in the log-parameters: the mean negative log-likelihood per customer plus
   * the L2 penalty on the parameters.
   */
  private static final class Objective implements StandInMinimizer.Objective {
    private final ParetoNbdLikelihood likelihood;
    private final double penalty;
    private final double customers;
    private final double[] parameters = new double[4];
    private final double[] gradient = new double[4];

    Objective(ParetoNbdLikelihood likelihood, double penalty) {
      this.likelihood = likelihood;
      this.penalty = penalty;
      this.customers = likelihood.customers();
    }

    @Override
    public double evaluate(double[] x, double[] g) {
      for (int i = 0; i < 4; i++) {
        parameters[i] = Math.exp(x[i]);
        if (!(parameters[i] > 0 && parameters[i] < Double.POSITIVE_INFINITY)) {
          return Double.NaN;
        }
      }
      double ll = likelihood.logLikelihood(parameters, gradient);
      double value = -ll / customers;
      for (int i = 0; i < 4; i++) {
        double theta = parameters[i];
        value += penalty * theta * theta;
        g[i] = (-gradient[i] / customers + 2 * penalty * theta) * theta;
      }
      return value;
    }
  }
}
