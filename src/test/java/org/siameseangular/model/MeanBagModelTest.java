package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;

/**
 * A mean-bag model through export, {@link WeightsReader} and {@link SimilarityModel}: the pooling
 * travels in the metadata, the weights are the same four as pooling last, and the exported graph
 * pools as the spec says.
 */
class MeanBagModelTest {
  private static final ModelSpec FOLDED =
      new ModelSpec(3, new InputEncoding.Folded(List.of(101, 103, 109), 4), 1e-6f)
          .pooledBy(Pooling.MEAN_BAG);

  @Test
  void weightsReaderReadsThePoolingAndTheWeightsOfAnExport(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("m");
    ModelWeights weights = KerasInitializers.model(FOLDED, 5);
    ModelExporter.export(dir, FOLDED, weights);

    WeightsReader.Model read = WeightsReader.read(dir);

    assertThat(read.spec()).isEqualTo(FOLDED);
    assertThat(read.weights()).isEqualTo(weights);
  }

  @Test
  void oneCharactersEmbeddingIsItsLastStateThenItsScaledCodePoint(@TempDir Path tmp)
      throws IOException {
    // One step: the mean of h is h_1 (a sum of one term divided by 1, exact), which is the last
    // state; the bag is (c - 96) / 32, exact. The same LSTM kernel on the same input either way.
    LstmWeights weights = KerasInitializers.lstm(2, 3);
    ModelExporter.export(tmp.resolve("last"), ModelSpec.withUnits(2), weights);
    ModelExporter.export(
        tmp.resolve("bag"), ModelSpec.withUnits(2).pooledBy(Pooling.MEAN_BAG), weights);

    try (SimilarityModel last = SimilarityModel.load(tmp.resolve("last"));
        SimilarityModel bag = SimilarityModel.load(tmp.resolve("bag"))) {
      float[] embedding = bag.embed("q");

      assertThat(embedding).hasSize(3);
      assertThat(Arrays.copyOf(embedding, 2)).containsExactly(last.embed("q"));
      assertThat(embedding[2]).isEqualTo(('q' - 96) / 32f);
    }
  }

  @Test
  void anUnknownPoolingInTheMetadataIsRefusedNamingTheFile(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("m");
    ModelExporter.export(dir, FOLDED, KerasInitializers.model(FOLDED, 5));
    Path metadata = dir.resolve(ModelNames.METADATA_FILE);
    Files.writeString(
        metadata, Files.readString(metadata).replace("\"mean-bag\"", "\"attention\""));

    assertThatThrownBy(() -> WeightsReader.read(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(ModelNames.METADATA_FILE)
        .hasMessageContaining("unknown pooling \"attention\"");
  }
}
