package dev.ltv.bench;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import dev.ltv.models.BgNbd;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fitting and scoring at scale; the fits on the CDNOW sample are in {@link FitBenchmark}.
 *
 * <ul>
 *   <li>{@code fitBgNbdSimulated}: a BG/NBD fit on 10 million simulated customers given as
 *       summaries (on a day grid, as a daily log records them), compression to distinct rows
 *       included. Target: under 1 s.
 *   <li>{@code distinctRowsSimulated}: the compression of those customers to their distinct
 *       (frequency, recency, age) rows alone, the part of the fit that grows with the customers.
 *   <li>{@code scoreBgNbd}: P(alive) and the expected purchases in the next 39 weeks for each of
 *       the 10 million customers, one thread, reported in customers a second. Target: at least 10
 *       million.
 *   <li>{@code scanBaseline}: one pass reading the same base's columns, in customers a second, for
 *       scale.
 * </ul>
 *
 * <p>How to run, from the repository root after {@code ./mvnw -q verify}: {@code java -jar
 * ltv-bench/target/benchmarks.jar ModelBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ModelBenchmark {

  private static final int SIMULATED = 10_000_000;

  private CustomerBase simulated;
  private BgNbd model;
  private double[] alive;
  private double[] expected;

  /** Simulates the large base once. */
  @Setup
  public void setUp() {
    model = BgNbd.of(0.2426, 4.4135, 0.7929, 2.4259);

    // First purchases spread over twelve weeks before a 39-week calibration, as in CDNOW.
    SplittableRandom random = new SplittableRandom(42);
    double[] ages = new double[SIMULATED];
    for (int i = 0; i < SIMULATED; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    simulated = model.simulateDaily(ChronoUnit.WEEKS, ages, 7);
    alive = new double[SIMULATED];
    expected = new double[SIMULATED];
  }

  @Benchmark
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 5)
  public BgNbd fitBgNbdSimulated() {
    return BgNbd.fit(simulated);
  }

  @Benchmark
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 5)
  public DistinctRows distinctRowsSimulated() {
    return simulated.distinctRows();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(SIMULATED)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 5)
  public double scoreBgNbd() {
    model.score(simulated, 39, alive, expected);
    return alive[SIMULATED - 1] + expected[SIMULATED - 1];
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(SIMULATED)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 5)
  public void scanBaseline(Blackhole sink) {
    double sum = 0;
    for (int i = 0; i < SIMULATED; i++) {
      sum += simulated.frequency(i) + simulated.recency(i) + simulated.age(i);
    }
    sink.consume(sum);
  }
}
