package org.siameseangular.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Thresholds for a target precision and the precision-recall curve, checked by hand. */
class PrecisionTargetTest {
  // Sorted by distance: S S D S S D D D (S = similar).
  private static final float[] D = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
  private static final int[] LABELS = {1, 1, 0, 1, 1, 0, 0, 0};

  @Test
  void theMostRecallAtFullPrecisionStopsBeforeTheFirstDissimilarPair() {
    ThresholdStats t = BinaryMetrics.atPrecision(D, LABELS, 0.99);

    // Below 0.25: 2 similar pairs, no false match; any higher cut lets the 0.3 pair in.
    assertThat(t.threshold()).isEqualTo(((double) 0.2f + (double) 0.3f) / 2);
    assertThat(t.precision()).isEqualTo(1.0);
    assertThat(t.recall()).isEqualTo(0.5);
  }

  @Test
  void aLowerTargetBuysMoreRecall() {
    ThresholdStats t = BinaryMetrics.atPrecision(D, LABELS, 0.8);

    // Below 0.55: 4 similar, 1 dissimilar: precision 0.8, recall 1.
    assertThat(t.tp()).isEqualTo(4);
    assertThat(t.fp()).isEqualTo(1);
    assertThat(t.recall()).isEqualTo(1.0);
  }

  @Test
  void anUnreachableTargetGivesNull() {
    int[] worst = {0, 0, 1, 1, 1, 1, 1, 1};

    assertThat(BinaryMetrics.atPrecision(D, worst, 0.99)).isNull();
  }

  @Test
  void thePrecisionRecallCurveHasOnePointPerCutThatPredictsSomething() {
    List<PrPoint> curve = BinaryMetrics.precisionRecallCurve(D, LABELS);

    assertThat(curve).hasSize(8);
    assertThat(curve.get(0).precision()).isEqualTo(1.0);
    assertThat(curve.get(0).recall()).isEqualTo(0.25);
    assertThat(curve.get(2).precision()).isEqualTo(2.0 / 3);
    assertThat(curve.get(7).recall()).isEqualTo(1.0);
    assertThat(curve.get(7).precision()).isEqualTo(0.5);
  }

  @Test
  void theEvaluationLeadsWithTheModelsThresholdWhenThereIsOne() {
    var pairs =
        List.of(
            new org.siameseangular.data.Pair("a", "a", 1),
            new org.siameseangular.data.Pair("b", "c", 0));
    ScoredPairs scored = ScoredPairs.of(pairs, new float[] {0.2f, 0.6f});

    Evaluation with = Evaluation.of(scored, List.of(), 0.1);
    Evaluation without = Evaluation.of(scored, List.of());

    assertThat(with.headline()).isEqualTo(BinaryMetrics.at(scored.model(), new int[] {1, 0}, 0.1));
    assertThat(with.chosenThreshold()).isEqualTo(0.1);
    assertThat(without.headline()).isEqualTo(without.bestF1());
    assertThat(without.modelThreshold()).isNull();
  }
}
