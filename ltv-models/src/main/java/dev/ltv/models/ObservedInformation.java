package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * Standard errors of maximum-likelihood estimates from the observed information: the Hessian of
 * the negative log-likelihood at the optimum.
 *
 * <p>The models optimize over log-parameters x = ln θ. The Hessian in x is built from central
 * differences of the analytic gradient (step 1e-5·max(1, |x_i|): its truncation error, O(h²), is
 * about 1e-10 of the curvature, and the gradient's rounding noise divided by h stays far below
 * that for likelihoods summed over thousands of customers), then symmetrized. Its inverse is the
 * covariance of x̂, through a Cholesky decomposition. The delta method maps it to the natural
 * parameters: se(θ̂_i) = θ̂_i·se(x̂_i), since dθ/dx = θ.
 *
 * <p>If the Hessian is not positive definite (the likelihood is flat or curved the wrong way in
 * some direction, so the data do not determine every parameter), its eigenvectors with
 * eigenvalues below 1e-12 of the largest are the undetermined directions: a parameter with a
 * component above 1e-6 along one of them gets +∞, and the others get their variance from the
 * determined directions only.
 *
 * <p>Models with an analytic Hessian in their natural parameters give it to {@link
 * #standardErrors(double[][])} instead, which inverts it the same way.
 */
final class ObservedInformation {

  /** Relative step of the central differences. */
  private static final double STEP = 1e-5;

  /** Eigenvalues below this fraction of the largest count as zero. */
  private static final double SINGULAR = 1e-12;

  /** Eigenvector components below this count as not involving a parameter. */
  private static final double INVOLVED = 1e-6;

  private ObservedInformation() {}

  /**
   * Standard errors of exp(x*) for the minimizer x* of f, where f is a negative log-likelihood in
   * log-parameters.
   *
   * @param f the objective, with its analytic gradient
   * @param logOptimum the minimizer x*, in log-parameters
   * @return the standard error of each exp(x*_i); +∞ for a parameter the data do not determine
   * @throws IllegalArgumentException if logOptimum is empty or not finite, or f is not finite
   *     anywhere near it
   */
  static double[] standardErrors(Minimizer.Objective f, double[] logOptimum) {
    double[] logErrors = logStandardErrors(f, logOptimum);
    double[] errors = new double[logErrors.length];
    for (int i = 0; i < errors.length; i++) {
      errors[i] = Math.exp(logOptimum[i]) * logErrors[i];
    }
    return errors;
  }

  /**
   * Standard errors from a Hessian of the negative log-likelihood computed elsewhere, in the
   * parameters' own units (the observed information itself): the square roots of the diagonal of
   * its inverse, as {@link #covariance} forms it.
   *
   * @param hessian the Hessian of the negative log-likelihood at the optimum, square
   * @return the standard error of each parameter; +∞ for a parameter the data do not determine,
   *     and for every parameter if the Hessian is not finite
   */
  static double[] standardErrors(double[][] hessian) {
    int n = hessian.length;
    double[] errors = new double[n];
    double[][] symmetric = new double[n][n];
    for (int i = 0; i < n; i++) {
      checkArgument(hessian[i].length == n, "the Hessian is not square: row %s", i);
      for (int j = 0; j < n; j++) {
        double mean = 0.5 * (hessian[i][j] + hessian[j][i]);
        if (!Double.isFinite(mean)) {
          Arrays.fill(errors, Double.POSITIVE_INFINITY);
          return errors;
        }
        symmetric[i][j] = mean;
      }
    }
    double[][] covariance = covariance(symmetric);
    for (int i = 0; i < n; i++) {
      double variance = covariance[i][i];
      errors[i] = variance > 0 ? Math.sqrt(variance) : Double.POSITIVE_INFINITY;
    }
    return errors;
  }

  /**
   * Standard errors of the log-parameters x*_i themselves, from the inverse of the observed
   * information.
   *
   * @param f the objective, with its analytic gradient
   * @param logOptimum the minimizer x*
   * @return the standard error of each x*_i; +∞ where undetermined
   */
  static double[] logStandardErrors(Minimizer.Objective f, double[] logOptimum) {
    double[][] covariance = covariance(hessian(f, logOptimum));
    double[] errors = new double[covariance.length];
    for (int i = 0; i < errors.length; i++) {
      errors[i] = Math.sqrt(covariance[i][i]);
    }
    return errors;
  }

  /**
   * The Hessian of f at x from central differences of its gradient, symmetrized. Where a
   * displaced point is infeasible the step is halved, up to ten times, and a one-sided difference
   * is used if only one side is feasible.
   *
   * @param f the objective, with its analytic gradient
   * @param x the point
   * @return the symmetric Hessian
   * @throws IllegalArgumentException if x is empty or not finite, or f is not finite near x in
   *     some coordinate
   */
  static double[][] hessian(Minimizer.Objective f, double[] x) {
    Objects.requireNonNull(f, "f");
    int n = x.length;
    checkArgument(n > 0, "the point is empty");
    for (double v : x) {
      checkArgument(Double.isFinite(v), "the point must be finite: %s", Arrays.toString(x));
    }
    double[] center = new double[n];
    double centerValue = f.evaluate(x.clone(), center);
    checkArgument(
        Double.isFinite(centerValue),
        "the objective is not finite at %s, so it has no curvature there",
        Arrays.toString(x));

    double[][] h = new double[n][n];
    double[] plus = new double[n];
    double[] minus = new double[n];
    for (int i = 0; i < n; i++) {
      double step = STEP * Math.max(1, Math.abs(x[i]));
      boolean done = false;
      for (int halving = 0; halving <= 10 && !done; halving++, step /= 2) {
        boolean upOk = displacedGradient(f, x, i, step, plus);
        boolean downOk = displacedGradient(f, x, i, -step, minus);
        if (upOk && downOk) {
          for (int j = 0; j < n; j++) {
            h[j][i] = (plus[j] - minus[j]) / (2 * step);
          }
          done = true;
        } else if (halving == 10 && (upOk || downOk)) {
          double[] side = upOk ? plus : minus;
          double signedStep = upOk ? step : -step;
          for (int j = 0; j < n; j++) {
            h[j][i] = (side[j] - center[j]) / signedStep;
          }
          done = true;
        }
      }
      checkArgument(
          done,
          "the objective is not finite on either side of %s along coordinate %s",
          Arrays.toString(x),
          i);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double mean = 0.5 * (h[i][j] + h[j][i]);
        h[i][j] = mean;
        h[j][i] = mean;
      }
    }
    return h;
  }

  /**
   * The inverse of a symmetric Hessian by Cholesky, or, if it is not positive definite, the
   * pseudo-inverse on its well-determined directions with +∞ on the diagonal for the parameters
   * involved in the others (and NaN off the diagonal in their rows and columns).
   *
   * @param hessian a symmetric matrix
   * @return its inverse, as described
   */
  static double[][] covariance(double[][] hessian) {
    int n = hessian.length;
    RealMatrix matrix = new Array2DRowRealMatrix(hessian, true);
    double largestDiagonal = 0;
    for (int i = 0; i < n; i++) {
      largestDiagonal = Math.max(largestDiagonal, Math.abs(hessian[i][i]));
    }
    try {
      // A pivot below 1e-12 of the largest curvature is a direction the data do not determine.
      CholeskyDecomposition cholesky =
          new CholeskyDecomposition(matrix, 1e-10, SINGULAR * largestDiagonal);
      return cholesky.getSolver().getInverse().getData();
    } catch (MathIllegalArgumentException notPositiveDefinite) {
      // Fall through to the eigen-decomposition below.
    }
    EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(matrix);
    double[] values = eigen.getEigenvalues();
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    boolean[] undetermined = new boolean[n];
    double[][] covariance = new double[n][n];
    for (int k = 0; k < n; k++) {
      double[] vector = eigen.getEigenvector(k).toArray();
      if (values[k] <= SINGULAR * largest) {
        for (int i = 0; i < n; i++) {
          undetermined[i] |= Math.abs(vector[i]) > INVOLVED;
        }
        continue;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          covariance[i][j] += vector[i] * vector[j] / values[k];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (undetermined[i]) {
        for (int j = 0; j < n; j++) {
          covariance[i][j] = Double.NaN;
          covariance[j][i] = Double.NaN;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (undetermined[i]) {
        covariance[i][i] = Double.POSITIVE_INFINITY;
      }
    }
    return covariance;
  }

  /** ∇f at x with x_i moved by step, into gradient; whether it is finite there. */
  private static boolean displacedGradient(
      Minimizer.Objective f, double[] x, int i, double step, double[] gradient) {
    double[] point = x.clone();
    point[i] += step;
    double value = f.evaluate(point, gradient);
    if (!Double.isFinite(value)) {
      return false;
    }
    for (double g : gradient) {
      if (!Double.isFinite(g)) {
        return false;
      }
    }
    return true;
  }
}
