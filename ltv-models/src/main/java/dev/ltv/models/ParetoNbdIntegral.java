package dev.ltv.models;

/**
 * The integral at the heart of the Pareto/NBD likelihood, with its derivatives.
 *
 * <p>A customer who buys at rate {@code λ} and leaves at rate {@code μ} contributes, once {@code λ}
 * and {@code μ} are integrated over their gamma distributions, the integral
 *
 * <pre>
 *   F(τ) = ∫_τ^∞ (α + u)^-p (β + u)^-q du,   p = r + x,  q = s + 1,
 * </pre>
 *
 * taken between the last purchase and the end of observation: {@code F(t_x) - F(T)}. Schmittlein,
 * Morrison and Colombo (1987) and Fader and Hardie's note 009 (eqs. 18 to 20) write it with the
 * Gauss function {@code 2F1(r+s+x, s+1 or r+x; r+s+x+1; z)}, {@code z = |α-β| / (max(α,β) + τ)}.
 * This class uses Euler's transformation of that function instead,
 *
 * <pre>
 *   F(τ) = g(τ) (m + τ) / n · 2F1(1, e_M; n + 1; z),   g(τ) = (α+τ)^-p (β+τ)^-q,
 * </pre>
 *
 * where {@code M = max(α, β)} carries the exponent {@code e_M}, {@code m = min(α, β)} carries
 * {@code e_m}, and {@code n = p + q - 1 = r + s + x}. Its series has positive terms whose ratio
 * {@code (e_M + k) z / (n + 1 + k)} never exceeds {@code z}, so it neither overflows for customers
 * with thousands of purchases nor cancels; at {@code α = β} it is exactly 1, so the case the CDNOW
 * fit sits next to needs no limit. Everything is returned relative to {@code g(τ)}, as {@code L(τ)
 * = ln(F(τ) / g(τ))}, a number of moderate size whatever the customer.
 *
 * <p>Derivatives are analytic. Those with respect to the exponents {@code p} and {@code q} (that
 * is, the parameters of the Gauss function) come from differentiating the series term by term,
 * which adds two harmonic-type sums per term; those with respect to {@code α} and {@code β} from
 * {@code d/dz}, summed alongside.
 *
 * <p>When {@code z} exceeds {@value #SERIES_LIMIT} (one scale parameter less than a tenth of the
 * other, near {@code τ = 0}), the series would need thousands of terms. There the integral is split
 * at the point {@code τ0} where {@code z = SERIES_LIMIT}: the part beyond {@code τ0} is the series,
 * and the part between {@code τ} and {@code τ0} is integrated by adaptive Gauss-Kronrod quadrature
 * in {@code v = ln((m+u)/(M+u))}, in which the integrand {@code exp((1-e_m) v) (1-e^v)^(n-1)} is
 * smooth and unimodal. The derivatives of that part are the integrals of the integrand's
 * derivatives, computed on the same nodes.
 *
 * <p>An instance holds the last derivatives and scratch space, so it is not thread-safe; it
 * allocates nothing per call.
 */
final class ParetoNbdIntegral {

  /** The largest {@code z} summed by the series; beyond it the quadrature takes over. */
  static final double SERIES_LIMIT = 0.9;

  private static final double EPSILON = 1e-17;
  private static final int MAX_TERMS = 5000;
  private static final double QUADRATURE_TOLERANCE = 1e-14;
  private static final int QUADRATURE_PIECES = 200;

  /** ∂L/∂p, ∂L/∂α, ∂L/∂q, ∂L/∂β of the last call that asked for them. */
  double dp;

  double dAlpha;
  double dq;
  double dBeta;

  // Derivatives in the (e_M, M, e_m, m) coordinates, written by series() and far().
  private double dExpM;
  private double dScaleM;
  private double dExpSmall;
  private double dScaleSmall;

  // Quadrature state: the exponents of the integrand, its log-maximum, and the five sums.
  private double quadExpSmall;
  private double quadN;
  private double quadShift;
  private double quadV1;
  private double quadY1;
  private double q0;
  private double q1;
  private double q2;
  private double q3;
  private double q4;
  private final Quadrature quadrature = new Quadrature(5, QUADRATURE_PIECES);
  private final Quadrature.Integrand integrand = this::integrandAt;

