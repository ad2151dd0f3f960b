package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import java.util.List;

/**
 * The options of a maximum-likelihood fit, each settable once: an L2 penalty, start values, the
 * gradient tolerance and the iteration limit. Immutable; every setter returns a new instance.
 */
final class FitSettings {

  /** The default relative gradient tolerance. */
  static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;

  /** The default iteration limit. */
  static final int DEFAULT_MAX_ITERATIONS = 500;

  static final FitSettings DEFAULTS = new FitSettings(Double.NaN, null, Double.NaN, 0);

  private final double penalty;
  private final double[] start;
  private final double gradientTolerance;
  private final int maxIterations;

  private FitSettings(double penalty, double[] start, double gradientTolerance, int maxIterations) {
    this.penalty = penalty;
    this.start = start;
    this.gradientTolerance = gradientTolerance;
    this.maxIterations = maxIterations;
  }

  FitSettings penalty(double l2) {
    checkState(Double.isNaN(penalty), "penalty was already set to %s", penalty);
    checkArgument(Double.isFinite(l2) && l2 >= 0, "penalty must be finite and >= 0, was %s", l2);
    return new FitSettings(l2, start, gradientTolerance, maxIterations);
  }

  FitSettings start(List<String> names, double... values) {
    checkState(start == null, "start was already set to %s", Arrays.toString(start));
    for (int i = 0; i < values.length; i++) {
      checkArgument(
          Double.isFinite(values[i]) && values[i] > 0,
          "start value of %s must be finite and > 0, was %s",
          names.get(i),
          values[i]);
    }
    return new FitSettings(penalty, values.clone(), gradientTolerance, maxIterations);
  }

  FitSettings gradientTolerance(double tolerance) {
    checkState(
        Double.isNaN(gradientTolerance),
        "gradientTolerance was already set to %s",
        gradientTolerance);
    checkArgument(
        Double.isFinite(tolerance) && tolerance > 0,
        "gradientTolerance must be finite and > 0, was %s",
        tolerance);
    return new FitSettings(penalty, start, tolerance, maxIterations);
  }

  FitSettings maxIterations(int iterations) {
    checkState(maxIterations == 0, "maxIterations was already set to %s", maxIterations);
    checkArgument(iterations >= 1, "maxIterations must be >= 1, was %s", iterations);
    return new FitSettings(penalty, start, gradientTolerance, iterations);
  }

  double penalty() {
    return Double.isNaN(penalty) ? 0 : penalty;
  }

  /** The start values, or {@code defaults} when none were set. */
  double[] start(double[] defaults) {
    return start == null ? defaults : start.clone();
  }

  double gradientTolerance() {
    return Double.isNaN(gradientTolerance) ? DEFAULT_GRADIENT_TOLERANCE : gradientTolerance;
  }

  int maxIterations() {
    return maxIterations == 0 ? DEFAULT_MAX_ITERATIONS : maxIterations;
  }

  @Override
  public String toString() {
    return String.format(
        "penalty %s, start %s, gradientTolerance %s, maxIterations %d",
        penalty(),
        start == null ? "default" : Arrays.toString(start),
        gradientTolerance(),
        maxIterations());
  }
}
