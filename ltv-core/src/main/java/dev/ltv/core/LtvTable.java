package dev.ltv.core;

import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.RandomAccess;

/**
 * An immutable list of {@link CustomerLtv} rows that prints as a table, such as the top customers
 * of an {@link LtvReport}.
 *
 * @since 0.1
 */
public final class LtvTable extends AbstractList<CustomerLtv> implements RandomAccess {

  private static final int SHOWN = 20;

  private final List<CustomerLtv> rows;

  LtvTable(List<CustomerLtv> rows) {
    this.rows = List.copyOf(rows);
  }

  @Override
  public CustomerLtv get(int index) {
    return rows.get(index);
  }

  @Override
  public int size() {
    return rows.size();
  }

  /** A table of the first twenty rows. */
  @Override
  public String toString() {
    int width = 8;
    for (int i = 0; i < Math.min(SHOWN, rows.size()); i++) {
      width = Math.max(width, rows.get(i).id().length());
    }
    StringBuilder s = new StringBuilder(String.format(
        Locale.ROOT,
        "%4s  %-" + width + "s %9s %10s %10s %12s",
        "#",
        "id",
        "P(alive)",
        "purchases",
        "spend",
        "value"));
    for (int i = 0; i < Math.min(SHOWN, rows.size()); i++) {
      CustomerLtv v = rows.get(i);
      s.append(String.format(
          Locale.ROOT,
          "%n%4d  %-" + width + "s %9.4f %10.4f %10.2f %12.2f",
          i + 1,
          v.id(),
          v.probabilityAlive(),
          v.expectedPurchases(),
          v.expectedSpend(),
          v.value()));
    }
    if (rows.size() > SHOWN) {
      s.append(String.format(Locale.ROOT, "%n  ... %,d more", rows.size() - SHOWN));
    }
    return s.toString();
  }
}
