package dev.ltv.bench;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.TransactionLog;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures the memory a {@link TransactionLog} and a {@link CustomerBase} summarized from it take,
 * by walking their object graphs with JOL, and prints bytes per transaction and per customer
 * against the targets (at most 20 and 32). The base shares the log's customer ids, so its own cost
 * is counted without them; the figure with them is printed too.
 *
 * <p>How to run, after {@code ./mvnw -q verify}: {@code java -cp ltv-bench/target/benchmarks.jar
 * dev.ltv.bench.Footprint} for 10 million transactions over 1 million customers, or {@code ...
 * Footprint 1000000 100000} for other sizes (transactions, then customers). It needs a heap of
 * about 2 GB at the default sizes. The exit status is 1 when a target is missed. JOL's warning that
 * it cannot attach to the VM is harmless: it then computes the object layout itself.
 */
public final class Footprint {

  private static final double MAX_BYTES_PER_TRANSACTION = 20;
  private static final double MAX_BYTES_PER_CUSTOMER = 32;

  private Footprint() {}

  /**
   * Prints the footprint.
   *
   * @param args the number of transactions and of customers, optional
   */
  public static void main(String[] args) {
    // The domain has records, whose field offsets Unsafe refuses to give; JOL can find them itself.
    System.setProperty("jol.magicFieldOffset", "true");
    int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;

    TransactionLog log = SyntheticLog.sorted(transactions, customers, 1).toLog();
    CustomerBase base = log.summarize(ChronoUnit.WEEKS, SyntheticLog.END);

    GraphLayout logLayout = GraphLayout.parseInstance(log);
    GraphLayout baseLayout = GraphLayout.parseInstance(base);
    long logBytes = logLayout.totalSize();
    long baseOwnBytes = baseLayout.subtract(logLayout).totalSize();
    long baseBytes = baseLayout.totalSize();

    double perTransaction = (double) logBytes / log.size();
    double perCustomer = (double) baseOwnBytes / base.size();
    System.out.println(log);
    System.out.printf(
        Locale.ROOT,
        "TransactionLog: %,d bytes, %.2f bytes per transaction (target at most %.0f)%n",
        logBytes,
        perTransaction,
        MAX_BYTES_PER_TRANSACTION);
    System.out.printf(
        Locale.ROOT,
        "CustomerBase:   %,d bytes besides the ids it shares with the log, %.2f bytes per customer"
            + " (target at most %.0f); %.2f bytes per customer with the ids%n",
        baseOwnBytes,
        perCustomer,
        MAX_BYTES_PER_CUSTOMER,
        (double) baseBytes / base.size());

    // Looking a customer up by id builds an index of the shared ids once; show what it adds.
    base.indexOf(base.id(0));
    long indexed = GraphLayout.parseInstance(base).subtract(logLayout).totalSize();
    System.out.printf(
        Locale.ROOT,
        "CustomerBase after a lookup by id: %.2f bytes per customer, with the index of the ids%n",
        (double) indexed / base.size());

    boolean met =
        perTransaction <= MAX_BYTES_PER_TRANSACTION && perCustomer <= MAX_BYTES_PER_CUSTOMER;
    System.out.println(met ? "Both targets met." : "A target is missed.");
    if (!met) {
      System.exit(1);
    }
  }
}
