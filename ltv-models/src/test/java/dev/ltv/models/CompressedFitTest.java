package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fits on customers compressed elsewhere (as a distributed engine compresses them) must be the fits
 * on the base they stand for: the compressed rows carry everything the likelihoods use. The
 * expected values are the in-process fits on the CDNOW sample, whose own tests check them against
 * the published estimates.
 */
class CompressedFitTest {

  /** The base's distinct rows, listed in a shuffled order, as an engine would return them. */
  private static DistinctRows shuffledRows(CustomerBase base) {
    DistinctRows rows = base.distinctRows();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    int n = rows.size();
    int[] f = new int[n];
    double[] r = new double[n];
    double[] a = new double[n];
    int[] c = new int[n];
    for (int j = 0; j < n; j++) {
      int i = order.get(j);
      f[j] = rows.frequency(i);
      r[j] = rows.recency(i);
      a[j] = rows.age(i);
      c[j] = rows.count(i);
    }
    return DistinctRows.of(f, r, a, c);
  }

  @Test
  void paretoNbd_fitOnDistinctRows_equalsFitOnTheBase() {
    CustomerBase base = Cdnow.summary();

    ParetoNbd onBase = ParetoNbd.fit(base);
    ParetoNbd onRows = ParetoNbd.fit(shuffledRows(base));

    assertEquals(onBase.r(), onRows.r(), 0.0);
    assertEquals(onBase.alpha(), onRows.alpha(), 0.0);
    assertEquals(onBase.s(), onRows.s(), 0.0);
    assertEquals(onBase.beta(), onRows.beta(), 0.0);
    assertEquals(onBase.logLikelihood(), onRows.logLikelihood(), 0.0);
  }

  @Test
  void bgBb_fitOnDistinctRows_equalsFitOnTheBase() {
    // The donations patterns of Fader, Hardie and Shang (2010), one customer per donor.
    List<Customer> customers = new ArrayList<>();
    for (String[] row : DataFiles.rows("donations.csv")) {
      for (int k = 0; k < Integer.parseInt(row[3]); k++) {
        customers.add(Customer.of(
            row[0] + "-" + row[1] + "-" + row[2] + "-" + k,
            Integer.parseInt(row[0]),
            Integer.parseInt(row[1]),
            Integer.parseInt(row[2])));
      }
    }
    CustomerBase base = CustomerBase.of(ChronoUnit.YEARS, customers);

    BgBb onBase = BgBb.fit(base);
    BgBb onRows = BgBb.fit(shuffledRows(base));

    assertEquals(onBase.alpha(), onRows.alpha(), 0.0);
    assertEquals(onBase.beta(), onRows.beta(), 0.0);
    assertEquals(onBase.gamma(), onRows.gamma(), 0.0);
    assertEquals(onBase.delta(), onRows.delta(), 0.0);
  }

  @Test
  void bgBb_rowsNotInWholeOpportunities_areRefusedNamingTheRow() {
    DistinctRows rows = DistinctRows.of(
        new int[] {1, 2}, new double[] {1, 2.5}, new double[] {3, 3}, new int[] {4, 5});

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BgBb.fit(rows));

    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }

  @Test
  void gammaGamma_fitOnSpendRows_equalsFitOnTheBase() {
    CustomerBase base = withRefunds(Cdnow.withSpend());
    // Count the base by (frequency, average spend), in a shuffled order.
    Map<List<Double>, Integer> counts = new HashMap<>();
    for (Customer c : base) {
      counts.merge(List.of((double) c.frequency(), c.averageSpend()), 1, Integer::sum);
    }
    List<List<Double>> keys = new ArrayList<>(counts.keySet());
    Collections.shuffle(keys, new Random(3));
    int n = keys.size();
    int[] frequency = new int[n];
    double[] spend = new double[n];
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      frequency[i] = keys.get(i).get(0).intValue();
      spend[i] = keys.get(i).get(1);
      count[i] = counts.get(keys.get(i));
    }

    GammaGamma onBase = GammaGamma.fit(base);
    GammaGamma onRows = GammaGamma.fit(frequency, spend, count);

    assertTrue(n < base.size(), "the rows compress the base");
    assertEquals(onBase.p(), onRows.p(), 0.0);
    assertEquals(onBase.q(), onRows.q(), 0.0);
    assertEquals(onBase.gamma(), onRows.gamma(), 0.0);
    assertEquals(onBase.logLikelihood(), onRows.logLikelihood(), 0.0);
    assertEquals(onBase.excludedCustomers(), onRows.excludedCustomers());
    assertEquals(3, onRows.excludedCustomers());
    assertEquals(onBase.fitReport().customers(), onRows.fitReport().customers());
    assertEquals(onBase.frequencySpendCorrelation(), onRows.frequencySpendCorrelation(), 1e-12);
  }

  @Test
  void gammaGamma_spendRowsWithoutRepeatBuyers_failClearly() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> GammaGamma.fit(new int[] {0, 2}, new double[] {0, -1}, new int[] {5, 1}));

    assertEquals(
        "cannot fit Gamma-Gamma: no repeat buyer with a positive average spend among 2 rows"
            + " (1 repeat buyers without)",
        e.getMessage());
  }

  @Test
  void gammaGamma_spendRowsOfDifferentLengths_areRefused() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> GammaGamma.fit(new int[] {1, 2}, new double[] {3}, new int[] {1, 1}));

    assertEquals("columns differ in length: frequency 2, averageSpend 1, counts 2", e.getMessage());
  }

  /** The base with three repeat buyers added whose refunds leave no positive spend. */
  private static CustomerBase withRefunds(CustomerBase base) {
    List<Customer> customers = new ArrayList<>(base.customers());
    customers.add(Customer.of("refunded", 3, 20, 38.86, 0.0));
    customers.add(Customer.of("refunded too", 3, 21, 38.86, 0.0));
    customers.add(Customer.of("net negative", 1, 5, 38.86, -12.5));
    return CustomerBase.of(ChronoUnit.WEEKS, customers);
  }
}
