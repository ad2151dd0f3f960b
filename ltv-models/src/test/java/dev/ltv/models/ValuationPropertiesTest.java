package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.CustomerLtv;
import dev.ltv.core.Ltv;
import dev.ltv.core.LtvModel;
import dev.ltv.core.LtvReport;
import dev.ltv.core.TierScheme;
import dev.ltv.core.Tiers;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants every valuation strategy keeps, checked on random bases in whole periods. */
class ValuationPropertiesTest {

  /** The strategies under test; each values any base in whole periods. */
  @Provide
  Arbitrary<LtvModel> strategies() {
    return Arbitraries.of(
        SimpleFormula.churnRate(0.2),
        SimpleFormula.lifetime(7).pooled(),
        SimpleFormula.churnRate(1).averageOrderValue(30),
        CohortRetention.of(ShiftedBetaGeometric.of(0.7, 1.2)),
        CohortRetention.of(ShiftedBetaGeometric.of(3, 0.4)),
        ProbabilisticLtv.of(BgBb.of(1.2, 0.75, 0.66, 2.8), OBSERVED_SPEND),
        ProbabilisticLtv.of(BgBb.of(0.05, 3, 8, 0.2), OBSERVED_SPEND),
        ProbabilisticLtv.of(BgNbd.of(0.2426, 4.4136, 0.7929, 2.4259), OBSERVED_SPEND),
        ProbabilisticLtv.of(ParetoNbd.of(0.5533, 10.5776, 0.6062, 11.6679), OBSERVED_SPEND),
        ProbabilisticLtv.of(ModifiedBgNbd.of(0.5248, 6.1830, 0.8914, 1.6140), OBSERVED_SPEND));
  }

  /** The customer's own mean spend per purchase: scales with the customers' spend. */
  private static final SpendModel OBSERVED_SPEND = new SpendModel() {
    @Override
    public String name() {
      return "observed spend";
    }

    @Override
    public double expectedAverageSpend(Customer customer) {
      return customer.frequency() > 0 ? customer.averageSpend() : customer.totalSpend();
    }

    @Override
    public double expectedAverageSpend() {
      return 20;
    }
  };

