package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * What the continuous-time "buy till you die" models share beyond their parameters: scoring a
 * whole base through the factorization of {@link AliveFactored}, and the entry points of
 * simulation, each model drawing its own customers.
 */
abstract class BuyTillYouDieModel extends ParametricModel implements PurchaseModel, AliveFactored {

  BuyTillYouDieModel(String name, List<String> parameterNames, FitReport report) {
    super(name, parameterNames, report);
  }

  /**
   * Simulates one customer per age, each drawn from the model, and records them through a {@link
   * SimulatedCustomers} made with {@code unit} and {@code daysPerUnit}.
   */
  abstract CustomerBase simulate(double[] ages, long seed, ChronoUnit unit, double daysPerUnit);

  /**
   * Scores every customer of a base: P(alive) and the expected purchases in the next {@code t}
   * time units, written at the customer's position in each array. The expectation given activity
   * is computed once per distinct (frequency, age), and no object is created per customer.
   *
   * @param base the customers, in the model's time unit
   * @param t the horizon, finite and >= 0
   * @param probabilityAlive receives P(alive); length at least {@code base.size()}
   * @param expectedPurchases receives the expected purchases; length at least {@code base.size()}
   * @throws IllegalArgumentException if an array is too short or t is invalid
   */
  public void score(
      CustomerBase base, double t, double[] probabilityAlive, double[] expectedPurchases) {
    ExpectationTable.score(this, base, t, probabilityAlive, expectedPurchases);
  }

  /**
   * Simulates customers of one age, in continuous time.
   *
   * @param customers how many, at least 0
   * @param age the time from each customer's first purchase to the end of observation, in the
   *     model's time unit
   * @param seed the seed of the random stream; the same seed gives the same base
   * @return the simulated customers, with ids "1", "2", ..., in an unnamed time unit
   * @throws IllegalArgumentException as {@link #simulate(double[], long)}
   */
  public CustomerBase simulate(int customers, double age, long seed) {
    checkArgument(customers >= 0, "customers must be >= 0, was %s", customers);
    double[] ages = new double[customers];
    Arrays.fill(ages, age);
    return simulate(ages, seed);
  }

  /**
   * Simulates one customer per given age, in continuous time: each customer's purchase rate and
   * dropout are drawn from the model's distributions, then the purchases until the customer leaves
   * or the age is reached.
   *
   * @param ages the time from each customer's first purchase to the end of observation
   * @param seed the seed of the random stream; the same seed gives the same base
   * @return the simulated customers, with ids "1", "2", ..., in an unnamed time unit
   * @throws IllegalArgumentException if an age is negative or not finite, or if a customer would
   *     buy more than ten million times on average, which a simulation drawing every purchase does
   *     not support
   */
  public CustomerBase simulate(double[] ages, long seed) {
    return simulate(ages, seed, null, 0);
  }

  /**
   * Simulates one customer per given age as a summary of a daily transaction log would record
   * them: purchases happen in continuous time, are recorded on whole days since the first
   * purchase, and purchases on one day count once (those on the first day not at all). Ages are
   * cut to whole days.
   *
   * @param unit the model's time unit: days, weeks, months or years (a week is 7 days, a month
   *     365.2425 / 12 days)
   * @param ages the time from each customer's first purchase to the end of observation, in {@code
   *     unit}
   * @param seed the seed of the random stream
   * @return the simulated customers in {@code unit}
   * @throws IllegalArgumentException as {@link #simulate(double[], long)}
   */
  public CustomerBase simulateDaily(ChronoUnit unit, double[] ages, long seed) {
    return simulate(ages, seed, requireNonNull(unit, "unit"), Units.daysPer(unit));
  }
}
