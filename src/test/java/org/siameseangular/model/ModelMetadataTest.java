package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.Pooling;
import org.siameseangular.io.JsonCodec;

/**
 * {@code siamese-angular.json} as a typed record: what this version writes reads back equal, and
 * the files that models already on disk carry (a Java export of format 1 written before the move to
 * Jackson records, and the Keras reference's) still load.
 */
class ModelMetadataTest {
  private static final Path KERAS_REFERENCE = Path.of("models", "keras-reference");

  private static String legacyJavaMetadata() throws IOException {
    try (InputStream in = ModelMetadataTest.class.getResourceAsStream("metadata-v1.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ModelMetadata trained() {
    return ModelMetadata.describing(ModelSpec.withUnits(5))
        .withProducer("siamese-angular train")
        .withTraining(
            new ModelMetadata.Training(
                42L,
                "adam",
                0.005,
                32,
                0.1,
                "pairs.csv",
                3,
                2,
                new ModelMetadata.Metrics(0.5, 0.6, 0.75, Double.NaN),
                1.5))
        .withThreshold(0.125, "best F1 on the validation split");
  }

  @Test
  void whatIsWrittenReadsBackEqualWithAnUndefinedAucAsNaN() {
    ModelMetadata written = trained();

    ModelMetadata read = JsonCodec.read(JsonCodec.write(written), ModelMetadata.class);

    assertThat(read).isEqualTo(written);
    assertThat(read.training().metrics().valAuc()).isNaN();
  }

  @Test
  void writtenScalarFileHasTheKeysOfFormatVersion1PlusTheEncodingAndPooling() throws IOException {
    Map<String, Object> legacy = object(legacyJavaMetadata());
    List<String> expected = new ArrayList<>(legacy.keySet());
    expected.add(expected.indexOf("units") + 1, "encoding");
    expected.add(expected.indexOf("clipEpsilon") + 1, "pooling");

    Map<String, Object> written = object(JsonCodec.write(trained()));

    assertThat(written.keySet()).containsExactlyElementsOf(expected);
    assertThat(written.get("encoding")).isEqualTo("scalar");
    assertThat(written.get("pooling")).isEqualTo("last");
    assertThat(object(JsonCodec.write(written.get("metrics"))).keySet())
        .containsExactlyInAnyOrderElementsOf(
            object(JsonCodec.write(legacy.get("metrics"))).keySet());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json) {
    return JsonCodec.read(json, Map.class);
  }

  @Test
  void javaExportOfFormatVersion1Reads() throws IOException {
    ModelMetadata m = JsonCodec.read(legacyJavaMetadata(), ModelMetadata.class);

    assertThat(m.spec()).contains(ModelSpec.withUnits(2));
    assertThat(m.formatVersion()).isEqualTo(1);
    assertThat(m.producer()).isEqualTo("siamese-angular train");
    assertThat(m.training().seed()).isEqualTo(42L);
    assertThat(m.training().bestEpoch()).isEqualTo(2);
    assertThat(m.training().metrics().valAuc()).isEqualTo(0.74);
    assertThat(m.decisionThreshold()).hasValue(0.016072723548859358);
    assertThat(m.signatures())
        .containsKeys(ModelNames.DISTANCE_SIGNATURE, ModelNames.EMBED_SIGNATURE);
  }

  @Test
  void kerasReferenceMetadataReadsWithoutTrainingOrThreshold() throws IOException {
    ModelMetadata m =
        JsonCodec.read(KERAS_REFERENCE.resolve(ModelNames.METADATA_FILE), ModelMetadata.class);

    assertThat(m.spec()).contains(ModelSpec.withUnits(10));
    assertThat(m.producer()).isEqualTo("keras-reference");
    assertThat(m.training()).isNull();
    assertThat(m.decisionThreshold()).isEmpty();
  }

  @Test
  void aHashedModelRecordsItsModuliAndDimensionAndNoScaling() {
    var spec = new ModelSpec(6, new InputEncoding.Hashed(List.of(1031, 1087), 8), 1e-6f);

    Map<String, Object> written = object(JsonCodec.write(ModelMetadata.describing(spec)));

    assertThat(written)
        .containsEntry("encoding", "hashed")
        .containsEntry("hashModuli", List.of(1031, 1087))
        .containsEntry("embeddingDimension", 8)
        .doesNotContainKeys("inputCenter", "inputScale");
    assertThat(
            JsonCodec.read(JsonCodec.write(ModelMetadata.describing(spec)), ModelMetadata.class)
                .spec())
        .contains(spec);
  }

  @Test
  void aFileWithoutAnEncodingIsScalar() {
    ModelMetadata m =
        JsonCodec.read(
            "{\"units\": 3, \"inputCenter\": 96.0, \"inputScale\": 32.0, \"clipEpsilon\": 1e-6}",
            ModelMetadata.class);

    assertThat(m.spec()).contains(ModelSpec.withUnits(3));
  }

  @Test
  void aHashedFileWithoutItsModuliGivesNoSpec() {
    ModelMetadata m =
        JsonCodec.read(
            "{\"units\": 3, \"encoding\": \"hashed\", \"embeddingDimension\": 8,"
                + " \"clipEpsilon\": 1e-6}",
            ModelMetadata.class);

    assertThat(m.spec()).isEmpty();
    assertThatThrownBy(() -> m.specFields().toSpec())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hashModuli missing for the hashed encoding");
  }

  @Test
  void anUnknownEncodingIsRefusedNamingTheKnownOnes() {
    ModelMetadata m =
        JsonCodec.read(
            "{\"units\": 3, \"encoding\": \"bytes\", \"clipEpsilon\": 1e-6}", ModelMetadata.class);

    // Scoring needs no spec (the graph is in the SavedModel); rebuilding the graph does.
    assertThat(m.spec()).isEmpty();
    assertThatThrownBy(() -> m.specFields().toSpec())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown encoding \"bytes\"")
        .hasMessageContaining("\"scalar\", \"hashed\" and \"folded\"");
  }

  @Test
  void theDefaultWindowsModelRecordsItsPoolingAndReadsBackEqual() {
    ModelSpec spec = ModelSpec.defaults();

    String json = JsonCodec.write(ModelMetadata.describing(spec));

    assertThat(object(json)).containsEntry("pooling", "windows");
    assertThat(JsonCodec.read(json, ModelMetadata.class).spec()).contains(spec);
  }

  @Test
  void aFileWithoutAPoolingPoolsByTheLastState() {
    // Every model and checkpoint written before mean-bag existed, and the Keras original's export.
    ModelMetadata m =
        JsonCodec.read(
            "{\"units\": 3, \"encoding\": \"folded\", \"hashModuli\": [1031, 1087],"
                + " \"embeddingDimension\": 16, \"clipEpsilon\": 1e-6}",
            ModelMetadata.class);

    assertThat(m.spec()).contains(ModelSpec.folded(3));
    assertThat(m.spec().orElseThrow().pooling()).isEqualTo(Pooling.LAST);
  }

  @Test
  void anUnknownPoolingIsRefusedNamingTheKnownOnes() {
    ModelMetadata m =
        JsonCodec.read(
            "{\"units\": 3, \"inputCenter\": 96.0, \"inputScale\": 32.0, \"clipEpsilon\":"
                + " 1e-6, \"pooling\": \"max\"}",
            ModelMetadata.class);

    assertThat(m.spec()).isEmpty();
    assertThatThrownBy(() -> m.specFields().toSpec())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown pooling \"max\": this version knows \"last\", \"mean-bag\", \"words\" and"
                + " \"windows\"");
  }

