package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.siameseangular.FloatBounds;

/**
 * The mean-bag pooling against {@link ReferenceModel}'s double-precision means: the embedding is
 * the mean of the LSTM's outputs over the real steps, then the mean of its inputs, {@code units +
 * width} values, zeros for the empty string.
 *
 * <p>Each value must lie within {@link FloatBounds.Lstm}'s mean-bag bound of one float32
 * implementation around the exact value (about 1e-7 here); averaging over padding steps, dividing
 * by the padded length or taking the last state instead moves values by 1e-2 or more.
 */
@Tag("numeric")
class MeanBagTest {
  private static final int UNITS = 5;
  private static final ModelSpec SPEC = ModelSpec.withUnits(UNITS).pooledBy(Pooling.MEAN_BAG);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(UNITS, 7);
  private static final FloatBounds.ScalarInput INPUT =
      new FloatBounds.ScalarInput(SPEC.inputCenter(), SPEC.inputScale());
  private static final FloatBounds.Lstm EXACT =
      new FloatBounds.Lstm(
          UNITS,
          WEIGHTS.kernel(),
          WEIGHTS.recurrentKernel(),
          WEIGHTS.bias(),
          INPUT,
          Pooling.MEAN_BAG);

  /** Different lengths in one batch (so most rows are padded), a non-BMP character (one step). */
  private static final List<String> TEXTS =
      List.of("a", "hello", "Stra\u00dfe", "\ud83d\ude00x", "a much longer string of words!");

  private static GraphHarness graph;

  @BeforeAll
  static void build() {
    graph = GraphHarness.clipped(SPEC, WEIGHTS);
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  private static FloatBounds.Embedding exact(String text) {
    return EXACT.embed(text);
  }

  @Test
  void embeddingsOfABatchAreTheMeansOfTheLstmOutputsAndOfTheInputsOverTheRealSteps() {
    float[][] actual = graph.embeddings(TEXTS);

    assertThat(SPEC.embeddingSize()).isEqualTo(UNITS + 1);
    for (int b = 0; b < TEXTS.size(); b++) {
      String text = TEXTS.get(b);
      double[] expected = ReferenceModel.pooled(SPEC, WEIGHTS, text);
      double[] error = exact(text).error();
      assertThat(actual[b]).as(text).hasSize(SPEC.embeddingSize());
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) actual[b][k])
            .as("%s component %d", text, k)
            .isCloseTo(expected[k], within(error[k]));
      }
    }
  }

  @Test
  void withAZeroLstmTheEmbeddingIsZerosThenTheExactMeanOfTheScaledCodePoints() {
    // All weights 0: every gate input is 0, the candidate tanh(0) = 0, so c and h stay exactly 0;
    // the bag half is (c - 96) / 32 averaged, exact in float32 for these small sums.
    int gates = 4 * UNITS;
    var zero = new LstmWeights(UNITS, new float[gates], new float[UNITS * gates], new float[gates]);
    try (GraphHarness h = GraphHarness.clipped(SPEC, zero)) {
      float[][] actual = h.embeddings(List.of("a", "ab", "ba", "abcd", "abcdefgh"));

      float[] zeros = new float[UNITS];
      float[] bags = {1 / 32f, 3 / 64f, 3 / 64f, 10 / 128f, 36 / 256f};
      for (int b = 0; b < bags.length; b++) {
        assertThat(Arrays.copyOf(actual[b], UNITS)).containsExactly(zeros, within(0f));
        assertThat(actual[b][UNITS]).as("row %d", b).isEqualTo(bags[b]);
      }
    }
  }

  @Test
  void emptyStringHasTheZeroEmbeddingOfTheFullLength() {
    float[] empty = graph.embeddings(List.of(""))[0];

    // within(0f): the zero vector may hold -0.0, which is the same value.
    assertThat(empty).containsExactly(new float[SPEC.embeddingSize()], within(0f));
  }

  @Test
  void cosineIsTheDotOfTheL2NormalisedMeanBagEmbeddings() {
    List<String> lefts = List.of("hello", "a", "Stra\u00dfe", "abc", "");
    List<String> rights =
        List.of("help", "\ud83d\ude00x", "strasse", "a much longer string of words!", "abc");

    float[] actual = graph.cosines(lefts, rights);

    for (int i = 0; i < lefts.size(); i++) {
      double expected =
          ReferenceModel.cosine(
              ReferenceModel.pooled(SPEC, WEIGHTS, lefts.get(i)),
              ReferenceModel.pooled(SPEC, WEIGHTS, rights.get(i)));
      var env = FloatBounds.envelope(exact(lefts.get(i)), exact(rights.get(i)), SPEC.clipEpsilon());
      assertThat(expected).isBetween(env.cosLow(), env.cosHigh());
      assertThat((double) actual[i])
          .as("%s / %s", lefts.get(i), rights.get(i))
          .isBetween(env.cosLow(), env.cosHigh());
    }
  }

  @Test
  void distanceOfTheEmptyStringToAnyOtherIsOneHalf() {
    float[] actual = graph.distances(List.of("", "abc"), List.of("abc", ""));

    var env = FloatBounds.envelope(exact(""), exact("abc"), SPEC.clipEpsilon());
    assertThat(env.distance()).isEqualTo(0.5);
    for (float d : actual) {
      assertThat((double) d).isBetween(env.low(), env.high());
    }
  }
}
