package dev.ltv.models;

import dev.ltv.core.DistinctRows;
import java.util.Arrays;
import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD log-likelihood of a set of distinct rows and its gradient, laid out for repeated
 * evaluation by an optimizer.
 *
 * <p>One customer's likelihood (Fader and Hardie, note 009, eq. 18 to 20) is
 *
 * <pre>
 *   L = Γ(r+x)/Γ(r) α^r β^s [ (α+T)^-(r+x) (β+T)^-s + s (F(t_x) - F(T)) ],
 * </pre>
 *
 * with {@code F} the integral of {@link ParetoNbdIntegral}. Written relative to the first term,
 * {@code ln L = ln Γ(r+x)/Γ(r) + r ln α + s ln β + ln B + ln(1 + D)}, where {@code B = (α+T)^-(r+x)
 * (β+T)^-s} and {@code D = s (F(t_x) - F(T)) / B} are the odds that the customer has left. {@code
 * D} is computed as {@code a_T expm1(ln F(t_x) - ln F(T))}, so it is exactly 0 when {@code t_x =
 * T} and never suffers from cancellation; it is {@code 1/P(alive) - 1}.
 *
 * <p>Work is shared as far as the data allow: the integral is evaluated once per distinct
 * (frequency, time) pair, the logarithms once per distinct time, the gamma functions once per
 * distinct frequency. An instance keeps its scratch arrays, so it is not thread-safe; it allocates
 * nothing per evaluation.
 */
final class ParetoNbdLikelihood {

  private final int rows;
  private final int[] rowFrequencyIndex;
  private final int[] rowRecencyEndpoint;
  private final int[] rowAgeEndpoint;
  private final int[] rowRecencyTime;
  private final int[] rowAgeTime;
  private final double[] rowCount;
  private final long customers;

  private final int[] frequencies;
  private final double[] times;
  private final int[] endpointFrequencyIndex;
  private final int[] endpointTime;

  private final ParetoNbdIntegral integral = new ParetoNbdIntegral();

  // Scratch, per distinct frequency, time and endpoint.
  private final double[] logGammaRatio;
  private final double[] digammaDifference;
  private final double[] logAlphaTime;
  private final double[] logBetaTime;
  private final double[] inverseAlphaTime;
  private final double[] inverseBetaTime;
  private final double[] endpointLog;
  private final double[] endpointDp;
  private final double[] endpointDAlpha;
  private final double[] endpointDq;
  private final double[] endpointDBeta;

