package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The BFGS minimizer on problems whose minimizers are known exactly: Rosenbrock's function, badly
 * scaled and rotated quadratics, a function that is undefined on part of the space, and random
 * positive-definite quadratics.
 */
class MinimizerTest {

  /** f = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimized at (1, ..., 1). */
  private static final Minimizer.Objective ROSENBROCK = (x, g) -> {
    double f = 0;
    java.util.Arrays.fill(g, 0);
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      g[i] += -400 * x[i] * a - 2 * b;
      g[i + 1] += 200 * a;
    }
    return f;
  };

  @Test
  void rosenbrock_fromTheStandardStarts_reachesTheMinimum() {
    double[][] starts = {{-1.2, 1}, {-1.2, 1, -1.2, 1}, {2, 2}, {-3, -4, 2}, {0, 0, 0, 0}};
    for (double[] start : starts) {
      Minimizer.Result r = Minimizer.minimize(ROSENBROCK, start, Minimizer.Settings.DEFAULT);
      assertTrue(r.converged(), r.toString());
      for (double xi : r.point()) {
        assertEquals(1.0, xi, 1e-7, r.toString());
      }
      assertTrue(r.value() < 1e-16, r.toString());
      assertTrue(r.gradientNorm() <= 1e-8, r.toString());
      assertTrue(r.iterations() < 200, r.toString());
    }
  }

  @Test
  void illConditionedRotatedQuadratic_isSolvedToItsExactMinimizer() {
    // f = ½ (x − m)ᵀ A (x − m), A = R diag(1e-2, 1, 1e3, 1e6) Rᵀ with R a rotation: condition 1e8,
    // and the variables far from unit scale.
    double[] eigen = {1e-2, 1, 1e3, 1e6};
    double[][] a = rotate(eigen, new Random(7));
    double[] m = {3, -1e3, 0.5, 2e2};
    Minimizer.Objective f = quadratic(a, m);
    Minimizer.Result r = Minimizer.minimize(f, new double[4], new Minimizer.Settings(1e-12, 500));
    assertTrue(r.converged(), r.toString());
    // The gradient bound 1e-12·max(1, f) and the smallest eigenvalue 1e-2 bound the error by 1e-10.
    for (int i = 0; i < 4; i++) {
      assertEquals(m[i], r.point()[i], 1e-8 * Math.max(1, Math.abs(m[i])), r.toString());
    }
  }

  @Test
  void infeasibleRegion_isBackedOffFrom() {
    // f = 100(x0 − 0.95)² − ln(1 − x0) + (x1 − 2)² is +∞ at x0 = 1 and NaN beyond; from x0 = 0 the
    // first step lands exactly on x0 = 1. The minimizer solves 200(x0 − 0.95) = −1/(1 − x0).
    Minimizer.Objective f = (x, g) -> {
      g[0] = 200 * (x[0] - 0.95) + 1 / (1 - x[0]);
      g[1] = 2 * (x[1] - 2);
      return 100 * (x[0] - 0.95) * (x[0] - 0.95) - Math.log(1 - x[0]) + (x[1] - 2) * (x[1] - 2);
    };
    double lo = 0.5;
    double hi = 0.999;
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (200 * (mid - 0.95) + 1 / (1 - mid) > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    Minimizer.Result r = Minimizer.minimize(f, new double[] {0, 0}, Minimizer.Settings.DEFAULT);
    assertTrue(r.converged(), r.toString());
    assertEquals(lo, r.point()[0], 1e-9, r.toString());
    assertEquals(2.0, r.point()[1], 1e-9, r.toString());
  }

  @Test
  void objectiveReturningNaNOnHalfTheSpace_stillConverges() {
    // ln of a negative number is NaN: f = x − ln x + y², minimized at (1, 0), from x = 0.01 whose
    // first step overshoots into x < 0.
    Minimizer.Objective f = (x, g) -> {
      g[0] = 1 - 1 / x[0];
      g[1] = 2 * x[1];
      return x[0] - Math.log(x[0]) + x[1] * x[1];
    };
    Minimizer.Result r = Minimizer.minimize(f, new double[] {0.01, 3}, Minimizer.Settings.DEFAULT);
    assertTrue(r.converged(), r.toString());
    assertEquals(1.0, r.point()[0], 1e-8);
    assertEquals(0.0, r.point()[1], 1e-8);
  }

  @Test
  void iterationLimit_reportsNotConvergedWithoutThrowing() {
    Minimizer.Result r =
        Minimizer.minimize(ROSENBROCK, new double[] {-1.2, 1}, new Minimizer.Settings(1e-8, 5));
    assertFalse(r.converged());
    assertEquals(5, r.iterations());
    assertTrue(r.message().contains("maximum"), r.message());
    assertTrue(r.evaluations() >= 6, r.toString());
    assertTrue(Double.isFinite(r.value()) && r.value() < 24.2, r.toString());
  }

  @Test
  void startWhereTheObjectiveIsUndefined_reportsNotConverged() {
    Minimizer.Result r =
        Minimizer.minimize((x, g) -> Double.NaN, new double[] {1, 2}, Minimizer.Settings.DEFAULT);
    assertFalse(r.converged());
    assertEquals(0, r.iterations());
    assertTrue(r.message().contains("start"), r.message());
  }

  @Test
  void wrongGradient_endsWithADiagnosisInsteadOfLooping() {
    // The gradient has the wrong sign: no step along "descent" lowers f.
    Minimizer.Result r = Minimizer.minimize(
        (x, g) -> {
          g[0] = -2 * x[0];
          return x[0] * x[0];
        },
        new double[] {1},
        Minimizer.Settings.DEFAULT);
    assertFalse(r.converged());
    assertTrue(r.message().contains("gradient"), r.message());
    assertEquals(1.0, r.point()[0]);
  }

  @Test
  void startAtTheMinimum_convergesInNoIterations() {
    Minimizer.Result r =
        Minimizer.minimize(ROSENBROCK, new double[] {1, 1}, Minimizer.Settings.DEFAULT);
    assertTrue(r.converged());
    assertEquals(0, r.iterations());
    assertEquals(1, r.evaluations());
  }

  @Test
  void settingsAndStart_areValidated() {
    assertThrows(IllegalArgumentException.class, () -> new Minimizer.Settings(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Minimizer.Settings(1e-8, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Minimizer.minimize(
            ROSENBROCK, new double[] {Double.NaN, 1}, Minimizer.Settings.DEFAULT));
    assertThrows(
        IllegalArgumentException.class,
        () -> Minimizer.minimize(ROSENBROCK, new double[0], Minimizer.Settings.DEFAULT));
  }

  @Test
  void result_isImmutable() {
    Minimizer.Result r =
        Minimizer.minimize(ROSENBROCK, new double[] {-1.2, 1}, Minimizer.Settings.DEFAULT);
    r.point()[0] = 42;
    r.gradient()[0] = 42;
    assertEquals(1.0, r.point()[0], 1e-7);
    assertTrue(Math.abs(r.gradient()[0]) < 1e-6);
  }

  @Property(tries = 200)
  void randomPositiveDefiniteQuadratics_areMinimizedExactly(
      @ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
    Random random = new Random(seed);
    double[] eigen = new double[n];
    for (int i = 0; i < n; i++) {
      eigen[i] = Math.pow(10, -2 + 5 * random.nextDouble()); // 1e-2 .. 1e3
    }
    double[][] a = rotate(eigen, random);
    double[] m = new double[n];
    double[] start = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = 20 * random.nextGaussian();
      start[i] = 20 * random.nextGaussian();
    }
    Minimizer.Result r =
        Minimizer.minimize(quadratic(a, m), start, new Minimizer.Settings(1e-11, 500));
    assertTrue(r.converged(), r.toString());
    // |x − m| ≤ |∇f| / λ_min ≤ 1e-11·max(1, f)/1e-2.
    for (int i = 0; i < n; i++) {
      assertEquals(m[i], r.point()[i], 1e-8, r.toString());
    }
  }

  /** A symmetric matrix R diag(eigen) Rᵀ with R a random rotation (Gram–Schmidt of Gaussians). */
  static double[][] rotate(double[] eigen, Random random) {
    int n = eigen.length;
    double[][] q = new double[n][n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        q[k][i] = random.nextGaussian();
      }
      for (int j = 0; j < k; j++) {
        double dot = Minimizer.dot(q[k], q[j]);
        for (int i = 0; i < n; i++) {
          q[k][i] -= dot * q[j][i];
        }
      }
      double norm = Math.sqrt(Minimizer.dot(q[k], q[k]));
      for (int i = 0; i < n; i++) {
        q[k][i] /= norm;
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          a[i][j] += q[k][i] * eigen[k] * q[k][j];
        }
      }
    }
    return a;
  }

  /** f = ½ (x − m)ᵀ A (x − m). */
  static Minimizer.Objective quadratic(double[][] a, double[] m) {
    return (x, g) -> {
      int n = x.length;
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = x[i] - m[i];
      }
      double f = 0;
      for (int i = 0; i < n; i++) {
        g[i] = Minimizer.dot(a[i], r);
        f += 0.5 * r[i] * g[i];
      }
      return f;
    };
  }
}
