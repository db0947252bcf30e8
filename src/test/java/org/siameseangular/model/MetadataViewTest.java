package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/**
 * {@link SimilarityModel#metadata()} is a typed, immutable view: a caller cannot change the model's
 * threshold or signatures through it (it once returned the internal mutable map).
 */
class MetadataViewTest {
  @Test
  void metadataCannotBeChangedThroughTheView(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelMetadata written =
        ModelMetadata.describing(ModelSpec.withUnits(3)).withThreshold(0.25, "set by a test");
    ModelExporter.export(dir, written, KerasInitializers.lstm(3, 1), staged -> {});

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      ModelMetadata view = model.metadata();
      assertThatThrownBy(() -> view.signatures().put("serving_default", "changed"))
          .isInstanceOf(UnsupportedOperationException.class);
      // A "changed" copy is a new value; the model's own stays as written.
      assertThat(view.withThreshold(0.9, "other").threshold()).isEqualTo(0.9);
      assertThat(model.threshold()).hasValue(0.25);
      assertThat(model.metadata().signatures())
          .containsEntry("serving_default", "left, right -> distance");
    }
  }
}
