package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minimizes a smooth function of a few variables (the models' 2 to 4 log-parameters) by the BFGS
 * quasi-Newton method with a line search that satisfies the strong Wolfe conditions.
 *
 * <h2>Method</h2>
 *
 * <p>An approximation H of the inverse Hessian gives the direction −H∇f. The first direction is
 * steepest descent with a step of at most 1/‖∇f‖∞; before the first update H is rescaled to
 * (sᵀy/yᵀy)·I (Nocedal and Wright, eq. 6.20), so badly scaled problems start with a sensible
 * curvature. The line search (Nocedal and Wright, algorithms 3.5 and 3.6) brackets a step with
 * sufficient decrease f(x + αd) ≤ f(x) + 10⁻⁴α∇fᵀd and curvature |∇f(x + αd)ᵀd| ≤ 0.9|∇fᵀd|, and
 * zooms in with safeguarded cubic interpolation. Where the values differ from the current one by
 * no more than rounding (relative 1e-10), a step is also accepted on the approximate Wolfe
 * conditions of Hager and Zhang (2005), which rest on the slopes alone: without them a run can
 * stall just short of a tight tolerance, when the values no longer resolve the decrease a step
 * brings but the gradient still points the way.
 *
 * <p>Infeasible trial points are expected: an objective may return +∞ or NaN (a log-likelihood at
 * parameters where it is undefined, an overflowing exponential). Such a trial counts as a step
 * that went too far; the search bisects back towards the last good step. A direction that is not a
 * descent direction, a line search that finds no acceptable step, or an update whose curvature
 * sᵀy is not positive resets H to the identity (scaled as above), so one bad step cannot spoil the
 * rest of the run.
 *
 * <h2>Stopping</h2>
 *
 * <p>Converged when max_i |∂f/∂x_i| ≤ {@code gradientTolerance}·max(1, |f(x)|): relative to the
 * objective's magnitude once it exceeds 1, absolute below. For a negative log-likelihood of
 * −9582 and the default 1e-8, that is a gradient below 1e-4 in every log-parameter, which leaves
 * the log-likelihood within about ‖∇f‖²/λ_min ≈ 1e-9 of its maximum and each log-parameter within
 * ‖∇f‖/λ_min of its optimum (λ_min the smallest eigenvalue of the Hessian). The run also stops,
 * not converged, after {@code maxIterations} iterations, or when no step can lower f any more
 * (at the precision limit of the objective, or with a gradient inconsistent with the function).
 * It never throws because of non-convergence: {@link Result#converged()} and {@link
 * Result#message()} say what happened, and the caller decides.
 *
 * <p>Each iteration is logged at debug level (iteration, f, ‖∇f‖∞, step length, evaluations).
 * Nothing is logged at info or above.
 */
final class Minimizer {

  private static final Logger LOG = LoggerFactory.getLogger(Minimizer.class);

  /** Sufficient-decrease constant of the Wolfe conditions. */
  private static final double C1 = 1e-4;

  /** Curvature constant of the Wolfe conditions; 0.9 is the usual value for quasi-Newton. */
  private static final double C2 = 0.9;

  /**
   * Differences of the objective below this relative to max(1, |f|) count as rounding in the line
   * search: an objective summed over thousands of rows carries relative errors near 1e-14.
   */
  private static final double ROUNDING = 1e-10;

  /** Evaluations one line search may use. */
  private static final int LINE_SEARCH_EVALUATIONS = 40;

  private Minimizer() {}

  /** A function to minimize, with its gradient. */
  @FunctionalInterface
  interface Objective {

    /**
     * Evaluates f at x and writes ∇f(x) into {@code gradient}.
     *
     * @param x the point, not to be modified
     * @param gradient where to write the gradient, of the same length as x
     * @return f(x); +∞ or NaN for a point where f is undefined (the gradient is then ignored)
     */
    double evaluate(double[] x, double[] gradient);
  }

  /**
   * How long to run.
   *
   * @param gradientTolerance the run has converged when max_i |∂f/∂x_i| ≤ gradientTolerance ·
   *     max(1, |f|); positive
   * @param maxIterations the most iterations; at least 1
   */
  record Settings(double gradientTolerance, int maxIterations) {

    /** A relative gradient tolerance of 1e-8 and at most 500 iterations. */
    static final Settings DEFAULT = new Settings(1e-8, 500);

    /**
     * Checks the settings.
     *
     * @param gradientTolerance the gradient tolerance, positive
     * @param maxIterations the iteration limit, at least 1
     */
    Settings {
      checkArgument(
          gradientTolerance > 0 && gradientTolerance < Double.POSITIVE_INFINITY,
          "gradientTolerance must be positive and finite, got %s",
          gradientTolerance);
      checkArgument(maxIterations >= 1, "maxIterations must be at least 1, got %s", maxIterations);
    }
  }

  /**
   * The outcome of a run: the best point found and how the run ended.
   *
   * @param point the best point found (the last accepted iterate)
   * @param value f at that point
   * @param gradient ∇f at that point
   * @param iterations the iterations done
   * @param evaluations the evaluations of the objective, including rejected trial points
   * @param converged whether the gradient tolerance was met
   * @param message how the run ended, in words
   */
  record Result(
      double[] point,
      double value,
      double[] gradient,
      int iterations,
      int evaluations,
      boolean converged,
      String message) {

    /**
     * Copies the arrays, so that the result cannot change afterwards.
     *
     * @param point the best point
     * @param value f there
     * @param gradient ∇f there
     * @param iterations the iterations done
     * @param evaluations the objective's evaluations
     * @param converged whether the tolerance was met
     * @param message how the run ended
     */
    Result {
      point = point.clone();
      gradient = gradient.clone();
      Objects.requireNonNull(message, "message");
    }

    @Override
    public double[] point() {
      return point.clone();
    }

    @Override
    public double[] gradient() {
      return gradient.clone();
    }

    /**
     * The largest absolute component of the gradient, the quantity the tolerance applies to.
     *
     * @return max_i |∂f/∂x_i| at the point
     */
    double gradientNorm() {
      return maxAbs(gradient);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r
          && Arrays.equals(point, r.point)
          && Double.compare(value, r.value) == 0
          && Arrays.equals(gradient, r.gradient)
          && iterations == r.iterations
          && evaluations == r.evaluations
          && converged == r.converged
          && message.equals(r.message);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          Arrays.hashCode(point),
          value,
          Arrays.hashCode(gradient),
          iterations,
          evaluations,
          converged,
          message);
    }

    @Override
    public String toString() {
      return String.format(
          "Result[%s at %s, |gradient| %.3g, %d iterations, %d evaluations: %s]",
          value, Arrays.toString(point), gradientNorm(), iterations, evaluations, message);
    }
  }

  /**
   * Minimizes f from a start point.
   *
   * @param f the objective, with its gradient
   * @param start the start point, where f must be finite for the run to get anywhere
   * @param settings tolerance and iteration limit
   * @return the best point found and how the run ended; never throws for non-convergence
   * @throws IllegalArgumentException if start is empty or not finite
   */
  static Result minimize(Objective f, double[] start, Settings settings) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(settings, "settings");
    int n = start.length;
    checkArgument(n > 0, "the start point is empty");
    for (double v : start) {
      checkArgument(
          Double.isFinite(v), "the start point must be finite: %s", Arrays.toString(start));
    }
    Run run = new Run(f, n);
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = run.evaluate(x, g);
    if (!Double.isFinite(fx) || !allFinite(g)) {
      return new Result(
          x,
          fx,
          g,
          0,
          run.evaluations,
          false,
          "the objective or its gradient is not finite at the start point");
    }

    double[][] h = identity(n);
    boolean scaled = false; // whether h has been scaled to the problem yet
    double[] d = new double[n];
    double[] s = new double[n];
    double[] y = new double[n];
    for (int iteration = 0; ; iteration++) {
      double gradientNorm = maxAbs(g);
      if (gradientNorm <= settings.gradientTolerance() * Math.max(1, Math.abs(fx))) {
        return new Result(
            x,
            fx,
            g,
            iteration,
            run.evaluations,
            true,
            "converged: gradient " + format(gradientNorm) + " within tolerance");
      }
      if (iteration == settings.maxIterations()) {
        return new Result(
            x,
            fx,
            g,
            iteration,
            run.evaluations,
            false,
            "stopped after the maximum of " + iteration + " iterations with gradient "
                + format(gradientNorm));
      }

      LineSearch step = null;
      for (int attempt = 0; attempt < 2 && step == null; attempt++) {
        if (attempt == 1) {
          // The quasi-Newton direction failed; start afresh from steepest descent.
          h = identity(n);
          scaled = false;
        }
        multiply(h, g, d);
        negate(d);
        double slope = dot(g, d);
        if (!(slope < 0)) {
          h = identity(n);
          scaled = false;
          System.arraycopy(g, 0, d, 0, n);
          negate(d);
          slope = dot(g, d);
        }
        double initial = scaled ? 1 : Math.min(1, 1 / maxAbs(g));
        step = run.lineSearch(x, fx, g, d, slope, initial);
        if (step == null && !scaled) {
          break; // steepest descent itself found nothing: nothing else to try
        }
      }
      if (step == null) {
        return new Result(
            x,
            fx,
            g,
            iteration,
            run.evaluations,
            false,
            "no step along the descent direction lowers the objective (gradient "
                + format(gradientNorm)
                + "); the objective may be too noisy for the tolerance, or its gradient wrong");
      }

      for (int i = 0; i < n; i++) {
        s[i] = step.point[i] - x[i];
        y[i] = step.gradient[i] - g[i];
      }
      double sy = dot(s, y);
      double yy = dot(y, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * yy) && yy > 0) {
        if (!scaled) {
          h = identity(n);
          scale(h, sy / yy);
          scaled = true;
        }
        update(h, s, y, sy);
      } else {
        // Curvature condition failed (possible after a partial line search): start over.
        h = identity(n);
        scaled = false;
      }
      x = step.point;
      fx = step.value;
      g = step.gradient;
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "iteration {}: f = {}, |gradient| = {}, step = {}, evaluations = {}",
            iteration + 1,
            fx,
            maxAbs(g),
            step.alpha,
            run.evaluations);
      }
    }
  }

  /** The evaluation count and the line search of one run. */
  private static final class Run {
    final Objective f;
    final int n;
    int evaluations;

    Run(Objective f, int n) {
      this.f = f;
      this.n = n;
    }

    double evaluate(double[] x, double[] gradient) {
      evaluations++;
      double value = f.evaluate(x, gradient);
      return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    /** f, ∇f and the slope ∇fᵀd at x + αd; value +∞ where the objective is undefined. */
    Trial trial(double[] x, double[] d, double alpha) {
      double[] point = new double[n];
      for (int i = 0; i < n; i++) {
        point[i] = x[i] + alpha * d[i];
      }
      double[] gradient = new double[n];
      double value = evaluate(point, gradient);
      if (!allFinite(gradient)) {
        value = Double.POSITIVE_INFINITY;
      }
      return new Trial(alpha, point, value, gradient, dot(gradient, d));
    }

    /**
     * A step along d satisfying the strong Wolfe conditions, or failing that one with sufficient
     * decrease; null if no step lowers f.
     */
    LineSearch lineSearch(
        double[] x, double f0, double[] g0, double[] d, double slope0, double initial) {
      int budget = evaluations + LINE_SEARCH_EVALUATIONS;
      Trial previous = new Trial(0, x, f0, g0, slope0);
      double alpha = initial;
      boolean first = true;
      while (evaluations < budget) {
        Trial t = trial(x, d, alpha);
        if (approximatelyWolfe(f0, slope0, t)) {
          return t.accept();
        }
        if (!Double.isFinite(t.value)
            || t.value > f0 + C1 * alpha * slope0
            || (!first && t.value >= previous.value)) {
          return zoom(x, f0, slope0, d, previous, t, budget);
        }
        if (Math.abs(t.slope) <= -C2 * slope0) {
          return t.accept();
        }
        if (t.slope >= 0) {
          return zoom(x, f0, slope0, d, t, previous, budget);
        }
        previous = t;
        alpha *= 4;
        first = false;
      }
      return previous.alpha > 0 ? previous.accept() : null;
    }

    /**
     * Narrows [lo, hi] (lo the best step so far, satisfying sufficient decrease; hi a step that
     * went too far or up) until a step satisfies the strong Wolfe conditions.
     */
    private LineSearch zoom(
        double[] x, double f0, double slope0, double[] d, Trial lo, Trial hi, int budget) {
      while (evaluations < budget) {
        double width = hi.alpha - lo.alpha;
        if (Math.abs(width) <= 1e-16 * Math.max(Math.abs(lo.alpha), Math.abs(hi.alpha))) {
          break;
        }
        double alpha;
        if (Double.isFinite(hi.value)) {
          alpha = cubicMinimizer(lo, hi);
          double margin = 0.1 * Math.abs(width);
          double low = Math.min(lo.alpha, hi.alpha) + margin;
          double high = Math.max(lo.alpha, hi.alpha) - margin;
          if (!(alpha >= low && alpha <= high)) {
            alpha = lo.alpha + 0.5 * width;
          }
        } else {
          // Back off from an infeasible point.
          alpha = lo.alpha + 0.5 * width;
        }
        Trial t = trial(x, d, alpha);
        if (approximatelyWolfe(f0, slope0, t)) {
          return t.accept();
        }
        if (!Double.isFinite(t.value)
            || t.value > f0 + C1 * alpha * slope0
            || t.value >= lo.value) {
          hi = t;
        } else {
          if (Math.abs(t.slope) <= -C2 * slope0) {
            return t.accept();
          }
          if (t.slope * (hi.alpha - lo.alpha) >= 0) {
            hi = lo;
          }
          lo = t;
        }
      }
      // No Wolfe step: a step with sufficient decrease still makes progress.
      return lo.alpha > 0 ? lo.accept() : null;
    }

    /**
     * The approximate Wolfe conditions of Hager and Zhang (2005): a value no higher than f0 by
     * more than rounding, and a slope that has risen from slope0 by a fraction 1 − C2 without
     * turning as steep upwards. Near the optimum of a sum over many rows the values no longer
     * resolve the decrease C1·α·slope0 that the Wolfe conditions ask for, while the slopes, from
     * the analytic gradient, still show where the minimum is along d.
     */
    private static boolean approximatelyWolfe(double f0, double slope0, Trial t) {
      return t.value <= f0 + ROUNDING * Math.max(1, Math.abs(f0))
          && t.slope >= C2 * slope0
          && t.slope <= (2 * C1 - 1) * slope0;
    }

    /** The minimizer of the cubic through both ends' values and slopes. */
    private static double cubicMinimizer(Trial a, Trial b) {
      double d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha);
      double radicand = d1 * d1 - a.slope * b.slope;
      if (!(radicand >= 0)) {
        return Double.NaN;
      }
      double d2 = Math.signum(b.alpha - a.alpha) * Math.sqrt(radicand);
      return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
    }
  }

  /** One evaluation along the search direction. */
  private record Trial(
      double alpha, double[] point, double value, double[] gradient, double slope) {
    LineSearch accept() {
      return new LineSearch(alpha, point, value, gradient);
    }
  }

  /** An accepted step. */
  private record LineSearch(double alpha, double[] point, double value, double[] gradient) {}

  // ---------------------------------------------------------------------------------------------
  // Small dense linear algebra

  /** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/sᵀy: the BFGS update of the inverse Hessian. */
  private static void update(double[][] h, double[] s, double[] y, double sy) {
    int n = s.length;
    double rho = 1 / sy;
    double[] hy = new double[n];
    multiply(h, y, hy);
    double yhy = dot(y, hy);
    double factor = (1 + rho * yhy) * rho;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        h[i][j] += factor * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
      }
    }
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static void scale(double[][] m, double factor) {
    for (double[] row : m) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= factor;
      }
    }
  }

  private static void multiply(double[][] m, double[] v, double[] out) {
    for (int i = 0; i < v.length; i++) {
      out[i] = dot(m[i], v);
    }
  }

  private static void negate(double[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = -v[i];
    }
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static double maxAbs(double[] v) {
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static String format(double x) {
    return String.format("%.3g", x);
  }
}
