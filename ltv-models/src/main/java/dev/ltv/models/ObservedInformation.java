package dev.ltv.models;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/** Standard errors from the observed information matrix, the Hessian of the negative log-likelihood. */
final class ObservedInformation {

  /** An eigenvalue this small relative to the largest counts as zero curvature. */
  private static final double FLAT = 1e-10;

  private ObservedInformation() {}

  private static RealMatrix symmetric(RealMatrix m) {
    return m.add(m.transpose()).scalarMultiply(0.5);
  }

  /**
   * The square roots of the diagonal of the inverse Hessian. A parameter the data do not pin down
   * (singular Hessian, or a variance that is not positive) gets {@link Double#POSITIVE_INFINITY}.
   *
   * @param hessian the Hessian of the negative log-likelihood at the optimum, in the parameters'
   *     own units
   */
  static double[] standardErrors(double[][] hessian) {
    int n = hessian.length;
    double[] errors = new double[n];
    for (double[] row : hessian) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          java.util.Arrays.fill(errors, Double.POSITIVE_INFINITY);
          return errors;
        }
      }
    }
    RealMatrix m = MatrixUtils.createRealMatrix(hessian);
    // Directions along which the likelihood is flat, to rounding, leave the parameters that move
    // along them undetermined.
    boolean[] undetermined = new boolean[n];
    EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(symmetric(m));
    double[] values = eigen.getEigenvalues();
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int k = 0; k < n; k++) {
      if (values[k] <= FLAT * largest) {
        RealVector direction = eigen.getEigenvector(k);
        for (int i = 0; i < n; i++) {
          undetermined[i] |= Math.abs(direction.getEntry(i)) > 1e-6;
        }
      }
    }
    LUDecomposition lu = new LUDecomposition(m, 0);
    if (!lu.getSolver().isNonSingular()) {
      java.util.Arrays.fill(errors, Double.POSITIVE_INFINITY);
      return errors;
    }
    RealMatrix inverse = lu.getSolver().getInverse();
    for (int i = 0; i < n; i++) {
      if (undetermined[i]) {
        errors[i] = Double.POSITIVE_INFINITY;
        continue;
      }
      double variance = inverse.getEntry(i, i);
      errors[i] = variance > 0 && Double.isFinite(variance)
          ? Math.sqrt(variance)
          : Double.POSITIVE_INFINITY;
    }
    return errors;
  }
}
