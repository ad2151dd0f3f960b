package dev.ltv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An immutable log of transactions: who bought, on which day, for how much.
 *
 * <p>The log is stored by column: each customer id is kept once and every row refers to it by
 * position, dates are epoch days and amounts doubles, about 17 bytes per row with ids of ten
 * characters and ten rows per customer. It is safe to share between threads. Rows keep the order
 * they were added in; the log notices when they come grouped by customer, remembers where each
 * customer's rows start, and summarizes such logs in one pass when the rows of each customer are
 * in date order too. Other logs are sorted by customer for each summary.
 *
 * <p>Build one with {@link #builder()}, {@link #of(Iterable)}, {@link #readCsv(Path)} or {@link
 * #csv()}; reduce it to per-customer summaries with {@link #summarize(ChronoUnit, LocalDate)} or
 * {@link #summarizer()}.
 *
 * @since 0.1
 */
public final class TransactionLog implements Iterable<Transaction> {

  private final IdTable ids;
  private final int[] customer;
  private final int[] day;
  private final double[] amount;
  private final int[] customerStarts;
  private final boolean sortedWithinCustomer;
  private final IntakeReport report;

  private TransactionLog(
      IdTable ids,
      int[] customer,
      int[] day,
      double[] amount,
      int[] customerStarts,
      boolean sortedWithinCustomer,
      IntakeReport report) {
    this.ids = ids;
    this.customer = customer;
    this.day = day;
    this.amount = amount;
    this.customerStarts = customerStarts;
    this.sortedWithinCustomer = sortedWithinCustomer;
    this.report = report;
  }

  /** A builder that rejects refunds; see {@link Builder#refundPolicy(RefundPolicy)}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A log of the given transactions, in their order. Refunds are rejected.
   *
   * @param transactions the transactions
   * @return the log
   */
  public static TransactionLog of(Iterable<Transaction> transactions) {
    return builder().addAll(requireNonNull(transactions, "transactions")).build();
  }

  /**
   * A log of the given transactions, in their order. Refunds are rejected.
   *
   * @param transactions the transactions
   * @return the log
   */
  public static TransactionLog of(Transaction... transactions) {
    return of(Arrays.asList(requireNonNull(transactions, "transactions")));
  }

  /**
   * Reads a comma-separated file with a header that names the columns {@code customer_id}, {@code
   * date} (ISO, {@code 1997-01-31}) and {@code amount}; other columns are ignored. Refunds are
   * rejected. For other column names, date patterns, delimiters or refund policies use {@link
   * #csv()}.
   *
   * @param file the file
   * @return the log
   * @throws TransactionFileException if the file cannot be read or a row is malformed, naming the
   *     file, line and column
   */
  public static TransactionLog readCsv(Path file) {
    return csv().read(file);
  }

  /** A reader for transaction files with other column names, date patterns or delimiters. */
  public static TransactionCsvReader csv() {
    return new TransactionCsvReader();
  }

  /** The number of rows. */
  public int size() {
    return customer.length;
  }

  /** The number of distinct customers. */
  public int customerCount() {
    return ids.size();
  }

  /** What happened to the rows offered to the log. */
  public IntakeReport report() {
    return report;
  }

  /**
   * The row at position {@code i}.
   *
   * @param i the position, in {@code [0, size())}
   * @return the transaction
   */
  public Transaction get(int i) {
    checkElementIndex(i, customer.length);
    return new Transaction(ids.get(customer[i]), LocalDate.ofEpochDay(day[i]), amount[i]);
  }

  /** The rows as a list view. */
  public List<Transaction> transactions() {
    return new AbstractList<>() {
      @Override
      public Transaction get(int i) {
        return TransactionLog.this.get(i);
      }

      @Override
      public int size() {
        return customer.length;
      }
    };
  }

  @Override
  public Iterator<Transaction> iterator() {
    return transactions().iterator();
  }

  /** The rows, in order. */
  public Stream<Transaction> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  /**
   * The earliest date in the log.
   *
   * @throws IllegalStateException if the log is empty
   */
  public LocalDate firstDate() {
    checkState(size() > 0, "the log is empty");
    return LocalDate.ofEpochDay(Arrays.stream(day).min().getAsInt());
  }

  /**
   * The latest date in the log.
   *
   * @throws IllegalStateException if the log is empty
   */
  public LocalDate lastDate() {
    checkState(size() > 0, "the log is empty");
    return LocalDate.ofEpochDay(Arrays.stream(day).max().getAsInt());
  }

  /**
   * Summarizes every customer as the literature does: purchases on the same day count once (their
   * amounts are added), times are measured in days and expressed in {@code unit}, transactions
   * after {@code observationEnd} are ignored. See {@link Summarizer} for the details and options.
   *
   * @param unit the unit of recency and age: days, weeks, months or years
   * @param observationEnd the last day observed, included
   * @return one summary per customer with a purchase on or before the end
   */
  public CustomerBase summarize(ChronoUnit unit, LocalDate observationEnd) {
    requireNonNull(unit, "unit");
    requireNonNull(observationEnd, "observationEnd");
    return summarizer().unit(unit).observationEnd(observationEnd).summarize();
  }

  /** A summary with options: grouping of purchases by calendar period, default end of observation. */
  public Summarizer summarizer() {
    return new Summarizer(this);
  }

  /**
   * Splits the log at {@code calibrationEnd}: the customers as they stood at that day, and what each
   * of them bought after it, up to {@code holdoutEnd}. Purchases on the same day count once, as in
   * {@link #summarize(ChronoUnit, LocalDate)}. Customers whose first purchase falls in the holdout
   * period are not part of the split; the calibration base's report counts them.
   *
   * @param calibrationEnd the last day of the calibration period, included
   * @param holdoutEnd the last day of the holdout period, included; after {@code calibrationEnd}
   * @param unit the unit of recency, age and the holdout length
   * @return the calibration base with each customer's holdout purchases and spend
   */
  public CalibrationHoldout split(LocalDate calibrationEnd, LocalDate holdoutEnd, ChronoUnit unit) {
    requireNonNull(calibrationEnd, "calibrationEnd");
    requireNonNull(holdoutEnd, "holdoutEnd");
    Periods.checkSupported(requireNonNull(unit, "unit"));
    Periods.epochDay(calibrationEnd, "calibrationEnd");
    Periods.epochDay(holdoutEnd, "holdoutEnd");
    checkArgument(
        holdoutEnd.isAfter(calibrationEnd),
        "holdoutEnd %s must be after calibrationEnd %s",
        holdoutEnd,
        calibrationEnd);
    return Aggregation.split(this, calibrationEnd, holdoutEnd, unit);
  }

  IdTable ids() {
    return ids;
  }

  int[] customerColumn() {
    return customer;
  }

  int[] dayColumn() {
    return day;
  }

  double[] amountColumn() {
    return amount;
  }

  boolean groupedByCustomer() {
    return customerStarts != null;
  }

  /**
   * Where each customer's rows start when the log is grouped by customer: customer {@code c} has
   * the rows {@code [starts[c], starts[c + 1])}. Null when it is not grouped.
   */
  int[] customerStarts() {
    return customerStarts;
  }

  /** Whether some rows are refunds kept to be netted, the only rows that are not purchases. */
  boolean hasRefunds() {
    return report.refundsNetted() > 0;
  }

  boolean sortedWithinCustomer() {
    return sortedWithinCustomer;
  }

  @Override
  public String toString() {
    if (size() == 0) {
      return "TransactionLog[empty]";
    }
    return String.format(
        Locale.ROOT,
        "TransactionLog[%,d transactions, %,d customers, %s to %s]",
        size(),
        customerCount(),
        firstDate(),
        lastDate());
  }

  /**
   * Collects rows into a {@link TransactionLog}. Not thread-safe; a builder can build once.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final IdTable.Interner ids = new IdTable.Interner(1024);
    private final int[] pendingPositions = new int[IdTable.Interner.BATCH];
    private final int[] pendingDays = new int[IdTable.Interner.BATCH];
    private final double[] pendingAmounts = new double[IdTable.Interner.BATCH];
    private int[] customer = new int[1024];
    private int[] day = new int[1024];
    private double[] amount = new double[1024];
    private int size;
    private long rows;
    private long zeroAmounts;
    private long refundsNetted;
    private long refundsSkipped;
    private RefundPolicy refundPolicy;
    private boolean built;

    Builder() {}

    /**
     * What to do with negative amounts; {@link RefundPolicy#REJECT} unless set. Can be set once,
     * before the first row.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder refundPolicy(RefundPolicy policy) {
      requireNonNull(policy, "policy");
      checkState(refundPolicy == null, "refundPolicy was already set to %s", refundPolicy);
      checkState(rows == 0, "refundPolicy must be set before the first row");
      refundPolicy = policy;
      return this;
    }

    /**
     * Adds one row.
     *
     * @param customerId the customer's id; not blank
     * @param date the day
     * @param amount the amount; finite
     * @return this builder
     * @throws NullPointerException if the id or the date is null, naming the row
     * @throws IllegalArgumentException if a field is invalid, or the amount is negative and
     *     refunds are rejected, naming the row
     */
    public Builder add(String customerId, LocalDate date, double amount) {
      requireNonNull(customerId, () -> "row " + (rows + 1) + ": customerId is null");
      requireNonNull(date, () -> "row " + (rows + 1) + ": date is null");
      long epochDay = date.toEpochDay();
      if (epochDay != (int) epochDay) {
        throw new IllegalArgumentException(
            "row " + (rows + 1) + ": date " + date + " is outside the supported range");
      }
      return add(customerId, (int) epochDay, amount);
    }

    /**
     * Adds one row.
     *
     * @param transaction the transaction
     * @return this builder
     */
    public Builder add(Transaction transaction) {
      requireNonNull(transaction, () -> "row " + (rows + 1) + ": transaction is null");
      return add(transaction.customerId(), transaction.date(), transaction.amount());
    }

    /**
     * Adds the rows, in order.
     *
     * @param transactions the transactions
     * @return this builder
     */
    public Builder addAll(Iterable<Transaction> transactions) {
      requireNonNull(transactions, "transactions");
      for (Transaction t : transactions) {
        add(t);
      }
      return this;
    }

    Builder add(String customerId, int epochDay, double value) {
      checkState(!built, "the log was already built");
      if (customerId == null || customerId.isBlank()) {
        throw new IllegalArgumentException("row " + (rows + 1) + ": customer id is missing");
      }
      if (counts(value)) {
        ids.offer(customerId);
        queue(epochDay, value);
      }
      return this;
    }

    /**
     * Adds one row whose customer id is the characters {@code id[from, to)}, which must not be
     * blank, without making a {@code String} of it.
     */
    void add(char[] id, int from, int to, int epochDay, double value) {
      checkState(!built, "the log was already built");
      checkArgument(from < to, "row %s: customer id is missing", rows + 1);
      if (counts(value)) {
        ids.offer(id, from, to);
        queue(epochDay, value);
      }
    }

    /**
     * Checks the amount of the next row and counts the row.
     *
     * @return whether the row is to be kept: false for a refund that is skipped
     */
    private boolean counts(double value) {
      long row = rows + 1;
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("row " + row + ": amount must be finite, was " + value);
      }
      if (value < 0) {
        RefundPolicy policy = policy();
        if (policy == RefundPolicy.REJECT) {
          throw new IllegalArgumentException("row " + row + ": amount " + value
              + " is negative (a refund); refunds are rejected unless a RefundPolicy of SKIP"
              + " or NET is chosen");
        }
        rows++;
        if (policy == RefundPolicy.SKIP) {
          refundsSkipped++;
          return false;
        }
        refundsNetted++;
      } else {
        rows++;
        if (value == 0) {
          zeroAmounts++;
        }
      }
      return true;
    }

    /** Queues a row whose id was just offered; rows are stored once their ids are interned. */
    private void queue(int epochDay, double value) {
      int k = ids.pending() - 1;
      pendingDays[k] = epochDay;
      pendingAmounts[k] = value + 0.0; // no negative zero
      if (k + 1 == IdTable.Interner.BATCH) {
        flush();
      }
    }

    /** Interns the queued rows' ids and stores the rows, in order. */
    private void flush() {
      int count = ids.internPending(pendingPositions);
      if (size + count > customer.length) {
        int capacity = Math.max(size + count, size + (size >> 1));
        customer = Arrays.copyOf(customer, capacity);
        day = Arrays.copyOf(day, capacity);
        amount = Arrays.copyOf(amount, capacity);
      }
      System.arraycopy(pendingPositions, 0, customer, size, count);
      System.arraycopy(pendingDays, 0, day, size, count);
      System.arraycopy(pendingAmounts, 0, amount, size, count);
      size += count;
    }

    RefundPolicy policy() {
      return refundPolicy == null ? RefundPolicy.REJECT : refundPolicy;
    }

    /** The number of rows offered so far, skipped ones included. */
    long rows() {
      return rows;
    }

    /**
     * Builds the log; the builder cannot be used afterwards.
     *
     * @return the log
     */
    public TransactionLog build() {
      checkState(!built, "the log was already built");
      flush();
      built = true;
      int[] c = Arrays.copyOf(customer, size);
      int[] d = Arrays.copyOf(day, size);
      double[] a = Arrays.copyOf(amount, size);
      customer = null;
      day = null;
      amount = null;
      IdTable table = ids.build();

      // Customers are numbered by first appearance, so the rows are grouped by customer exactly
      // when each row's customer is the previous row's or the next number.
      int[] starts = new int[table.size() + 1];
      boolean grouped = true;
      boolean sorted = true;
      for (int i = 0; i < size && grouped; i++) {
        if (i == 0 || c[i] != c[i - 1]) {
          grouped = c[i] == (i == 0 ? 0 : c[i - 1] + 1);
          starts[c[i]] = i;
        } else if (d[i] < d[i - 1]) {
          sorted = false;
        }
      }
      starts[table.size()] = size;
      IntakeReport intake = new IntakeReport(rows, zeroAmounts, refundsNetted, refundsSkipped);
      return new TransactionLog(table, c, d, a, grouped ? starts : null, grouped && sorted, intake);
    }
  }
}
