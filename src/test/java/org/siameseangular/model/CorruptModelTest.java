package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/** Damaged variable files are reported as a ModelException naming the model, never a JVM crash. */
class CorruptModelTest {
  private static Path export(Path dir) throws Exception {
    Path m = dir.resolve("m");
    ModelExporter.export(m, ModelSpec.withUnits(4), KerasInitializers.lstm(4, 1));
    return m;
  }

  private static Path variablesData(Path model) throws Exception {
    try (Stream<Path> files = Files.list(model.resolve("variables"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("variables.data"))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void truncatedVariablesDataIsAModelException(@TempDir Path dir) throws Exception {
    Path m = export(dir);
    Path data = variablesData(m);
    Files.write(data, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SimilarityModel.load(m))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("cannot load the SavedModel at " + m);
  }

  @Test
  void missingVariablesIndexIsAModelException(@TempDir Path dir) throws Exception {
    Path m = export(dir);
    Files.delete(m.resolve("variables").resolve("variables.index"));
    assertThatThrownBy(() -> SimilarityModel.load(m))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(m.toString());
  }

  /**
   * A SavedModel from another TensorFlow version can use ops this runtime lacks: simulated by
   * renaming the distance op's type in saved_model.pb to one no TensorFlow has.
   */
  @Test
  void modelNeedingAnOpThisTensorFlowLacksIsAModelException(@TempDir Path dir) throws Exception {
    Path m = export(dir);
    Path pb = m.resolve("saved_model.pb");
    var saved = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(pb)).toBuilder();
    var graph = saved.getMetaGraphsBuilder(0).getGraphDefBuilder();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      if (graph.getNode(i).getOp().equals("Acos")) {
        graph.getNodeBuilder(i).setOp("AcosFromTensorFlow99");
      }
    }
    Files.write(pb, saved.build().toByteArray());
    assertThatThrownBy(() -> SimilarityModel.load(m))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("cannot load the SavedModel at " + m)
        .hasMessageContaining("AcosFromTensorFlow99");
  }
}
