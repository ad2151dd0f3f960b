package dev.ltv.models;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
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

  /** Relative step of the central differences of the gradient that give the Hessian. */
  private static final double HESSIAN_STEP = 1e-5;

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
    InterimMinimizer.Objective objective = (theta, gradient) -> {
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
    InterimMinimizer.Result result = InterimMinimizer.minimize(
        objective,
        theta,
        new InterimMinimizer.Settings(settings.gradientTolerance(), settings.maxIterations()));

    double[] estimates = new double[n];
    for (int i = 0; i < n; i++) {
      estimates[i] = Math.exp(result.point()[i]);
    }
    double ll = logLikelihood.value(estimates, null);
    double[] errors = hessian == null
        ? standardErrors(objective, result.point(), estimates, customers)
        : standardErrors(hessian, estimates, penalty, customers);
    double gradientNorm = 0;
    for (double g : result.gradient()) {
      gradientNorm += g * g;
    }
    gradientNorm = Math.sqrt(gradientNorm);
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
        result.converged(),
        penalty);
    if (!result.converged()) {
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
   * Standard errors from the inverse of the Hessian of the objective in log-parameters, by central
   * differences of its analytic gradient, turned into errors of the parameters by the delta
   * method. At the optimum the gradient vanishes, so this equals the inverse observed information
   * in the parameters themselves. Infinite where the information is singular.
   */
  private static double[] standardErrors(
      InterimMinimizer.Objective objective, double[] theta, double[] estimates, long customers) {
    int n = theta.length;
    double[][] hessian = new double[n][n];
    double[] plus = new double[n];
    double[] minus = new double[n];
    double[] point = theta.clone();
    double[] errors = new double[n];
    for (int j = 0; j < n; j++) {
      double h = HESSIAN_STEP * Math.max(1, Math.abs(theta[j]));
      point[j] = theta[j] + h;
      double fPlus = objective.evaluate(point, plus);
      point[j] = theta[j] - h;
      double fMinus = objective.evaluate(point, minus);
      point[j] = theta[j];
      if (!Double.isFinite(fPlus) || !Double.isFinite(fMinus)) {
        java.util.Arrays.fill(errors, Double.POSITIVE_INFINITY);
        return errors;
      }
      for (int i = 0; i < n; i++) {
        hessian[i][j] = (plus[i] - minus[i]) / (2 * h);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double mean = (hessian[i][j] + hessian[j][i]) / 2;
        hessian[i][j] = mean;
        hessian[j][i] = mean;
      }
    }
    RealMatrix inverse = invert(hessian);
    for (int i = 0; i < n; i++) {
      double variance = inverse == null ? Double.NaN : inverse.getEntry(i, i) / customers;
      errors[i] = variance > 0 && Double.isFinite(variance)
          ? estimates[i] * Math.sqrt(variance)
          : Double.POSITIVE_INFINITY;
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
    double[] errors = new double[n];
    RealMatrix inverse = invert(information);
    for (int i = 0; i < n; i++) {
      double variance = inverse == null ? Double.NaN : inverse.getEntry(i, i);
      errors[i] = variance > 0 && Double.isFinite(variance)
          ? Math.sqrt(variance)
          : Double.POSITIVE_INFINITY;
    }
    return errors;
  }

  /** The inverse of a matrix, or null if it is singular or not finite. */
  private static RealMatrix invert(double[][] matrix) {
    for (double[] row : matrix) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
    }
    DecompositionSolver solver =
        new LUDecomposition(MatrixUtils.createRealMatrix(matrix)).getSolver();
    return solver.isNonSingular() ? solver.getInverse() : null;
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
