package org.siameseangular.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads {@code left<TAB>right} lines from a stream (what {@code score} reads on stdin), one line at
 * a time, as they arrive.
 *
 * <p>Lines are UTF-8 with LF or CRLF endings; a byte order mark before the first line is dropped. A
 * blank line (empty or only spaces) and a line whose left or right string is empty are returned as
 * lines without a pair, so that a caller writing one output line per input line stays aligned with
 * its input. Everything else that is wrong with a line is a {@link DataException} naming the line:
 * no tab or more than one, invalid UTF-8, U+0000, a string longer than {@link
 * PairFiles#MAX_CODE_POINTS} code points. A line is read only up to its end, so a caller can answer
 * a line before the next one is typed; memory is bounded by {@link #MAX_LINE_BYTES}.
 */
public final class PairLines {
  /**
   * The longest line read, in bytes: two strings of {@link PairFiles#MAX_CODE_POINTS} code points
   * of up to 4 UTF-8 bytes each, a tab and a CRLF.
   */
  public static final int MAX_LINE_BYTES = 8 * PairFiles.MAX_CODE_POINTS + 3;

  /**
   * One input line.
   *
   * @param number the 1-based line number
   * @param left the left string; null for a blank line
   * @param right the right string; null for a blank line
   */
  public record Line(long number, String left, String right) {
    /** False for a blank line and for a line whose left or right string is empty. */
    public boolean hasPair() {
      return left != null && !left.isEmpty() && !right.isEmpty();
    }
  }

  private static final char BOM = '\uFEFF';

  private final InputStream in;
  private final String source;
  private final byte[] buffer = new byte[1 << 16];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private boolean endOfInput;
  private long number;

  /**
   * @param in the stream; not closed here
   * @param source what to call it in messages, e.g. {@code stdin}
   */
  public PairLines(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /**
   * The next line, or null at the end of input. Blocks only until that line is complete.
   *
   * @throws DataException naming the line when it is not a valid {@code left<TAB>right} line
   */
  public Line next() throws IOException {
    if (!readLine()) {
      return null;
    }
    number++;
    String text = decode();
    if (number == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
      text = text.substring(1);
    }
    if (text.chars().allMatch(c -> c == ' ')) {
      return new Line(number, null, null);
    }
    int tab = text.indexOf('\t');
    if (tab < 0 || text.indexOf('\t', tab + 1) >= 0) {
      throw error(
          "expected left<TAB>right, found "
              + (tab < 0 ? "no tab" : "more than one tab")
              + " in \""
              + Texts.abbreviate(text)
              + "\""
              + hint(text, tab));
    }
    String left = text.substring(0, tab);
    String right = text.substring(tab + 1);
    check("left", left);
    check("right", right);
    return new Line(number, left, right);
  }

  /** Reads up to and including the next LF into {@link #line}; false at the end of input. */
  private boolean readLine() throws IOException {
    line.reset();
    boolean any = false;
    while (true) {
      if (position == limit) {
        if (endOfInput) {
          return any;
        }
        int n = in.read(buffer);
        if (n < 0) {
          endOfInput = true;
          return any;
        }
        position = 0;
        limit = n;
        continue;
      }
      any = true;
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      if (line.size() + (end - position) > MAX_LINE_BYTES) {
        number++;
        throw error(
            "the line is longer than "
                + MAX_LINE_BYTES
                + " bytes, more than two strings of "
                + PairFiles.MAX_CODE_POINTS
                + " code points (MAX_CODE_POINTS) can hold");
      }
      line.write(buffer, position, end - position);
      if (end < limit) {
        position = end + 1;
        return true;
      }
      position = end;
    }
  }

  /** The line's bytes as text, without the CR of a CRLF ending. */
  private String decode() {
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(length); // UTF-8 never gives more chars than bytes
    decoder.reset();
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      // The decoder stops at the first byte of the bad sequence.
      throw error(
          String.format(
              Locale.ROOT,
              "invalid UTF-8: byte 0x%02X at byte %d of the line; send UTF-8 text",
              bytes[in.position()] & 0xFF,
              in.position() + 1));
    }
    return out.flip().toString();
  }

  private void check(String column, String s) {
    int nul = s.indexOf('\0');
    if (nul >= 0) {
      throw error(
          column
              + " string contains U+0000 at code point "
              + (s.codePointCount(0, nul) + 1)
              + "; U+0000 is reserved as the model's padding value");
    }
    if (s.codePointCount(0, s.length()) > PairFiles.MAX_CODE_POINTS) {
      throw error(
          column
              + " string is longer than the limit of "
              + PairFiles.MAX_CODE_POINTS
              + " code points (MAX_CODE_POINTS)");
    }
  }

  private static String hint(String text, int tab) {
    if (tab < 0 && text.indexOf(',') >= 0) {
      return " (lines on stdin are tab-separated; to score a CSV file use --data FILE --out FILE)";
    }
    if (tab < 0 && text.indexOf(';') >= 0) {
      return " (lines on stdin are tab-separated, not semicolon-separated)";
    }
    if (tab < 0 && text.indexOf(' ') >= 0) {
      return " (separate the two strings with a tab, not spaces)";
    }
    return "";
  }

  private DataException error(String detail) {
    return new DataException(null, number, source + ", line " + number + ": " + detail);
  }
}
