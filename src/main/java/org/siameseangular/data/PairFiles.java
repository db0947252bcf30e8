package org.siameseangular.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.siameseangular.data.RecordTokenizer.Record;

/**
 * Reads and writes pairs files: a header {@code left,right,label} and one pair per record.
 *
 * <p>The format follows the extension: {@code .csv} is comma-separated with RFC 4180 quoting;
 * {@code .tsv} and {@code .txt} are tab-separated without quoting. Files are strict UTF-8 (a
 * leading byte order mark is allowed), with LF or CRLF line endings; blank lines are skipped.
 * Reading streams the file in linear time and bounded memory. Every problem in the data is reported
 * as a {@link DataException} naming the file and line.
 */
public final class PairFiles {

  /**
   * Longest string accepted, in code points. Far above any name or word; its purpose is to turn a
   * corrupt or wrong file (one huge line) into a clear error instead of exhausting memory.
   */
  public static final int MAX_CODE_POINTS = 100_000;

  private static final List<String> COLUMNS = List.of("left", "right", "label");
  private static final List<String> HEADER_NAMES =
      List.of("header field 1", "header field 2", "header field 3");

  /**
   * Spreadsheets in locales that write a decimal comma (German, French...) save "CSV" with
   * semicolons.
   */
  static final String SEMICOLON_HINT =
      " (the line has semicolons: fields must be separated by commas in .csv files and by tabs in"
          + " .tsv files; save it again as comma-separated, or replace the semicolons with tabs and"
          + " name it .tsv)";

  private PairFiles() {}

  /** A file format, chosen by extension. */
  private enum Format {
    CSV(',', true),
    TSV('\t', false);

    final char delimiter;
    final boolean quoting;

    Format(char delimiter, boolean quoting) {
      this.delimiter = delimiter;
      this.quoting = quoting;
    }

    String header() {
      return String.join(String.valueOf(delimiter), COLUMNS);
    }

