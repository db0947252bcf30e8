package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelWeights;

/**
 * Training the hashed encoding trains its code-point table: the rows of the code points in the data
 * move, and every other row, the padding's included, keeps its initial value bit for bit (their
 * gradient is exactly zero, and Adam's step of a zero gradient from zero moments is zero).
 */
class HashedTrainingTest {
  /** Lower-case English words: code points 'a'..'z' only. */
  private static final List<Pair> PAIRS = DefaultDataset.defaultPairs().subList(0, 320);

  private static final TrainConfig CONFIG =
      TrainConfig.defaults()
          .withEncoding(InputEncoding.Hashed.DEFAULT)
          .withUnits(5)
          .withEpochs(1)
          .withBatchSize(32)
          .withPatience(0);

  private static final InputEncoding.Hashed HASHED = InputEncoding.Hashed.DEFAULT;

  private static final ModelWeights INITIAL = KerasInitializers.model(CONFIG.spec(), 3);

  private static final ModelWeights TRAINED =
      new Trainer(CONFIG).train(PAIRS, TrainState.start(INITIAL)).last().weights();

  private static float[] row(ModelWeights w, int row) {
    int d = HASHED.dimension();
    return Arrays.copyOfRange(w.embeddings(), row * d, (row + 1) * d);
  }

  @Test
  void rowsOfTheLettersInTheDataMove() {
    int[] offsets = HASHED.offsets();
    for (int c = 'a'; c <= 'z'; c++) {
      for (int k = 0; k < offsets.length; k++) {
        int r = offsets[k] + c % HASHED.moduli().get(k);
        assertThat(row(TRAINED, r))
            .as("'%c', modulus %d", (char) c, k)
            .isNotEqualTo(row(INITIAL, r));
      }
    }
  }

  @Test
  void thePaddingRowsAndTheRowsOfUnseenCodePointsStayAsInitialised() {
    int[] offsets = HASHED.offsets();
    // 0 is the padding; 'A' and 'é' never occur in the lower-case ASCII words.
    for (int c : new int[] {0, 'A', 'é'}) {
      for (int k = 0; k < offsets.length; k++) {
        int r = offsets[k] + c % HASHED.moduli().get(k);
        assertThat(row(TRAINED, r)).as("U+%04X, modulus %d", c, k).isEqualTo(row(INITIAL, r));
      }
    }
  }
}
