package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * BG/BB against the donations figures of Fader, Hardie and Shang (2010) as listed in
 * data/reference/PUBLISHED.md, and against the per-pattern predictions of lifetimes 0.11.3 in
 * data/reference/fitted_params.json (BG/BB_patterns), which were re-checked there with mpmath.
 */
class BgBbTest {

  /** The donations patterns: frequency, recency, opportunities, donors. */
  private record Donations(int[] x, int[] tx, int[] n, int[] counts) {
    static Donations load() {
      List<String[]> rows = DataFiles.rows("donations.csv");
      int size = rows.size();
      Donations d = new Donations(new int[size], new int[size], new int[size], new int[size]);
      for (int i = 0; i < size; i++) {
        String[] row = rows.get(i);
        d.x[i] = Integer.parseInt(row[0]);
        d.tx[i] = Integer.parseInt(row[1]);
        d.n[i] = Integer.parseInt(row[2]);
        d.counts[i] = Integer.parseInt(row[3]);
      }
      return d;
    }

    /** One customer per donor, as a base summarized by year would have them. */
    CustomerBase expand() {
      List<Customer> customers = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        for (int k = 0; k < counts[i]; k++) {
          customers.add(Customer.of("donor-" + i + "-" + k, x[i], tx[i], n[i]));
        }
      }
      return CustomerBase.of(customers);
    }
  }

  /** The reference fit and the per-pattern predictions of fitted_params.json. */
  private static Map<String, Double> referenceParameters() {
    String json = DataFiles.text("reference/fitted_params.json");
    String block = json.substring(json.indexOf("\"BG/BB\""), json.indexOf("\"BG/BB_patterns\""));
    return numbers(block);
  }

  private static List<Map<String, Double>> referencePatterns() {
    String json = DataFiles.text("reference/fitted_params.json");
    String block = json.substring(json.indexOf("\"BG/BB_patterns\""));
    List<Map<String, Double>> patterns = new ArrayList<>();
    Matcher m = Pattern.compile("\\{[^{}]*}").matcher(block);
    while (m.find()) {
      patterns.add(numbers(m.group()));
    }
    return patterns;
  }

  private static Map<String, Double> numbers(String text) {
    Map<String, Double> values = new HashMap<>();
    Matcher m = Pattern.compile("\"(\\w+)\":\\s*(-?[0-9.eE+-]+)").matcher(text);
    while (m.find()) {
      values.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return values;
  }

  @Test
  void fit_donations_matchesPublishedEstimates() {
    Donations d = Donations.load();

    BgBb model = BgBb.fitter().fit(d.x(), d.tx(), d.n(), d.counts());

    assertEquals(1.2035, model.alpha(), 1e-3);
    assertEquals(0.7497, model.beta(), 1e-3);
    assertEquals(0.6567, model.gamma(), 1e-3);
    assertEquals(2.7834, model.delta(), 1e-3);
    assertEquals(-33225.58, model.logLikelihood(), 0.01);
    assertEquals(11104, model.fitReport().customers());
    assertEquals(22, model.fitReport().distinctRows());
    assertTrue(model.fitReport().converged());
    // The full-precision reference fit; its optimizer stopped at a looser tolerance than ours.
    Map<String, Double> ref = referenceParameters();
    assertEquals(ref.get("alpha"), model.alpha(), 1e-5);
    assertEquals(ref.get("beta"), model.beta(), 1e-5);
    assertEquals(ref.get("gamma"), model.gamma(), 1e-5);
    assertEquals(ref.get("delta"), model.delta(), 1e-5);
    assertTrue(model.logLikelihood() >= ref.get("ll_sum") - 1e-7);
  }

  @Test
  void fit_expandedBase_equalsFitOnCounts() {
    Donations d = Donations.load();
    CustomerBase base = d.expand();

    BgBb onBase = BgBb.fit(base);
    BgBb onCounts = BgBb.fitter().fit(d.x(), d.tx(), d.n(), d.counts());

    assertEquals(11104, base.size());
    assertEquals(onCounts.alpha(), onBase.alpha(), 1e-12);
    assertEquals(onCounts.delta(), onBase.delta(), 1e-12);
    assertEquals(onCounts.logLikelihood(), onBase.logLikelihood(), 1e-8);
    assertEquals(onBase.logLikelihood(), onBase.logLikelihood(base), 1e-8);
  }

  @Test
  void predictions_atReferenceParameters_matchLifetimesPerPattern() {
    Map<String, Double> ref = referenceParameters();
    BgBb model = BgBb.of(ref.get("alpha"), ref.get("beta"), ref.get("gamma"), ref.get("delta"));

    List<Map<String, Double>> patterns = referencePatterns();
    assertEquals(22, patterns.size());
    for (Map<String, Double> p : patterns) {
      Customer c =
          Customer.of("pattern", p.get("frequency").intValue(), p.get("recency"), p.get("periods"));
      double alive = p.get("P_alive_next_period");
      double next5 = p.get("E_tx_next_5_periods");
      assertEquals(alive, model.probabilityAlive(c), 1e-9 * alive, c.toString());
      assertEquals(next5, model.expectedPurchases(c, 5), 1e-9 * next5, c.toString());
    }
  }

  @Test
  void logLikelihood_atReferenceParameters_matchesReferenceSum() {
    Map<String, Double> ref = referenceParameters();
    BgBb model = BgBb.of(ref.get("alpha"), ref.get("beta"), ref.get("gamma"), ref.get("delta"));

    assertEquals(ref.get("ll_sum"), model.logLikelihood(Donations.load().expand()), 1e-6);
  }

  @Test
  void standardErrors_matchFiniteDifferencesOfTheLikelihood() {
    Donations d = Donations.load();
    BgBb model = BgBb.fitter().fit(d.x(), d.tx(), d.n(), d.counts());
    CustomerBase base = d.expand();

    // Central second differences of the log-likelihood at the optimum, then the inverse.
    double[] p = {model.alpha(), model.beta(), model.gamma(), model.delta()};
    double[][] h = new double[4][4];
    double step = 1e-4;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double[] pp = p.clone();
        double[] pm = p.clone();
        double[] mp = p.clone();
        double[] mm = p.clone();
        pp[i] += step;
        pp[j] += step;
        pm[i] += step;
        pm[j] -= step;
        mp[i] -= step;
        mp[j] += step;
        mm[i] -= step;
        mm[j] -= step;
        h[i][j] = -(ll(pp, base) - ll(pm, base) - ll(mp, base) + ll(mm, base)) / (4 * step * step);
      }
    }
    double[] expected = ObservedInformation.standardErrors(h);
    List<Double> errors = model.fitReport().standardErrors();
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], errors.get(i), 1e-3 * expected[i], "parameter " + i);
    }
  }

  private static double ll(double[] p, CustomerBase base) {
    return BgBb.of(p[0], p[1], p[2], p[3]).logLikelihood(base);
  }

  @Test
  void newCustomer_distributionOfTransactions_sumsToOneWithTheExpectedMean() {
    BgBb model = BgBb.of(1.2035, 0.7497, 0.6567, 2.7834);
    for (int n : new int[] {0, 1, 6, 40}) {
      double total = 0;
      double mean = 0;
      for (int x = 0; x <= n; x++) {
        double p = model.probabilityOfPurchases(x, n);
        total += p;
        mean += x * p;
      }
      assertEquals(1, total, 1e-12, "n=" + n);
      assertEquals(model.expectedPurchases(n), mean, 1e-12, "n=" + n);
    }
    assertEquals(0, model.probabilityOfPurchases(7, 6), 0);
  }

  @Test
  void survivalSum_closedFormForLongHorizons_agreesWithTheLoop() {
    double loop = 0;
    double term = 1;
    for (int j = 0; j < 200_000; j++) {
      term *= (2.7834 + j) / (0.6567 + 2.7834 + j);
      loop += term;
    }
    // The loop's 200,000 products and sums carry about 1e-11 of rounding; the closed form uses
    // ratios of gamma functions without cancellation.
    assertEquals(loop, BgBb.survivalSum(0.6567, 2.7834, 200_000), 1e-10 * loop);
    // The closed form evaluated with mpmath at 40 digits: 354.08727661451763122742...
    assertEquals(354.08727661451763, BgBb.survivalSum(0.6567, 2.7834, 200_000), 1e-12 * 354);
  }

  @Test
  void expectedPurchasesAtSeveralHorizons_equalOneCallEach() {
    BgBb model = BgBb.of(1.2035, 0.7497, 0.6567, 2.7834);
    Customer c = Customer.of("c", 4, 5, 6);
    double[] times = {0, 1, 2, 5, 5, 30, 150_000};

    double[] curve = model.expectedPurchases(c, times);

    for (int i = 0; i < times.length; i++) {
      double one = model.expectedPurchases(c, times[i]);
      assertEquals(one, curve[i], 1e-12 * Math.max(1, one), "t=" + times[i]);
    }
  }

  @Test
  void predictions_heavyCustomers_stayFinite() {
    BgBb model = BgBb.of(1.2035, 0.7497, 0.6567, 2.7834);
    Customer always = Customer.of("always", 5000, 5000, 5000);
    Customer lapsed = Customer.of("lapsed", 3000, 3000, 9000);

    assertTrue(model.probabilityAlive(always) > 0.99, () -> "" + model.probabilityAlive(always));
    assertTrue(model.probabilityAlive(lapsed) < 1e-6);
    assertTrue(model.expectedPurchases(always, 100) > 90);
    assertTrue(Double.isFinite(model.logLikelihood(always)));
    assertTrue(Double.isFinite(model.expectedPurchases(lapsed, 100)));
  }

  @Test
  void customersNotInWholeOpportunities_areRefusedNamingTheCustomer() {
    BgBb model = BgBb.of(1, 1, 1, 1);
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> model.probabilityAlive(Customer.of("c7", 1, 1.5, 3)));
    assertTrue(e.getMessage().contains("c7") && e.getMessage().contains("1.5"), e.getMessage());

    e = assertThrows(
        IllegalArgumentException.class, () -> model.probabilityAlive(Customer.of("c8", 3, 2, 6)));
    assertTrue(e.getMessage().contains("c8"), e.getMessage());

    e = assertThrows(
        IllegalArgumentException.class,
        () -> BgBb.fit(CustomerBase.of(Customer.of("c9", 1, 1, 2.5))));
    assertTrue(e.getMessage().contains("c9"), e.getMessage());

    e = assertThrows(
        IllegalArgumentException.class,
        () -> model.expectedPurchases(Customer.of("c1", 1, 1, 3), 2.5));
    assertTrue(e.getMessage().contains("2.5"), e.getMessage());

    e = assertThrows(
        IllegalArgumentException.class,
        () -> BgBb.fitter().fit(new int[] {1}, new int[] {2}, new int[] {1}, new int[] {5}));
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
  }

  @Test
  void fitReport_ofGivenParameters_isRefused() {
    BgBb model = BgBb.of(1, 1, 1, 1);
    assertThrows(IllegalStateException.class, model::logLikelihood);
    assertTrue(
        model.toString().startsWith("BG/BB with given parameters: alpha = 1.0000"),
        model.toString());
  }

  @Test
  void fit_tenThousandSimulatedCustomers_recoversTheParameters() {
    double[] truth = {1.2, 0.75, 0.65, 2.8};
    SplittableRandom random = new SplittableRandom(20100101);
    int opportunities = 6;
    Map<List<Integer>, Integer> counts = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      double p = beta(random, truth[0], truth[1]);
      double theta = beta(random, truth[2], truth[3]);
      int x = 0;
      int tx = 0;
      for (int t = 1; t <= opportunities; t++) {
        if (random.nextDouble() < theta) {
          break;
        }
        if (random.nextDouble() < p) {
          x++;
          tx = t;
        }
      }
      counts.merge(List.of(x, tx), 1, Integer::sum);
    }
    int size = counts.size();
    int[] x = new int[size];
    int[] tx = new int[size];
    int[] n = new int[size];
    int[] c = new int[size];
    int i = 0;
    for (var e : counts.entrySet()) {
      x[i] = e.getKey().get(0);
      tx[i] = e.getKey().get(1);
      n[i] = opportunities;
      c[i++] = e.getValue();
    }

    BgBb model = BgBb.fitter().fit(x, tx, n, c);

    double[] estimates = {model.alpha(), model.beta(), model.gamma(), model.delta()};
    for (int j = 0; j < 4; j++) {
      double se = model.fitReport().standardErrors().get(j);
      assertTrue(
          Math.abs(estimates[j] - truth[j]) < 4 * se,
          () -> "parameter " + model.fitReport().parameterNames() + ": " + model.fitReport());
    }
  }

  /** A beta variate from two gamma variates (Marsaglia and Tsang for the gammas). */
  private static double beta(SplittableRandom random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  private static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal(random);
      double v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(random.nextDouble()) < z * z / 2 + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  @Property(tries = 200)
  void probabilityAlive_staysInUnitInterval_andExpectationsGrowWithTheHorizon(
      @ForAll @DoubleRange(min = 0.01, max = 50) double alpha,
      @ForAll @DoubleRange(min = 0.01, max = 50) double beta,
      @ForAll @DoubleRange(min = 0.01, max = 50) double gamma,
      @ForAll @DoubleRange(min = 0.01, max = 50) double delta,
      @ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 300) int a,
      @ForAll @IntRange(min = 0, max = 300) int b) {
    int tx = Math.min(a, n);
    int x = tx == 0 ? 0 : 1 + Math.min(b, tx - 1);
    BgBb model = BgBb.of(alpha, beta, gamma, delta);
    Customer c = Customer.of("c", x, tx, n);

    for (int m = 0; m <= 2; m++) {
      double p = model.probabilityAlive(c, m);
      assertTrue(p >= 0 && p <= 1, () -> "P(alive) " + p + " for " + c + " " + model);
    }
    double previous = 0;
    for (int t : new int[] {0, 1, 2, 5, 20, 100}) {
      double e = model.expectedPurchases(c, t);
      assertTrue(e >= previous && e <= t, () -> "E " + e + " at " + t + " for " + c + " " + model);
      previous = e;
    }
    assertTrue(Double.isFinite(model.logLikelihood(c)) && model.logLikelihood(c) <= 0);
  }
}
