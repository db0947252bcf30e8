package org.siameseangular.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.siameseangular.eval.ThresholdCalibration.Metric;

/** Thresholds chosen for a target precision or recall, on hand-made pairs. */
class ThresholdCalibrationTest {
  // Sorted by distance, labels 1 1 0 1 0 0. Cuts (threshold: tp, fp, precision):
  // 0.1: 0 0 -; 0.15: 1 0 1; 0.25: 2 0 1; 0.35: 2 1 0.667; 0.45: 3 1 0.75; 0.55: 3 2 0.6;
  // just above 0.6: 3 3 0.5.
  private static final float[] D = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
  private static final int[] L = {1, 1, 0, 1, 0, 0};
  private static final double MIDPOINT = 1e-7; // float32 distances averaged in double

  @Test
  void aPrecisionTargetTakesTheHighestRecallThatMeetsIt() {
    ThresholdStats s = ThresholdCalibration.meeting(D, L, Metric.PRECISION, 0.75).orElseThrow();

    assertThat(s.threshold()).isCloseTo(0.45, within(MIDPOINT));
    assertThat(s.tp()).isEqualTo(3);
    assertThat(s.fp()).isEqualTo(1);
  }

  @Test
  void aPrecisionTargetLooksPastACutBelowItWherePrecisionRisesAgain() {
    // At 0.35 precision is 0.667 < 0.7, at 0.45 it is 0.75 again: the later cut is chosen.
    assertThat(ThresholdCalibration.meeting(D, L, Metric.PRECISION, 0.7).orElseThrow().threshold())
        .isCloseTo(0.45, within(MIDPOINT));
  }

  @Test
  void aPrecisionOfOneTakesTheLastCutWithoutFalsePositives() {
    assertThat(ThresholdCalibration.meeting(D, L, Metric.PRECISION, 1.0).orElseThrow().threshold())
        .isCloseTo(0.25, within(MIDPOINT));
  }

  @Test
  void aRecallTargetTakesTheFewestFalsePositivesThatMeetIt() {
    ThresholdStats s = ThresholdCalibration.meeting(D, L, Metric.RECALL, 0.6).orElseThrow();

    assertThat(s.threshold()).isCloseTo(0.25, within(MIDPOINT));
    assertThat(s.recall()).isEqualTo(2 / 3.0);
  }

  @Test
  void aRecallOfOneTakesTheFirstCutWithEverySimilarPair() {
    ThresholdStats s = ThresholdCalibration.meeting(D, L, Metric.RECALL, 1.0).orElseThrow();

    assertThat(s.threshold()).isCloseTo(0.45, within(MIDPOINT));
    assertThat(s.fp()).isEqualTo(1);
  }

  @Test
  void anUnreachablePrecisionGivesNothingAndTheBestThereIs() {
    float[] d = {0.1f, 0.2f};
    int[] labels = {0, 1};

    assertThat(ThresholdCalibration.meeting(d, labels, Metric.PRECISION, 0.9)).isEmpty();
    assertThat(ThresholdCalibration.highestPrecision(d, labels).precision()).isEqualTo(0.5);
  }

  @Test
  void pairsOfOneClassAreRefused() {
    assertThatThrownBy(
            () ->
                ThresholdCalibration.meeting(
                    new float[] {0.1f, 0.2f}, new int[] {1, 1}, Metric.RECALL, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 similar and 0 dissimilar");
  }

  @Test
  void aTargetOutsideTheUnitIntervalIsRefused() {
    assertThatThrownBy(() -> ThresholdCalibration.meeting(D, L, Metric.PRECISION, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 1]");
  }

  @Test
  void wilsonMatchesTheTextbookIntervalForEightOfTen() {
    // Hand-computed from the formula in WilsonInterval with z = 1.959964: 0.4902 to 0.9433.
    WilsonInterval w = WilsonInterval.of(8, 10);

    assertThat(w.low()).isCloseTo(0.49016, within(1e-5));
    assertThat(w.high()).isCloseTo(0.94332, within(1e-5));
  }

  @Test
  void wilsonStaysInsideTheUnitIntervalAtTheEnds() {
    assertThat(WilsonInterval.of(0, 20).low()).isEqualTo(0);
    assertThat(WilsonInterval.of(20, 20).high()).isEqualTo(1);
    assertThat(WilsonInterval.of(20, 20).low()).isCloseTo(0.8389, within(1e-4));
  }
}
