package org.siameseangular.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes tagged pairs as a pairs file with two extra columns: header {@code
 * left,right,label,kind,script}, UTF-8, LF, comma-separated with RFC 4180 quoting ({@code .csv}) or
 * tab-separated ({@code .tsv}, {@code .txt}), atomically (a temporary file moved into place). The
 * first three columns are those of {@link PairFiles}.
 */
public final class TaggedPairFiles {

  /** The header columns. */
  public static final List<String> COLUMNS = List.of("left", "right", "label", "kind", "script");

  private TaggedPairFiles() {}

  /**
   * Writes pairs to file.
   *
   * @throws IllegalArgumentException if a string cannot be written in the format (a tab or line
   *     break in a TSV file, U+0000, empty)
   * @throws DataException if the extension is unsupported or the file cannot be written
   */
  public static void write(Path file, List<TaggedPair> pairs) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    boolean csv = lower.endsWith(".csv");
    if (!csv && !lower.endsWith(".tsv") && !lower.endsWith(".txt")) {
      throw new DataException(
          file, 0, "unsupported pairs file " + file + ": the extension must be .csv, .tsv or .txt");
    }
    char delimiter = csv ? ',' : '\t';
    for (int i = 0; i < pairs.size(); i++) {
      TaggedPair p = pairs.get(i);
      for (String s : List.of(p.left(), p.right())) {
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("pair " + i + ": empty string or U+0000");
        }
        if (!csv && (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
          throw new IllegalArgumentException("pair " + i + ": a tab or line break; use .csv");
        }
      }
    }
    Path target = file.toAbsolutePath();
    Path temp = null;
    try {
      temp = TempSibling.create(target);
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        out.write(String.join(String.valueOf(delimiter), COLUMNS));
        out.write('\n');
        for (TaggedPair p : pairs) {
          out.write(field(csv, p.left()));
          out.write(delimiter);
          out.write(field(csv, p.right()));
          out.write(delimiter);
          out.write(Integer.toString(p.label()));
          out.write(delimiter);
          out.write(p.kind());
          out.write(delimiter);
          out.write(p.script().tag());
          out.write('\n');
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw new DataException(
          file, 0, "cannot write pairs file " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed; that error is the one to report.
        }
      }
    }
  }

  private static String field(boolean csv, String s) {
    if (csv
        && (s.indexOf(',') >= 0
            || s.indexOf('"') >= 0
            || s.indexOf('\n') >= 0
            || s.indexOf('\r') >= 0)) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
