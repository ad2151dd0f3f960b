package dev.ltv.bench;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.TransactionLog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a {@code customer_id,date,amount} file with {@link TransactionLog#readCsv} and
 * summarizing it, against a plain pass that decodes the same file into characters and counts its
 * lines.
 *
 * <p>The file is written once per trial to a temporary file (deleted afterwards) from {@link
 * SyntheticLog}, in random row order, with ISO dates and amounts in cents: about 27 bytes a row,
 * 270 MB for the default 10 million rows. The target: reading and summarizing 10 million rows in
 * less than 3 s. Each call is timed once ({@code SingleShotTime}), as a user reading a file would.
 *
 * <p>How to run, after {@code ./mvnw -q verify}: {@code java -jar ltv-bench/target/benchmarks.jar
 * CsvReadBenchmark}. A quick look at a smaller file: {@code java -jar
 * ltv-bench/target/benchmarks.jar CsvReadBenchmark -f 1 -wi 2 -i 3 -p transactions=1000000 -p
 * customers=100000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CsvReadBenchmark {

  private static final long SEED = 20260102L;

  @Param("10000000")
  int transactions;

  @Param("1000000")
  int customers;

  private Path file;

  /** Writes the file. */
  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    file = Files.createTempFile("ltv-bench-", ".csv");
    SyntheticLog.sorted(transactions, customers, SEED).shuffled(SEED + 1).writeCsv(file);
  }

  /** Deletes the file. */
  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Decodes the file and counts its line breaks: the least any reader has to do. */
  @Benchmark
  public long readCharsBaseline() throws IOException {
    char[] buffer = new char[1 << 16];
    long lines = 0;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  /** Reads the file into a log and summarizes it in weeks. */
  @Benchmark
  public CustomerBase readCsvAndSummarize() {
    return TransactionLog.readCsv(file).summarize(ChronoUnit.WEEKS, SyntheticLog.END);
  }
}
