package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;

/** The fingerprint follows the files that define the embedding function, and only those. */
class ModelFingerprintTest {
  private static Path export(Path dir, long seed) throws IOException {
    ModelExporter.export(dir, ModelSpec.withUnits(4), KerasInitializers.lstm(4, seed));
    return dir;
  }

  @Test
  void aCopyOfTheDirectoryHasTheSameFingerprint(@TempDir Path tmp) throws IOException {
    Path model = export(tmp.resolve("m"), 1);
    Path copy = tmp.resolve("copy");
    try (Stream<Path> files = Files.walk(model)) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(model.relativize(p).toString()));
      }
    }

    assertThat(ModelFingerprint.of(copy))
        .isEqualTo(ModelFingerprint.of(model))
        .startsWith("sha256:")
        .hasSize(71);
  }

  @Test
  void otherWeightsGiveAnotherFingerprint(@TempDir Path tmp) throws IOException {
    assertThat(ModelFingerprint.of(export(tmp.resolve("a"), 1)))
        .isNotEqualTo(ModelFingerprint.of(export(tmp.resolve("b"), 2)));
  }

  @Test
  void editingTheMetadataKeepsTheFingerprint(@TempDir Path tmp) throws IOException {
    // A calibrated threshold stored in the metadata must not invalidate indexes built with the
    // model.
    Path model = export(tmp.resolve("m"), 1);
    String before = ModelFingerprint.of(model);
    Files.writeString(
        model.resolve(ModelNames.METADATA_FILE), "{\"threshold\": 0.25}", StandardCharsets.UTF_8);

    assertThat(ModelFingerprint.of(model)).isEqualTo(before);
  }

  @Test
  void aChangedVariablesFileChangesTheFingerprint(@TempDir Path tmp) throws IOException {
    Path model = export(tmp.resolve("m"), 1);
    String before = ModelFingerprint.of(model);
    Files.write(
        model.resolve("variables/variables.index"), new byte[] {0}, StandardOpenOption.APPEND);

    assertThat(ModelFingerprint.of(model)).isNotEqualTo(before);
  }

  @Test
  void aLoadedModelReportsTheFingerprintOfItsFiles(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("m"), 1);
    try (var model = SimilarityModel.load(dir)) {
      assertThat(model.fingerprint()).isEqualTo(ModelFingerprint.of(dir));
    }
  }
}
