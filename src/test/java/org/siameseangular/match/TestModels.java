package org.siameseangular.match;

import java.io.IOException;
import java.nio.file.Path;
import org.siameseangular.graph.KerasInitializers;
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
}