    static Format of(Path file) {
      Path name = file.getFileName();
      String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv")) {
        return CSV;
      }
      if (lower.endsWith(".tsv") || lower.endsWith(".txt")) {
        return TSV;
      }
      throw new DataException(
          file,
          0,
          "unsupported pairs file "
              + file
              + ": the extension must be .csv (comma-separated) or .tsv or .txt (tab-separated)");
    }
  }

  /**
   * Reads a pairs file.
   *
   * @param file the file; its extension picks the format
   * @return the pairs, possibly none if the file holds only the header
   * @throws DataException if the file cannot be read or its contents are not valid
   */
  public static PairData read(Path file) {
    Format format = Format.of(file);
    if (Files.isDirectory(file)) {
      throw new DataException(file, 0, "cannot read pairs file " + file + ": it is a directory");
    }
    try (StrictUtf8Reader in = new StrictUtf8Reader(Files.newByteChannel(file), file)) {
      RecordTokenizer records = new RecordTokenizer(in, file, format.delimiter, format.quoting);
      checkHeader(file, format, records.next(HEADER_NAMES));
      List<Pair> pairs = new ArrayList<>();
      for (Record record = records.next(COLUMNS); record != null; record = records.next(COLUMNS)) {
        pairs.add(toPair(file, format, record));
      }
      return new PairData(pairs, records.blankLines(), file);
    } catch (IOException e) {
      throw new DataException(file, 0, "cannot read pairs file " + file + ": " + reason(e), e);
    }
  }

  /**
   * Writes pairs atomically: to a temporary file in the same directory, then moved into place. The
   * output is UTF-8 with LF line endings, header first.
   *
   * @param file the file; its extension picks the format
   * @param pairs the pairs to write
   * @throws IllegalArgumentException if a string could not be read back: empty, containing U+0000
   *     or an unpaired surrogate, longer than {@link #MAX_CODE_POINTS}, or (TSV) containing a tab
   *     or line break
   * @throws DataException if the extension is unsupported or the file cannot be written
   */
  public static void write(Path file, List<Pair> pairs) {
    Format format = Format.of(file);
    for (int i = 0; i < pairs.size(); i++) {
      checkWritable(format, pairs.get(i), i);
    }
    Path target = file.toAbsolutePath();
    Path temp = null;
    try {
      temp = TempSibling.create(target);
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        out.write(format.header());
        out.write('\n');
        for (Pair pair : pairs) {
          out.write(field(format, pair.left()));
          out.write(format.delimiter);
          out.write(field(format, pair.right()));
          out.write(format.delimiter);
          out.write(Integer.toString(pair.label()));
          out.write('\n');
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw new DataException(file, 0, "cannot write pairs file " + file + ": " + reason(e), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void checkHeader(Path file, Format format, Record header) {
    String expected = format.header();
    if (header == null) {
      throw new DataException(
          file,
          0,
          "pairs file "
              + file
              + " is empty; its first line must be the header \""
              + escape(expected)
              + "\"");
    }
    List<String> fields = header.fields();
    boolean exact = header.fieldCount() == COLUMNS.size();
    boolean ignoringCase = exact;
    for (int i = 0; exact && i < COLUMNS.size(); i++) {
      exact = fields.get(i).strip().equals(COLUMNS.get(i));
    }
    if (exact) {
      return;
    }
    for (int i = 0; ignoringCase && i < COLUMNS.size(); i++) {
      ignoringCase = fields.get(i).strip().equalsIgnoreCase(COLUMNS.get(i));
    }
    String found = String.join(String.valueOf(format.delimiter), fields);
    if (header.fieldCount() > fields.size()) {
      found += format.delimiter + "...";
    }
    String hint = "";
    if (ignoringCase) {
      hint = " (column names are case-sensitive)";
    } else if (header.fieldCount() == COLUMNS.size() && isLabel(fields.get(2))) {
      hint = " (the first line looks like data; add the header line before it)";
    } else {
      hint = delimiterHint(format, header);
    }
    throw new DataException(
        file,
        header.line(),
        "expected header \"" + escape(expected) + "\", found " + excerpt(found) + hint);
  }

  private static Pair toPair(Path file, Format format, Record record) {
    List<String> fields = record.fields();
    long line = record.line();
    if (record.fieldCount() != COLUMNS.size()) {
      throw new DataException(
          file,
          line,
          "expected 3 columns (left, right, label), found "
              + record.fieldCount()
              + delimiterHint(format, record));
    }
    for (int i = 0; i < 2; i++) {
      String problem = stringProblem(COLUMNS.get(i), fields.get(i));
      if (problem != null) {
        throw new DataException(file, line, problem);
      }
    }
    String label = fields.get(2);
    if (!isLabel(label)) {
      throw new DataException(file, line, "label must be 0 or 1, found " + excerpt(label));
    }
    return new Pair(fields.get(0), fields.get(1), label.charAt(0) - '0');
  }

  private static boolean isLabel(String s) {
    return s.equals("0") || s.equals("1");
  }

  /** Suggests the other format when a one-column record holds the other delimiter. */
  private static String delimiterHint(Format format, Record record) {
    if (record.fieldCount() != 1) {
      return "";
    }
    String only = record.fields().get(0);
    if (format == Format.CSV && only.indexOf('\t') >= 0) {
      return " (the line has tabs; tab-separated files must be named .tsv)";
    }
    if (format == Format.TSV && only.indexOf(',') >= 0) {
      return " (the line has commas; comma-separated files must be named .csv)";
    }
    if (only.indexOf(';') >= 0) {
      return SEMICOLON_HINT;
    }
    return "";
  }

  /** Returns why s is not a valid string of a pair, or null if it is; column names it. */
  private static String stringProblem(String column, String s) {
    if (s.isEmpty()) {
      return column + " string is empty; empty strings are not valid in pairs files";
    }
    int nul = s.indexOf('\0');
    if (nul >= 0) {
      return column
          + " string contains U+0000 at code point "
          + (s.codePointCount(0, nul) + 1)
          + "; U+0000 is reserved as the model's padding value";
    }
    return null;
  }

  private static void checkWritable(Format format, Pair pair, int index) {
    for (String column : List.of("left", "right")) {
      String s = column.equals("left") ? pair.left() : pair.right();
      String problem = stringProblem(column, s);
      if (problem == null && s.codePointCount(0, s.length()) > MAX_CODE_POINTS) {
        problem = column + " string is longer than " + MAX_CODE_POINTS + " code points";
      }
      if (problem == null && hasUnpairedSurrogate(s)) {
        problem = column + " string has an unpaired surrogate, which UTF-8 cannot encode";
      }
      if (problem == null
          && format == Format.TSV
          && (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
        problem = column + " string contains a tab or line break, which TSV cannot hold; use .csv";
      }
      if (problem != null) {
        throw new IllegalArgumentException("pair " + index + ": " + problem);
      }
    }
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Formats one string field, quoting it in CSV when RFC 4180 requires. */
  private static String field(Format format, String s) {
    if (format == Format.CSV
        && (s.indexOf(',') >= 0
            || s.indexOf('"') >= 0
            || s.indexOf('\n') >= 0
            || s.indexOf('\r') >= 0)) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /** Quotes user text for a message: escaped, and shortened past {@link Texts#abbreviate}. */
  private static String excerpt(String s) {
    return '"' + escape(Texts.abbreviate(s)) + '"';
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\")
        .replace("\"", "\\\"")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("\0", "\\0");
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Best effort: the write already failed and that error is the one to report.
    }
  }
}
