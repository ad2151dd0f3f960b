package dev.ltv.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code examples/quickstart.jsh} in JShell, as the README's first command does, and checks
 * what it prints: the published BG/NBD estimates (Fader, Hardie and Lee 2005; PUBLISHED.md), tiers
 * that hold every customer, ten top customers, the churn-risk count and the cohort tables.
 */
class QuickstartTest {

  @Test
  void quickstart_runsAndPrintsEachTable() throws IOException, InterruptedException {
    Path script = DataFiles.path("cdnow_sample.csv")
        .getParent()
        .resolveSibling("examples")
        .resolve("quickstart.jsh");
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    List<String> classPath = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        classPath.add(value);
      }
    }
    Process process = new ProcessBuilder(
            jshell.toString(),
            "--class-path",
            String.join(File.pathSeparator, classPath),
            "examples/quickstart.jsh")
        .directory(script.getParent().getParent().toFile())
        .redirectErrorStream(true)
        .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "JShell did not finish");
    String text = new String(output, StandardCharsets.UTF_8);

    assertEquals(0, process.exitValue(), text);
    assertTrue(!text.contains("Error:") && !text.contains("Exception"), text);
    assertTrue(text.contains("BG/NBD fit: r = 0.2426"), text);
    assertTrue(text.contains("Gamma-Gamma fit: p = 6.24"), text);
    assertTrue(text.contains("Tiers[quantile, 2,357 customers]"), text);
    assertTrue(text.contains("Platinum") && text.contains("Bronze"), text);
    assertTrue(text.contains("  10  "), text);
    assertTrue(text.contains("Churn risk: 201 of 946 repeat buyers"), text);
    assertTrue(text.contains("CohortTable[3 cohorts by month, 2,357 customers"), text);
    assertTrue(text.contains("CohortProjection[3 cohorts by month"), text);
    assertTrue(Files.exists(script));
  }
}
