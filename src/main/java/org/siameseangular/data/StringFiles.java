package org.siameseangular.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads strings to look up or to look among: one string per line of a text file or of stdin, or one
 * named column of a CSV or TSV table.
 *
 * <p>Lines are strict UTF-8 (a leading byte order mark is allowed), ended by LF or CRLF; a string
 * is the whole line, spaces kept. A table's first record is its header; CSV ({@code .csv}) follows
 * RFC 4180 quoting, TSV (any other name) has none. Blank lines, and blank values in the column, are
 * skipped and counted. A string longer than {@link PairFiles#MAX_CODE_POINTS} code points or
 * holding U+0000 (the model's padding value) is a {@link DataException} at its file and line.
 * Reading streams: memory is bounded by the longest string, and an entry is returned as soon as its
 * line has arrived, which lets a pipe be answered line by line.
 */
public final class StringFiles {
  /** Header fields kept: enough for any real table, few enough that a corrupt header fails fast. */
  static final int MAX_HEADER_FIELDS = 10_000;

  private StringFiles() {}

  /**
   * One string and where it was.
   *
   * @param text the string
   * @param line the 1-based line it starts on
   */
  public record Entry(String text, long line) {}

  /** How a source is laid out. */
  public enum Layout {
    /** One string per line. */
    LINES,
    /** Comma-separated with RFC 4180 quoting and a header. */
    CSV,
    /** Tab-separated without quoting, with a header. */
    TSV;

    /** CSV for {@code .csv}, TSV for {@code .tsv}, else lines. */
    public static Layout of(Path file) {
      Path name = file.getFileName();
      String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv")) {
        return CSV;
      }
      return lower.endsWith(".tsv") ? TSV : LINES;
    }
  }

  /**
   * Opens {@code file}: column {@code column} of a {@code .csv} or {@code .tsv} table, or the lines
   * of any other file (then {@code column} does not apply).
   *
   * @throws DataException if the file cannot be read, is a {@code .csv} or {@code .tsv} table but
   *     no column is named, or the header lacks the column
   */
  public static Source open(Path file, String column) {
    Layout layout = Layout.of(file);
    if (column == null && layout != Layout.LINES) {
      throw new DataException(
          file,
          0,
          file
              + " is a "
              + layout
              + " table: name the column that holds the strings (--column NAME), or give a text"
              + " file with one string per line");
    }
    if (Files.isDirectory(file)) {
      throw new DataException(file, 0, "cannot read " + file + ": it is a directory");
    }
    try {
      var in = new StrictUtf8Reader(Files.newByteChannel(file), file);
      try {
        return new Source(in, file, file.toString(), layout, column);
      } catch (RuntimeException e) {
        in.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new DataException(file, 0, "cannot read " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new DataException(file, 0, "cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new DataException(file, 0, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens a stream of lines, {@code name} ("stdin") naming it in messages. */
  public static Source lines(InputStream in, String name) {
    try {
      return new Source(
          new StrictUtf8Reader(Channels.newChannel(in), null), null, name, Layout.LINES, null);
    } catch (IOException e) {
      throw new DataException(null, 0, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** Reads all of {@code file} (see {@link #open}). */
  public static StringList readAll(Path file, String column) {
    try (Source source = open(file, column)) {
      var texts = new ArrayList<String>();
      var lines = new ArrayList<Long>();
      for (Entry e = source.next(); e != null; e = source.next()) {
        texts.add(e.text());
        lines.add(e.line());
      }
      return new StringList(texts, lines.stream().mapToLong(Long::longValue).toArray(), source);
    }
  }

  /**
   * All strings of a file.
   *
   * @param texts the strings, in file order
   * @param lines the 1-based line of each
   * @param blankSkipped blank lines (or blank values in the column) skipped
   * @param name the file as the caller named it
   */
  public record StringList(List<String> texts, long[] lines, int blankSkipped, String name) {
    public StringList {
      texts = List.copyOf(texts);
      if (lines.length != texts.size()) {
        throw new IllegalArgumentException(texts.size() + " strings, " + lines.length + " lines");
      }
    }

    private StringList(List<String> texts, long[] lines, Source source) {
      this(texts, lines, source.blankSkipped(), source.name());
    }
  }

  /** Strings read one at a time. Not thread-safe. */
  public static final class Source implements Closeable {
    private final StrictUtf8Reader in;
    private final Path file;
    private final String name;
    private final Layout layout;
    private final RecordTokenizer records;
    private final int columnIndex;
    private final List<String> header;
    private final StringBuilder line = new StringBuilder();
    private int blank;
    private boolean ended;

    private Source(StrictUtf8Reader in, Path file, String name, Layout layout, String column)
        throws IOException {
      this.in = in;
      this.file = file;
      this.name = name;
      this.layout = layout;
      if (layout == Layout.LINES) {
        records = null;
        header = List.of();
        columnIndex = -1;
        return;
      }
      records =
          new RecordTokenizer(in, file, layout == Layout.CSV ? ',' : '\t', layout == Layout.CSV);
      RecordTokenizer.Record first = located(() -> records.next(List.of(), MAX_HEADER_FIELDS));
      if (first == null) {
        throw new DataException(
            file, 0, name + " is empty; its first line must be a header naming column " + column);
      }
      if (first.fieldCount() > MAX_HEADER_FIELDS) {
        throw error(first.line(), "the header has more than " + MAX_HEADER_FIELDS + " fields");
      }
      header = first.fields().stream().map(String::strip).toList();
      columnIndex = header.indexOf(column);
      if (columnIndex < 0) {
        String hint =
            header.stream().anyMatch(h -> h.equalsIgnoreCase(column))
                ? " (column names are case-sensitive)"
                : header.size() == 1 && layout == Layout.TSV && header.get(0).indexOf(',') >= 0
                    ? " (the line has commas; comma-separated files must be named .csv)"
                    : "";
        throw error(
            first.line(),
            "no column \""
                + column
                + "\" in the header; its columns are "
                + String.join(", ", header.stream().map(h -> "\"" + h + "\"").toList())
                + hint);
      }
    }

    /** The source as the caller named it. */
    public String name() {
      return name;
    }

    /** Blank lines (or blank values in the column) skipped so far. */
    public int blankSkipped() {
      return blank + (records == null ? 0 : records.blankLines());
    }

    /** The next string, or null at the end. */
    public Entry next() {
      if (ended) {
        return null;
      }
      Entry e = located(layout == Layout.LINES ? this::nextLine : this::nextValue);
      ended = e == null;
      return e;
    }

    private Entry nextLine() throws IOException {
      while (true) {
        long at = in.line();
        int c = in.read();
        if (c == StrictUtf8Reader.EOF) {
          return null;
        }
        line.setLength(0);
        int codePoints = 0;
        while (c != '\n' && c != StrictUtf8Reader.EOF) {
          if (!Character.isLowSurrogate((char) c)) {
            codePoints++;
          }
          if (codePoints > PairFiles.MAX_CODE_POINTS) {
            throw error(at, tooLong("the line"));
          }
          line.append((char) c);
          c = in.read();
        }
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        String text = line.toString();
        if (text.isBlank()) {
          blank++;
          continue;
        }
        return checked(text, at);
      }
    }

    private Entry nextValue() throws IOException {
      while (true) {
        RecordTokenizer.Record r = records.next(header, columnIndex + 1);
        if (r == null) {
          return null;
        }
        if (r.fieldCount() != header.size()) {
          throw error(
              r.line(),
              "expected "
                  + header.size()
                  + " fields as in the header, found "
                  + r.fieldCount()
                  + (r.fieldCount() == 1
                          && layout == Layout.TSV
                          && r.fields().get(0).indexOf(',') >= 0
                      ? " (the line has commas; comma-separated files must be named .csv)"
                      : ""));
        }
        String text = r.fields().get(columnIndex);
        if (text.isBlank()) {
          blank++;
          continue;
        }
        return checked(text, r.line());
      }
    }

    private Entry checked(String text, long at) {
      int nul = text.indexOf('\0');
      if (nul >= 0) {
        throw error(
            at,
            "the string contains U+0000 at code point "
                + (text.codePointCount(0, nul) + 1)
                + "; U+0000 is reserved as the model's padding value");
      }
      return new Entry(text, at);
    }

    private static String tooLong(String what) {
      return what
          + " is longer than the limit of "
          + PairFiles.MAX_CODE_POINTS
          + " code points (MAX_CODE_POINTS)";
    }

    private DataException error(long at, String detail) {
      return file != null
          ? new DataException(file, at, detail)
          : new DataException(null, at, name + ":" + at + ": " + detail);
    }

    @FunctionalInterface
    private interface Read<T> {
      T get() throws IOException;
    }

    /** Runs a read, giving errors a place when the source is not a file. */
    private <T> T located(Read<T> read) {
      try {
        return read.get();
      } catch (DataException e) {
        if (file == null && e.line() > 0 && !e.getMessage().startsWith(name + ":")) {
          throw new DataException(null, e.line(), name + ":" + e.line() + ": " + e.getMessage(), e);
        }
        throw e;
      } catch (IOException e) {
        throw new DataException(file, 0, "cannot read " + name + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        // Reading is over; a failure to release the file changes nothing that was read.
      }
    }
  }
}
