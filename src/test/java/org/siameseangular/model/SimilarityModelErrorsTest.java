package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/** What a user sees when a model cannot be loaded or is used wrongly. */
class SimilarityModelErrorsTest {
  @TempDir static Path shared;
  private static Path modelDir;
  private static SimilarityModel model;

  @BeforeAll
  static void exportUntrainedModel() throws IOException {
    modelDir = shared.resolve("model");
    ModelExporter.export(modelDir, ModelSpec.withUnits(3), KerasInitializers.lstm(3, 1));
    model = SimilarityModel.load(modelDir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void missingDirectoryIsAModelExceptionSayingItDoesNotExist(@TempDir Path tmp) {
    Path missing = tmp.resolve("nowhere");

    assertThatThrownBy(() -> SimilarityModel.load(missing))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoryWithoutSavedModelPbIsAModelExceptionNamingTheFile(@TempDir Path tmp)
      throws IOException {
    Files.writeString(tmp.resolve("readme.txt"), "not a model");

    assertThatThrownBy(() -> SimilarityModel.load(tmp))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("is not a SavedModel")
        .hasMessageContaining("saved_model.pb is missing");
  }

  @Test
  void garbageSavedModelPbIsAModelExceptionSayingItCannotBeLoaded(@TempDir Path tmp)
      throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("broken"));
    byte[] pb = Files.readAllBytes(modelDir.resolve("saved_model.pb"));
    // Truncated to a third and followed by bytes that are not protobuf.
    byte[] broken = new byte[pb.length / 3 + 64];
    System.arraycopy(pb, 0, broken, 0, pb.length / 3);
    for (int i = pb.length / 3; i < broken.length; i++) {
      broken[i] = (byte) 0xFF;
    }
    Files.write(dir.resolve("saved_model.pb"), broken);

    assertThatThrownBy(() -> SimilarityModel.load(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("cannot load the SavedModel at " + dir);
  }

  @Test
  void useAfterCloseIsAnIllegalStateException() throws IOException {
    SimilarityModel closed = SimilarityModel.load(modelDir);
    closed.close();
    closed.close(); // idempotent

    assertThatThrownBy(() -> closed.distance("a", "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> closed.embed("a")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nulCharacterInTextIsAnIllegalArgumentExceptionNamingIt() {
    assertThatThrownBy(() -> model.distance("ab\u0000c", "abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000 at code point 2");
  }

  @Test
  void distancesOfListsOfDifferentSizesIsAnIllegalArgumentException() {
    assertThatThrownBy(() -> model.distances(List.of("a", "b"), List.of("c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 vs 1");
  }
}
