package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.siameseangular.train.EpochMetrics;

/** The epoch line leads with the AUC and names the threshold of every other number. */
class EpochLineTest {
  @Test
  void aucFirstThenF1AndAccuracyAtTheBestF1ThresholdThenAccuracyAtHalf() {
    var m = new EpochMetrics(3, 0.25, 0.3, 0.75, 0.98, 2.1, 0.2346, 0.95, 0.951);

    String line = ProgressBar.epochLine(m, 40, true);

    assertThat(line)
        .isEqualTo(
            "Epoch 3/40 - 2.1s - loss: 0.2500 - val_loss: 0.3000 - val_auc: 0.9800 - at the val"
                + " best-F1 threshold 0.2346: val_f1 0.9500, val_accuracy 0.9510 - at 0.5:"
                + " val_accuracy 0.7500 (best)");
  }
}
