package org.siameseangular.data;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.siameseangular.data.RecordTokenizer.Record;

/**
 * Tables of any columns: a header line naming them, then one record per row. Read as a stream and
 * written back atomically, with every value kept as it was.
 *
 * <p>The format follows the extension, as for pair files: {@code .csv} is comma-separated with RFC
 * 4180 quoting, {@code .tsv} and {@code .txt} tab-separated without quoting. Reading is strict
 * UTF-8 (a leading byte order mark is allowed) with LF or CRLF endings; blank lines are skipped and
 * counted; every row must have as many fields as the header; each problem is a {@link
 * DataException} naming the file and line. Memory is bounded per row: at most {@link #MAX_COLUMNS}
 * fields of at most {@link PairFiles#MAX_CODE_POINTS} code points, {@link #MAX_ROW_CHARS} chars in
 * all.
 *
 * <p>Writing goes to a hidden sibling that becomes the file only on {@link Writer#commit()}: a
 * failure at any row leaves no file, or the old one untouched. A CSV value is quoted when it was
 * quoted in the input or when RFC 4180 requires it (a comma, a quote, a line break), so {@code
 * "Pied Piper, Inc."} comes back as it went in.
 */
public final class TableFiles {
  /** The most columns a table may have. */
  public static final int MAX_COLUMNS = 10_000;

  /** The most chars all fields of one row may hold together (about 2 MB). */
  public static final int MAX_ROW_CHARS = 1_000_000;

  private TableFiles() {}

  /** A table format, chosen by extension. */
  public enum Format {
    CSV(','),
    TSV('\t');

    private final char delimiter;

    Format(char delimiter) {
      this.delimiter = delimiter;
    }

    public char delimiter() {
      return delimiter;
    }

