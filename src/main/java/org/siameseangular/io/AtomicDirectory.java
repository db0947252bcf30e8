package org.siameseangular.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.stream.Stream;

/**
 * Replaces a directory as a whole: a new version is written into a hidden sibling, flushed to disk,
 * and renamed into place. A reader or a crash sees the old directory, the new one, or (between the
 * two renames of a replacement, microseconds) the old one under {@code .<name>.previous}, which
 * {@link #recover} moves back. Never a half-written one.
 */
public final class AtomicDirectory {
  private AtomicDirectory() {}

  /**
   * A fresh hidden staging directory beside {@code target}, with the permissions the umask gives a
   * new directory ({@code Files.createTempDirectory} would make it, and so the model, owner-only).
   */
  public static Path staging(Path target) throws IOException {
    Path parent = parentOf(target);
    Files.createDirectories(parent);
    cleanStale(target);
    String prefix = "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-";
    while (true) {
      try {
        return Files.createDirectory(
            parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36)));
      } catch (FileAlreadyExistsException e) {
        // Another staging directory drew the same name: draw again.
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Moves {@code staged} to {@code target}, replacing it if present. Both must be on one file
   * system.
   */
  public static void replace(Path staged, Path target) throws IOException {
    syncTree(staged);
    TestHook.pause("replace.staged", staged.toString());
    Path previous = previousOf(target);
    if (Files.exists(previous)) {
      recover(target);
      deleteTree(previousOf(target));
    }
    if (Files.exists(target)) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      TestHook.pause("replace.moved-aside", target.toString());
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(parentOf(target));
      TestHook.pause("replace.swapped", target.toString());
      deleteTree(previous);
    } else {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(parentOf(target));
    }
  }

  /** Undoes a replacement cut between its two renames: puts the previous version back. */
  public static void recover(Path target) throws IOException {
    Path previous = previousOf(target);
    if (!Files.exists(target) && Files.isDirectory(previous)) {
      Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Deletes staging directories left by processes that no longer run. */
  static void cleanStale(Path target) throws IOException {
    Path parent = parentOf(target);
    if (!Files.isDirectory(parent)) {
      return;
    }
    String prefix = "." + target.getFileName() + ".tmp-";
    try (Stream<Path> siblings = Files.list(parent)) {
      for (Path p : siblings.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(prefix)) {
          continue;
        }
        String pid = name.substring(prefix.length()).split("-", 2)[0];
        boolean alive;
        try {
          alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
          alive = false;
        }
        if (!alive) {
          deleteTree(p);
        }
      }
    }
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static Path previousOf(Path target) {
    return parentOf(target).resolve("." + target.getFileName() + ".previous");
  }

  private static Path parentOf(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    return parent == null ? target.toAbsolutePath() : parent;
  }

  private static void syncTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.toList()) {
        if (Files.isRegularFile(p)) {
          try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.force(true);
          }
        } else {
          syncDirectory(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the renames are still atomic.
    }
  }
}
