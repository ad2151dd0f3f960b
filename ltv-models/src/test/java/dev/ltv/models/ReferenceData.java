package dev.ltv.models;

import dev.ltv.core.Customer;
import dev.ltv.core.CustomerBase;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CDNOW sample and the reference values in the repository's {@code data} folder (see {@code
 * data/reference/README.md} for their origin), read through {@link DataFiles}.
 */
final class ReferenceData {

  private static volatile CustomerBase cdnow;

  private ReferenceData() {}

  /** The header of a CSV file with a plain header and no quoting. */
  static List<String> header(String name) {
    String text = DataFiles.text(name);
    int end = text.indexOf('\n');
    return List.of(text.substring(0, end < 0 ? text.length() : end).strip().split(",", -1));
  }

  /** The rows of a CSV file with a plain header and no quoting, split on commas. */
  static List<String[]> rows(String name) {
    return DataFiles.rows(name);
  }

  /**
   * The CDNOW sample's calibration summaries (2,357 customers, weeks), from {@code
   * cdnow_customers_summary.csv}.
   */
  static CustomerBase cdnow() {
    CustomerBase result = cdnow;
    if (result == null) {
      List<Customer> customers = new ArrayList<>();
      for (String[] row : rows("cdnow_customers_summary.csv")) {
        customers.add(Customer.of(
            row[0],
            Integer.parseInt(row[1]),
            Double.parseDouble(row[2]),
            Double.parseDouble(row[3])));
      }
      cdnow = result = CustomerBase.of(ChronoUnit.WEEKS, customers);
    }
    return result;
  }

  /**
   * The numbers of one model's object in a JSON reference file, such as {@code "Pareto/NBD
   * (tight)"} in {@code fitted_params.json}: every {@code "key": number} pair inside that object,
   * nested objects included.
   */
  static Map<String, Double> jsonNumbers(String file, String object) {
    String text = DataFiles.text(file);
    int start = text.indexOf("\"" + object + "\"");
    if (start < 0) {
      throw new IllegalArgumentException(object + " not in " + file);
    }
    int open = text.indexOf('{', start);
    int depth = 0;
    int end = open;
    for (; end < text.length(); end++) {
      char c = text.charAt(end);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        break;
      }
    }
    Map<String, Double> numbers = new HashMap<>();
    Matcher m =
        Pattern.compile("\"([^\"]+)\":\\s*(-?[0-9][0-9.eE+-]*)").matcher(text.substring(open, end));
    while (m.find()) {
      numbers.putIfAbsent(m.group(1), Double.parseDouble(m.group(2)));
    }
    return numbers;
  }
}
