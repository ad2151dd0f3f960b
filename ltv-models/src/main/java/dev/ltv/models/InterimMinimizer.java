package dev.ltv.models;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quasi-Newton (BFGS) minimizer with the shape of the package's shared minimizer, used by the
 * Pareto/NBD fit until that one is available; it is then deleted.
 *
 * <p>Stops when every component of the gradient is at most {@code gradientTolerance * max(1,
 * |f|)}. The line search backtracks from infeasible points (an objective of NaN or infinity).
 */
final class InterimMinimizer {

  private static final Logger LOG = LoggerFactory.getLogger(InterimMinimizer.class);
  private static final double MAX_STEP = 5;

  private InterimMinimizer() {}

  /** A smooth objective and its gradient. */
  interface Objective {
    /**
     * The objective at {@code x}; fills {@code gradient}.
     *
     * @param x the point
     * @param gradient the array to fill with the gradient
     * @return f(x), or NaN or infinity where the objective cannot be evaluated
     */
    double evaluate(double[] x, double[] gradient);
  }

  /** Stopping rules. */
  record Settings(double gradientTolerance, int maxIterations) {
    static final Settings DEFAULT = new Settings(1e-8, 500);
  }

  /** Where the search stopped. */
  record Result(
      double[] point,
      double value,
      double[] gradient,
      int iterations,
      int evaluations,
      boolean converged,
      String message) {}

  static Result minimize(Objective f, double[] start, Settings settings) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx) || !allFinite(g)) {
      return new Result(x, fx, g, 0, evaluations, false, "objective not finite at the start");
    }
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      h[i][i] = 1;
    }
    double[] p = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] s = new double[n];
    double[] y = new double[n];
    double[] hy = new double[n];
    boolean scaled = false;
    for (int iteration = 0; iteration < settings.maxIterations(); iteration++) {
      if (converged(fx, g, settings)) {
        return new Result(x, fx, g, iteration, evaluations, true, "gradient below tolerance");
      }
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum -= h[i][j] * g[j];
        }
        p[i] = sum;
      }
      double slope = dot(p, g);
      if (!(slope < 0)) {
        // Not a descent direction: restart from steepest descent.
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            h[i][j] = i == j ? 1 : 0;
          }
          p[i] = -g[i];
        }
        slope = -dot(g, g);
      }
      double longest = 0;
      for (double v : p) {
        longest = Math.max(longest, Math.abs(v));
      }
      double step = Math.min(1, MAX_STEP / longest);
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int trial = 0; trial < 60; trial++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * p[i];
        }
        fNew = f.evaluate(xNew, gNew);
        evaluations++;
        if (Double.isFinite(fNew) && allFinite(gNew) && fNew <= fx + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        // Quadratic interpolation of the step, kept within [0.1, 0.5] of the last one.
        double next = 0.5;
        if (Double.isFinite(fNew)) {
          double denominator = 2 * (fNew - fx - step * slope);
          if (denominator > 0) {
            next = Math.min(0.5, Math.max(0.1, -slope * step / denominator));
          }
        }
        step *= next;
      }
      if (!accepted) {
        boolean ok = converged(fx, g, settings);
        return new Result(
            x, fx, g, iteration, evaluations, ok, "line search failed to decrease the objective");
      }
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-300) {
        if (!scaled) {
          double scale = sy / dot(y, y);
          for (int i = 0; i < n; i++) {
            h[i][i] = scale;
          }
          scaled = true;
        }
        for (int i = 0; i < n; i++) {
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += h[i][j] * y[j];
          }
          hy[i] = sum;
        }
        double yhy = dot(y, hy);
        double rho = 1 / sy;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
          }
        }
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      LOG.debug("iteration {}: f = {}, step {}", iteration + 1, fx, step);
    }
    boolean ok = converged(fx, g, settings);
    return new Result(
        x, fx, g, settings.maxIterations(), evaluations, ok, "iteration limit reached");
  }

  private static boolean converged(double fx, double[] g, Settings settings) {
    double limit = settings.gradientTolerance() * Math.max(1, Math.abs(fx));
    for (double v : g) {
      if (!(Math.abs(v) <= limit)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
