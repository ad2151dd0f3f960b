package dev.ltv.bench;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import dev.ltv.core.TransactionLog;
import dev.ltv.models.BgNbd;
import dev.ltv.models.GammaGamma;
import dev.ltv.models.ModifiedBgNbd;
import dev.ltv.models.ParetoNbd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fitting each model on the CDNOW sample (2,357 customers, weeks, calibration to 1997-09-30, read
 * from {@code data/cdnow_sample.csv}), warm, through the static {@code fit(CustomerBase)} a user
 * calls: compression to distinct rows, the optimizer, and the standard errors are all inside.
 *
 * <ul>
 *   <li>{@code fitBgNbdCdnow}: target under 2 ms.
 *   <li>{@code fitParetoNbdCdnow}: target under 10 ms.
 *   <li>{@code fitModifiedBgNbdCdnow}, {@code fitGammaGammaCdnow}: no target; for comparison.
 *   <li>{@code compressBaseline}: the compression to 1,016 distinct rows alone, the part of each
 *       purchase-model fit that is not likelihood work, for scale.
 * </ul>
 *
 * <p>Each fit logs one INFO line; the benchmarks jar sets SLF4J's simple logger to WARN (in its
 * {@code simplelogger.properties}) so that console output does not take part in the measurement.
 *
 * <p>How to run, from the repository root after {@code ./mvnw -q -pl ltv-bench -am package
 * -DskipTests}: {@code java -jar ltv-bench/target/benchmarks.jar FitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class FitBenchmark {

  private CustomerBase cdnow;

  /** Reads the CDNOW sample, as a user would. */
  @Setup
  public void setUp() {
    Path sample = Path.of("data", "cdnow_sample.csv");
    if (!Files.exists(sample)) {
      throw new IllegalStateException("run from the repository root: " + sample + " not found");
    }
    cdnow = TransactionLog.readCsv(sample).summarize(ChronoUnit.WEEKS, LocalDate.of(1997, 9, 30));
  }

  @Benchmark
  public BgNbd fitBgNbdCdnow() {
    return BgNbd.fit(cdnow);
  }

  @Benchmark
  public ParetoNbd fitParetoNbdCdnow() {
    return ParetoNbd.fit(cdnow);
  }

  @Benchmark
  public ModifiedBgNbd fitModifiedBgNbdCdnow() {
    return ModifiedBgNbd.fit(cdnow);
  }

  @Benchmark
  public GammaGamma fitGammaGammaCdnow() {
    return GammaGamma.fit(cdnow);
  }

  @Benchmark
  public DistinctRows compressBaseline() {
    return cdnow.distinctRows();
  }
}
