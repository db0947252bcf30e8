package org.siameseangular.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.siameseangular.data.Pair;

class EvaluationTest {
  /** Two typos (similar), one dissimilar pair of kind "different", one transposition. */
  private static final List<Pair> PAIRS =
      List.of(
          new Pair("colour", "color", 1),
          new Pair("house", "mouse", 0),
          new Pair("recieve", "receive", 1),
          new Pair("apple", "stone", 0));

  private static final List<String> KINDS =
      List.of("deletion", "different", "transposition", "different");

  private static final float[] DISTANCES = {0.1f, 0.3f, 0.6f, 0.9f};

  @Test
  void summaryHoldsTheBinaryMetricsOfTheModelAndTheBaselineAucs() {
    ScoredPairs scored = ScoredPairs.of(PAIRS, DISTANCES);
    int[] labels = {1, 0, 1, 0};

    Evaluation e = Evaluation.of(scored, List.of());

    assertThat(e.pairs()).isEqualTo(4);
    assertThat(e.similarPairs()).isEqualTo(2);
    assertThat(e.rocAuc()).isEqualTo(BinaryMetrics.rocAuc(DISTANCES, labels));
    assertThat(e.accuracy()).isEqualTo(BinaryMetrics.accuracy(DISTANCES, labels, 0.5));
    assertThat(e.bestF1()).isEqualTo(BinaryMetrics.bestF1(DISTANCES, labels));
    assertThat(e.chosenThreshold()).isEqualTo(e.bestF1().threshold());
    assertThat(e.levenshteinAuc()).isEqualTo(BinaryMetrics.rocAuc(scored.levenshtein(), labels));
  }

  @Test
  void withOneClassTheAucIsUndefinedAndTheThresholdIsTheDecisionThreshold() {
    ScoredPairs scored = ScoredPairs.of(PAIRS.subList(0, 1), new float[] {0.2f});

    Evaluation e = Evaluation.of(scored, List.of());

    assertThat(e.rocAuc()).isNaN();
    assertThat(e.bestF1()).isEqualTo(e.atHalf());
    assertThat(e.chosenThreshold()).isEqualTo(BinaryMetrics.DECISION_THRESHOLD);
  }

  @Test
  void aKindOfOnlySimilarPairsIsScoredAgainstAllDissimilarPairs() {
    ScoredPairs scored = ScoredPairs.of(PAIRS, DISTANCES);

    List<KindScore> perKind = Evaluation.perKind(scored, KINDS);

    // The dissimilar kind gets no row; "transposition" (0.6) against the negatives 0.3 and 0.9: 1
    // of 2.
    assertThat(perKind).extracting(KindScore::kind).containsExactly("deletion", "transposition");
    assertThat(perKind.get(0).modelAuc()).isEqualTo(1.0);
    assertThat(perKind.get(1).modelAuc()).isEqualTo(0.5);
    assertThat(perKind.get(1).pairs()).isEqualTo(1);
  }

  @Test
  void aSliceKeepsEachPairsScores() {
    ScoredPairs scored = ScoredPairs.of(PAIRS, DISTANCES);

    ScoredPairs tail = scored.slice(2, 4);

    assertThat(tail.pairs()).isEqualTo(PAIRS.subList(2, 4));
    assertThat(tail.model()).containsExactly(0.6f, 0.9f);
    assertThat(tail.damerau()).containsExactly(scored.damerau()[2], scored.damerau()[3]);
  }
}
