package org.siameseangular.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.train.EpochMetrics;
import org.siameseangular.train.Split;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainState;
import org.siameseangular.train.TrainingListener;

/**
 * {@code --patience N}: training stops once N epochs in a row bring no better validation ROC AUC,
 * and the exported model holds the weights of the best epoch, not the last.
 *
 * <p>To make that happen on any CPU, the validation pairs are labelled the wrong way round: the
 * better the model learns the training pairs, the worse its validation AUC, so the first epoch is
 * the best by a wide margin and the later ones only lose. The rules themselves (which epoch is
 * best, when to stop) are checked against the recorded history whatever it turned out to be.
 */
class PatienceTest {
  private static final int PATIENCE = 2;
  private static final int EPOCHS = 12;
  private static final int PAIRS = 1000;

  /** Epoch-end weights (index = epoch - 1) and metrics, as the trainer reports them. */
  private static final class Recorder implements TrainingListener {
    final List<ModelWeights> weights = new ArrayList<>();
    final List<EpochMetrics> metrics = new ArrayList<>();

    @Override
    public void onEpochEnd(EpochMetrics m, boolean best) {
      metrics.add(m);
    }

    @Override
    public void onCheckpoint(TrainState state) {
      if (state.stepInEpoch() == 0) {
        weights.add(state.weights());
      }
    }
  }

  /** The best epoch of the first {@code n}: highest AUC, then lowest loss, then earliest. */
  private static int bestOf(List<EpochMetrics> history, int n) {
    int best = 1;
    for (int e = 2; e <= n; e++) {
      EpochMetrics c = history.get(e - 1);
      EpochMetrics b = history.get(best - 1);
      if (c.valAuc() > b.valAuc() || (c.valAuc() == b.valAuc() && c.valLoss() < b.valLoss())) {
        best = e;
      }
    }
    return best;
  }

  @Test
  void stopsAfterPatienceEpochsWithoutImprovementAndExportsTheBestEpochsWeights(@TempDir Path tmp)
      throws IOException {
    List<Pair> pairs = new ArrayList<>(DefaultDataset.defaultPairs().subList(0, PAIRS));
    int training = Split.trainingSize(PAIRS, TrainConfig.DEFAULT_VALIDATION_SPLIT);
    for (int i = training; i < PAIRS; i++) {
      Pair p = pairs.get(i);
      pairs.set(i, new Pair(p.left(), p.right(), 1 - p.label()));
    }
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, pairs);
    Path out = tmp.resolve("model");
    var recorder = new Recorder();
    TrainConfig config =
        TrainConfig.defaults()
            .withUnits(4)
            .withBatchSize(32)
            .withEpochs(EPOCHS)
            .withPatience(PATIENCE)
            .withSeed(5);

    var outcome =
        (TrainingRun.Finished)
            TrainingRun.fresh(config, data, out).run(List.of(recorder), () -> false, 0);

    List<EpochMetrics> history = recorder.metrics;
    int ran = history.size();
    int best = bestOf(history, ran);
    // The rules, against the recorded history.
    for (int n = 1; n < ran; n++) {
      assertThat(n - bestOf(history, n))
          .as("patience ran out after epoch %d", n)
          .isLessThan(PATIENCE);
    }
    assertThat(ran == EPOCHS || ran - best >= PATIENCE).as("stopped early without cause").isTrue();
    assertThat(outcome.best().epoch()).isEqualTo(best);
    assertThat(outcome.epochs()).isEqualTo(ran);
    assertThat(WeightsReader.read(out).weights())
        .as("the exported weights")
        .isEqualTo(recorder.weights.get(best - 1));
    try (SimilarityModel m = SimilarityModel.load(out)) {
      assertThat(m.metadata().training().bestEpoch()).isEqualTo(best);
      assertThat(m.metadata().training().epochsRun()).isEqualTo(ran);
    }
    // This run shows the feature: patience ended it, and the last epoch's weights were not kept.
    assertThat(ran).as("epochs run, of %d (history %s)", EPOCHS, history).isLessThan(EPOCHS);
    assertThat(recorder.weights.get(ran - 1)).isNotEqualTo(recorder.weights.get(best - 1));
  }
}
