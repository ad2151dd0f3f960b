package dev.ltv.models;

import dev.ltv.core.internal.RowTable;
import java.util.Arrays;

/**
 * P(alive) and the expectations of an {@link ExpectationTable}, computed once per distinct
 * (frequency, recency, age) row and looked up for every other customer on that row. Customers on
 * the same row get the same figures, bit for bit, as scoring each of them directly: the row is
 * keyed on the exact bits of its doubles and its figures are computed by the same code. The lookup
 * allocates nothing per customer. Should a base have more distinct rows than one table holds, the
 * table starts afresh, as a cache would. One instance serves one scoring pass; not thread-safe.
 */
final class RowScores {

  private final AliveFactored model;
  private final ExpectationTable table;
  private final int maxRows;
  private RowTable rows;
  private double[] alive;
  private double[] total;
  private double[] discounted;

  RowScores(AliveFactored model, ExpectationTable table) {
    this(model, table, Integer.MAX_VALUE);
  }

  /** Scores that start afresh after {@code maxRows} distinct rows, or when the table is full. */
  RowScores(AliveFactored model, ExpectationTable table, int maxRows) {
    this.maxRows = maxRows;
    this.model = model;
    this.table = table;
    int capacity = 1 << 12;
    this.rows = new RowTable(capacity);
    this.alive = new double[capacity];
    this.total = new double[capacity];
    this.discounted = new double[capacity];
  }

  /** The number of a row, computing its figures the first time it is seen. */
  int row(int x, double recency, double age) {
    if (rows.isFull() || rows.size() == maxRows) {
      rows = new RowTable(1 << 12);
    }
    int before = rows.size();
    int row = rows.add(x, recency, age);
    if (row == before) {
      if (row == alive.length) {
        alive = Arrays.copyOf(alive, 2 * row);
        total = Arrays.copyOf(total, 2 * row);
        discounted = Arrays.copyOf(discounted, 2 * row);
      }
      int slot = table.slot(x, age);
      alive[row] = model.probabilityAlive(x, recency, age);
      total[row] = table.total(slot);
      discounted[row] = table.discounted(slot);
    }
    return row;
  }

  /** P(alive) on a row. */
  double alive(int row) {
    return alive[row];
  }

  /** The undiscounted expectation given active over the whole horizon, on a row. */
  double total(int row) {
    return total[row];
  }

  /** The discounted expectation given active, on a row. */
  double discounted(int row) {
    return discounted[row];
  }

  /** The number of distinct rows seen. */
  int size() {
    return rows.size();
  }
}
