package org.siameseangular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.Pooling;
import org.siameseangular.model.WeightsReader;

/**
 * {@link FloatBounds} and python-export/bounds.py are one derivation written twice: for the
 * committed Keras reference models (scalar, hashed, folded) they give the same envelopes. The
 * expected numbers were printed by bounds.py; the two sides sum in other orders in double
 * precision, so they agree to about 1e-15, far inside 1e-12.
 *
 * <p>Not tagged "numeric": {@link FloatBounds} is plain Java double arithmetic and the weights are
 * only read from the SavedModels, so no TensorFlow kernel computes anything here and
 * ONEDNN_MAX_CPU_ISA cannot change a number; the rerun on other oneDNN kernels would repeat these
 * checks unchanged. Each reference is read once for the class (the reads, a SavedModel load each,
 * were most of its time); nothing here changes what was read.
 */
class FloatBoundsTest {
  private static final Path KERAS_REFERENCE = Path.of("models", "keras-reference");
  private static final double CLIP_EPSILON = 1e-6;
  private static final Map<String, WeightsReader.Model> MODELS = new ConcurrentHashMap<>();
  private static LstmWeights scalarWeights;

  private static synchronized LstmWeights scalarWeights() {
    if (scalarWeights == null) {
      scalarWeights = WeightsReader.read(KERAS_REFERENCE, 0);
    }
    return scalarWeights;
  }

  /** The committed reference models/{@code name}, read once for the class. */
  private static WeightsReader.Model model(String name) {
    return MODELS.computeIfAbsent(name, n -> WeightsReader.read(Path.of("models", n)));
  }

  private static FloatBounds.Lstm kerasReference() {
    LstmWeights w = scalarWeights();
    // inputCenter 96, inputScale 32: models/keras-reference/siamese-angular.json.
    return new FloatBounds.Lstm(w.units(), w.kernel(), w.recurrentKernel(), w.bias(), 96, 32);
  }

  @ParameterizedTest
  @CsvSource({
    "hello, helo, 0.11131215314089703, 0.11129442084293606, 0.11132988480335178",
    "abc, abd, 0.007068498219907294, 0.007028135502999641, 0.007108634583204605",
    "\u6771\u4eac, \u6771\u4eac\u90fd, 0.00482823890227218, 0.004774256345512044,"
        + " 0.004881625003302716",
    "\ud83d\ude00, \ud83d\ude00, 0.00045313715593654107, 0.0004531368318275905,"
        + " 0.0007122475463307863",
  })
  void envelopesEqualThoseOfBoundsPy(
      String left, String right, double distance, double low, double high) {
    var env = FloatBounds.envelope(kerasReference(), left, right, CLIP_EPSILON);

    assertThat(env.distance()).isCloseTo(distance, within(1e-12));
    assertThat(env.low()).isCloseTo(low, within(1e-12));
    assertThat(env.high()).isCloseTo(high, within(1e-12));
  }

  /**
   * A table encoding's reference (its metadata gives the encoding), through {@link
   * FloatBounds.Lstm#of}.
   */
  private static FloatBounds.Lstm reference(String name) {
    WeightsReader.Model model = model(name);
    return FloatBounds.Lstm.of(model.spec(), model.weights());
  }

