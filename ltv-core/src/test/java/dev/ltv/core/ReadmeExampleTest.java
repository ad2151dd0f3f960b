package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's JShell quickstart, run exactly as a user types it: the path is relative to the
 * repository's root, which is where a user starts JShell and where the build runs this module's
 * tests (see the surefire settings in its pom). What JShell echoes is checked against the
 * published CDNOW summary (Fader, Hardie and Lee 2005; see data/README.md).
 */
class ReadmeExampleTest {

  @Test
  void quickstart_summarizesTheCdnowSampleInWeeks() {
    assertTrue(
        Files.exists(Path.of("data/cdnow_sample.csv")),
        "the quickstart runs from the repository's root; the working directory is "
            + Path.of("").toAbsolutePath());

    CustomerBase base = TransactionLog.readCsv(Path.of("data/cdnow_sample.csv"))
        .summarize(ChronoUnit.WEEKS, LocalDate.of(1997, 9, 30));

    List<String[]> published = TestData.rows("cdnow_customers_summary_with_transactions.csv");
    long repeatBuyers = published.stream().filter(r -> !r[1].equals("0")).count();
    List<String> lines = base.toString().lines().toList();
    assertEquals(
        String.format(
            "CustomerBase[2,357 customers, %d repeat buyers, 2,457 repeat purchases, unit weeks,"
                + " observed to 1997-09-30]",
            repeatBuyers),
        lines.get(0));
    assertEquals(
        List.of("id", "frequency", "recency", "age", "avg", "spend"),
        List.of(lines.get(1).strip().split("\\s+")));
    for (int i = 0; i < 5; i++) {
      // The published file rounds to two decimals, the echo to three (weeks) and two (money).
      String[] shown = lines.get(2 + i).strip().split("\\s+");
      String[] expected = published.get(i);
      assertEquals(expected[0], shown[0]);
      assertEquals(expected[1], shown[1], expected[0]);
      assertEquals(Double.parseDouble(expected[2]), Double.parseDouble(shown[2]), 0.0051);
      assertEquals(Double.parseDouble(expected[3]), Double.parseDouble(shown[3]), 0.0051);
      assertEquals(Double.parseDouble(expected[4]), Double.parseDouble(shown[4]), 0.0051);
    }
    assertEquals("... 2,352 more", lines.get(7).strip());
    assertEquals(8, lines.size());
  }
}
