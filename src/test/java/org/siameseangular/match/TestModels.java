package org.siameseangular.match;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;

/**
 * Small exported models with Keras-initialised weights: each seed is another embedding function.
 */
final class TestModels {
  private TestModels() {}

  static SimilarityModel exportAndLoad(Path dir, int units, long seed) throws IOException {
    ModelExporter.export(dir, ModelSpec.withUnits(units), KerasInitializers.lstm(units, seed));
    return SimilarityModel.load(dir);
  }

  /**
   * A copy of the SavedModel in {@code dir} at {@code copy} without its {@code
   * siamese-angular.json}: a model that does not state its head, which {@link SimilarityModel}
   * scores through serving_default only.
   */
  static Path withoutMetadata(Path dir, Path copy) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(dir.relativize(source).toString());
        if (source.getFileName().toString().equals(ModelNames.METADATA_FILE)) {
          continue;
        }
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }
}
