package org.siameseangular.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streams the chars of a UTF-8 file and knows which line it is on.
 *
 * <p>Decoding is strict: a malformed or truncated byte sequence becomes a {@link DataException} at
 * the line holding the bad byte. Every char decoded before the bad byte is delivered first, so the
 * line count is exact. A leading byte order mark is dropped.
 */
final class StrictUtf8Reader implements Closeable {

  /** End of input, as in {@link java.io.Reader#read()}. */
  static final int EOF = -1;

  private static final char BOM = '\uFEFF';
  // 64 KiB: large enough that channel reads are cheap, small enough to stay in cache.
  private static final int BUFFER_SIZE = 1 << 16;

  private final ReadableByteChannel channel;
  private final Path file;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
  private boolean endOfBytes;
  private boolean flushed;
  private CoderResult pendingError;
  private boolean atStart = true;
  private long line = 1;

  StrictUtf8Reader(ReadableByteChannel channel, Path file) {
    this.channel = channel;
    this.file = file;
  }

  /** The 1-based line of the next char to be read. */
  long line() {
    return line;
  }

  /** Returns the next char, or {@link #EOF}. */
  int read() throws IOException {
    while (!chars.hasRemaining()) {
      if (!fill()) {
        return EOF;
      }
    }
    char c = chars.get();
    if (atStart) {
      atStart = false;
      if (c == BOM) {
        return read();
      }
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  /** Decodes more chars; returns false at the end of input. */
  private boolean fill() throws IOException {
    if (pendingError != null) {
      throw new DataException(
          file, line, "invalid UTF-8: " + describe(pendingError) + "; save the file as UTF-8");
    }
    if (flushed) {
      return false;
    }
    chars.clear();
    while (chars.position() == 0) {
      CoderResult result = decoder.decode(bytes, chars, endOfBytes);
      if (result.isError()) {
        pendingError = result;
        break;
      }
      // Return what has been decoded before reading on: on a pipe, another read would wait for
      // input that may only come after this is answered.
      if (result.isOverflow() || chars.position() > 0) {
        break;
      }
      if (endOfBytes) {
        decoder.flush(chars);
        flushed = true;
        break;
      }
      bytes.compact();
      endOfBytes = channel.read(bytes) < 0;
      bytes.flip();
    }
    chars.flip();
    return chars.hasRemaining() || pendingError != null;
  }

  private String describe(CoderResult error) {
    int length = error.length();
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < length && i < bytes.remaining(); i++) {
      if (i > 0) {
        hex.append(' ');
      }
      hex.append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
    }
    return (length == 1 ? "byte " : "bytes ") + hex + " not valid in UTF-8";
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
