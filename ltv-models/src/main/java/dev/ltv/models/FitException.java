package dev.ltv.models;

import java.io.Serial;

/**
 * A maximum-likelihood fit that did not reach the optimum: the optimizer ran out of iterations, or
 * the likelihood could not be evaluated. The message says how far it got; {@link #report()} holds
 * the last point with its diagnostics, so a caller can decide to use it anyway.
 *
 * @since 0.1
 */
public final class FitException extends RuntimeException {

  @Serial
  private static final long serialVersionUID = 1L;

  private final transient FitReport report;

  /**
   * A failed fit.
   *
   * @param message what went wrong, with the iterations and gradient norm reached
   * @param report the diagnostics at the last point, or {@code null} if there is none
   */
  public FitException(String message, FitReport report) {
    super(message);
    this.report = report;
  }

  /** The diagnostics at the last point reached, or {@code null} if the fit stopped before one. */
  public FitReport report() {
    return report;
  }
}
