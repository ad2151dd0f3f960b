package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * How a maximum-likelihood fit went: the estimates with their standard errors, the log-likelihood
 * reached, and the optimizer's account of its convergence.
 *
 * <p>Standard errors come from the observed information matrix (the Hessian of the negative
 * log-likelihood at the optimum). A parameter whose error cannot be estimated, because the
 * information matrix is singular there, reports {@link Double#POSITIVE_INFINITY}: the data do not
 * pin it down.
 *
 * @param model the model's name, such as {@code BG/NBD}
 * @param parameterNames the parameters' names, in the model's order
 * @param estimates the estimates, in the same order
 * @param standardErrors the standard errors, in the same order
 * @param logLikelihood the log-likelihood at the estimates, penalty excluded
 * @param customers the number of customers the model was fitted on
 * @param distinctRows the number of distinct rows the likelihood was evaluated on
 * @param iterations the optimizer's iterations
 * @param evaluations the likelihood evaluations
 * @param gradientNorm the norm of the gradient of the objective at the estimates, in the
 *     optimizer's coordinates
 * @param converged whether the optimizer met its gradient tolerance at a point where every
 *     parameter is determined (a finite standard error)
 * @param penalty the L2 penalty coefficient used, 0 for none
 * @since 0.1
 */
public record FitReport(
    String model,
    List<String> parameterNames,
    List<Double> estimates,
    List<Double> standardErrors,
    double logLikelihood,
    long customers,
    int distinctRows,
    int iterations,
    int evaluations,
    double gradientNorm,
    boolean converged,
    double penalty) {

  /**
   * Checks that the lists line up and copies them.
   *
   * @param model the model's name
   * @param parameterNames the parameters' names
   * @param estimates the estimates
   * @param standardErrors the standard errors
   * @param logLikelihood the log-likelihood
   * @param customers the number of customers
   * @param distinctRows the number of distinct rows
   * @param iterations the optimizer's iterations
   * @param evaluations the likelihood evaluations
   * @param gradientNorm the final gradient norm
   * @param converged whether the optimizer converged
   * @param penalty the L2 penalty coefficient
   */
  public FitReport {
    parameterNames = List.copyOf(parameterNames);
    estimates = List.copyOf(estimates);
    standardErrors = List.copyOf(standardErrors);
    checkArgument(
        estimates.size() == parameterNames.size() && standardErrors.size() == parameterNames.size(),
        "%s names, %s estimates and %s standard errors",
        parameterNames.size(),
        estimates.size(),
        standardErrors.size());
  }

  /**
   * The standard error of a parameter.
   *
   * @param name the parameter's name
   * @return its standard error
   * @throws IllegalArgumentException if the model has no such parameter
   */
  public double standardError(String name) {
    int i = parameterNames.indexOf(name);
    checkArgument(i >= 0, "no parameter %s; the parameters are %s", name, parameterNames);
    return standardErrors.get(i);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(model).append(" fit: ");
    for (int i = 0; i < parameterNames.size(); i++) {
      s.append(i == 0 ? "" : ", ")
          .append(parameterNames.get(i))
          .append(String.format(" = %.4f (se %.4f)", estimates.get(i), standardErrors.get(i)));
    }
    s.append(String.format(
        "%n  log-likelihood %.4f on %,d customers (%,d distinct rows); %s after %d iterations,"
            + " %d evaluations, |gradient| %.2e",
        logLikelihood,
        customers,
        distinctRows,
        converged ? "converged" : "NOT CONVERGED",
        iterations,
        evaluations,
        gradientNorm));
    if (penalty > 0) {
      s.append(String.format(", L2 penalty %.3g", penalty));
    }
    return s.toString();
  }
}
