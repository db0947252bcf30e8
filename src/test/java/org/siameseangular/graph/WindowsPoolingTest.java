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
 * The "windows" pooling against {@link ReferenceModel}'s double-precision windows: for each letter
 * the LSTM reads, from the zero state, the last {@link Pooling#WINDOW} letters of its word up to
 * it; the embedding is the sum of those outputs over the letters, then the sum of the letters'
 * inputs, both divided by the number of letters. Each value must lie within {@link
 * FloatBounds.Lstm}'s windows bound of one float32 implementation around the exact value; reading
 * whole words, windows that cross a separator, or one step too many or too few moves values by 1e-2
 * or more.
 */
@Tag("numeric")
class WindowsPoolingTest {
  private static final int UNITS = 5;
  private static final ModelSpec SPEC = ModelSpec.withUnits(UNITS).pooledBy(Pooling.WINDOWS);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(UNITS, 7);
  private static final FloatBounds.Lstm EXACT = FloatBounds.Lstm.of(SPEC, ModelWeights.of(WEIGHTS));

  /** Words shorter and longer than a window, several per row, rows of different lengths. */
  private static final List<String> TEXTS =
      List.of(
          "a",
          "hello",
          "Smith, John",
          "Anna-Maria  M\u00fcller",
          "\ud83d\ude00xyz y",
          "a much longer one");

  private static GraphHarness graph;

  @BeforeAll
  static void build() {
    graph = GraphHarness.clipped(SPEC, WEIGHTS);
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  @Test
  void embeddingsOfABatchAreTheMeansOverTheLettersOfTheLstmReadingEachLettersWindow() {
    float[][] actual = graph.embeddings(TEXTS);

    for (int b = 0; b < TEXTS.size(); b++) {
      String text = TEXTS.get(b);
      double[] expected = ReferenceModel.pooled(SPEC, WEIGHTS, text);
      double[] error = EXACT.embed(text).error();
      assertThat(actual[b]).as(text).hasSize(UNITS + 1);
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) actual[b][k])
            .as("%s component %d", text, k)
            .isCloseTo(expected[k], within(error[k]));
      }
    }
  }

  @Test
  void swappingTheWordsLeavesTheCosineAtOne() {
    List<String> lefts = List.of("John Smith", "Anna Maria M\u00fcller");
    List<String> rights = List.of("Smith, John", "M\u00fcller, Maria Anna");

    float[] actual = graph.cosines(lefts, rights);

    for (int i = 0; i < lefts.size(); i++) {
      var env = FloatBounds.envelope(EXACT.embed(lefts.get(i)), EXACT.embed(rights.get(i)), 0);
      assertThat(env.cosHigh()).isGreaterThanOrEqualTo(1);
      assertThat((double) actual[i]).as(lefts.get(i)).isBetween(env.cosLow(), env.cosHigh());
    }
  }

  @Test
  void wordsNoLongerThanAWindowPoolAsWords() {
    try (GraphHarness words = GraphHarness.clipped(SPEC.pooledBy(Pooling.WORDS), WEIGHTS)) {
      List<String> texts = List.of("abc de", "x, yz");
      float[][] windows = graph.embeddings(texts);
      float[][] whole = words.embeddings(texts);

      for (int b = 0; b < texts.size(); b++) {
        double[] error = EXACT.embed(texts.get(b)).error();
        for (int k = 0; k < error.length; k++) {
          assertThat((double) windows[b][k])
              .as("%s component %d", texts.get(b), k)
              .isCloseTo(whole[b][k], within(2 * error[k]));
        }
      }
    }
  }

  @Test
  void withAZeroLstmTheBagHalfIsTheExactMeanOfTheScaledLettersWithoutSeparators() {
    // All weights 0: every output is exactly 0; the bag is (c - 96) / 32 over the letters.
    int gates = 4 * UNITS;
    var zero = new LstmWeights(UNITS, new float[gates], new float[UNITS * gates], new float[gates]);
    try (GraphHarness h = GraphHarness.clipped(SPEC, zero)) {
      float[][] actual = h.embeddings(List.of("a", "a b", "b, a", "ab-cd"));

      float[] bags = {1 / 32f, 3 / 64f, 3 / 64f, 10 / 128f};
      for (int b = 0; b < bags.length; b++) {
        assertThat(Arrays.copyOf(actual[b], UNITS)).containsExactly(new float[UNITS], within(0f));
        assertThat(actual[b][UNITS]).as("row %d", b).isEqualTo(bags[b]);
      }
    }
  }

  @Test
  void theEmptyStringAndSeparatorsAloneHaveTheZeroEmbedding() {
    float[][] actual = graph.embeddings(List.of("", " , ", "hello"));

    // within(0f): the zero vector may hold -0.0, which is the same value.
    assertThat(actual[0]).containsExactly(new float[UNITS + 1], within(0f));
    assertThat(actual[1]).containsExactly(new float[UNITS + 1], within(0f));
  }
}
