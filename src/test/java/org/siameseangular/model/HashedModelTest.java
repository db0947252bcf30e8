package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.io.JsonCodec;

/**
 * A model of the hashed encoding across export and reload: its metadata, its weights (the
 * code-point table included) and the refusals that name both encodings when a file and its weights
 * disagree.
 */
class HashedModelTest {
  /** Small moduli keep the test's table small; d 3 differs from the units, as the contract asks. */
  private static final ModelSpec SPEC =
      new ModelSpec(4, new InputEncoding.Hashed(List.of(101, 103, 109), 3), 1e-6f);

  private static final ModelWeights WEIGHTS = KerasInitializers.model(SPEC, 7);

  @Test
  void weightsReaderReturnsTheSpecAndEveryWeightExactly(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, SPEC, WEIGHTS);

    WeightsReader.Model read = WeightsReader.read(dir);

    assertThat(read.spec()).isEqualTo(SPEC);
    assertThat(read.weights()).isEqualTo(WEIGHTS);
  }

  @Test
  void metadataRecordsTheEncodingAndTheModelLoadsWithIt(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, SPEC, WEIGHTS);

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.metadata().encoding()).isEqualTo("hashed");
      assertThat(model.metadata().hashModuli()).containsExactly(101, 103, 109);
      assertThat(model.metadata().embeddingDimension()).isEqualTo(3);
      assertThat(model.metadata().inputCenter()).isNull();
      assertThat(model.metadata().spec()).contains(SPEC);
    }
  }

  @Test
  void nonLatinStringsGetDistinctEmbeddings(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, SPEC, WEIGHTS);

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      // Even untrained: every code point has its own rows, so these differ (the scalar encoding
      // maps all three to one saturated embedding).
      assertThat(model.embed("東京")).isNotEqualTo(model.embed("大阪"));
      assertThat(model.embed("Петров")).isNotEqualTo(model.embed("Иванов"));
      assertThat(model.embed("αβγ")).isNotEqualTo(model.embed("ωψχ"));
    }
  }

  @Test
  void theScalarOnlyReaderRefusesAHashedModelNamingItsEncoding(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, SPEC, WEIGHTS);

    assertThatThrownBy(() -> WeightsReader.read(dir, 0))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("hashed(101x103x109, d3)");
  }

  @Test
  void hashedWeightsUnderScalarMetadataAreRefusedWithAHintAtTheHashedKeys(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, SPEC, WEIGHTS);
    Files.writeString(
        dir.resolve(ModelNames.METADATA_FILE),
        JsonCodec.write(ModelMetadata.describing(ModelSpec.withUnits(4))));

    assertThatThrownBy(() -> WeightsReader.read(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("scalar((c - 96) / 32) with 4 units")
        .hasMessageContaining("lstm/kernel [1, 16]")
        .hasMessageContaining("found float variables: ")
        .hasMessageContaining(ModelNames.EMBEDDINGS + " [313, 3]")
        .hasMessageContaining("\"encoding\": \"hashed\"");
  }

  @Test
  void aTableOfOtherModuliThanTheMetadataSaysIsRefusedNamingBothShapes(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, SPEC, WEIGHTS);
    var other = new ModelSpec(4, new InputEncoding.Hashed(List.of(1031, 1087), 3), 1e-6f);
    Files.writeString(
        dir.resolve(ModelNames.METADATA_FILE), JsonCodec.write(ModelMetadata.describing(other)));

    assertThatThrownBy(() -> WeightsReader.read(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no code-point table [2118, 3]")
        .hasMessageContaining(ModelNames.EMBEDDINGS + " [313, 3]");
  }

  @Test
  void scalarWeightsUnderHashedMetadataAreRefusedNamingTheMissingTable(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, ModelSpec.withUnits(4), KerasInitializers.lstm(4, 1));
    Files.writeString(
        dir.resolve(ModelNames.METADATA_FILE), JsonCodec.write(ModelMetadata.describing(SPEC)));

    assertThatThrownBy(() -> WeightsReader.read(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("hashed(101x103x109, d3) with 4 units")
        .hasMessageContaining("no code-point table [313, 3]")
        .hasMessageContaining("lstm/kernel [1, 16]");
  }

  @Test
  void exportRefusesWeightsThatDoNotFitTheEncoding(@TempDir Path tmp) {
    Path dir = tmp.resolve("model");

    assertThatThrownBy(
            () -> ModelExporter.export(dir, SPEC, ModelWeights.of(KerasInitializers.lstm(4, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hashed(101x103x109, d3)");
    assertThat(dir).doesNotExist();
  }
}
