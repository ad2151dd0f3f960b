package dev.ltv.models;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW sample of Fader, Hardie and Lee (2005) as customer bases in weeks, and the reference
 * values of data/reference (see data/README.md for their origin); loaded once.
 */
final class Cdnow {

  private static final CustomerBase SUMMARY = load("cdnow_customers_summary.csv");
  private static final CustomerBase WITH_SPEND =
      load("cdnow_customers_summary_with_transactions.csv");

  private Cdnow() {}

  /** The 2,357 customers: frequency, recency and age in weeks, no spend. */
  static CustomerBase summary() {
    return SUMMARY;
  }

  /** The same customers with the mean value of their repeat purchases as average spend. */
  static CustomerBase withSpend() {
    return WITH_SPEND;
  }

  /** The rows of a CSV file in the data folder. */
  static List<String[]> rows(String name) {
    return DataFiles.rows(name);
  }

  /**
   * A number from {@code reference/fitted_params.json}: the first {@code "key": value} after the
   * given section headers, each searched after the previous one, e.g. {@code ("BG/NBD", "r")} or
   * {@code ("BG/NBD", "standard_errors", "r")}.
   */
  static double fitted(String... path) {
    String text = DataFiles.text("reference/fitted_params.json");
    int at = 0;
    for (int i = 0; i < path.length; i++) {
      String key = "\"" + path[i] + "\":";
      at = text.indexOf(key, at);
      if (at < 0) {
        throw new IllegalStateException("no " + String.join("/", path) + " in fitted_params.json");
      }
      at += key.length();
    }
    int end = at;
    while (end < text.length() && ",}\n".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return Double.parseDouble(text.substring(at, end).trim());
  }

  private static CustomerBase load(String name) {
    List<Customer> customers = new ArrayList<>();
    for (String[] row : rows(name)) {
      double spend = row.length > 4 ? Double.parseDouble(row[4]) : 0.0;
      customers.add(Customer.of(
          row[0],
          Integer.parseInt(row[1]),
          Double.parseDouble(row[2]),
          Double.parseDouble(row[3]),
          spend));
    }
    return CustomerBase.of(ChronoUnit.WEEKS, customers);
  }
}
