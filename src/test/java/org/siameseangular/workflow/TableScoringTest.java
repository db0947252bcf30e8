package org.siameseangular.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.TableFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;

/**
 * The path for models without an {@code embed} signature (Keras exports): pairs scored directly.
 */
class TableScoringTest {
  @Test
  void withoutEmbeddingsAChunksPairsAreScoredAsOneDistancesCall(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("m");
    ModelExporter.export(dir, ModelSpec.withUnits(4), KerasInitializers.lstm(4, 2));
    List<Pair> pairs = DefaultDataset.defaultPairs().subList(0, 500);
    var csv = new StringBuilder("left,right\n");
    pairs.forEach(p -> csv.append(p.left()).append(',').append(p.right()).append('\n'));
    Path in = Files.writeString(tmp.resolve("in.csv"), csv);
    Path out = tmp.resolve("out.csv");

    float[] expected;
    TableScoring.Summary summary;
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      summary = new TableScoring(model, false).score(in, out, "left", "right", null);
      expected =
          model.distances(
              pairs.stream().map(Pair::left).toList(), pairs.stream().map(Pair::right).toList());
    }

    assertThat(summary.embedded()).isZero();
    assertThat(summary.scored()).isEqualTo(500);
    List<Float> written = new ArrayList<>();
    try (TableFiles.Reader reader = TableFiles.read(out)) {
      for (TableFiles.Row r = reader.next(); r != null; r = reader.next()) {
        written.add(Float.parseFloat(r.fields().get(2)));
      }
    }
    assertThat(written).hasSize(500);
    for (int i = 0; i < expected.length; i++) {
      assertThat(written.get(i)).as("row %d", i).isEqualTo(expected[i]);
    }
  }
}