  /** Bases of 1 to 60 customers, from one-time buyers to customers with hundreds of purchases. */
  @Provide
  Arbitrary<List<Customer>> customers() {
    Arbitrary<Customer> customer = Combinators.combine(
            Arbitraries.integers().between(0, 400),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.doubles().between(0.5, 5000))
        .as((frequency, a, b, spend) -> {
          int age = Math.max(a, b);
          int recency = frequency == 0 ? 0 : Math.min(a, b);
          int f = Math.min(frequency, recency);
          return Customer.of("id", f, f == 0 ? 0 : recency, age, spend);
        });
    return customer.list().ofMinSize(1).ofMaxSize(60).map(list -> {
      List<Customer> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Customer c = list.get(i);
        named.add(new Customer(
            "c" + i,
            c.frequency(),
            c.recency(),
            c.age(),
            c.averageSpend(),
            c.totalSpend() + 10,
            null));
      }
      return named;
    });
  }

  private static LtvReport report(
      List<Customer> customers, LtvModel model, double horizon, double rate, double margin) {
    return Ltv.from(CustomerBase.of(ChronoUnit.MONTHS, customers))
        .model(model)
        .horizon(horizon)
        .annualDiscountRate(rate)
        .margin(margin)
        .report();
  }

  @Property(tries = 150)
  void value_scalesLinearlyWithMargin(
      @ForAll("customers") List<Customer> customers,
      @ForAll("strategies") LtvModel model,
      @ForAll @DoubleRange(min = 0.01, max = 1) double margin,
      @ForAll @IntRange(min = 1, max = 60) int horizon) {
    LtvReport full = report(customers, model, horizon, 0.1, 1);
    LtvReport part = report(customers, model, horizon, 0.1, margin);

    for (int i = 0; i < full.size(); i++) {
      assertEquals(margin * full.value(i), part.value(i), 1e-12 * Math.max(1, full.value(i)));
    }
  }

  @Property(tries = 150)
  void value_scalesLinearlyWithSpend(
      @ForAll("customers") List<Customer> customers,
      @ForAll("strategies") LtvModel model,
      @ForAll @DoubleRange(min = 0.01, max = 100) double factor) {
    List<Customer> scaled = new ArrayList<>();
    for (Customer c : customers) {
      scaled.add(new Customer(
          c.id(),
          c.frequency(),
          c.recency(),
          c.age(),
          c.averageSpend() * factor,
          c.totalSpend() * factor,
          null));
    }
    // A given order value is part of the strategy, not of the customers' spend.
    boolean spendGiven = model.toString().contains("order value");
    LtvReport base = report(customers, model, 24, 0.1, 0.3);
    LtvReport more = report(scaled, model, 24, 0.1, 0.3);

    for (int i = 0; i < base.size(); i++) {
      double expected = spendGiven ? base.value(i) : factor * base.value(i);
      assertEquals(expected, more.value(i), 1e-9 * Math.max(1, expected));
    }
  }

  @Property(tries = 150)
  void value_neverRisesWithTheDiscountRate(
      @ForAll("customers") List<Customer> customers,
      @ForAll("strategies") LtvModel model,
      @ForAll @DoubleRange(min = 0, max = 0.5) double low,
      @ForAll @DoubleRange(min = 0, max = 0.5) double extra) {
    LtvReport cheap = report(customers, model, 36, low, 0.5);
    LtvReport dear = report(customers, model, 36, low + extra, 0.5);

    for (int i = 0; i < cheap.size(); i++) {
      assertTrue(
          dear.value(i) <= cheap.value(i) * (1 + 1e-12),
          () -> "rate " + (low + extra) + " gave more than " + low);
    }
  }

  @Property(tries = 150)
  void cumulativeValue_neverFalls_andEndsAtTheValue(
      @ForAll("customers") List<Customer> customers,
      @ForAll("strategies") LtvModel model,
      @ForAll @IntRange(min = 1, max = 40) int horizon) {
    // Whole periods: BG/BB counts whole opportunities.
    LtvReport report = report(customers, model, horizon, 0.08, 0.4);

    for (int i = 0; i < report.size(); i++) {
      double[] cumulative = report.model().cumulativeValue(customers.get(i), report.terms());
      for (int k = 1; k < cumulative.length; k++) {
        assertTrue(cumulative[k] >= cumulative[k - 1]);
      }
      // Equal up to rounding: a strategy may compute the value its own way.
      assertEquals(report.value(i), cumulative[cumulative.length - 1], 1e-12 * report.value(i));
      assertTrue(report.get(i).probabilityAlive() >= 0 && report.get(i).probabilityAlive() <= 1);
    }
  }

  @Property(tries = 200)
  void tiers_partitionTheCustomers(
      @ForAll("customers") List<Customer> customers,
      @ForAll("strategies") LtvModel model,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double a,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double b) {
    LtvReport report = report(customers, model, 12, 0.1, 0.3);
    double low = Math.min(a, b);
    double high = Math.max(a, b);
    List<TierScheme> schemes = new ArrayList<>(List.of(TierScheme.standard()));
    if (high > low) {
      schemes.add(TierScheme.quantiles(List.of("low", "mid", "high"), 0, low, high, 1));
      schemes.add(TierScheme.values(List.of("low", "mid", "high"), 0, low * 100, high * 100));
    }

    for (TierScheme scheme : schemes) {
      Tiers tiers = report.tiers(scheme);
      Set<String> seen = new HashSet<>();
      int total = 0;
      for (String name : scheme.names()) {
        for (CustomerLtv v : tiers.members(name)) {
          assertTrue(seen.add(v.id()), () -> v.id() + " is in two tiers");
          assertEquals(name, tiers.tierOf(v.id()));
        }
        total += tiers.size(name);
      }
      assertEquals(report.size(), total);
      assertEquals(report.size(), seen.size());
    }
  }
}
