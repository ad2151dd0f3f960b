package dev.ltv.models;

/**
 * The settings every maximum-likelihood fitter shares: penalty, gradient tolerance and iteration
 * limit, each settable once. A model's fitter adds its start values, named after its parameters,
 * and its {@code fit} methods. Immutable: every setting returns a new fitter, so one fitter can be
 * kept and used for many fits, from any thread.
 *
 * @param <F> the model's fitter, which every setting returns
 */
abstract class ModelFitter<F extends ModelFitter<F>> {

  private final String model;
  final FitSettings settings;

  ModelFitter(String model, FitSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  /** A fitter of the same model with these settings. */
  abstract F with(FitSettings settings);

  /**
   * Adds {@code l2} times the sum of the squared parameters to the mean negative log-likelihood
   * per customer fitted on, which keeps estimates finite on data that barely identify them. A
   * parameter in units of time or money, such as a rate, weighs in that unit. Default 0.
   *
   * @param l2 the penalty coefficient, finite and >= 0
   * @return a fitter with the penalty
   * @throws IllegalArgumentException if {@code l2} is negative or not finite
   * @throws IllegalStateException if the penalty was already set
   */
  public F penalty(double l2) {
    return with(settings.penalty(l2));
  }

  /**
   * The optimizer stops when every component of the gradient of the objective (the mean negative
   * log-likelihood per customer plus the penalty) with respect to the logs of the parameters is at
   * most this times max(1, |objective|). Default 1e-8.
   *
   * @param tolerance the tolerance, finite and > 0
   * @return a fitter with this tolerance
   * @throws IllegalArgumentException if {@code tolerance} is not finite and > 0
   * @throws IllegalStateException if the tolerance was already set
   */
  public F gradientTolerance(double tolerance) {
    return with(settings.gradientTolerance(tolerance));
  }

  /**
   * The most quasi-Newton iterations before the fit gives up with a {@link FitException}. Default
   * 500.
   *
   * @param iterations the limit, >= 1
   * @return a fitter with this limit
   * @throws IllegalArgumentException if {@code iterations} is below 1
   * @throws IllegalStateException if the limit was already set
   */
  public F maxIterations(int iterations) {
    return with(settings.maxIterations(iterations));
  }

  @Override
  public String toString() {
    return model + " fitter: " + settings;
  }
}
