package dev.ltv.models;

/**
 * A stand-in for the shared quasi-Newton minimizer, with the same signatures, used by BG/BB and the
 * shifted-beta-geometric fits until the shared one is available; deleted then. BFGS on the inverse
 * Hessian with a backtracking (Armijo) line search that backs off from infeasible points.
 */
final class StandInMinimizer {

  private StandInMinimizer() {}

  interface Objective {
    double evaluate(double[] x, double[] gradient);
  }

  record Settings(double gradientTolerance, int maxIterations) {
    static final Settings DEFAULT = new Settings(1e-8, 500);
  }

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
    if (!Double.isFinite(fx)) {
      return new Result(x, fx, g, 0, evaluations, false, "objective not finite at the start");
    }
    double[][] h = identity(n);
    for (int iteration = 0; iteration < settings.maxIterations(); iteration++) {
      if (maxAbs(g) <= settings.gradientTolerance() * Math.max(1, Math.abs(fx))) {
        return new Result(x, fx, g, iteration, evaluations, true, "gradient below tolerance");
      }
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          p[i] -= h[i][j] * g[j];
        }
      }
      double slope = dot(p, g);
      if (slope >= 0) {
        h = identity(n);
        for (int i = 0; i < n; i++) {
          p[i] = -g[i];
        }
        slope = dot(p, g);
      }
      double step = iteration == 0 ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
      double[] xNew = new double[n];
      double[] gNew = new double[n];
      double fNew;
      while (true) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * p[i];
        }
        fNew = f.evaluate(xNew, gNew);
        evaluations++;
        if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
          break;
        }
        step *= 0.5;
        if (step < 1e-20) {
          return new Result(x, fx, g, iteration, evaluations, false, "line search failed");
        }
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-300) {
        double[] hy = new double[n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            hy[i] += h[i][j] * y[j];
          }
        }
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            h[i][j] += (sy + yhy) * s[i] * s[j] / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
          }
        }
      }
      x = xNew;
      g = gNew;
      fx = fNew;
    }
    return new Result(
        x, fx, g, settings.maxIterations(), evaluations, false, "iteration limit reached");
  }

  private static double[][] identity(int n) {
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      h[i][i] = 1;
    }
    return h;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