  // Series coefficients for one pair of exponents, extended on demand: (e_M + k) / (n + 1 + k),
  // 1 / (e_M + k) and 1 / (n + 1 + k).
  private double tableExpM = Double.NaN;
  private double tableExpSmall = Double.NaN;
  private double tableN;
  private double tableLogN;
  private int filled;
  private double[] ratio = new double[64];
  private double[] inverseM = new double[64];
  private double[] inverseN = new double[64];

  /**
   * {@code L(τ) = ln(F(τ) / g(τ))} with, if asked, its partial derivatives in {@link #dp}, {@link
   * #dAlpha}, {@link #dq}, {@link #dBeta}.
   *
   * @param p the exponent of {@code α + u}, {@code r + x > 0}
   * @param alpha the scale {@code α > 0}
   * @param q the exponent of {@code β + u}, {@code s + 1 > 1}
   * @param beta the scale {@code β > 0}
   * @param tau the lower limit, at least 0
   * @param derivatives whether to compute the partial derivatives
   * @return {@code L(τ)}
   */
  double logRatio(double p, double alpha, double q, double beta, double tau, boolean derivatives) {
    return logRatio(
        p, alpha, q, beta, tau, Math.log(alpha + tau), Math.log(beta + tau), derivatives);
  }

  /**
   * {@link #logRatio(double, double, double, double, double, boolean)} with {@code ln(α + τ)} and
   * {@code ln(β + τ)} supplied by a caller that has them already.
   */
  double logRatio(
      double p,
      double alpha,
      double q,
      double beta,
      double tau,
      double logAlphaTau,
      double logBetaTau,
      boolean derivatives) {
    boolean alphaLarger = alpha >= beta;
    double expM = alphaLarger ? p : q;
    double bigScale = alphaLarger ? alpha : beta;
    double expSmall = alphaLarger ? q : p;
    double smallScale = alphaLarger ? beta : alpha;

    double z = (bigScale - smallScale) / (bigScale + tau);
    double value;
    if (z <= SERIES_LIMIT) {
      double logSmallT = alphaLarger ? logBetaTau : logAlphaTau;
      value = series(expM, bigScale, expSmall, smallScale, tau, logSmallT, derivatives);
    } else {
      value = far(expM, bigScale, expSmall, smallScale, tau, derivatives);
    }
    if (derivatives) {
      if (alphaLarger) {
        dp = dExpM;
        dAlpha = dScaleM;
        dq = dExpSmall;
        dBeta = dScaleSmall;
      } else {
        dq = dExpM;
        dBeta = dScaleM;
        dp = dExpSmall;
        dAlpha = dScaleSmall;
      }
    }
    return value;
  }

  /**
   * Makes the coefficient table cover {@code terms} terms of the series for these exponents,
   * starting afresh when the exponents differ from the table's.
   */
  private void cover(double expM, double expSmall, int terms) {
    if (expM != tableExpM || expSmall != tableExpSmall) {
      tableExpM = expM;
      tableExpSmall = expSmall;
      tableN = expM + expSmall - 1;
      tableLogN = Math.log(tableN);
      filled = 0;
    }
    if (terms <= filled) {
      return;
    }
    if (terms > ratio.length) {
      int size = Math.max(terms, 2 * ratio.length);
      ratio = java.util.Arrays.copyOf(ratio, size);
      inverseM = java.util.Arrays.copyOf(inverseM, size);
      inverseN = java.util.Arrays.copyOf(inverseN, size);
    }
    double n1 = tableN + 1;
    for (int k = filled; k < terms; k++) {
      double a = 1 / (expM + k);
      double b = 1 / (n1 + k);
      inverseM[k] = a;
      inverseN[k] = b;
      ratio[k] = (expM + k) * b;
    }
    filled = terms;
  }

