package dev.ltv.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;

/**
 * Maximum likelihood for models with positive parameters: quasi-Newton on the logs of the
 * parameters with the model's analytic gradient, standard errors from the observed information,
 * and a {@link FitException} when the optimizer stops short of its gradient tolerance.
 *
 * <p>The optimizer minimizes the mean negative log-likelihood per customer plus {@code penalty *
 * sum(parameter^2)}, so tolerances and penalties mean the same for a base of any size.
 */
final class MaximumLikelihood {

  /** The most Newton steps that finish a fit the minimizer left just short of its tolerance. */
  private static final int POLISH_STEPS = 5;

  private MaximumLikelihood() {}

  /** A log-likelihood summed over customers, with its gradient in the natural parameters. */
  interface LogLikelihood {

    /**
     * The log-likelihood at {@code parameters}; fills {@code gradient} unless it is null. May
     * return a non-finite value where the likelihood cannot be evaluated.
     */
    double value(double[] parameters, double[] gradient);
  }

  /** The Hessian of a log-likelihood summed over customers, in the natural parameters. */
  interface Hessian {

    /** Writes the Hessian at {@code parameters} into {@code hessian}. */
    void compute(double[] parameters, double[][] hessian);
  }

  /** A converged fit: the estimates, the log-likelihood there and the report. */
  record Estimate(double[] parameters, double logLikelihood, FitReport report) {}

  static Estimate fit(
      String model,
      List<String> names,
      LogLikelihood logLikelihood,
      Hessian hessian,
      long customers,
      int rows,
      double[] start,
      FitSettings settings,
      Logger log) {
    int n = names.size();
    double penalty = settings.penalty();
    double perCustomer = 1.0 / customers;
    double[] natural = new double[n];
    double[] naturalGradient = new double[n];
    Minimizer.Objective objective = (theta, gradient) -> {
      for (int i = 0; i < n; i++) {
        natural[i] = Math.exp(theta[i]);
        if (!(natural[i] > 0 && natural[i] < Double.POSITIVE_INFINITY)) {
          return Double.POSITIVE_INFINITY;
        }
      }
      double ll = logLikelihood.value(natural, naturalGradient);
      if (!Double.isFinite(ll)) {
        return Double.POSITIVE_INFINITY;
      }
      double f = -ll * perCustomer;
      for (int i = 0; i < n; i++) {
        f += penalty * natural[i] * natural[i];
        gradient[i] = natural[i] * (-naturalGradient[i] * perCustomer + 2 * penalty * natural[i]);
      }
      return f;
    };

    double[] theta = new double[n];
    for (int i = 0; i < n; i++) {
      theta[i] = Math.log(start[i]);
    }
    log.debug("{}: fitting {} customers ({} distinct rows), {}", model, customers, rows, settings);
    Minimizer.Result result = Minimizer.minimize(
        objective,
        theta,
        new Minimizer.Settings(settings.gradientTolerance(), settings.maxIterations()));
    if (!result.converged() && result.iterations() < settings.maxIterations()) {
      result = polish(objective, result, settings.gradientTolerance());
    }

    double[] estimates = new double[n];
    for (int i = 0; i < n; i++) {
      estimates[i] = Math.exp(result.point()[i]);
    }
    double ll = logLikelihood.value(estimates, null);
    double[] errors = hessian == null
        ? standardErrors(objective, result.point(), customers)
        : standardErrors(hessian, estimates, penalty, customers);
    double gradientNorm = 0;
    for (double g : result.gradient()) {
      gradientNorm += g * g;
    }
    gradientNorm = Math.sqrt(gradientNorm);
    // A flat direction at the end means the likelihood keeps rising towards the edge of the
    // parameter space (estimates running off to 0 or infinity together): no estimate to report.
    boolean determined = true;
    for (double e : errors) {
      determined &= e < Double.POSITIVE_INFINITY;
    }
    boolean converged = result.converged() && determined;
    FitReport report = new FitReport(
        model,
        names,
        boxed(estimates),
        boxed(errors),
        ll,
        customers,
        rows,
        result.iterations(),
        result.evaluations(),
        gradientNorm,
        converged,
        penalty);
    if (result.converged() && !determined) {
      throw new FitException(
          String.format(
              "%s fit found no unique estimate: the log-likelihood is flat to rounding along some"
                  + " direction at %s, so the parameters with an infinite standard error are not"
                  + " determined by the data, as when (almost) no customer makes a repeat purchase",
              model, describe(names, estimates)),
          report);
    }
    if (!converged) {
      throw new FitException(
          String.format(
              "%s fit did not converge (%s) after %d iterations: |gradient| %.3e, tolerance %.1e"
                  + " relative; raise maxIterations, give start values or add a small penalty",
              model,
              result.message(),
              result.iterations(),
              gradientNorm,
              settings.gradientTolerance()),
          report);
    }
    log.info(
        "{} fitted on {} customers ({} distinct rows) in {} iterations: {}, log-likelihood {}",
        model,
        customers,
        rows,
        result.iterations(),
        describe(names, estimates),
        ll);
    return new Estimate(estimates, ll, report);
  }

