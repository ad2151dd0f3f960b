package dev.ltv.bench;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.TransactionLog;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Summarizing a transaction log into a customer base, against a plain pass over the same columns.
 *
 * <p>{@code scanBaseline} sums the customer numbers, days and amounts of the log's rows, the least
 * any summary has to do; {@code summarize} is {@link TransactionLog#summarize}. Both run in the
 * same fork on the same data, once with the rows grouped by customer and sorted by date (the log
 * then summarizes in one pass) and once shuffled (the log first sorts the rows by customer). The
 * targets: {@code summarize} takes at most twice the baseline's time on sorted rows, and less than
 * 0.5 s for 10 million shuffled rows. The rows come from {@link SyntheticLog}: about ten purchases
 * per customer over two years, some on the same day, always the same for one seed.
 *
 * <p>How to run, after {@code ./mvnw -q verify}: {@code java -jar ltv-bench/target/benchmarks.jar
 * AggregationBenchmark}. A quick look at smaller sizes: {@code java -jar
 * ltv-bench/target/benchmarks.jar AggregationBenchmark -f 1 -wi 2 -i 3 -p transactions=1000000 -p
 * customers=100000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AggregationBenchmark {

  /** The order of the rows in the log. */
  public enum Order {
    /** Grouped by customer, by date within each customer. */
    SORTED,
    /** In random order. */
    SHUFFLED
  }

  private static final long SEED = 20260101L;

  @Param("10000000")
  int transactions;

  @Param("1000000")
  int customers;

  @Param({"SORTED", "SHUFFLED"})
  Order order;

  private int[] customer;
  private int[] day;
  private double[] amount;
  private TransactionLog log;

  /** Builds the log through the public builder and keeps its columns for the baseline. */
  @Setup(Level.Trial)
  public void buildLog() {
    SyntheticLog rows = SyntheticLog.sorted(transactions, customers, SEED);
    if (order == Order.SHUFFLED) {
      rows = rows.shuffled(SEED + 1);
    }
    log = rows.toLog();
    if (log.size() != rows.size() || log.customerCount() != customers) {
      throw new IllegalStateException("the log does not hold the generated rows: " + log);
    }
    customer = rows.customer;
    day = rows.day;
    amount = rows.amount;
  }

  /** One pass over the three columns, summing each. */
  @Benchmark
  public void scanBaseline(Blackhole sink) {
    int[] c = customer;
    int[] d = day;
    double[] a = amount;
    long customerSum = 0;
    long daySum = 0;
    double amountSum = 0;
    for (int i = 0; i < c.length; i++) {
      customerSum += c[i];
      daySum += d[i];
      amountSum += a[i];
    }
    sink.consume(customerSum);
    sink.consume(daySum);
    sink.consume(amountSum);
  }

  /** Every customer's frequency, recency, age and spend, in weeks. */
  @Benchmark
  public CustomerBase summarize() {
    return log.summarize(ChronoUnit.WEEKS, SyntheticLog.END);
  }
}