  /**
   * The series {@code H = 2F1(1, e_M; n + 1; z)} and {@code L = ln((m + τ) H / n)}, for {@code z}
   * up to {@link #SERIES_LIMIT}.
   */
  private double series(
      double expM,
      double bigScale,
      double expSmall,
      double smallScale,
      double tau,
      double logSmallT,
      boolean deriv) {
    double bigT = bigScale + tau;
    double smallT = smallScale + tau;
    double z = (bigScale - smallScale) / bigT;

    // Terms h_k = (e_M)_k / (n+1)_k z^k, all positive, each at most z times the last. The sums
    // below carry the derivatives: Σ h_k A_k and Σ h_k N_k with A_k = Σ_{j<k} 1/(e_M + j) and
    // N_k = Σ_{j<k} 1/(n + 1 + j) for the exponents, Σ k h_k / z for z. With every ratio below
    // z, the tail after term k is at most h_k z / (1 - z): K bounds the terms for the table, and
    // the loops stop as soon as the tail is negligible.
    int terms =
        z == 0 ? 1 : (int) Math.min(MAX_TERMS, Math.log(EPSILON * (1 - z)) / Math.log(z) + 2);
    cover(expM, expSmall, terms + 1);
    double n = tableN;
    double stop = EPSILON * (1 - z);
    double sum = 1;
    double sumA = 0;
    double sumN = 0;
    double sumZ = z == 0 ? ratio[0] : 0;
    if (deriv) {
      double harmonicA = 0;
      double harmonicN = 0;
      double u = ratio[0]; // u_k = h_k / z
      for (int k = 1; k < terms; k++) {
        harmonicA += inverseM[k - 1];
        harmonicN += inverseN[k - 1];
        double h = u * z;
        sum += h;
        sumA += h * harmonicA;
        sumN += h * harmonicN;
        sumZ += k * u;
        if (h <= stop * sum) {
          break;
        }
        u *= ratio[k] * z;
      }
    } else {
      double h = 1;
      for (int k = 1; k < terms; k++) {
        h *= ratio[k - 1] * z;
        sum += h;
        if (h <= stop * sum) {
          break;
        }
      }
    }

    if (deriv) {
      double invSum = 1 / sum;
      dExpM = -1 / n + (sumA - sumN) * invSum;
      dExpSmall = -1 / n - sumN * invSum;
      double dLogH = sumZ * invSum; // d ln H / dz
      dScaleM = dLogH * smallT / (bigT * bigT);
      dScaleSmall = 1 / smallT - dLogH / bigT;
    }
    return logSmallT - tableLogN + Math.log(sum);
  }