  /**
   * Newton steps from where the minimizer stopped short of its tolerance without running out of
   * iterations, which happens when the objective's values no longer resolve the decrease a step
   * brings (near the optimum of a sum over many rows, a relative gradient of 1e-8 is at the limit
   * of double precision for values, not for gradients). Steps use the Hessian from central
   * differences of the gradient and are kept while they lower the largest gradient component, so
   * they rest on the gradient alone; at most {@link #POLISH_STEPS}.
   */
  private static Minimizer.Result polish(
      Minimizer.Objective objective, Minimizer.Result stopped, double tolerance) {
    int n = stopped.point().length;
    double[] x = stopped.point().clone();
    double[] g = stopped.gradient().clone();
    double f = stopped.value();
    int evaluations = stopped.evaluations();
    int steps = 0;
    double[] trial = new double[n];
    double[] trialGradient = new double[n];
    while (steps < POLISH_STEPS && Minimizer.maxAbs(g) > tolerance * Math.max(1, Math.abs(f))) {
      double[][] inverse = newtonInverse(objective, x);
      evaluations += 2 * n + 1;
      if (inverse == null) {
        break;
      }
      for (int i = 0; i < n; i++) {
        trial[i] = x[i] - Minimizer.dot(inverse[i], g);
      }
      double ft = objective.evaluate(trial, trialGradient);
      evaluations++;
      if (!Double.isFinite(ft) || Minimizer.maxAbs(trialGradient) >= Minimizer.maxAbs(g)) {
        break;
      }
      System.arraycopy(trial, 0, x, 0, n);
      System.arraycopy(trialGradient, 0, g, 0, n);
      f = ft;
      steps++;
    }
    boolean converged = Minimizer.maxAbs(g) <= tolerance * Math.max(1, Math.abs(f));
    String message = converged
        ? stopped.message() + "; converged after " + steps + " Newton steps on the gradient"
        : stopped.message();
    return new Minimizer.Result(
        x, f, g, stopped.iterations() + steps, evaluations, converged, message);
  }

  /**
   * The inverse of the objective's Hessian at x, from central differences of its gradient; null
   * where the objective is not finite nearby or the Hessian is not positive definite, where a
   * Newton step would not head for a minimum.
   */
  private static double[][] newtonInverse(Minimizer.Objective objective, double[] x) {
    double[][] inverse;
    try {
      inverse = ObservedInformation.covariance(ObservedInformation.hessian(objective, x));
    } catch (IllegalArgumentException notFinite) {
      return null;
    }
    for (double[] row : inverse) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
    }
    return inverse;
  }

  /**
   * Standard errors from the Hessian of the objective in log-parameters, by central differences
   * of its analytic gradient, turned into errors of the parameters by the delta method. At the
   * optimum the gradient vanishes, so this equals the inverse observed information in the
   * parameters themselves. The objective is a mean per customer, hence the division. Infinite
   * where the information is singular.
   */
  private static double[] standardErrors(
      Minimizer.Objective objective, double[] theta, long customers) {
    double[] errors;
    try {
      errors = ObservedInformation.standardErrors(objective, theta);
    } catch (IllegalArgumentException notFinite) {
      errors = new double[theta.length];
      Arrays.fill(errors, Double.POSITIVE_INFINITY);
    }
    for (int i = 0; i < errors.length; i++) {
      errors[i] /= Math.sqrt(customers);
    }
    return errors;
  }

  /**
   * Standard errors from the analytic Hessian: the inverse of the observed information, plus the
   * penalty's curvature when there is one.
   */
  private static double[] standardErrors(
      Hessian hessian, double[] estimates, double penalty, long customers) {
    int n = estimates.length;
    double[][] information = new double[n][n];
    hessian.compute(estimates, information);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        information[i][j] = -information[i][j];
      }
      information[i][i] += 2 * penalty * customers;
    }
    return ObservedInformation.standardErrors(information);
  }

  static String describe(List<String> names, double[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
    }
    return s.toString();
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }
}
