package dev.ltv.models;

import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss-Kronrod (7, 15) quadrature of one or several sign-definite integrands
 * on a finite interval, in the manner of QUADPACK's QAG.
 *
 * <p>The interval is split where the estimated error is largest, one bisection at a time, until
 * every component's summed error estimate (the difference between the 15-point Kronrod and the
 * embedded 7-point Gauss rules) is below the relative tolerance, or below what rounding allows, or
 * until the piece budget is spent. The cost is therefore bounded whatever the integrand, and the
 * pieces go where the integrand needs them: a narrow peak that the first estimate missed still
 * gets found, because the pieces around it keep the largest errors. Hipparchus' iterative
 * Legendre-Gauss integrator refines uniformly instead, and at tolerances near machine precision it
 * subdivides until its nodes collide.
 *
 * <p>Components must not change sign on the interval, so that relative errors are meaningful. An
 * instance keeps its piece tables and is not thread-safe; it allocates nothing per integration.
 */
final class Quadrature {

  /** An integrand with several components evaluated together. */
  interface Integrand {
    /**
     * Evaluates the components at {@code x}.
     *
     * @param x the point
     * @param values where to write the components
     */
    void evaluate(double x, double[] values);
  }

  /** The non-negative Kronrod nodes on [-1, 1], outermost first; every odd one is a Gauss node. */
  private static final double[] KRONROD_NODES = {
    0.991455371120812639206854697526329,
    0.949107912342758524526189684047851,
    0.864864423359769072789712788640926,
    0.741531185599394439863864773280788,
    0.586087235467691130294144845693013,
    0.405845151377397166906606412076961,
    0.207784955007898467600689403773245,
    0.0
  };

  /** The Kronrod weights, in the order of the nodes. */
  private static final double[] KRONROD_WEIGHTS = {
    0.022935322010529224963732008058970,
    0.063092092629978553290700663189204,
    0.104790010322250183839876322541518,
    0.140653259715525918745189590510238,
    0.169004726639267902826583426598550,
    0.190350578064785409913256402421014,
    0.204432940075298892414161999234649,
    0.209482141084727828012999174891714
  };

  /** The weights of the 7-point Gauss rule, for the odd-indexed Kronrod nodes. */
  private static final double[] GAUSS_WEIGHTS = {
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327
  };

  /** Below this share of the integral the Kronrod-Gauss difference is mostly rounding. */
  private static final double ROUNDING = 1e-15;

  private final int components;
  private final int capacity;
  private final double[] low;
  private final double[] high;
  private final double[][] value;
  private final double[][] error;
  private final double[] at;
  private final double[] kronrod;
  private final double[] gauss;
  private final double[] total;
  private final double[] totalError;

  /** The components' integrals after {@link #integrate}. */
  final double[] result;

  /**
   * A quadrature for integrands with {@code components} components.
   *
   * @param components the number of components, at least 1
   * @param capacity the most pieces an interval is split into
   */
  Quadrature(int components, int capacity) {
    this.components = components;
    this.capacity = capacity;
    this.low = new double[capacity];
    this.high = new double[capacity];
    this.value = new double[capacity][components];
    this.error = new double[capacity][components];
    this.at = new double[components];
    this.kronrod = new double[components];
    this.gauss = new double[components];
    this.total = new double[components];
    this.totalError = new double[components];
    this.result = new double[components];
  }

  /**
   * The integral of a scalar, sign-definite {@code f} over {@code [a, b]}.
   *
   * @param f the integrand
   * @param a the lower limit
   * @param b the upper limit
   * @param relativeTolerance the accuracy wanted
   * @return the integral, 0 if {@code b <= a}
   */
  static double integrate(DoubleUnaryOperator f, double a, double b, double relativeTolerance) {
    Quadrature quadrature = new Quadrature(1, 500);
    quadrature.integrate((x, values) -> values[0] = f.applyAsDouble(x), a, b, relativeTolerance);
    return quadrature.result[0];
  }

  /**
   * Integrates every component of {@code f} over {@code [a, b]} into {@link #result}.
   *
   * @param f the integrand
   * @param a the lower limit
   * @param b the upper limit; nothing is integrated if it is not above {@code a}
   * @param relativeTolerance the accuracy wanted, relative to each component's integral
   */
  void integrate(Integrand f, double a, double b, double relativeTolerance) {
    java.util.Arrays.fill(result, 0);
    if (!(b > a)) {
      return;
    }
    low[0] = a;
    high[0] = b;
    java.util.Arrays.fill(total, 0);
    java.util.Arrays.fill(totalError, 0);
    rule(f, 0, +1);
    int pieces = 1;
    while (pieces < capacity && !done(relativeTolerance)) {
      // Bisect the piece with the largest relative error in any component.
      int worst = 0;
      double largest = -1;
      for (int i = 0; i < pieces; i++) {
        for (int c = 0; c < components; c++) {
          double size = Math.abs(total[c]);
          double relative = size > 0 ? error[i][c] / size : error[i][c];
          if (relative > largest) {
            largest = relative;
            worst = i;
          }
        }
      }
      double mid = 0.5 * (low[worst] + high[worst]);
      if (!(mid > low[worst] && mid < high[worst])) {
        break; // the piece cannot be split any further
      }
      rule(f, worst, -1);
      low[pieces] = mid;
      high[pieces] = high[worst];
      high[worst] = mid;
      rule(f, worst, +1);
      rule(f, pieces, +1);
      pieces++;
    }
    for (int i = 0; i < pieces; i++) {
      for (int c = 0; c < components; c++) {
        result[c] += value[i][c];
      }
    }
  }

  /** Whether every component's error estimate is within the tolerance. */
  private boolean done(double relativeTolerance) {
    for (int c = 0; c < components; c++) {
      // The running totals drift by rounding; the sign-definite components keep that small.
      if (totalError[c] > Math.max(relativeTolerance, ROUNDING) * Math.abs(total[c])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes piece {@code i} from the totals ({@code sign = -1}), or applies the Kronrod and Gauss
   * rules to it and adds it ({@code sign = +1}).
   */
  private void rule(Integrand f, int i, int sign) {
    if (sign < 0) {
      for (int c = 0; c < components; c++) {
        total[c] -= value[i][c];
        totalError[c] -= error[i][c];
      }
      return;
    }
    double a = low[i];
    double b = high[i];
    double half = 0.5 * (b - a);
    double centre = 0.5 * (a + b);
    java.util.Arrays.fill(kronrod, 0);
    java.util.Arrays.fill(gauss, 0);
    for (int k = 0; k < KRONROD_NODES.length; k++) {
      double wk = KRONROD_WEIGHTS[k];
      double wg = (k & 1) == 1 ? GAUSS_WEIGHTS[k >> 1] : 0;
      double offset = half * KRONROD_NODES[k];
      int sides = offset == 0 ? 1 : 2;
      for (int side = 0; side < sides; side++) {
        f.evaluate(side == 0 ? centre - offset : centre + offset, at);
        for (int c = 0; c < components; c++) {
          kronrod[c] += wk * at[c];
          gauss[c] += wg * at[c];
        }
      }
    }
    for (int c = 0; c < components; c++) {
      value[i][c] = half * kronrod[c];
      error[i][c] = Math.abs(half * (kronrod[c] - gauss[c]));
      total[c] += value[i][c];
      totalError[c] += error[i][c];
    }
  }
}
