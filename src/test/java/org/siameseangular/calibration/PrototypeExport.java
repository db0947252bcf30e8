package org.siameseangular.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.SiameseGraph;
import org.siameseangular.report.Json;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Writes a SavedModel of any encoding with model/ModelExporter's signatures, for the scoring-speed and Python
 * feasibility checks of the calibration. Not the product's exporter: no atomic swap, and only a small
 * {@code siamese-angular.json} naming the encoding (phase 2 of issue 10 does the real metadata).
 */
final class PrototypeExport {
  private PrototypeExport() {}

  static void export(Path dir, ModelSpec spec, ModelWeights weights) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      SiameseGraph model = SiameseGraph.build(tf, spec, weights);
      Signature distance = Signature.builder().key(ModelNames.DISTANCE_SIGNATURE)
          .methodName(ModelNames.PREDICT_METHOD).input(ModelNames.LEFT, model.left)
          .input(ModelNames.RIGHT, model.right).output(ModelNames.DISTANCE, model.distance).build();
      Signature embed = Signature.builder().key(ModelNames.EMBED_SIGNATURE)
          .methodName(ModelNames.PREDICT_METHOD).input(ModelNames.TEXT, model.text)
          .output(ModelNames.EMBEDDING, model.textEmbedding).build();
      try (Session session = new Session(graph)) {
        session.initialize();
        SavedModelBundle.exporter(dir.toString()).withTags(ModelNames.TAG).withSession(session)
            .withFunction(session.function(distance)).withFunction(session.function(embed)).export();
      }
    }
    var m = new LinkedHashMap<String, Object>();
    m.put("format", "siamese-angular-prototype");
    m.put("units", spec.units());
    m.put("encoding", spec.encoding().describe());
    m.put("clipEpsilon", (double) spec.clipEpsilon());
    Files.writeString(dir.resolve(ModelNames.METADATA_FILE), Json.write(Map.copyOf(m)) + "\n",
        StandardCharsets.UTF_8);
  }
}
