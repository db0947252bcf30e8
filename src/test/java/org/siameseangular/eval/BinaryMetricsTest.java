package org.siameseangular.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

  private static final double TOL = 1e-12;

  @Test
  void aucIsOneWhenEverySimilarPairIsCloser() {
    float[] d = {0.1f, 0.2f, 0.7f, 0.9f};
    int[] labels = {1, 1, 0, 0};
    assertThat(BinaryMetrics.rocAuc(d, labels)).isCloseTo(1.0, within(TOL));
  }

  @Test
  void aucIsZeroWhenEverySimilarPairIsFarther() {
    float[] d = {0.9f, 0.7f, 0.2f, 0.1f};
    int[] labels = {1, 1, 0, 0};
    assertThat(BinaryMetrics.rocAuc(d, labels)).isCloseTo(0.0, within(TOL));
  }

  @Test
  void aucIsHalfWhenAllDistancesTie() {
    float[] d = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
    int[] labels = {1, 0, 1, 0, 0};
    assertThat(BinaryMetrics.rocAuc(d, labels)).isCloseTo(0.5, within(TOL));
  }

  @Test
  void aucIsNanWithOnlyOneClass() {
    assertThat(BinaryMetrics.rocAuc(new float[] {0.1f, 0.4f}, new int[] {1, 1})).isNaN();
    assertThat(BinaryMetrics.rocAuc(new float[] {0.1f, 0.4f}, new int[] {0, 0})).isNaN();
  }

  @Test
  void aucOfFourPointsMatchesPairCount() {
    // similar {0.1, 0.5}, dissimilar {0.4, 0.8}: (0.1<0.4) (0.1<0.8) (0.5<0.8) win, (0.5,0.4)
    // loses, so AUC = 3/4.
    float[] d = {0.1f, 0.4f, 0.5f, 0.8f};
    int[] labels = {1, 0, 1, 0};
    assertThat(BinaryMetrics.rocAuc(d, labels)).isCloseTo(0.75, within(TOL));
  }

  @Test
  void aucCountsATiedPairAsHalf() {
    // similar {0.2, 0.9}, dissimilar {0.2, 0.6}: tie 0.5 + win 1 + 0 + 0 = 1.5 of 4 pairs.
    float[] d = {0.2f, 0.2f, 0.6f, 0.9f};
    int[] labels = {1, 0, 0, 1};
    assertThat(BinaryMetrics.rocAuc(d, labels)).isCloseTo(0.375, within(TOL));
  }

  @Test
  void aucMatchesBruteForcePairCountOnRandomTiedData() {
    Random random = new Random(7);
    float[] d = new float[400];
    int[] labels = new int[400];
    for (int i = 0; i < d.length; i++) {
      labels[i] = random.nextInt(2);
      d[i] = Math.round((random.nextFloat() + 0.3f * (1 - labels[i])) * 20) / 20f;
    }
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < d.length; i++) {
      for (int j = 0; j < d.length; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          pairs++;
          wins += d[i] < d[j] ? 1.0 : d[i] == d[j] ? 0.5 : 0.0;
        }
      }
    }
    assertThat(BinaryMetrics.rocAuc(d, labels)).isCloseTo(wins / pairs, within(1e-12));
  }

  @Test
  void rocCurveOfFourPointsHasHandComputedPoints() {
    float[] d = {0.1f, 0.4f, 0.5f, 0.8f};
    int[] labels = {1, 0, 1, 0};
    List<RocPoint> curve = BinaryMetrics.rocCurve(d, labels);
    assertThat(curve).extracting(RocPoint::fpr).containsExactly(0.0, 0.0, 0.5, 0.5, 1.0);
    assertThat(curve).extracting(RocPoint::tpr).containsExactly(0.0, 0.5, 0.5, 1.0, 1.0);
    assertThat(curve.get(1).threshold()).isCloseTo(0.25, within(1e-7));
  }

  @Test
  void rocCurveTrapezoidAreaEqualsAucOnRandomData() {
    Random random = new Random(42);
    float[] d = new float[1000];
    int[] labels = new int[1000];
    for (int i = 0; i < d.length; i++) {
      labels[i] = random.nextInt(2);
      // two decimals so that many distances tie
      d[i] = Math.round((random.nextFloat() * 0.8f + 0.2f * (1 - labels[i])) * 100) / 100f;
    }
    List<RocPoint> curve = BinaryMetrics.rocCurve(d, labels);
    double area = 0;
    for (int i = 1; i < curve.size(); i++) {
      RocPoint a = curve.get(i - 1);
      RocPoint b = curve.get(i);
      area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2; // trapezoid
    }
    assertThat(curve.get(0)).isEqualTo(new RocPoint(curve.get(0).threshold(), 0, 0));
    assertThat(curve.get(curve.size() - 1).fpr()).isEqualTo(1.0);
    assertThat(curve.get(curve.size() - 1).tpr()).isEqualTo(1.0);
    assertThat(area).isCloseTo(BinaryMetrics.rocAuc(d, labels), within(1e-12));
  }

  @Test
  void rocCurveIsEmptyWithOnlyOneClass() {
    assertThat(BinaryMetrics.rocCurve(new float[] {0.1f, 0.2f}, new int[] {1, 1})).isEmpty();
  }

  @Test
  void accuracyPredictsSimilarOnlyStrictlyBelowThreshold() {
    // predicted similar: 0.1 and 0.4 (0.5 is not < 0.5); correct: 0.1 (1), 0.5 (0), 0.9 (0).
    float[] d = {0.1f, 0.5f, 0.4f, 0.9f};
    int[] labels = {1, 0, 0, 0};
    assertThat(BinaryMetrics.accuracy(d, labels, 0.5)).isCloseTo(0.75, within(TOL));
  }

  @Test
  void statsAtThresholdCountTheConfusionMatrix() {
    float[] d = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
    int[] labels = {1, 1, 0, 1, 0};
    ThresholdStats stats = BinaryMetrics.at(d, labels, 0.35);
    // predicted similar: 0.1, 0.2, 0.3 -> tp 2, fp 1, tn 1, fn 1
    assertThat(stats.tp()).isEqualTo(2);
    assertThat(stats.fp()).isEqualTo(1);
    assertThat(stats.tn()).isEqualTo(1);
    assertThat(stats.fn()).isEqualTo(1);
    assertThat(stats.precision()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(stats.recall()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(stats.f1()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(stats.accuracy()).isCloseTo(0.6, within(TOL));
  }

  @Test
  void precisionIsZeroWhenNothingIsPredictedSimilar() {
    ThresholdStats stats = BinaryMetrics.at(new float[] {0.3f, 0.6f}, new int[] {1, 0}, 0.1);
    assertThat(stats.precision()).isZero();
    assertThat(stats.f1()).isZero();
  }

  @Test
  void bestF1PicksTheHandComputedCut() {
    // cuts: 0.15 -> F1 1/2, 0.25 -> 4/5, 0.35 -> 2/3, 0.45 -> 6/7, above 0.5 -> 3/4
    float[] d = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
    int[] labels = {1, 1, 0, 1, 0};
    ThresholdStats best = BinaryMetrics.bestF1(d, labels);
    assertThat(best.threshold()).isCloseTo(0.45, within(1e-7));
    assertThat(best.f1()).isCloseTo(6.0 / 7, within(TOL));
    assertThat(best.precision()).isCloseTo(0.75, within(TOL));
    assertThat(best.recall()).isCloseTo(1.0, within(TOL));
    assertThat(best.accuracy()).isCloseTo(0.8, within(TOL));
  }

  @Test
  void bestYoudenMaximisesTprMinusFpr() {
    // cut 0.25: TPR 2/3, FPR 0 -> J 2/3; cut 0.45: TPR 1, FPR 1/2 -> J 1/2
    float[] d = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
    int[] labels = {1, 1, 0, 1, 0};
    ThresholdStats best = BinaryMetrics.bestYouden(d, labels);
    assertThat(best.threshold()).isCloseTo(0.25, within(1e-7));
    assertThat(best.youden()).isCloseTo(2.0 / 3, within(TOL));
  }

  @Test
  void bestThresholdReproducesItsStatsThroughAt() {
    float[] d = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
    int[] labels = {1, 1, 0, 1, 0};
    ThresholdStats best = BinaryMetrics.bestF1(d, labels);
    assertThat(BinaryMetrics.at(d, labels, best.threshold())).isEqualTo(best);
  }

  @Test
  void meanBceMatchesHandValues() {
    // label 1 -> t = 0: -ln(1 - 0.2); label 0 -> t = 1: -ln(0.2)
    double expected = (-Math.log(0.8) - Math.log(0.2)) / 2;
    assertThat(BinaryMetrics.meanBce(new float[] {0.2f, 0.2f}, new int[] {1, 0}))
        .isCloseTo(expected, within(1e-7));
  }

  @Test
  void meanBceClipsDistanceZeroAndOne() {
    // d = 0, label 0: -ln(1e-7) = 16.1180956...; d = 1, label 1: -ln(1 - (1 - 1e-7)) likewise
    double clipped = -Math.log(1e-7);
    assertThat(BinaryMetrics.meanBce(new float[] {0f}, new int[] {0}))
        .isCloseTo(16.11809565095832, within(1e-9));
    assertThat(BinaryMetrics.meanBce(new float[] {1f}, new int[] {1}))
        .isCloseTo(clipped, within(1e-6));
    // d = 0, label 1: -ln(1 - 1e-7), about 1e-7
    assertThat(BinaryMetrics.meanBce(new float[] {0f}, new int[] {1}))
        .isCloseTo(1.00000005e-7, within(1e-12));
  }

  @Test
  void rejectsArraysOfDifferentLength() {
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new float[] {0.1f}, new int[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 != 2");
  }

  @Test
  void rejectsEmptyArrays() {
    assertThatThrownBy(() -> BinaryMetrics.meanBce(new float[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
