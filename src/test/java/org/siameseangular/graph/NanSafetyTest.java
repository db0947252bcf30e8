package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.siameseangular.FloatBounds;
import org.tensorflow.types.TFloat32;

/**
 * The inputs that make the Keras original's loss NaN keep the clipped model's loss and every
 * gradient finite; the unclipped head goes NaN on them. The causes: a normalised self-dot rounds
 * above 1, where acos is NaN (keras issue #17138), and at exactly 1 acos's derivative -1/sqrt(1 -
 * x^2) (tensorflow/python/ops/math_grad.py, _AcosGrad) is infinite, so 0 * inf = NaN reaches the
 * weights (tensorflow issue #57786).
 */
@Tag("numeric")
class NanSafetyTest {
  private static final ModelSpec SPEC = ModelSpec.withUnits(5);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(5, 1);

  @Test
  void identicalStringsGiveFiniteLossAndGradientsForBothLabels() {
    try (GraphHarness h = GraphHarness.clipped(SPEC, WEIGHTS)) {
      var result =
          h.lossAndGradients(List.of("abc", "abc"), List.of("abc", "abc"), new float[] {1, 0});

      assertThat(result.allFinite()).as("loss %s", result.loss()).isTrue();
    }
  }

  @Test
  void emptyStringHasTheZeroEmbeddingAndFiniteLossAndGradients() {
    try (GraphHarness h = GraphHarness.clipped(SPEC, WEIGHTS);
        TFloat32 empty = CodePoints.tensor(List.of(""))) {
      assertThat(empty.shape().asArray()).containsExactly(1, 1, 1);
      // within(0f): the zero vector may hold -0.0, which is the same value.
      assertThat(h.embeddings(empty)[0]).containsExactly(new float[SPEC.units()], within(0f));

      for (float label : new float[] {0, 1}) {
        var result = h.lossAndGradients(empty, List.of("abc"), new float[] {label});
        assertThat(result.allFinite()).as("label %s, loss %s", label, result.loss()).isTrue();
      }
    }
  }

  @Test
  void emptyAgainstEmptyGivesFiniteLossAndGradients() {
    // Both sides all padding: both embeddings zero, cos = 0 through the 1e-12 floor of the norm.
    try (GraphHarness h = GraphHarness.clipped(SPEC, WEIGHTS);
        TFloat32 empty = CodePoints.tensor(List.of(""))) {
      var result = h.lossAndGradients(empty, List.of(""), new float[] {1});

      assertThat(result.allFinite()).isTrue();
    }
  }

  @Test
  void oppositeEmbeddingsAreClippedBelowDistanceOneWithFiniteGradients() {
    LstmWeights opposite = oppositeWeights();
    try (GraphHarness h = GraphHarness.clipped(SPEC, opposite)) {
      float cos = h.cosines(List.of("z"), List.of("F"))[0];
      float distance = h.distances(List.of("z"), List.of("F"))[0];
      var result = h.lossAndGradients(List.of("z", "z"), List.of("F", "F"), new float[] {1, 0});

      // The exact cosine is -1; the float32 one within FloatBounds' rounding of the head.
      var exact =
          new FloatBounds.Lstm(
              SPEC.units(),
              opposite.kernel(),
              opposite.recurrentKernel(),
              opposite.bias(),
              SPEC.inputCenter(),
              SPEC.inputScale());
      var env = FloatBounds.envelope(exact, "z", "F", SPEC.clipEpsilon());
      assertThat((double) cos).isBetween(env.cosLow(), env.cosHigh());
      // acos(-1 + eps) / pi = 1 - acos(1 - eps) / pi, about 1 - sqrt(2e-6) / pi: strictly below 1
      // (eps here is
      // the float32 clip bound's, 1 - 17 * 2^-24).
      assertThat(env.distance())
          .isCloseTo(1 - Math.acos(1f - SPEC.clipEpsilon()) / Math.PI, within(1e-12));
      assertThat((double) distance).isBetween(env.low(), env.high()).isLessThan(1);
      assertThat(result.allFinite()).as("loss %s", result.loss()).isTrue();
    }
  }

  @Test
  void tenThousandCharacterStringGivesFiniteLossAndGradients() {
    String longText = "abcdefghij".repeat(1000);
    try (GraphHarness h = GraphHarness.clipped(SPEC, WEIGHTS)) {
      var result =
          h.lossAndGradients(
              List.of(longText, "short"), List.of("abc", longText), new float[] {0, 1});

      assertThat(result.allFinite()).as("loss %s", result.loss()).isTrue();
    }
  }

  @Test
  void unclippedHeadGoesNanOnIdenticalStringsWhoseCosineRoundsToOne() {
    // Find weights and a string for which the float32 cosine of a string with itself is >= 1, as it
    // often is.
    Case found = findCosineAtLeastOne();
    assertThat(found).as("no seed/string with cos >= 1 in float32").isNotNull();
    List<String> same = List.of(found.text());

    for (float label : new float[] {0, 1}) {
      try (GraphHarness unclipped = new GraphHarness(SPEC, found.weights(), false);
          GraphHarness clipped = GraphHarness.clipped(SPEC, found.weights())) {
        var bad = unclipped.lossAndGradients(same, same, new float[] {label});
        var good = clipped.lossAndGradients(same, same, new float[] {label});

        assertThat(bad.allFinite())
            .as("unclipped, cos %s, label %s", found.cosine(), label)
            .isFalse();
        assertThat(good.allFinite()).as("clipped, label %s", label).isTrue();
      }
    }
  }

  @Test
  void unclippedHeadGoesNanOnOppositeEmbeddings() {
    try (GraphHarness unclipped = new GraphHarness(SPEC, oppositeWeights(), false)) {
      var result = unclipped.lossAndGradients(List.of("z"), List.of("F"), new float[] {1});

      assertThat(result.allFinite()).isFalse();
    }
  }

  private record Case(LstmWeights weights, String text, float cosine) {}

  private static Case findCosineAtLeastOne() {
    List<String> texts = List.of("abc", "hello", "xyz", "colour", "q", "siamese");
    for (long seed = 0; seed < 20; seed++) {
      LstmWeights w = KerasInitializers.lstm(SPEC.units(), seed);
      try (GraphHarness h = new GraphHarness(SPEC, w, false)) {
        float[] cos = h.cosines(texts, texts);
        for (int i = 0; i < cos.length; i++) {
          if (cos[i] >= 1f) {
            return new Case(w, texts.get(i), cos[i]);
          }
        }
      }
    }
    return null;
  }

  /**
   * One-step strings "z" (scaled +26/32) and "F" (scaled -26/32) give exactly opposite embeddings:
   * only the candidate gate sees the input (kernel), no recurrence, and the input and output gates
   * are the same constant for both, so h = o tanh(i tanh(k x)) is odd in x.
   */
  private static LstmWeights oppositeWeights() {
    int u = SPEC.units();
    float[] kernel = new float[4 * u];
    float[] bias = new float[4 * u];
    for (int k = 0; k < u; k++) {
      kernel[2 * u + k] = 0.5f + k; // candidate gate, a different slope per unit
      bias[k] = 2f; // input gate open
      bias[3 * u + k] = 2f; // output gate open
    }
    return new LstmWeights(u, kernel, new float[u * 4 * u], bias);
  }
}
