package org.siameseangular.data;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A new, empty, hidden file beside a target, for writing it atomically (write, then rename over
 * it). Created with {@code CREATE_NEW}, not {@code Files.createTempFile}, so it gets the
 * permissions the umask gives any new file: {@code createTempFile} makes it owner-only, and the
 * rename would carry that to the result.
 */
final class TempSibling {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TempSibling() {}

  /** Creates {@code .<name>.<random>.tmp} in {@code target}'s directory. */
  static Path create(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    while (true) {
      String name =
          "."
              + absolute.getFileName()
              + "."
              + Long.toUnsignedString(RANDOM.nextLong(), 36)
              + ".tmp";
      try {
        return Files.createFile(absolute.resolveSibling(name));
      } catch (FileAlreadyExistsException e) {
        // Drawn twice: draw again.
      }
    }
  }
}