  @ParameterizedTest
  @CsvSource({
    "keras-reference-folded, Paris, paris, 0.018494785704665517, 0.01844145330617855,"
        + " 0.018547986462954476",
    "keras-reference-folded, \u041c\u043e\u0441\u043a\u0432\u0430, Moskva, 0.04953361105424553,"
        + " 0.049500178808557865, 0.04956702977206642",
    "keras-reference-folded, \ud55c\uad6d\uc5b4, \ud55c\uad6d, 0.09396665050839512,"
        + " 0.09395320173324193, 0.0939800979207326",
    "keras-reference-folded, \u6771\u4eac, \u5927\u962a, 0.4520917100887601, 0.4520823799570159,"
        + " 0.4521010402184153",
    "keras-reference-hashed, hello, helo, 0.09641341584035537, 0.09639175020500268,"
        + " 0.09643507977262915",
    "keras-reference-hashed, \u041f\u0435\u0442\u0440\u043e\u0432,"
        + " \u0418\u0432\u0430\u043d\u043e\u0432, 0.45858323027427716, 0.4585375883257017,"
        + " 0.4586288722385108",
  })
  void tableEncodingEnvelopesEqualThoseOfBoundsPy(
      String reference, String left, String right, double distance, double low, double high) {
    var env = FloatBounds.envelope(reference(reference), left, right, CLIP_EPSILON);

    assertThat(env.distance()).isCloseTo(distance, within(1e-12));
    assertThat(env.low()).isCloseTo(low, within(1e-12));
    assertThat(env.high()).isCloseTo(high, within(1e-12));
  }

  /**
   * The folded reference pools mean-bag (its 40 components: 24 mean LSTM outputs, then 16 mean
   * features; component 24 is the first feature's mean), the hashed one last.
   */
  @ParameterizedTest
  @CsvSource({
    "keras-reference-folded, 0, 0.08913706516005118, 1.9570966985485588e-05",
    "keras-reference-folded, 24, -0.16295653055776707, 7.502124445582503e-07",
    "keras-reference-hashed, 0, -0.3762967933338809, 1.3143241736358259e-05",
  })
  void tableEncodingEmbeddingBoundEqualsThatOfBoundsPy(
      String reference, int component, double value, double error) {
    var e = reference(reference).embed("\u00c6r\u00f8sk\u00f8bing");

    assertThat(e.value()[component]).isCloseTo(value, within(1e-12));
    assertThat(e.error()[component]).isCloseTo(error, within(1e-15));
  }

  @Test
  void aMeanBagEmbeddingHasUnitsPlusWidthComponentsAndAnEmptyStringIsExactlyZero() {
    var lstm = reference("keras-reference-folded");
    var empty = lstm.embed("");

    assertThat(lstm.embeddingSize()).isEqualTo(24 + 16);
    assertThat(lstm.embed("a").value()).hasSize(40);
    assertThat(empty.value()).hasSize(40).containsOnly(0.0);
    assertThat(empty.error()).containsOnly(0.0);
  }

  @Test
  void foldedIdsAreTheContractsForHandComputedCodePoints() {
    // Moduli (1031, 1087), J = 2118; FOLDED_IDS in test_keras_reference.py derives each row:
    // \u00c9 -> e, \u0436 -> z, \ud55c = 18 * 588 + 0 * 28 + 4 (its identity rows those of
    // U+AC00), U+2000 past the fold table, -5 by floor mod.
    var folded = InputEncoding.Folded.DEFAULT;

    assertThat(FloatBounds.TableInput.ids(folded, 0xC9))
        .containsExactly(101, 1132, 2137, 2159, 2188, 2390);
    assertThat(FloatBounds.TableInput.ids(folded, 0x436))
        .containsExactly(122, 1153, 2137, 2159, 2188, 3267);
    assertThat(FloatBounds.TableInput.ids(folded, 0xD55C))
        .containsExactly(730, 1583, 2136, 2138, 2164, 3393);
    assertThat(FloatBounds.TableInput.ids(folded, 0x2000))
        .containsExactly(975, 1614, 2137, 2159, 2188, 3097);
    assertThat(FloatBounds.TableInput.ids(folded, -5))
        .containsExactly(1026, 2113, 2137, 2159, 2188, 3398);
  }

  @Test
  void embeddingBoundEqualsThatOfBoundsPy() {
    var e = kerasReference().embed("hello");

    assertThat(e.value()[0]).isCloseTo(-0.014584745153735892, within(1e-12));
    assertThat(e.error()[0]).isCloseTo(5.781340483625667e-07, within(1e-15));
  }

