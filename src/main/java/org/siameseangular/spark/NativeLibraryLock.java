package org.siameseangular.spark;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.TensorFlow;

/**
 * Loads TensorFlow's native library under a lock that every JVM on the host shares.
 *
 * <p>JavaCPP extracts the native library (about 650 MB for TensorFlow Java 1.1.0) from its jar into
 * a cache directory ({@code ~/.javacpp/cache}, or the system property {@code
 * org.bytedeco.javacpp.cachedir}) the first time a JVM loads it. Several executor JVMs that start
 * on one host with an empty cache extract the same files at once and can fail with {@code
 * UnsatisfiedLinkError: no jnitensorflow} (bytedeco/javacpp#608, open). Here the first load of each
 * JVM holds an exclusive file lock next to the cache: one JVM extracts, the others wait, then find
 * the files complete and only map them. A cache directory that cannot be written (extracted
 * beforehand into a read-only image) is used without the lock.
 */
final class NativeLibraryLock {
  /** Not JavaCPP's own {@code .lock}: it locks that one itself, inside our lock. */
  static final String LOCK_FILE = ".siamese-angular-native.lock";

  private static boolean loaded;

  private NativeLibraryLock() {}

  /** Loads TensorFlow's native library once per JVM; other JVMs of the host wait for it. */
  static synchronized void load() {
    if (loaded) {
      return;
    }
    Path lockFile = lockFile();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      // A read-only cache (pre-extracted): nothing will be written, so nothing to serialise.
    }
    try (FileChannel c = channel;
        FileLock lock = c == null ? null : c.lock()) {
      TensorFlow.version();
    } catch (IOException e) {
      throw new IllegalStateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
    }
    loaded = true;
  }

  /** The lock file: in JavaCPP's cache directory, so JVMs that share a cache share the lock. */
  static Path lockFile() {
    Path cache;
    try {
      cache = Loader.getCacheDir().toPath();
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create JavaCPP's cache directory (org.bytedeco.javacpp.cachedir): "
              + e.getMessage(),
          e);
    }
    return cache.resolve(LOCK_FILE);
  }
}
