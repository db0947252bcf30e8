package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.siameseangular.FloatBounds;

/**
 * The poolings that read words ({@link Pooling#WORDS}, {@link Pooling#WINDOWS}) against {@link
 * ReferenceModel}'s double-precision ones: the words are the runs of letters between {@link
 * WordSplit#SEPARATORS}; the LSTM reads each word (words), or each letter's window of at most
 * {@link Pooling#WINDOW} letters of its word (windows), from the zero state; the embedding is the
 * sum of those outputs over the letters, then the sum of the letters' inputs, both divided by the
 * number of letters. Each value must lie within {@link FloatBounds.Lstm}'s bound of one float32
 * implementation around the exact value; reading across a separator, counting separators, or a
 * window one letter too long or too short moves values by 1e-2 or more.
 */
@Tag("numeric")
class WordPoolingsTest {
  private static final int UNITS = 5;
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(UNITS, 7);
  private static final Map<Pooling, GraphHarness> GRAPHS = new EnumMap<>(Pooling.class);

  /** Words shorter and longer than a window, several per row, rows of different lengths. */
  private static final List<String> TEXTS =
      List.of(
          "a",
          "hello",
          "Smith, John",
          "Anna-Maria  M\u00fcller",
          "\ud83d\ude00xyz y",
          "a much longer one");

  @BeforeAll
  static void build() {
    for (Pooling p : List.of(Pooling.WORDS, Pooling.WINDOWS)) {
      GRAPHS.put(p, GraphHarness.clipped(spec(p), WEIGHTS));
    }
  }

  @AfterAll
  static void close() {
    GRAPHS.values().forEach(GraphHarness::close);
  }

  private static ModelSpec spec(Pooling pooling) {
    return ModelSpec.withUnits(UNITS).pooledBy(pooling);
  }

  private static FloatBounds.Embedding exact(Pooling pooling, String text) {
    return FloatBounds.Lstm.of(spec(pooling), ModelWeights.of(WEIGHTS)).embed(text);
  }

  @ParameterizedTest
  @EnumSource(names = {"WORDS", "WINDOWS"})
  void embeddingsOfABatchAreTheReferenceMeansOverTheLetters(Pooling pooling) {
    float[][] actual = GRAPHS.get(pooling).embeddings(TEXTS);

    for (int b = 0; b < TEXTS.size(); b++) {
      String text = TEXTS.get(b);
      double[] expected = ReferenceModel.pooled(spec(pooling), WEIGHTS, text);
      double[] error = exact(pooling, text).error();
      assertThat(actual[b]).as(text).hasSize(UNITS + 1);
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) actual[b][k])
            .as("%s component %d", text, k)
            .isCloseTo(expected[k], within(error[k]));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"WORDS", "WINDOWS"})
  void swappingTheWordsLeavesTheCosineAtOne(Pooling pooling) {
    List<String> lefts = List.of("John Smith", "Anna Maria M\u00fcller");
    List<String> rights = List.of("Smith, John", "M\u00fcller, Maria Anna");

    float[] actual = GRAPHS.get(pooling).cosines(lefts, rights);

    for (int i = 0; i < lefts.size(); i++) {
      var env =
          FloatBounds.envelope(exact(pooling, lefts.get(i)), exact(pooling, rights.get(i)), 0);
      assertThat(env.cosHigh()).isGreaterThanOrEqualTo(1);
      assertThat((double) actual[i]).as(lefts.get(i)).isBetween(env.cosLow(), env.cosHigh());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"WORDS", "WINDOWS"})
  void withAZeroLstmTheBagHalfIsTheExactMeanOfTheScaledLettersWithoutSeparators(Pooling pooling) {
    // All weights 0: every output is exactly 0; the bag is (c - 96) / 32 over the letters.
    int gates = 4 * UNITS;
    var zero = new LstmWeights(UNITS, new float[gates], new float[UNITS * gates], new float[gates]);
    try (GraphHarness h = GraphHarness.clipped(spec(pooling), zero)) {
      float[][] actual = h.embeddings(List.of("a", "a b", "b, a", "ab-cd"));

      float[] bags = {1 / 32f, 3 / 64f, 3 / 64f, 10 / 128f};
      for (int b = 0; b < bags.length; b++) {
        assertThat(Arrays.copyOf(actual[b], UNITS)).containsExactly(new float[UNITS], within(0f));
        assertThat(actual[b][UNITS]).as("row %d", b).isEqualTo(bags[b]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"WORDS", "WINDOWS"})
  void theEmptyStringAndSeparatorsAloneHaveTheZeroEmbedding(Pooling pooling) {
    float[][] actual = GRAPHS.get(pooling).embeddings(List.of("", " , ", "hello"));

    // within(0f): the zero vector may hold -0.0, which is the same value.
    assertThat(actual[0]).containsExactly(new float[UNITS + 1], within(0f));
    assertThat(actual[1]).containsExactly(new float[UNITS + 1], within(0f));
  }

  @Test
  void aStringWithoutSeparatorsPoolsByWordsAsByMeanBag() {
    try (GraphHarness meanBag = GraphHarness.clipped(spec(Pooling.MEAN_BAG), WEIGHTS)) {
      assertSameEmbeddings(GRAPHS.get(Pooling.WORDS), meanBag, List.of("hello", "Stra\u00dfe"));
    }
  }

  @Test
  void wordsNoLongerThanAWindowPoolByWindowsAsByWords() {
    assertSameEmbeddings(
        GRAPHS.get(Pooling.WINDOWS), GRAPHS.get(Pooling.WORDS), List.of("abc de", "x, yz"));
  }

  /** Both graphs' embeddings of texts agree within twice the words bound of one of them. */
  private static void assertSameEmbeddings(GraphHarness a, GraphHarness b, List<String> texts) {
    float[][] left = a.embeddings(texts);
    float[][] right = b.embeddings(texts);
    for (int i = 0; i < texts.size(); i++) {
      double[] error = exact(Pooling.WORDS, texts.get(i)).error();
      for (int k = 0; k < error.length; k++) {
        assertThat((double) left[i][k])
            .as("%s component %d", texts.get(i), k)
            .isCloseTo(right[i][k], within(2 * error[k]));
      }
    }
  }
}
