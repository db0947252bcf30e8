package org.siameseangular.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a char stream into records of delimited fields, skipping blank lines.
 *
 * <p>With quoting on it follows RFC 4180: a field that starts with a double quote runs to the
 * matching closing quote, may hold delimiters and line breaks, and writes a quote as two quotes.
 * With quoting off (TSV) quotes are ordinary characters. A CR right before an LF belongs to the
 * line ending. Only the first {@code storedFields} fields are kept (by default {@link
 * #STORED_FIELDS}); the rest are only counted, and a kept field longer than {@link
 * PairFiles#MAX_CODE_POINTS} code points, or a record whose kept fields exceed {@code
 * maxRecordChars}, stops the read at once, so memory stays bounded whatever the input.
 */
final class RecordTokenizer {

  /**
   * One record: its first fields, how many fields it had, the line it starts on, and whether each
   * kept field was quoted.
   */
  record Record(List<String> fields, int fieldCount, long line, List<Boolean> quoted) {}

  /** Fields kept per record: left, right, label. */
  static final int STORED_FIELDS = 3;

  private static final int QUOTE = '"';
  private static final int EOF = StrictUtf8Reader.EOF;

  private final StrictUtf8Reader in;
  private final Path file;
  private final char delimiter;
  private final boolean quoting;
  private final int storedFields;
  private final long maxRecordChars;
  private final StringBuilder field = new StringBuilder();
  private int blankLines;
  private long recordChars;

  RecordTokenizer(StrictUtf8Reader in, Path file, char delimiter, boolean quoting) {
    this(in, file, delimiter, quoting, STORED_FIELDS, Long.MAX_VALUE);
  }

  /**
   * @param storedFields how many leading fields of each record to keep
   * @param maxRecordChars the most chars the kept fields of one record may hold together
   */
  RecordTokenizer(
      StrictUtf8Reader in,
      Path file,
      char delimiter,
      boolean quoting,
      int storedFields,
      long maxRecordChars) {
    this.in = in;
    this.file = file;
    this.delimiter = delimiter;
    this.quoting = quoting;
    this.storedFields = storedFields;
    this.maxRecordChars = maxRecordChars;
  }

  /** How many blank lines (empty or only spaces) have been skipped so far. */
  int blankLines() {
    return blankLines;
  }

  /**
   * Returns the next non-blank record, or null at the end of input.
   *
   * @param names what to call fields 1 to 3 in a length error
   */
  Record next(List<String> names) throws IOException {
    return next(names, storedFields);
  }

  /** As {@link #next(List)}, keeping the first {@code stored} fields of this record. */
  Record next(List<String> names, int stored) throws IOException {
    while (true) {
      long start = in.line();
      int c = in.read();
      if (c == EOF) {
        return null;
      }
      List<String> fields = new ArrayList<>(Math.min(stored, 16));
      List<Boolean> quotedFields = new ArrayList<>(Math.min(stored, 16));
      int count = 0;
      boolean quoted = false;
      recordChars = 0;
      while (true) {
        String name = count < names.size() ? names.get(count) : "field " + (count + 1);
        boolean keep = count < stored;
        boolean thisQuoted = quoting && c == QUOTE;
        if (thisQuoted) {
          quoted = true;
          c = readQuoted(start, name, keep);
        } else {
          c = readUnquoted(c, start, name, keep);
        }
        if (keep) {
          fields.add(field.toString());
          quotedFields.add(thisQuoted);
          recordChars += field.length();
          if (recordChars > maxRecordChars) {
            throw new DataException(
                file,
                start,
                "the record is longer than the limit of "
                    + maxRecordChars
                    + " characters in all its fields");
          }
        }
        count++;
        if (c != delimiter) {
          break; // end of line or of input
        }
        c = in.read();
      }
      if (count == 1 && !quoted && fields.get(0).chars().allMatch(ch -> ch == ' ')) {
        blankLines++;
        continue;
      }
      return new Record(fields, count, start, quotedFields);
    }
  }

  /** Reads an unquoted field starting with c; returns the char that ended it. */
  private int readUnquoted(int c, long start, String name, boolean keep) throws IOException {
    field.setLength(0);
    int codePoints = 0;
    while (c != delimiter && c != '\n' && c != EOF) {
      if (quoting && c == QUOTE) {
        throw new DataException(
            file,
            in.line(),
            "stray quote in unquoted "
                + name
                + "; a field with quotes must be wholly quoted, with each inner quote doubled"
                + " (\"say \"\"hi\"\"\")");
      }
      if (keep) {
        codePoints = append((char) c, codePoints, start, name, -1);
      }
      c = in.read();
    }
    int last = field.length() - 1;
    if (c != delimiter && last >= 0 && field.charAt(last) == '\r') {
      field.setLength(last); // CRLF line ending
    }
    return c;
  }

  /** Reads a quoted field whose opening quote was just read; returns the char after it. */
  private int readQuoted(long start, String name, boolean keep) throws IOException {
    field.setLength(0);
    long quoteLine = in.line();
    int codePoints = 0;
    while (true) {
      int c = in.read();
      if (c == EOF) {
        throw new DataException(
            file,
            quoteLine,
            "unbalanced quote: the quoted " + name + " starting here is never closed");
      }
      if (c == QUOTE) {
        c = in.read();
        if (c != QUOTE) {
          return afterClosingQuote(c, name);
        }
      }
      if (keep) {
        codePoints = append((char) c, codePoints, start, name, quoteLine);
      }
    }
  }

  private int afterClosingQuote(int c, String name) throws IOException {
    if (c == '\r') {
      long line = in.line();
      c = in.read();
      if (c != '\n') {
        throw new DataException(file, line, "unexpected carriage return after quoted " + name);
      }
    }
    if (c != delimiter && c != '\n' && c != EOF) {
      throw new DataException(
          file,
          in.line(),
          "unexpected character '"
              + Character.toString(c)
              + "' after the closing quote of "
              + name
              + "; expected '"
              + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter))
              + "' or end of line (write a quote inside a quoted field as \"\")");
    }
    return c;
  }

  /** Appends c to the field, enforcing the length limit; returns the new code point count. */
  private int append(char c, int codePoints, long start, String name, long quoteLine) {
    int previous = field.length() - 1;
    boolean secondHalf =
        Character.isLowSurrogate(c)
            && previous >= 0
            && Character.isHighSurrogate(field.charAt(previous));
    field.append(c);
    int count = secondHalf ? codePoints : codePoints + 1;
    if (count > PairFiles.MAX_CODE_POINTS) {
      String hint =
          quoteLine > 0 && in.line() > quoteLine
              ? "; is the quote opened on line " + quoteLine + " unbalanced?"
              : "";
      throw new DataException(
          file,
          start,
          name
              + " is longer than the limit of "
              + PairFiles.MAX_CODE_POINTS
              + " code points (MAX_CODE_POINTS)"
              + hint);
    }
    return count;
  }
}
