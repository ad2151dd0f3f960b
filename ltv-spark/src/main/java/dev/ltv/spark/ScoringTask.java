package dev.ltv.spark;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import dev.ltv.core.FittedLtvModel;
import dev.ltv.core.ValuationTerms;
import dev.ltv.models.ProbabilisticLtv;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores the customer summaries of one partition on an executor, in chunks: each chunk becomes a
 * {@link CustomerBase} scored by {@link ProbabilisticLtv}'s fitted strategy, the very computation
 * that values a base in process, so every customer gets the figures they would get there. What
 * the task captures, and so what Spark serializes and sends with it, is the models' kinds and
 * parameters, the valuation terms and the positions of the summary columns.
 */
final class ScoringTask implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final PortableModel purchases;
  private final PortableModel spend;
  private final ChronoUnit unit;
  private final double horizon;
  private final double annualDiscountRate;
  private final double margin;
  private final int frequency;
  private final int recency;
  private final int age;
  private final int averageSpend;
  private final int chunk;

  /**
   * A task for summaries with the given column positions.
   *
   * @param columns the positions of frequency, recency, age and averageSpend in the rows
   * @param chunk the most customers scored at once
   */
  ScoringTask(
      PortableModel purchases,
      PortableModel spend,
      ValuationTerms terms,
      int[] columns,
      int chunk) {
    this.purchases = purchases;
    this.spend = spend;
    this.unit = terms.unit();
    this.horizon = terms.horizon();
    this.annualDiscountRate = terms.annualDiscountRate();
    this.margin = terms.margin();
    this.frequency = columns[0];
    this.recency = columns[1];
    this.age = columns[2];
    this.averageSpend = columns[3];
    this.chunk = chunk;
  }

  /** The strategy of the models rebuilt, as each task rebuilds them on its executor. */
  ProbabilisticLtv strategy() {
    return ProbabilisticLtv.of(purchases.purchaseModel(), spend.spendModel());
  }

  ValuationTerms terms() {
    return ValuationTerms.of(unit, horizon, annualDiscountRate, margin);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ValuationTerms terms = terms();
    ProbabilisticLtv strategy = strategy();
    return new Iterator<>() {
      private final List<Row> input = new ArrayList<>();
      private final List<Customer> customers = new ArrayList<>();
      private double[] alive = new double[0];
      private double[] expected = new double[0];
      private double[] spent = new double[0];
      private double[] value = new double[0];
      private int next;

      @Override
      public boolean hasNext() {
        if (next < input.size()) {
          return true;
        }
        if (!rows.hasNext()) {
          return false;
        }
        scoreNextChunk();
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = input.get(next);
        int width = row.length();
        Object[] values = new Object[width + 4];
        for (int j = 0; j < width; j++) {
          values[j] = row.get(j);
        }
        values[width] = alive[next];
        values[width + 1] = expected[next];
        values[width + 2] = spent[next];
        values[width + 3] = value[next];
        next++;
        return RowFactory.create(values);
      }

      private void scoreNextChunk() {
        input.clear();
        customers.clear();
        next = 0;
        while (rows.hasNext() && input.size() < chunk) {
          Row row = rows.next();
          input.add(row);
          customers.add(customer(row, input.size() - 1));
        }
        int n = customers.size();
        if (alive.length < n) {
          alive = new double[n];
          expected = new double[n];
          spent = new double[n];
          value = new double[n];
        }
        CustomerBase base = CustomerBase.of(unit, customers);
        FittedLtvModel fitted = strategy.fit(base);
        fitted.score(base, terms, alive, expected, spent, value);
      }
    };
  }

  /** The customer of a summary row; the id is the row's position, unique within a chunk. */
  private Customer customer(Row row, int position) {
    if (row.isNullAt(frequency)
        || row.isNullAt(recency)
        || row.isNullAt(age)
        || row.isNullAt(averageSpend)) {
      throw new IllegalArgumentException(
          "a summary has a null frequency, recency, age or averageSpend: " + row);
    }
    try {
      return Customer.of(
          Integer.toString(position),
          ((Number) row.get(frequency)).intValue(),
          ((Number) row.get(recency)).doubleValue(),
          ((Number) row.get(age)).doubleValue(),
          ((Number) row.get(averageSpend)).doubleValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not the summary of a customer: " + row, e);
    }
  }
}
