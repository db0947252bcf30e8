package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.siameseangular.io.JsonCodec;

/** Epochs from checkpoints written before the best-F1 threshold metrics existed still read. */
class EpochMetricsTest {
  @Test
  void anEpochWithoutTheThresholdMetricsReadsThemAsNaN() {
    EpochMetrics m =
        JsonCodec.read(
            "{\"epoch\":2,\"loss\":0.5,\"valLoss\":0.4,\"valAccuracy\":0.75,\"valAuc\":0.9,"
                + "\"seconds\":3.5}",
            EpochMetrics.class);

    assertThat(m).isEqualTo(new EpochMetrics(2, 0.5, 0.4, 0.75, 0.9, 3.5));
    assertThat(m.valThreshold()).isNaN();
    assertThat(m.valF1()).isNaN();
  }

  @Test
  void theThresholdMetricsRoundTrip() {
    var m = new EpochMetrics(2, 0.5, 0.4, 0.75, 0.9, 3.5, 0.3125, 0.875, 0.9);

    assertThat(JsonCodec.read(JsonCodec.write(m), EpochMetrics.class)).isEqualTo(m);
  }
}