  /**
   * {@code L} where {@code z > SERIES_LIMIT}: quadrature from {@code τ} to {@code τ0} plus the
   * series beyond {@code τ0}, both relative to {@code g(τ)}.
   */
  private double far(
      double expM, double bigScale, double expSmall, double smallScale, double tau, boolean deriv) {
    double d = bigScale - smallScale;
    double n = expM + expSmall - 1;
    double bigT = bigScale + tau;
    double smallT = smallScale + tau;
    double z = d / bigT;

    // The tail beyond τ0, where z = SERIES_LIMIT: ln(F(τ0)/g(τ)) = L(τ0) + ln(g(τ0)/g(τ)).
    double tau0 = d / SERIES_LIMIT - bigScale;
    double logTail0 =
        series(expM, bigScale, expSmall, smallScale, tau0, Math.log(smallScale + tau0), deriv);
    double v1 = Math.log(smallT) - Math.log(bigT); // ln y at τ
    double v0 = Math.log1p(-SERIES_LIMIT); // ln y at τ0
    double logBigRatio = Math.log(z / SERIES_LIMIT); // ln((M+τ0)/(M+τ))
    double logSmallRatio = logBigRatio + v0 - v1; // ln((m+τ0)/(m+τ))
    double logTail = logTail0 - expM * logBigRatio - expSmall * logSmallRatio;
    double tExpM = 0;
    double tScaleM = 0;
    double tExpSmall = 0;
    double tScaleSmall = 0;
    if (deriv) {
      double bigT0 = d / SERIES_LIMIT;
      double smallT0 = bigT0 * (1 - SERIES_LIMIT);
      tExpM = dExpM - logBigRatio;
      tExpSmall = dExpSmall - logSmallRatio;
      tScaleM = dScaleM - expM / bigT0 + expM / bigT;
      tScaleSmall = dScaleSmall - expSmall / smallT0 + expSmall / smallT;
    }

    // The part between τ and τ0: P/g(τ) = (m+τ)(M+τ)/d · ∫ exp(φ(v) - φ(v1)) dv over [v1, v0].
    // (φ(v1) = (1 - e_m) v1 + (n - 1) ln(1 - y1) cancels against g(τ) and the Jacobian.)
    quadrature(expSmall, n, v1, v0);
    double y1 = Math.exp(v1);
    double log1my1 = Math.log1p(-y1);
    double logPart = Math.log(smallT) + Math.log(bigT) - Math.log(d) + quadShift + Math.log(q0);

    double logTotal =
        Math.max(logPart, logTail) + Math.log1p(Math.exp(-Math.abs(logPart - logTail)));
    if (deriv) {
      double wPart = Math.exp(logPart - logTotal);
      double wTail = Math.exp(logTail - logTotal);
      double pExpM = q1 / q0 - log1my1;
      double pExpSmall = -(q2 - q1) / q0 + v1 - log1my1;
      double pScaleM = expM / d * ((1 - y1) - q3 / q0);
      double pScaleSmall = expSmall / d * ((1 - y1) / y1 - q4 / q0);
      dExpM = wPart * pExpM + wTail * tExpM;
      dExpSmall = wPart * pExpSmall + wTail * tExpSmall;
      dScaleM = wPart * pScaleM + wTail * tScaleM;
      dScaleSmall = wPart * pScaleSmall + wTail * tScaleSmall;
    }
    return logTotal;
  }

  /**
   * The log-integrand in {@code v = ln y} relative to its value at the lower limit {@code v1}:
   * {@code φ(v) - φ(v1)} with {@code φ(v) = (1 - e_m) v + (n - 1) ln(1 - e^v)}. Written with the
   * differences {@code v - v1} and {@code ln((1 - y) / (1 - y1))}, its rounding error is relative
   * to the result, not to the (possibly huge) terms of {@code φ}.
   */
  private double psi(double v) {
    double y = Math.exp(v);
    return (1 - quadExpSmall) * (v - quadV1)
        + (quadN - 1) * Math.log1p((quadY1 - y) / (1 - quadY1));
  }

  /**
   * Fills {@code q0..q4} with the integrals over {@code [a, b]} of {@code exp(φ(v) - φ(a) -
   * shift)} times 1, {@code ln(1-y)}, {@code ln y}, {@code 1-y} and {@code (1-y)/y}, {@code y =
   * e^v}; sets {@code quadShift}. Each of the five keeps one sign, as the quadrature needs.
   */
  private void quadrature(double expSmall, double n, double a, double b) {
    quadExpSmall = expSmall;
    quadN = n;
    quadV1 = a;
    quadY1 = Math.exp(a);
    // φ is concave when n >= 1 and convex otherwise: its maximum on [a, b] is at an end or at
    // the stationary point y = (1 - e_m) / (n - e_m).
    double shift = Math.max(0, psi(b));
    if (expSmall < 1 && n > 1) {
      double stationary = Math.log((1 - expSmall) / (n - expSmall));
      if (stationary > a && stationary < b) {
        shift = Math.max(shift, psi(stationary));
      }
    }
    quadShift = shift;
    quadrature.integrate(integrand, a, b, QUADRATURE_TOLERANCE);
    q0 = quadrature.result[0];
    q1 = quadrature.result[1];
    q2 = quadrature.result[2];
    q3 = quadrature.result[3];
    q4 = quadrature.result[4];
  }

  private void integrandAt(double v, double[] values) {
    double y = Math.exp(v);
    double log1my = Math.log1p(-y);
    double f = Math.exp(psi(v) - quadShift);
    values[0] = f;
    values[1] = f * log1my;
    values[2] = f * v;
    values[3] = f * (1 - y);
    values[4] = f * (1 - y) / y;
  }
}
