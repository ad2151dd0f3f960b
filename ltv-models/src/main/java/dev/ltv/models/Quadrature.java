package dev.ltv.models;

import java.util.function.DoubleUnaryOperator;

/**
 * Adaptive Gauss-Kronrod (7, 15) quadrature on a finite interval.
 *
 * <p>Each piece is accepted when the 15-point Kronrod and the embedded 7-point Gauss estimates
 * agree to the piece's share of the tolerance, or to a few ulps of the piece's own value (below
 * that the difference is rounding noise, which no further splitting removes), so the recursion
 * always ends. Hipparchus' iterative Legendre-Gauss integrator refines uniformly instead, and at
 * tolerances near machine precision it can subdivide until its nodes collide; integrands with a
 * sharp peak, such as a negative binomial count for a heavy buyer, need the adaptive kind.
 */
final class Quadrature {

  /** The non-negative Kronrod nodes on [-1, 1], outermost first; every odd one is a Gauss node. */
  static final double[] KRONROD_NODES = {
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
  static final double[] KRONROD_WEIGHTS = {
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
  static final double[] GAUSS_WEIGHTS = {
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327
  };

  private static final int MAX_DEPTH = 40;

  private Quadrature() {}

  /**
   * The integral of {@code f} over {@code [a, b]}.
   *
   * @param f the integrand, finite on the interval
   * @param a the lower limit
   * @param b the upper limit, at least {@code a}
   * @param relativeTolerance the accuracy wanted, relative to the integral of {@code |f|}
   * @return the integral
   */
  static double integrate(DoubleUnaryOperator f, double a, double b, double relativeTolerance) {
    if (!(b > a)) {
      return 0;
    }
    double[] piece = new double[3];
    kronrod(f, a, b, piece);
    double tolerance = relativeTolerance * piece[2];
    return adapt(f, a, b, tolerance, piece, 0);
  }

  private static double adapt(
      DoubleUnaryOperator f, double a, double b, double tolerance, double[] piece, int depth) {
    double value = piece[0];
    double error = piece[1];
    if (error <= tolerance || error <= 1e-15 * piece[2] || depth >= MAX_DEPTH) {
      return value;
    }
    double mid = 0.5 * (a + b);
    double[] left = new double[3];
    double[] right = new double[3];
    kronrod(f, a, mid, left);
    kronrod(f, mid, b, right);
    return adapt(f, a, mid, 0.5 * tolerance, left, depth + 1)
        + adapt(f, mid, b, 0.5 * tolerance, right, depth + 1);
  }

  /** Fills {@code out} with the Kronrod estimate, its error estimate and the integral of |f|. */
  private static void kronrod(DoubleUnaryOperator f, double a, double b, double[] out) {
    double half = 0.5 * (b - a);
    double centre = 0.5 * (a + b);
    double kronrod = 0;
    double gauss = 0;
    double absolute = 0;
    for (int i = 0; i < KRONROD_NODES.length; i++) {
      double wk = KRONROD_WEIGHTS[i];
      double wg = (i & 1) == 1 ? GAUSS_WEIGHTS[i >> 1] : 0;
      double offset = half * KRONROD_NODES[i];
      double fl = f.applyAsDouble(centre - offset);
      double fr = offset == 0 ? 0 : f.applyAsDouble(centre + offset);
      double sum = fl + fr;
      kronrod += wk * sum;
      gauss += wg * sum;
      absolute += wk * (Math.abs(fl) + Math.abs(fr));
    }
    out[0] = half * kronrod;
    out[1] = Math.abs(half * (kronrod - gauss));
    out[2] = Math.abs(half) * absolute;
  }
}
