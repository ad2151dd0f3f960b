package dev.ltv.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reference files in the repository's {@code data} folder (see data/README.md for their origin),
 * found by walking up from the working directory.
 */
final class ReferenceData {

  private ReferenceData() {}

  static Path path(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("data file not found: " + name);
  }

  /** The rows of a CSV file with a plain header and no quoting, split on commas. */
  static List<String[]> rows(String name) {
    try {
      return Files.readAllLines(path(name)).stream()
          .skip(1)
          .filter(line -> !line.isBlank())
          .map(line -> line.split(",", -1))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
