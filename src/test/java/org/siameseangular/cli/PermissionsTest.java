package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;

/**
 * What the program writes gets the permissions the umask gives any new file or directory, as {@code
 * touch} and {@code mkdir} would: another user or a serving process can read a model when the umask
 * lets them. The references are a file and a directory created plainly in the same place.
 */
class PermissionsTest {
  @TempDir Path tmp;
  private Set<PosixFilePermission> newFile;
  private Set<PosixFilePermission> newDirectory;

  @BeforeEach
  void references() throws IOException {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    newFile = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("reference-file")));
    newDirectory =
        Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("reference-dir")));
  }

  @Test
  void anExportedModelDirectoryAndItsFilesHaveTheUmasksPermissions() throws IOException {
    Path model = tmp.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(2), KerasInitializers.lstm(2, 1));

    List<Path> tree;
    try (Stream<Path> walk = Files.walk(model)) {
      tree = walk.toList();
    }
    assertThat(tree).hasSizeGreaterThan(3);
    for (Path p : tree) {
      assertThat(Files.getPosixFilePermissions(p))
          .as(p.toString())
          .isEqualTo(Files.isDirectory(p) ? newDirectory : newFile);
    }
  }

  @Test
  void aDatasetFileHasTheUmasksPermissions() throws IOException {
    Path out = tmp.resolve("pairs.tsv");

    CliRunner.Run r = CliRunner.run("dataset", "--out", out.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(newFile);
  }

  @Test
  void aScoredTableHasTheUmasksPermissions() throws IOException {
    Path model = tmp.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(2), KerasInitializers.lstm(2, 1));
    Path in = Files.writeString(tmp.resolve("in.csv"), "left,right\na,b\n");
    Path out = tmp.resolve("out.csv");

    CliRunner.Run r =
        CliRunner.run(
            "score", "--model", model.toString(), "--data", in.toString(), "--out", out.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(newFile);
  }
}
