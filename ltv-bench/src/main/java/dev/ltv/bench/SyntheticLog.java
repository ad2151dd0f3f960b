package dev.ltv.bench;

import dev.ltv.core.TransactionLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic purchase history that looks like a retailer's: every customer buys at
 * least once, about ten times on average, spread over two years from their first purchase on; one
 * purchase in twelve falls on the same day as the one before (a second basket); amounts are
 * log-normal around 25 in cents. The same sizes and seed always give the same rows.
 *
 * <p>The rows are kept as columns, the way the log stores them, so that a benchmark can scan the
 * same data as a baseline. Customers are numbered in order of first appearance, which is how the
 * log numbers them too.
 */
final class SyntheticLog {

  /** The first day of the history. */
  static final LocalDate START = LocalDate.of(2023, 1, 1);

  /** The number of days the history covers. */
  static final int SPAN_DAYS = 730;

  /** The last day of the history, used as the end of observation. */
  static final LocalDate END = START.plusDays(SPAN_DAYS - 1);

  private static final double SAME_DAY_PROBABILITY = 1.0 / 12;

  final String[] ids;
  final int[] customer;
  final int[] day;
  final double[] amount;

  private SyntheticLog(String[] ids, int[] customer, int[] day, double[] amount) {
    this.ids = ids;
    this.customer = customer;
    this.day = day;
    this.amount = amount;
  }

  /**
   * Rows grouped by customer and sorted by date within each customer.
   *
   * @param transactions the number of rows; at least {@code customers}
   * @param customers the number of customers
   * @param seed the seed of the random draws
   */
  static SyntheticLog sorted(int transactions, int customers, long seed) {
    if (customers < 1 || transactions < customers) {
      throw new IllegalArgumentException("need 1 <= customers <= transactions, was " + customers
          + " customers and " + transactions + " transactions");
    }
    SplittableRandom random = new SplittableRandom(seed);

    // One purchase each, the rest spread at random: about Poisson around the mean.
    int[] purchases = new int[customers];
    Arrays.fill(purchases, 1);
    for (int i = customers; i < transactions; i++) {
      purchases[random.nextInt(customers)]++;
    }

    String[] ids = new String[customers];
    int[] customer = new int[transactions];
    int[] day = new int[transactions];
    double[] amount = new double[transactions];
    int startDay = Math.toIntExact(START.toEpochDay());
    int row = 0;
    for (int c = 0; c < customers; c++) {
      ids[c] = "C" + (10_000_000 + c);
      int first = random.nextInt(SPAN_DAYS);
      int from = row;
      day[row++] = startDay + first;
      for (int k = 1; k < purchases[c]; k++) {
        day[row] = random.nextDouble() < SAME_DAY_PROBABILITY
            ? day[row - 1]
            : startDay + first + random.nextInt(SPAN_DAYS - first);
        row++;
      }
      Arrays.sort(day, from, row);
      for (int i = from; i < row; i++) {
        customer[i] = c;
        long cents = Math.max(1, Math.round(100 * Math.exp(3.2 + 0.8 * gaussian(random))));
        amount[i] = cents / 100.0;
      }
    }
    return new SyntheticLog(ids, customer, day, amount);
  }

  /** The same rows in a random order; customers are renumbered by first appearance. */
  SyntheticLog shuffled(long seed) {
    int n = customer.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }

    int[] renumbered = new int[ids.length];
    Arrays.fill(renumbered, -1);
    String[] newIds = new String[ids.length];
    int[] c = new int[n];
    int[] d = new int[n];
    double[] a = new double[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      int old = customer[order[i]];
      if (renumbered[old] < 0) {
        renumbered[old] = next;
        newIds[next++] = ids[old];
      }
      c[i] = renumbered[old];
      d[i] = day[order[i]];
      a[i] = amount[order[i]];
    }
    return new SyntheticLog(newIds, c, d, a);
  }

  int size() {
    return customer.length;
  }

  /** The rows as a log, built through the public builder. */
  TransactionLog toLog() {
    TransactionLog.Builder builder = TransactionLog.builder();
    for (int i = 0; i < customer.length; i++) {
      builder.add(ids[customer[i]], LocalDate.ofEpochDay(day[i]), amount[i]);
    }
    return builder.build();
  }

  /** Writes the rows as {@code customer_id,date,amount} with ISO dates and amounts in cents. */
  void writeCsv(Path file) throws IOException {
    int startDay = Math.toIntExact(START.toEpochDay());
    String[] dates = new String[SPAN_DAYS];
    for (int i = 0; i < SPAN_DAYS; i++) {
      dates[i] = LocalDate.ofEpochDay(startDay + i).toString();
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer_id,date,amount\n");
      StringBuilder line = new StringBuilder(40);
      for (int i = 0; i < customer.length; i++) {
        long cents = Math.round(amount[i] * 100);
        line.setLength(0);
        line.append(ids[customer[i]])
            .append(',')
            .append(dates[day[i] - startDay])
            .append(',')
            .append(cents / 100)
            .append('.')
            .append(cents % 100 < 10 ? "0" : "")
            .append(cents % 100)
            .append('\n');
        out.append(line);
      }
    }
  }

  /** A standard normal draw (Box-Muller, one of the pair). */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
