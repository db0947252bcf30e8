package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.FloatBounds;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;

/**
 * {@link SimilarityModel#embed(List)} returns each text's own embedding, in the order given, across
 * batches.
 *
 * <p>Compared with {@link SimilarityModel#embed(String)} within {@link FloatBounds}' derived bound
 * for each text and unit (twice the running float32 error bound of the LSTM, as
 * graph/BatchInvarianceTest does): a batch runs the LSTM's matrix products over another batch size,
 * which moves the last float32 bits of some units; a row put back in the wrong place, or a string
 * run past its end over padding, differs by 1e-2 or more.
 */
@Tag("numeric")
class EmbedBatchTest {
  private static final int UNITS = 12;
  private static final ModelSpec SPEC = ModelSpec.withUnits(UNITS);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(UNITS, 9);
  private static final FloatBounds.Lstm EXACT =
      new FloatBounds.Lstm(
          UNITS,
          WEIGHTS.kernel(),
          WEIGHTS.recurrentKernel(),
          WEIGHTS.bias(),
          SPEC.inputCenter(),
          SPEC.inputScale());
  @TempDir static Path dir;
  private static SimilarityModel model;

  @BeforeAll
  static void load() throws Exception {
    ModelExporter.export(dir.resolve("m"), SPEC, WEIGHTS);
    model = SimilarityModel.load(dir.resolve("m"));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void rowsAreTheTextsOwnEmbeddingsInOrderAcrossBatches() {
    // More than two batches, lengths mixed so that sorting by length reorders them.
    List<String> texts =
        new ArrayList<>(DefaultDataset.words().subList(0, SimilarityModel.EMBED_BATCH * 2 + 37));
    texts.add(3, "a much longer text than any word, with spaces");
    texts.add(7, "");
    texts.add(11, "\ud83d\ude00");

    float[][] rows = model.embed(texts);

    assertThat(rows).hasNumberOfRows(texts.size());
    for (int i = 0; i < texts.size(); i += 7) {
      String text = texts.get(i);
      float[] alone = model.embed(text);
      FloatBounds.Embedding bound = EXACT.embed(text);
      assertThat(rows[i]).as("%d: %s", i, text).hasSize(UNITS);
      for (int k = 0; k < UNITS; k++) {
        assertThat((double) rows[i][k])
            .as("%d: %s, unit %d", i, text, k)
            .isCloseTo(alone[k], within(bound.tolerance(k)));
      }
    }
  }

  @Test
  void anEmptyListGivesNoRows() {
    assertThat(model.embed(List.of())).isEmpty();
  }

  @Test
  void aTextOverTheLimitIsRefused() {
    String tooLong = "a".repeat(CodePoints.MAX_CODE_POINTS + 1);

    assertThatThrownBy(() -> model.embed(List.of("ok", tooLong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("code points");
  }
}