    /** The format of {@code file}'s extension: .csv, or .tsv / .txt. */
    public static Format of(Path file) {
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
          "unsupported table file "
              + file
              + ": the extension must be .csv (comma-separated) or .tsv or .txt (tab-separated)");
    }
  }

  /**
   * One row of a table.
   *
   * @param fields its values, one per column
   * @param quoted whether each value was quoted in the file (CSV only)
   * @param line the 1-based line it starts on
   */
  public record Row(List<String> fields, List<Boolean> quoted, long line) {
    public Row {
      fields = List.copyOf(fields);
      quoted = List.copyOf(quoted);
    }
  }

  /** Opens {@code file} and reads its header. */
  public static Reader read(Path file) {
    return new Reader(file);
  }

  /**
   * Starts writing {@code file} (format by its extension) through a hidden sibling; nothing is at
   * {@code file} until {@link Writer#commit()}.
   *
   * @param source the input the rows come from, named in errors about a row
   */
  public static Writer write(Path file, Path source) {
    return new Writer(file, source);
  }

  /** Streams the rows of a table, header first. */
  public static final class Reader implements Closeable {
    private final Path file;
    private final StrictUtf8Reader in;
    private final RecordTokenizer records;
    private final Row header;

    private Reader(Path file) {
      this.file = file;
      Format format = Format.of(file);
      if (Files.isDirectory(file)) {
        throw new DataException(file, 0, "cannot read " + file + ": it is a directory");
      }
      try {
        in = new StrictUtf8Reader(Files.newByteChannel(file), file);
      } catch (IOException e) {
        throw new DataException(file, 0, "cannot read " + file + ": " + reason(e), e);
      }
      try {
        records =
            new RecordTokenizer(
                in, file, format.delimiter, format == Format.CSV, MAX_COLUMNS, MAX_ROW_CHARS);
        Record first = records.next(List.of());
        if (first == null) {
          throw new DataException(
              file, 0, file + " is empty; its first line must be a header naming the columns");
        }
        if (first.fieldCount() > MAX_COLUMNS) {
          throw new DataException(
              file,
              first.line(),
              "the header has " + first.fieldCount() + " columns; the limit is " + MAX_COLUMNS);
        }
        header = new Row(first.fields(), first.quoted(), first.line());
      } catch (IOException e) {
        closeQuietly();
        throw new DataException(file, 0, "cannot read " + file + ": " + reason(e), e);
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }

    /** The header: the column names. */
    public Row header() {
      return header;
    }

    /**
     * The next row, or null at the end.
     *
     * @throws DataException when the row is malformed or has another number of fields than the
     *     header
     */
    public Row next() {
      Record r;
      try {
        r = records.next(header.fields());
      } catch (IOException e) {
        throw new DataException(file, 0, "cannot read " + file + ": " + reason(e), e);
      }
      if (r == null) {
        return null;
      }
      int columns = header.fields().size();
      if (r.fieldCount() != columns) {
        String hint =
            r.fieldCount() == 1 && r.fields().get(0).indexOf(';') >= 0
                ? PairFiles.SEMICOLON_HINT
                : "";
        throw new DataException(
            file,
            r.line(),
            "expected "
                + columns
                + (columns == 1 ? " field" : " fields")
                + " as in the header, found "
                + r.fieldCount()
                + hint);
      }
      return new Row(r.fields(), r.quoted(), r.line());
    }

    /** Blank lines skipped so far. */
    public int blankLines() {
      return records.blankLines();
    }

    @Override
    public void close() {
      closeQuietly();
    }

    private void closeQuietly() {
      try {
        in.close();
      } catch (IOException ignored) {
        // Read-only: nothing is lost.
      }
    }
  }

  /** Writes rows to a hidden sibling of the target, renamed into place by {@link #commit()}. */
  public static final class Writer implements Closeable {
    private final Path target;
    private final Path source;
    private final Format format;
    private final Path temp;
    private final BufferedWriter out;
    private boolean committed;

    private Writer(Path target, Path source) {
      this.target = target;
      this.source = source;
      this.format = Format.of(target);
      try {
        temp = TempSibling.create(target);
        out =
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8),
                1 << 16);
      } catch (IOException e) {
        throw new DataException(target, 0, "cannot write " + target + ": " + reason(e), e);
      }
    }

    /**
     * Writes one row: each value quoted when {@code quoted} says so (CSV) or when the format
     * requires it.
     *
     * @param line the input line the row comes from, for the message when TSV cannot hold a value
     * @throws DataException when a value holds a tab or line break and the output is TSV
     */
    public void write(List<String> fields, List<Boolean> quoted, long line) {
      var text = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          text.append(format.delimiter);
        }
        String v = fields.get(i);
        boolean wasQuoted = i < quoted.size() && quoted.get(i);
        if (format == Format.CSV) {
          if (wasQuoted || needsQuotes(v)) {
            text.append('"').append(v.replace("\"", "\"\"")).append('"');
          } else {
            text.append(v);
          }
        } else {
          if (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw new DataException(
                source,
                line,
                "field "
                    + (i + 1)
                    + " holds a tab or line break, which the .tsv output "
                    + target
                    + " cannot hold; write a .csv");
          }
          text.append(v);
        }
      }
      text.append('\n');
      try {
        out.write(text.toString());
      } catch (IOException e) {
        throw new DataException(target, 0, "cannot write " + target + ": " + reason(e), e);
      }
    }

    /** Moves the written file into place, replacing {@code target}. */
    public void commit() {
      try {
        out.close();
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
      } catch (IOException e) {
        throw new DataException(target, 0, "cannot write " + target + ": " + reason(e), e);
      }
    }

    /** Without {@link #commit()}, deletes the partial file: the target is left as it was. */
    @Override
    public void close() {
      if (committed) {
        return;
      }
      try {
        out.close();
      } catch (IOException ignored) {
        // The partial file is deleted next; its content does not matter.
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Best effort: a hidden .tmp sibling may remain; the target is untouched either way.
      }
    }

    private static boolean needsQuotes(String v) {
      return v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0;
    }
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
}
