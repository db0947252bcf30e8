package org.siameseangular.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.SparkFiles;
import org.siameseangular.model.ModelException;

/**
 * Where a model named by a path string lives on this JVM (driver or executor).
 *
 * <ul>
 *   <li>{@code spark-archive:NAME}: a directory Spark unpacked from an archive added with {@code
 *       SparkContext.addArchive(zip#NAME)} (what {@link SiameseSpark#shipModel} does) or {@code
 *       spark-submit --archives zip#NAME}: {@code SparkFiles.get(NAME)}, or {@code ./NAME} where
 *       YARN unpacks {@code --archives} into the container's working directory.
 *   <li>anything else: a directory path that this JVM can read (a shared mount, or any local path
 *       in local mode).
 * </ul>
 */
final class ModelLocation {
  static final String ARCHIVE_PREFIX = "spark-archive:";

  private ModelLocation() {}

  /** The model directory {@code modelPath} names on this JVM. */
  static Path resolve(String modelPath) {
    if (modelPath == null || modelPath.isBlank()) {
      throw new IllegalArgumentException("no model path given");
    }
    if (!modelPath.startsWith(ARCHIVE_PREFIX)) {
      return Path.of(modelPath);
    }
    String name = modelPath.substring(ARCHIVE_PREFIX.length());
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException(
          "expected " + ARCHIVE_PREFIX + "NAME (an archive's name, no slash), found " + modelPath);
    }
    List<Path> tried = List.of(Path.of(SparkFiles.get(name)), Path.of(name).toAbsolutePath());
    for (Path p : tried) {
      if (Files.isDirectory(p)) {
        return unwrapSingleDirectory(p);
      }
    }
    throw new ModelException(
        "no archive named "
            + name
            + " was unpacked on this node (looked in "
            + tried
            + "): ship the model with SiameseSpark.shipModel, or spark-submit --archives"
            + " model.zip#"
            + name);
  }

  /**
   * A zip made by zipping the model directory itself (not its contents) unpacks to one directory
   * holding the model; accept that too.
   */
  private static Path unwrapSingleDirectory(Path dir) {
    if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      return dir;
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> all = children.toList();
      if (all.size() == 1 && Files.isRegularFile(all.get(0).resolve("saved_model.pb"))) {
        return all.get(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Writes the files under {@code dir} to {@code out} as a zip, paths relative to {@code dir}. */
  static void zip(Path dir, OutputStream out) throws IOException {
    try (var zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }
}