  @Test
  void aLoadedMeanBagModelEmbedsUnitsPlusWidthValues(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelSpec spec = ModelSpec.withUnits(2).pooledBy(Pooling.MEAN_BAG);
    ModelExporter.export(dir, spec, KerasInitializers.lstm(2, 1));

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.units()).contains(2);
      assertThat(model.embeddingSize()).contains(3);
      assertThat(model.embed("abc")).hasSize(3);
    }
  }

  @Test
  void unknownKeysAreIgnored() {
    ModelMetadata m =
        JsonCodec.read("{\"units\": 3, \"fromAFutureVersion\": [1]}", ModelMetadata.class);

    assertThat(m.units()).isEqualTo(3);
  }

  @Test
  void aModelCarryingFormatVersion1MetadataLoadsWithItsThreshold(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, ModelSpec.withUnits(2), KerasInitializers.lstm(2, 1));
    Files.writeString(dir.resolve(ModelNames.METADATA_FILE), legacyJavaMetadata());

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.threshold()).hasValue(0.016072723548859358);
      assertThat(model.units()).contains(2);
      assertThat(model.metadata().training().dataset()).isEqualTo("/tmp/gen/pairs.csv");
    }
  }

  @Test
  void aModelWithoutMetadataHasNone(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelExporter.export(dir, ModelSpec.withUnits(2), KerasInitializers.lstm(2, 1));
    Files.delete(dir.resolve(ModelNames.METADATA_FILE));

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.metadata()).isEqualTo(ModelMetadata.NONE);
      assertThat(model.units()).isEmpty();
      assertThat(model.threshold()).isEmpty();
    }
  }
}
