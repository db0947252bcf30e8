package org.siameseangular.data;

import java.nio.file.Path;

/**
 * An error in data supplied by the user, such as a malformed pairs file.
 *
 * <p>The message reads like a compiler diagnostic, {@code pairs.csv:17: label must be 0 or 1, found
 * "2"}: the file name as the user gave it, the 1-based line, what was expected and what was found.
 * Errors that concern a whole file ({@link #line()} is 0) name the file in their own words.
 */
@PublicApi
public final class DataException extends UserException {

  private final transient Path file;
  private final long line;

  /**
   * Creates an error located at a line of a file.
   *
   * @param file the file as the user named it, or null if the error is not about a file
   * @param line the 1-based line, or 0 if the error is not about one line
   * @param detail what was expected and what was found; prefixed with {@code file:line: } when both
   *     are known
   */
  public DataException(Path file, long line, String detail) {
    this(file, line, detail, null);
  }

  /** Like {@link #DataException(Path, long, String)}, with the underlying cause. */
  public DataException(Path file, long line, String detail, Throwable cause) {
    super(format(file, line, detail), cause);
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, found " + line);
    }
    this.file = file;
    this.line = line;
  }

  /** The file the error is in, or null. */
  public Path file() {
    return file;
  }

  /** The 1-based line the error is at, or 0 if it is not about one line. */
  public long line() {
    return line;
  }

  private static String format(Path file, long line, String detail) {
    if (file != null && line > 0) {
      return file + ":" + line + ": " + detail;
    }
    return detail;
  }
}