  @Test
  void nearZeroTheDistanceBoundWidensAndTheCosineBoundNarrows() {
    var lstm = kerasReference();
    var near = FloatBounds.envelope(lstm, "abc", "abd", CLIP_EPSILON);
    var far = FloatBounds.envelope(lstm, "hello", "world", CLIP_EPSILON);

    assertThat(near.distance()).isLessThan(FloatBounds.NEAR_ZERO);
    assertThat(near.distanceTolerance()).isGreaterThan(2 * far.distanceTolerance());
    assertThat(near.cosineTolerance()).isLessThan(far.cosineTolerance());
  }

  /**
   * The folded reference's weights pooled by words (each word through the LSTM on its own) or by
   * windows (each letter's window of at most Pooling.WINDOW = 3).
   */
  private static FloatBounds.Lstm folded(Pooling pooling) {
    WeightsReader.Model model = model("keras-reference-folded");
    return FloatBounds.Lstm.of(model.spec().pooledBy(pooling), model.weights());
  }

  @ParameterizedTest
  @CsvSource({
    "WORDS, 'John Smith', 'Smith, John', 0.00045313715593654107, 0.0004531368318275905,"
        + " 0.0011101248478856238",
    "WORDS, Jean-Luc Picard, Picard, 0.18258550784844954, 0.18255403974979179,"
        + " 0.18261697496696375",
    "WORDS, \u6771\u4eac\u3001\u5927\u962a, \u5927\u962a, 0.2653248901898159,"
        + " 0.26531396199702784, 0.2653358182573011",
    "WINDOWS, 'John Smith', 'Smith, John', 0.00045313715593654107, 0.0004531368318275905,"
        + " 0.0011100901777437555",
    "WINDOWS, Jean-Luc Picard, Picard, 0.19942581591852718, 0.19940009180990936,"
        + " 0.1994515393780645",
    "WINDOWS, Norgren AB, NorgrenAB, 0.04089855171313487, 0.04086482086968449,"
        + " 0.04093226340463221",
  })
  void wordPoolingEnvelopesEqualThoseOfBoundsPy(
      Pooling pooling, String left, String right, double distance, double low, double high) {
    var env = FloatBounds.envelope(folded(pooling), left, right, CLIP_EPSILON);

    assertThat(env.distance()).isCloseTo(distance, within(1e-12));
    assertThat(env.low()).isCloseTo(low, within(1e-12));
    assertThat(env.high()).isCloseTo(high, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({
    "WORDS, 0, -0.06258649758065327, 1.7455683259406283e-05",
    "WORDS, 24, -0.09813702091026133, 9.128148848540917e-07",
    "WINDOWS, 0, -0.01793552071386728, 8.100015479235078e-06",
    "WINDOWS, 24, -0.09813702091026133, 9.128148848540917e-07",
  })
  void wordPoolingEmbeddingBoundEqualsThatOfBoundsPy(
      Pooling pooling, int component, double value, double error) {
    var e = folded(pooling).embed("\u00ab \u00c6r\u00f8sk\u00f8bing, Danmark \u00bb");

    assertThat(e.value()[component]).isCloseTo(value, within(1e-12));
    assertThat(e.error()[component]).isCloseTo(error, within(1e-15));
  }

  @Test
  void withoutSeparatorsWordsIsMeanBagAndWithoutLettersExactlyZero() {
    var words = folded(Pooling.WORDS);
    var meanBag = reference("keras-reference-folded");

    assertThat(words.embed("O'Brien").value()).containsExactly(meanBag.embed("O'Brien").value());
    assertThat(words.embed("O'Brien").error()).containsExactly(meanBag.embed("O'Brien").error());
    assertThat(words.embed(" ,\u3001").value()).hasSize(40).containsOnly(0.0);
    assertThat(words.embed(" ,\u3001").error()).containsOnly(0.0);
  }
}
