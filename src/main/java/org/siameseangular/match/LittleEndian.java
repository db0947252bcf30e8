package org.siameseangular.match;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian files of ints, floats and bytes, with a CRC-32C of everything written or
 * read.
 */
final class LittleEndian {
  private static final int BUFFER = 1 << 20;

  private LittleEndian() {}

  /** Writes a new file. */
  static final class Writer implements Closeable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long bytes;

    Writer(Path file) throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    void writeInt(int v) throws IOException {
      room(Integer.BYTES);
      buffer.putInt(v);
    }

    void writeInts(int[] values) throws IOException {
      for (int i = 0; i < values.length; ) {
        room(Integer.BYTES);
        int n = Math.min(values.length - i, buffer.remaining() / Integer.BYTES);
        buffer.asIntBuffer().put(values, i, n);
        buffer.position(buffer.position() + n * Integer.BYTES);
        i += n;
      }
    }

    void writeFloats(float[] values) throws IOException {
      for (int i = 0; i < values.length; ) {
        room(Float.BYTES);
        int n = Math.min(values.length - i, buffer.remaining() / Float.BYTES);
        buffer.asFloatBuffer().put(values, i, n);
        buffer.position(buffer.position() + n * Float.BYTES);
        i += n;
      }
    }

    void writeBytes(byte[] values) throws IOException {
      for (int i = 0; i < values.length; ) {
        room(1);
        int n = Math.min(values.length - i, buffer.remaining());
        buffer.put(values, i, n);
        i += n;
      }
    }

    /** Bytes written so far. */
    long bytes() {
      return bytes + buffer.position();
    }

    /** The CRC-32C of the whole file; call after {@link #close}. */
    long crc() {
      return crc.getValue();
    }

    private void room(int needed) throws IOException {
      if (buffer.remaining() < needed) {
        flush();
      }
    }

    private void flush() throws IOException {
      buffer.flip();
      crc.update(buffer.duplicate());
      bytes += buffer.remaining();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        flush();
      }
    }
  }

  /** Reads a file of a known length; reading past its end throws {@link Damaged}. */
  static final class Reader implements Closeable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long unread;

    Reader(Path file) throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      unread = channel.size();
      buffer.limit(0);
    }

    int readInt() throws IOException {
      need(Integer.BYTES);
      return buffer.getInt();
    }

    void readInts(int[] into) throws IOException {
      for (int i = 0; i < into.length; ) {
        need(Integer.BYTES);
        int n = Math.min(into.length - i, buffer.remaining() / Integer.BYTES);
        buffer.asIntBuffer().get(into, i, n);
        buffer.position(buffer.position() + n * Integer.BYTES);
        i += n;
      }
    }

    void readFloats(float[] into) throws IOException {
      for (int i = 0; i < into.length; ) {
        need(Float.BYTES);
        int n = Math.min(into.length - i, buffer.remaining() / Float.BYTES);
        buffer.asFloatBuffer().get(into, i, n);
        buffer.position(buffer.position() + n * Float.BYTES);
        i += n;
      }
    }

    byte[] readBytes(int length) throws IOException {
      if (length < 0 || length > remaining()) {
        throw new Damaged(
            "a length of " + length + " bytes with " + remaining() + " left in the file");
      }
      byte[] out = new byte[length];
      for (int i = 0; i < length; ) {
        need(1);
        int n = Math.min(length - i, buffer.remaining());
        buffer.get(out, i, n);
        i += n;
      }
      return out;
    }

    /** Bytes not yet read. */
    long remaining() {
      return unread + buffer.remaining();
    }

    /** The CRC-32C of the bytes read so far (all of them, once {@link #remaining()} is 0). */
    long crc() {
      return crc.getValue();
    }

    private void need(int bytes) throws IOException {
      if (buffer.remaining() >= bytes) {
        return;
      }
      buffer.compact();
      while (buffer.position() < bytes || (buffer.hasRemaining() && unread > 0)) {
        if (unread == 0) {
          throw new Damaged("it ends early");
        }
        int start = buffer.position();
        int read = channel.read(buffer);
        if (read < 0) {
          throw new Damaged("it ends early");
        }
        unread -= read;
        crc.update(buffer.array(), start, read);
      }
      buffer.flip();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** A file whose contents do not have the expected form. */
  static final class Damaged extends IOException {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }
}
