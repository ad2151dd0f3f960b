package dev.ltv.models;

import static com.google.common.base.Preconditions.checkState;

import java.util.List;

/**
 * What every model with named parameters shares, whether the parameters were fitted or given:
 * its name, its fit report if it has one, and a one-line description of given parameters.
 * Subclasses are immutable.
 */
abstract class ParametricModel {

  private final String name;
  private final List<String> parameterNames;
  private final FitReport report;

  ParametricModel(String name, List<String> parameterNames, FitReport report) {
    this.name = name;
    this.parameterNames = parameterNames;
    this.report = report;
  }

  /** The parameters, in the order of the names given to the constructor. */
  abstract double[] parameters();

  /**
   * The model's name, as in its papers.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Whether the model was fitted, rather than made from known parameters with {@code of}.
   *
   * @return true for a fitted model
   */
  public boolean isFitted() {
    return report != null;
  }

  /**
   * The log-likelihood of the data the model was fitted on, penalty excluded.
   *
   * @return the maximized log-likelihood
   * @throws IllegalStateException if the model was made from known parameters
   */
  public double logLikelihood() {
    return fitReport().logLikelihood();
  }

  /**
   * How the fit went: estimates, standard errors, log-likelihood and convergence.
   *
   * @return the report
   * @throws IllegalStateException if the model was made from known parameters
   */
  public FitReport fitReport() {
    checkState(report != null, "this %s model was made from known parameters, not fitted", name);
    return report;
  }

  /** The fit report for a fitted model, otherwise the model's name and its given parameters. */
  @Override
  public String toString() {
    if (report != null) {
      return report.toString();
    }
    StringBuilder s = new StringBuilder(name).append(" with given parameters: ");
    double[] values = parameters();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(parameterNames.get(i));
      s.append(String.format(" = %.4f", values[i]));
    }
    return s.toString();
  }
}
