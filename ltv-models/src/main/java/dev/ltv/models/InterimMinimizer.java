package dev.ltv.models;

/**
 * A stand-in for the shared quasi-Newton minimizer, with its signatures, used until it is
 * available: BFGS on the inverse Hessian with a strong-Wolfe line search. Deleted once the shared
 * one is in.
 */
final class InterimMinimizer {

  private InterimMinimizer() {}

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
    int[] evals = {0};
    double fx = eval(f, x, g, evals);
    if (!Double.isFinite(fx)) {
      return new Result(x, fx, g, 0, evals[0], false, "objective not finite at the start");
    }
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      h[i][i] = 1;
    }
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] s = new double[n];
    double[] y = new double[n];
    double[] hy = new double[n];
    boolean first = true;
    for (int iter = 0; iter < settings.maxIterations(); iter++) {
      if (maxAbs(g) <= settings.gradientTolerance() * Math.max(1, Math.abs(fx))) {
        return new Result(x, fx, g, iter, evals[0], true, "gradient below tolerance");
      }
      for (int i = 0; i < n; i++) {
        double v = 0;
        for (int j = 0; j < n; j++) {
          v -= h[i][j] * g[j];
        }
        d[i] = v;
      }
      double slope = dot(d, g);
      if (slope >= 0) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            h[i][j] = i == j ? 1 : 0;
          }
          d[i] = -g[i];
        }
        slope = dot(d, g);
      }
      double step = first ? Math.min(1, 1 / Math.max(1e-300, Math.sqrt(dot(g, g)))) : 1;
      double fNew = lineSearch(f, x, fx, g, d, slope, step, xNew, gNew, evals);
      if (Double.isNaN(fNew) && !first) {
        // Start afresh from steepest descent, scaled by the last curvature estimate.
        double scale = h[0][0] > 0 ? h[0][0] : 1;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            h[i][j] = i == j ? scale : 0;
          }
          d[i] = -scale * g[i];
        }
        fNew = lineSearch(f, x, fx, g, d, dot(d, g), 1, xNew, gNew, evals);
      }
      if (Double.isNaN(fNew)) {
        boolean ok = maxAbs(g) <= settings.gradientTolerance() * Math.max(1, Math.abs(fx));
        return new Result(x, fx, g, iter, evals[0], ok, "line search failed");
      }
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-300) {
        if (first) {
          double scale = sy / dot(y, y);
          for (int i = 0; i < n; i++) {
            h[i][i] = scale;
          }
        }
        for (int i = 0; i < n; i++) {
          double v = 0;
          for (int j = 0; j < n; j++) {
            v += h[i][j] * y[j];
          }
          hy[i] = v;
        }
        double yhy = dot(y, hy);
        double rho = 1 / sy;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            h[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
          }
        }
      }
      first = false;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
    }
    boolean ok = maxAbs(g) <= settings.gradientTolerance() * Math.max(1, Math.abs(fx));
    return new Result(x, fx, g, settings.maxIterations(), evals[0], ok, "iteration limit");
  }

  /**
   * A line search along d accepting the strong Wolfe conditions or, near the optimum where values
   * differ by little more than rounding, the approximate Wolfe conditions of Hager and Zhang
   * (2005), which rest on the directional derivative. Returns the value at the accepted point,
   * left in xNew and gNew, or NaN if none was found.
   */
  private static double lineSearch(
      Objective f,
      double[] x,
      double fx,
      double[] g,
      double[] d,
      double slope,
      double step,
      double[] xNew,
      double[] gNew,
      int[] evals) {
    double noise = 1e-10 * Math.max(1, Math.abs(fx));
    double lo = 0;
    double sLo = slope;
    double t = step;
    for (int k = 0; k < 50; k++) {
      double ft = at(f, x, d, t, xNew, gNew, evals);
      double st = dot(gNew, d);
      if (acceptable(fx, slope, noise, t, ft, st)) {
        return ft;
      }
      if (!Double.isFinite(ft) || st >= 0 || ft > fx + noise) {
        return zoom(f, x, fx, d, slope, noise, lo, sLo, t, st, xNew, gNew, evals);
      }
      lo = t;
      sLo = st;
      t *= 2;
    }
    return Double.NaN;
  }

  private static boolean acceptable(
      double fx, double slope, double noise, double t, double ft, double st) {
    if (!Double.isFinite(ft)) {
      return false;
    }
    double c1 = 1e-4;
    double c2 = 0.9;
    boolean wolfe = ft <= fx + c1 * t * slope && Math.abs(st) <= -c2 * slope;
    boolean approximate = ft <= fx + noise && st >= c2 * slope && st <= (2 * c1 - 1) * slope;
    return wolfe || approximate;
  }

  /** Narrows [lo, hi], lo with a negative slope and a low value, hi past the minimum. */
  private static double zoom(
      Objective f,
      double[] x,
      double fx,
      double[] d,
      double slope,
      double noise,
      double lo,
      double sLo,
      double hi,
      double sHi,
      double[] xNew,
      double[] gNew,
      int[] evals) {
    for (int k = 0; k < 60; k++) {
      double t = lo + (hi - lo) / 2;
      if (Double.isFinite(sHi) && sHi >= 0 && sHi > sLo) {
        // Secant on the directional derivative.
        t = lo - sLo * (hi - lo) / (sHi - sLo);
      }
      double width = hi - lo;
      t = Math.max(lo + 0.1 * width, Math.min(hi - 0.1 * width, t));
      double ft = at(f, x, d, t, xNew, gNew, evals);
      double st = dot(gNew, d);
      if (acceptable(fx, slope, noise, t, ft, st)) {
        return ft;
      }
      if (Double.isFinite(ft) && st < 0 && ft <= fx + noise) {
        lo = t;
        sLo = st;
      } else {
        hi = t;
        sHi = Double.isFinite(ft) ? st : Double.NaN;
      }
      if (hi - lo <= 1e-15 * Math.max(1, Math.abs(lo))) {
        break;
      }
    }
    return Double.NaN;
  }

  private static double at(
      Objective f, double[] x, double[] d, double t, double[] xNew, double[] gNew, int[] evals) {
    for (int i = 0; i < x.length; i++) {
      xNew[i] = x[i] + t * d[i];
    }
    return eval(f, xNew, gNew, evals);
  }

  private static double eval(Objective f, double[] x, double[] g, int[] evals) {
    evals[0]++;
    double v = f.evaluate(x, g);
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
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
