package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.JsonCodec;

/** A calibrated threshold in {@code siamese-angular.json}: stored, preferred, and harmless. */
class CalibrationMetadataTest {
  private static final ModelMetadata.Calibration CALIBRATION =
      new ModelMetadata.Calibration(0.2, "precision", 0.95, 0.96, 0.5, 0.657, 400, 200, "a.csv");

  private static Path export(Path dir) throws IOException {
    ModelExporter.export(
        dir,
        ModelMetadata.describing(ModelSpec.withUnits(2)).withThreshold(0.4, "best F1"),
        KerasInitializers.lstm(2, 1),
        staged -> {});
    return dir;
  }

  @Test
  void aCalibrationReadsBackEqual() {
    ModelMetadata m = ModelMetadata.describing(ModelSpec.withUnits(2)).withCalibration(CALIBRATION);

    assertThat(JsonCodec.read(JsonCodec.write(m), ModelMetadata.class)).isEqualTo(m);
  }

  @Test
  void theCalibratedThresholdIsTheDecisionThresholdAndTheTrainingOneStays() {
    ModelMetadata m =
        ModelMetadata.describing(ModelSpec.withUnits(2))
            .withThreshold(0.4, "best F1")
            .withCalibration(CALIBRATION);

    assertThat(m.decisionThreshold()).hasValue(0.2);
    assertThat(m.decisionThresholdRule())
        .contains("calibrated for precision >= 0.95 on 400 pairs (a.csv)");
    assertThat(m.threshold()).isEqualTo(0.4);
  }

  @Test
  void withoutACalibrationTheTrainingThresholdDecides() {
    ModelMetadata m =
        ModelMetadata.describing(ModelSpec.withUnits(2)).withThreshold(0.4, "best F1");

    assertThat(m.decisionThreshold()).hasValue(0.4);
    assertThat(m.decisionThresholdRule()).contains("best F1");
  }

  @Test
  void updatingTheMetadataLeavesTheFingerprintAndTheModelFiles(@TempDir Path tmp)
      throws IOException {
    Path dir = export(tmp.resolve("model"));
    String before = ModelFingerprint.of(dir);
    byte[] graph = Files.readAllBytes(dir.resolve("saved_model.pb"));

    ModelExporter.updateMetadata(dir, before, m -> m.withCalibration(CALIBRATION));

    assertThat(ModelFingerprint.of(dir)).isEqualTo(before);
    assertThat(Files.readAllBytes(dir.resolve("saved_model.pb"))).isEqualTo(graph);
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.threshold()).hasValue(0.2);
      assertThat(model.metadata().threshold()).isEqualTo(0.4);
      assertThat(model.fingerprint()).isEqualTo(before);
    }
  }

  @Test
  void aModelWithoutMetadataGetsAFileWithTheCalibrationAlone(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"));
    Files.delete(dir.resolve(ModelNames.METADATA_FILE));

    ModelExporter.updateMetadata(
        dir, ModelFingerprint.of(dir), m -> m.withCalibration(CALIBRATION));

    assertThat(JsonCodec.read(dir.resolve(ModelNames.METADATA_FILE), ModelMetadata.class))
        .isEqualTo(ModelMetadata.NONE.withCalibration(CALIBRATION));
  }

  @Test
  void aModelThatChangedSinceItWasLoadedIsNotUpdated(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"));
    String metadata = Files.readString(dir.resolve(ModelNames.METADATA_FILE));

    assertThatThrownBy(
            () ->
                ModelExporter.updateMetadata(
                    dir, "sha256:another", m -> m.withCalibration(CALIBRATION)))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("changed since it was loaded");
    assertThat(Files.readString(dir.resolve(ModelNames.METADATA_FILE))).isEqualTo(metadata);
  }

  @Test
  void metadataOfANewerFormatIsNotRewritten(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"));
    Path file = dir.resolve(ModelNames.METADATA_FILE);
    Files.writeString(file, "{\"formatVersion\": 99, \"somethingNew\": 1}\n");

    assertThatThrownBy(
            () ->
                ModelExporter.updateMetadata(
                    dir, ModelFingerprint.of(dir), m -> m.withCalibration(CALIBRATION)))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("format version 99");
    assertThat(Files.readString(file)).contains("somethingNew");
  }
}