  ParetoNbdLikelihood(DistinctRows distinct) {
    this.rows = distinct.size();
    this.customers = distinct.customers();
    this.rowFrequencyIndex = new int[rows];
    this.rowRecencyEndpoint = new int[rows];
    this.rowAgeEndpoint = new int[rows];
    this.rowRecencyTime = new int[rows];
    this.rowAgeTime = new int[rows];
    this.rowCount = new double[rows];

    int[] x = distinct.frequencies();
    double[] recency = distinct.recencies();
    double[] age = distinct.ages();
    int[] count = distinct.counts();

    // Rows come sorted by frequency, so the distinct frequencies are the changes along them.
    int[] distinctX = new int[rows];
    int nx = 0;
    for (int i = 0; i < rows; i++) {
      if (nx == 0 || distinctX[nx - 1] != x[i]) {
        distinctX[nx++] = x[i];
      }
    }
    this.frequencies = Arrays.copyOf(distinctX, nx);
    this.times = unique(concat(recency, age));

    // The integral is needed at (frequency, recency) and (frequency, age) of every row whose
    // recency is below its age; key each pair by frequency index and time index.
    long[] keys = new long[2 * rows];
    int nk = 0;
    int f = -1;
    for (int i = 0; i < rows; i++) {
      if (f < 0 || frequencies[f] != x[i]) {
        f++;
      }
      rowFrequencyIndex[i] = f;
      rowRecencyTime[i] = Arrays.binarySearch(times, recency[i]);
      rowAgeTime[i] = Arrays.binarySearch(times, age[i]);
      rowCount[i] = count[i];
      if (recency[i] != age[i]) {
        keys[nk++] = (long) f * times.length + rowRecencyTime[i];
        keys[nk++] = (long) f * times.length + rowAgeTime[i];
      }
    }
    long[] endpoints = unique(Arrays.copyOf(keys, nk));
    for (int i = 0; i < rows; i++) {
      if (recency[i] == age[i]) {
        // A row whose last purchase is at the end of observation has no integral to evaluate.
        rowRecencyEndpoint[i] = -1;
        rowAgeEndpoint[i] = -1;
      } else {
        long base = (long) rowFrequencyIndex[i] * times.length;
        rowRecencyEndpoint[i] = Arrays.binarySearch(endpoints, base + rowRecencyTime[i]);
        rowAgeEndpoint[i] = Arrays.binarySearch(endpoints, base + rowAgeTime[i]);
      }
    }
    int m = endpoints.length;
    this.endpointFrequencyIndex = new int[m];
    this.endpointTime = new int[m];
    for (int e = 0; e < m; e++) {
      endpointFrequencyIndex[e] = (int) (endpoints[e] / times.length);
      endpointTime[e] = (int) (endpoints[e] % times.length);
    }

    this.logGammaRatio = new double[frequencies.length];
    this.digammaDifference = new double[frequencies.length];
    this.logAlphaTime = new double[times.length];
    this.logBetaTime = new double[times.length];
    this.inverseAlphaTime = new double[times.length];
    this.inverseBetaTime = new double[times.length];
    this.endpointLog = new double[m];
    this.endpointDp = new double[m];
    this.endpointDAlpha = new double[m];
    this.endpointDq = new double[m];
    this.endpointDBeta = new double[m];
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /**
   * The distinct values, sorted; sorts {@code values} in place. Values are told apart as {@link
   * Arrays#binarySearch(double[], double)} finds them, so -0.0 and 0.0 both stay.
   */
  private static double[] unique(double[] values) {
    Arrays.sort(values);
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (n == 0 || Double.compare(values[n - 1], values[i]) != 0) {
        values[n++] = values[i];
      }
    }
    return Arrays.copyOf(values, n);
  }

