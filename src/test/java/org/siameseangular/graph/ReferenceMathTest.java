package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.siameseangular.FloatBounds;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph against {@link ReferenceModel}, an independent double-precision implementation.
 *
 * <p>The graph computes in float32; each value must lie within {@link FloatBounds}' bound of one
 * float32 implementation around the exact value (its running error bound for embeddings, about 1e-7
 * to 1e-6 here; the envelopes for cosines, distances and losses), while a wrong gate order, a
 * missing scaling or an off-by-one last step moves values by 1e-2 or more.
 */
@Tag("numeric")
class ReferenceMathTest {
  private static final ModelSpec SPEC = ModelSpec.withUnits(5);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(5, 7);
  private static final FloatBounds.Lstm EXACT =
      new FloatBounds.Lstm(
          5,
          WEIGHTS.kernel(),
          WEIGHTS.recurrentKernel(),
          WEIGHTS.bias(),
          SPEC.inputCenter(),
          SPEC.inputScale());

  /**
   * Different lengths in one batch, a non-ASCII BMP letter and a non-BMP character (one step,
   * U+1F600).
   */
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

  @Test
  void embeddingsOfABatchOfDifferentLengthsMatchTheKerasLstmStep() {
    float[][] actual = graph.embeddings(TEXTS);

    assertThat(actual).hasNumberOfRows(TEXTS.size());
    for (int b = 0; b < TEXTS.size(); b++) {
      double[] expected = ReferenceModel.embed(SPEC, WEIGHTS, TEXTS.get(b));
      double[] error = EXACT.embed(TEXTS.get(b)).error();
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) actual[b][k])
            .as("%s unit %d", TEXTS.get(b), k)
            .isCloseTo(expected[k], within(error[k]));
      }
    }
  }

  @Test
  void nonBmpCharacterIsOneStep() {
    // "\ud83d\ude00" is one code point: two UTF-16 steps would give a different state.
    double[] oneStep = ReferenceModel.embed(SPEC, WEIGHTS, "\ud83d\ude00");
    double[] error = EXACT.embed("\ud83d\ude00").error();
    float[] actual = graph.embeddings(List.of("\ud83d\ude00"))[0];

    for (int k = 0; k < oneStep.length; k++) {
      assertThat((double) actual[k]).isCloseTo(oneStep[k], within(error[k]));
    }
  }

  @Test
  void cosineIsTheDotOfTheL2NormalisedEmbeddings() {
    List<String> lefts = List.of("hello", "a", "Stra\u00dfe", "abc");
    List<String> rights =
        List.of("help", "\ud83d\ude00x", "strasse", "a much longer string of words!");

    float[] actual = graph.cosines(lefts, rights);

    for (int i = 0; i < lefts.size(); i++) {
      double expected =
          ReferenceModel.cosine(
              ReferenceModel.embed(SPEC, WEIGHTS, lefts.get(i)),
              ReferenceModel.embed(SPEC, WEIGHTS, rights.get(i)));
      var env = FloatBounds.envelope(EXACT, lefts.get(i), rights.get(i), SPEC.clipEpsilon());
      assertThat(expected).isBetween(env.cosLow(), env.cosHigh());
      assertThat((double) actual[i])
          .as("%s / %s", lefts.get(i), rights.get(i))
          .isBetween(env.cosLow(), env.cosHigh());
    }
  }

  @Test
  void distanceIsTheArcCosineOfTheClippedCosineOverPi() {
    // The last pair is identical: its cosine is 1 up to rounding and the clip to 1 - eps decides
    // the value.
    List<String> lefts = List.of("hello", "cat", "Stra\u00dfe", "abc");
    List<String> rights = List.of("help", "dog", "strasse", "abc");

    float[] actual = graph.distances(lefts, rights);

    for (int i = 0; i < lefts.size(); i++) {
      double cos =
          ReferenceModel.cosine(
              ReferenceModel.embed(SPEC, WEIGHTS, lefts.get(i)),
              ReferenceModel.embed(SPEC, WEIGHTS, rights.get(i)));
      double expected = ReferenceModel.distance(cos, SPEC.clipEpsilon());
      var env = FloatBounds.envelope(EXACT, lefts.get(i), rights.get(i), SPEC.clipEpsilon());
      assertThat(env.distance()).isCloseTo(expected, within(1e-12));
      assertThat((double) actual[i])
          .as("%s / %s (cos %s)", lefts.get(i), rights.get(i), cos)
          .isBetween(env.low(), env.high());
    }
    // acos(1 - 1e-6) / pi = sqrt(2e-6) / pi, about 4.5e-4: the clip, not 0 (the float32 clip bound
    // is 1 - 17 u,
    // so the exact value is 0.000453 and the envelope's low end is 1.2e-10 below it; 0 is far
    // outside).
    assertThat(FloatBounds.envelope(EXACT, "abc", "abc", SPEC.clipEpsilon()).low())
        .isGreaterThan(4.5e-4);
  }

  @Test
  void lossIsTheMeanKeras3BinaryCrossEntropyOfTheDistances() {
    List<String> lefts = List.of("hello", "cat", "Stra\u00dfe", "abc");
    List<String> rights = List.of("help", "dog", "strasse", "abc");
    float[] labels = {1, 0, 1, 0};

    float actual = graph.loss(lefts, rights, labels);

    double sum = 0;
    List<FloatBounds.Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < lefts.size(); i++) {
      double cos =
          ReferenceModel.cosine(
              ReferenceModel.embed(SPEC, WEIGHTS, lefts.get(i)),
              ReferenceModel.embed(SPEC, WEIGHTS, rights.get(i)));
      sum += ReferenceModel.bce(ReferenceModel.distance(cos, SPEC.clipEpsilon()), labels[i]);
      envelopes.add(FloatBounds.envelope(EXACT, lefts.get(i), rights.get(i), SPEC.clipEpsilon()));
    }
    double[] bounds = FloatBounds.lossEnvelope(envelopes, labels);
    assertThat(sum / lefts.size()).isBetween(bounds[0], bounds[1]);
    assertThat((double) actual).isBetween(bounds[0], bounds[1]);
  }

  @Test
  void binaryCrossEntropyClipsAtKerasEpsilonWithoutEpsilonInsideTheLog() {
    // AngularLoss alone, fed distances directly, including the clipped ends 0 and 1.
    float[] distances = {0f, 1e-9f, 0.3f, 0.5f, 0.9f, 1f, 0f, 1f};
    float[] labels = {1, 0, 1, 0, 0, 1, 0, 0};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> d = tf.placeholder(TFloat32.class);
      AngularLoss bce = new AngularLoss(tf, d);
      try (TFloat32 dt = TFloat32.vectorOf(distances);
          TFloat32 yt = TFloat32.vectorOf(labels);
          Result r =
              s.runner()
                  .feed(d, dt)
                  .feed(bce.labels, yt)
                  .fetch(bce.perPair)
                  .fetch(bce.loss)
                  .run()) {
        float[] perPair = GraphHarness.flat((TFloat32) r.get(0));
        // The distances are given exactly (float32 inputs): degenerate envelopes, only the loss's
        // own rounding.
        List<FloatBounds.Envelope> given = new ArrayList<>();
        for (int i = 0; i < distances.length; i++) {
          given.add(new FloatBounds.Envelope(distances[i], distances[i], distances[i], 0, 0));
          double[] one = FloatBounds.lossEnvelope(given.subList(i, i + 1), new float[] {labels[i]});
          assertThat(ReferenceModel.bce(distances[i], labels[i])).isBetween(one[0], one[1]);
          assertThat((double) perPair[i])
              .as("d=%s label=%s", distances[i], labels[i])
              .isBetween(one[0], one[1]);
        }
        // Distance 0 on a dissimilar pair is Keras 3's maximum, -log(1e-7) = 16.118 (Keras 2's
        // log(p + eps)
        // would give -log(2e-7) = 15.42): Keras 3's value lies in that pair's envelope, which
        // perPair[6] was
        // checked against above.
        double[] atZero = FloatBounds.lossEnvelope(given.subList(6, 7), new float[] {labels[6]});
        assertThat(-Math.log(1e-7)).isBetween(atZero[0], atZero[1]);
        assertThat(-Math.log(2e-7)).isLessThan(atZero[0]);
        double[] mean = FloatBounds.lossEnvelope(given, labels);
        assertThat((double) ((TFloat32) r.get(1)).getFloat()).isBetween(mean[0], mean[1]);
      }
    }
  }
}
