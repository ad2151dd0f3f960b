package dev.ltv.core;

import java.io.Serial;

/**
 * A transaction file that cannot be read, with the place of the problem: the file, the line
 * (counted from 1, the header included) and the column, where they are known.
 *
 * @since 0.1
 */
public final class TransactionFileException extends RuntimeException {

  @Serial
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;

  TransactionFileException(
      String source, long line, String column, String problem, Throwable cause) {
    super(describe(source, line, column, problem), cause);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  private static String describe(String source, long line, String column, String problem) {
    StringBuilder s = new StringBuilder(source);
    if (line > 0) {
      s.append(", line ").append(line);
    }
    if (column != null) {
      s.append(", column ").append(column);
    }
    return s.append(": ").append(problem).toString();
  }

  /** The file, or the name the caller gave the input. */
  public String source() {
    return source;
  }

  /** The line, counted from 1 with the header included; 0 when the problem is not on one line. */
  public long line() {
    return line;
  }

  /** The column's name, or {@code null} when the problem is not in one column. */
  public String column() {
    return column;
  }
}