  /** The distinct values, sorted; sorts {@code values} in place. */
  private static long[] unique(long[] values) {
    Arrays.sort(values);
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (n == 0 || values[n - 1] != values[i]) {
        values[n++] = values[i];
      }
    }
    return Arrays.copyOf(values, n);
  }

  /** The number of customers the rows stand for. */
  long customers() {
    return customers;
  }

  /** The number of distinct rows. */
  int rows() {
    return rows;
  }

  /**
   * The total log-likelihood at {@code (r, α, s, β)} and, if {@code gradient} is not {@code null},
   * its gradient with respect to those four parameters.
   *
   * @param parameters {@code r, α, s, β}, all positive and finite
   * @param gradient an array of at least four elements to fill, or {@code null}
   * @return the sum over customers of their log-likelihoods
   */
  double logLikelihood(double[] parameters, double[] gradient) {
    double r = parameters[0];
    double alpha = parameters[1];
    double s = parameters[2];
    double beta = parameters[3];
    boolean deriv = gradient != null;

    double logGammaR = Gamma.logGamma(r);
    double digammaR = deriv ? Gamma.digamma(r) : 0;
    for (int f = 0; f < frequencies.length; f++) {
      int x = frequencies[f];
      logGammaRatio[f] = x == 0 ? 0 : Gamma.logGamma(r + x) - logGammaR;
      digammaDifference[f] = x == 0 || !deriv ? 0 : Gamma.digamma(r + x) - digammaR;
    }
    for (int t = 0; t < times.length; t++) {
      logAlphaTime[t] = Math.log(alpha + times[t]);
      logBetaTime[t] = Math.log(beta + times[t]);
      if (deriv) {
        inverseAlphaTime[t] = 1 / (alpha + times[t]);
        inverseBetaTime[t] = 1 / (beta + times[t]);
      }
    }
    double q = s + 1;
    for (int e = 0; e < endpointLog.length; e++) {
      double p = r + frequencies[endpointFrequencyIndex[e]];
      int t = endpointTime[e];
      endpointLog[e] =
          integral.logRatio(p, alpha, q, beta, times[t], logAlphaTime[t], logBetaTime[t], deriv);
      if (deriv) {
        endpointDp[e] = integral.dp;
        endpointDAlpha[e] = integral.dAlpha;
        endpointDq[e] = integral.dq;
        endpointDBeta[e] = integral.dBeta;
      }
    }

    double logAlpha = Math.log(alpha);
    double logBeta = Math.log(beta);
    double logS = Math.log(s);
    double total = 0;
    double gr = 0;
    double ga = 0;
    double gs = 0;
    double gb = 0;
    for (int i = 0; i < rows; i++) {
      int f = rowFrequencyIndex[i];
      double p = r + frequencies[f];
      int tT = rowAgeTime[i];
      double ageT = times[tT];
      double logAlphaT = logAlphaTime[tT];
      double logBetaT = logBetaTime[tT];
      double logB = -p * logAlphaT - s * logBetaT;
      double row = logGammaRatio[f] + r * logAlpha + s * logBeta + logB;

      // The odds of having left, D, and the weights of the gradient's terms.
      int ex = rowRecencyEndpoint[i];
      int eT = rowAgeEndpoint[i];
      double w = 0; // D / (1 + D) = 1 - P(alive)
      double weightT = 0; // s F(T) / (B (1 + D))
      if (ex >= 0) {
        int tx = rowRecencyTime[i];
        double logRho = p * (logAlphaT - logAlphaTime[tx]) + q * (logBetaT - logBetaTime[tx]);
        double delta = Math.max(0, logRho + endpointLog[ex] - endpointLog[eT]);
        double logAT = logS + endpointLog[eT] - logBetaT; // ln(s F(T) / B)
        double logOnePlusD;
        if (logAT + delta < 700 && delta < 700) {
          // A sum of log-likelihoods needs ln(1 + D) to an absolute, not relative, accuracy, so
          // exp and log do here what expm1 and log1p would do more slowly.
          double aT = Math.exp(logAT);
          double d = aT * (Math.exp(delta) - 1);
          double onePlusD = 1 + d;
          logOnePlusD = Math.log(onePlusD);
          w = d / onePlusD;
          weightT = aT / onePlusD;
        } else {
          double logD = logAT + delta + Math.log1p(-Math.exp(-delta));
          logOnePlusD = logD + Math.log1p(Math.exp(-logD));
          w = 1 / (1 + Math.exp(-logD));
          weightT = Math.exp(logAT - logOnePlusD);
        }
        row += logOnePlusD;
      }
      double c = rowCount[i];
      total += c * row;

      if (deriv) {
        double b = 1 - w;
        double dr = digammaDifference[f] + logAlpha - b * logAlphaT;
        double inverseAlphaT = inverseAlphaTime[tT];
        double inverseBetaT = inverseBetaTime[tT];
        double da = r / alpha - b * p * inverseAlphaT;
        double ds = logBeta - b * logBetaT;
        double db = s / beta - b * s * inverseBetaT;
        if (ex >= 0) {
          int tx = rowRecencyTime[i];
          double weightX = weightT + w;
          ds += w / s;
          // E_x ∂ln F(t_x) - E_T ∂ln F(T), with ∂ln F = ∂L + ∂ln g(τ).
          dr += weightX * (endpointDp[ex] - logAlphaTime[tx])
              - weightT * (endpointDp[eT] - logAlphaT);
          da += weightX * (endpointDAlpha[ex] - p * inverseAlphaTime[tx])
              - weightT * (endpointDAlpha[eT] - p * inverseAlphaT);
          ds +=
              weightX * (endpointDq[ex] - logBetaTime[tx]) - weightT * (endpointDq[eT] - logBetaT);
          db += weightX * (endpointDBeta[ex] - q * inverseBetaTime[tx])
              - weightT * (endpointDBeta[eT] - q * inverseBetaT);
        }
        gr += c * dr;
        ga += c * da;
        gs += c * ds;
        gb += c * db;
      }
    }
    if (deriv) {
      gradient[0] = gr;
      gradient[1] = ga;
      gradient[2] = gs;
      gradient[3] = gb;
    }
    return total;
  }
}
