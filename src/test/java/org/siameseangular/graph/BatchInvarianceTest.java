package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.siameseangular.FloatBounds;
import org.tensorflow.types.TFloat32;

/**
 * An embedding depends on the string only: not on padding, nor on the other strings of the batch.
 *
 * <p>Not exact equality: the LSTM's matrix products run over a different batch size, and the CPU
 * kernel blocks them differently, so the batch and the single row are two float32 implementations:
 * within {@link FloatBounds}' bounds (twice the running error bound per unit; the cosine envelope),
 * about 1e-6 here. A string that ran past its end over padding steps would differ by 1e-2 or more.
 */
@Tag("numeric")
class BatchInvarianceTest {
  private static final ModelSpec SPEC = ModelSpec.withUnits(6);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(6, 3);
  private static final FloatBounds.Lstm EXACT =
      new FloatBounds.Lstm(
          6,
          WEIGHTS.kernel(),
          WEIGHTS.recurrentKernel(),
          WEIGHTS.bias(),
          SPEC.inputCenter(),
          SPEC.inputScale());
  private static final ModelSpec MEAN_BAG = SPEC.pooledBy(Pooling.MEAN_BAG);
  private static final FloatBounds.Lstm MEAN_BAG_EXACT =
      new FloatBounds.Lstm(
          6,
          WEIGHTS.kernel(),
          WEIGHTS.recurrentKernel(),
          WEIGHTS.bias(),
          new FloatBounds.ScalarInput(SPEC.inputCenter(), SPEC.inputScale()),
          Pooling.MEAN_BAG);
  private static GraphHarness graph;
  private static GraphHarness meanBag;

  @BeforeAll
  static void build() {
    graph = GraphHarness.clipped(SPEC, WEIGHTS);
    meanBag = GraphHarness.clipped(MEAN_BAG, WEIGHTS);
  }

  @AfterAll
  static void close() {
    graph.close();
    meanBag.close();
  }

  @Test
  void embeddingAloneEqualsEmbeddingInABatchWithLongerAndShorterStrings() {
    float[] alone = graph.embeddings(List.of("hello"))[0];
    float[][] batch =
        graph.embeddings(
            List.of(
                "a",
                "hello",
                "a much longer string that pads hello with zeros",
                "\ud83d\ude00",
                "hel"));

    assertWithinBounds(batch[1], alone, "hello");
  }

  @Test
  void embeddingIgnoresTrailingPadding() {
    int[] hello = "hello".codePoints().toArray();
    float[] unpadded = graph.embeddings(List.of("hello"))[0];
    float[] padded;
    try (TFloat32 t = CodePoints.tensor(new int[][] {hello}, 40)) {
      padded = graph.embeddings(t)[0];
    }

    assertWithinBounds(padded, unpadded, "hello");
  }

  @Test
  void cosineOfAPairAloneEqualsItInABatchWithLongerRowsOnEitherSide() {
    // The cosine, not the distance: near cos = 1 acos multiplies a last-bit difference by 1 /
    // sqrt(1 - cos^2)
    // (about 30 for this pair), which says nothing about the encoders.
    float alone = graph.cosines(List.of("hello"), List.of("help"))[0];
    float[] batch =
        graph.cosines(
            List.of("xy", "hello", "another much longer left string"),
            List.of("a right string longer than the others", "help", "z"));

    var env = FloatBounds.envelope(EXACT, "hello", "help", SPEC.clipEpsilon());
    assertThat((double) batch[1]).isCloseTo(alone, within(env.cosHigh() - env.cosLow()));
  }

  @Test
  void meanBagEmbeddingAloneEqualsItInABatchWithLongerAndShorterStrings() {
    float[] alone = meanBag.embeddings(List.of("hello"))[0];
    float[] batch =
        meanBag.embeddings(List.of("a", "hello", "a much longer string that pads hello", "hel"))[1];

    assertWithinBounds(batch, alone, MEAN_BAG_EXACT.embed("hello"));
  }

  @Test
  void meanBagEmbeddingIgnoresTrailingPadding() {
    // A mean over all 40 steps instead of the 5 real ones would shrink every value about 8 times.
    int[] hello = "hello".codePoints().toArray();
    float[] unpadded = meanBag.embeddings(List.of("hello"))[0];
    float[] padded;
    try (TFloat32 t = CodePoints.tensor(new int[][] {hello}, 40)) {
      padded = meanBag.embeddings(t)[0];
    }

    assertWithinBounds(padded, unpadded, MEAN_BAG_EXACT.embed("hello"));
  }

  @Test
  void windowsEmbeddingAloneEqualsItInABatchWithMoreWordsAndLongerOnes() {
    ModelSpec spec = SPEC.pooledBy(Pooling.WINDOWS);
    FloatBounds.Embedding bound =
        FloatBounds.Lstm.of(spec, ModelWeights.of(WEIGHTS)).embed("ab cde");
    try (GraphHarness windows = GraphHarness.clipped(spec, WEIGHTS)) {
      float[] alone = windows.embeddings(List.of("ab cde"))[0];
      float[] batch =
          windows
              .embeddings(List.of("a", "ab cde", "several much longer words, here", "x y z w"))[1];
      float[] padded;
      try (TFloat32 t = CodePoints.tensor(new int[][] {"ab cde".codePoints().toArray()}, 40)) {
        padded = windows.embeddings(t)[0];
      }

      assertWithinBounds(batch, alone, bound);
      assertWithinBounds(padded, alone, bound);
    }
  }

  /**
   * The sides stacked into one encoder call ({@link SiameseGraph#buildStacked}, for training) give
   * the cosines of two calls: the shorter side is padded to the longer one's steps, on the left in
   * one pair of batches and on the right in the other.
   */
  @ParameterizedTest
  @EnumSource(Pooling.class)
  void stackedSidesGiveTheCosinesOfTwoEncoderCalls(Pooling pooling) {
    ModelSpec spec = SPEC.pooledBy(pooling);
    FloatBounds.Lstm bounds = FloatBounds.Lstm.of(spec, ModelWeights.of(WEIGHTS));
    List<String> shortSide = List.of("ab cd", "x", "hello");
    List<String> longSide = List.of("a much longer string, in words", "xy z", "help");
    try (GraphHarness two = GraphHarness.clipped(spec, WEIGHTS);
        GraphHarness stacked = GraphHarness.stacked(spec, WEIGHTS)) {
      for (var sides : List.of(List.of(shortSide, longSide), List.of(longSide, shortSide))) {
        float[] expected = two.cosines(sides.get(0), sides.get(1));
        float[] actual = stacked.cosines(sides.get(0), sides.get(1));
        for (int i = 0; i < expected.length; i++) {
          String left = sides.get(0).get(i);
          String right = sides.get(1).get(i);
          var env = FloatBounds.envelope(bounds, left, right, spec.clipEpsilon());
          assertThat((double) actual[i])
              .as("%s / %s", left, right)
              .isCloseTo(expected[i], within(env.cosHigh() - env.cosLow()));
        }
      }
    }
  }

  private static void assertWithinBounds(float[] actual, float[] expected, String text) {
    assertWithinBounds(actual, expected, EXACT.embed(text));
  }

  private static void assertWithinBounds(
      float[] actual, float[] expected, FloatBounds.Embedding bound) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int k = 0; k < expected.length; k++) {
      assertThat((double) actual[k])
          .as("unit %d", k)
          .isCloseTo(expected[k], within(bound.tolerance(k)));
    }
  }
}
