package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph against {@link ReferenceModel}, an independent double-precision implementation.
 *
 * <p>Tolerance 1e-5 absolute throughout: the graph computes in float32 (unit roundoff 6e-8);
 * embeddings are bounded by 1 and strings here are at most 30 steps, so accumulated rounding stays
 * around 1e-6, ten times below the tolerance, while a wrong gate order, a missing scaling or an
 * off-by-one last step moves values by 1e-2 or more.
 */
class ReferenceMathTest {
  private static final double TOLERANCE = 1e-5;
  private static final ModelSpec SPEC = ModelSpec.withUnits(5);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(5, 7);

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
      for (int k = 0; k < expected.length; k++) {
        assertThat((double) actual[b][k])
            .as("%s unit %d", TEXTS.get(b), k)
            .isCloseTo(expected[k], within(TOLERANCE));
      }
    }
  }

  @Test
  void nonBmpCharacterIsOneStep() {
    // "\ud83d\ude00" is one code point: two UTF-16 steps would give a different state.
    double[] oneStep = ReferenceModel.embed(SPEC, WEIGHTS, "\ud83d\ude00");
    float[] actual = graph.embeddings(List.of("\ud83d\ude00"))[0];

    for (int k = 0; k < oneStep.length; k++) {
      assertThat((double) actual[k]).isCloseTo(oneStep[k], within(TOLERANCE));
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
      assertThat((double) actual[i])
          .as("%s / %s", lefts.get(i), rights.get(i))
          .isCloseTo(expected, within(TOLERANCE));
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
      assertThat((double) actual[i])
          .as("%s / %s (cos %s)", lefts.get(i), rights.get(i), cos)
          .isCloseTo(expected, within(TOLERANCE));
    }
    // acos(1 - 1e-6) / pi = sqrt(2e-6) / pi, about 4.5e-4: the clip, not 0.
    assertThat((double) actual[3]).isCloseTo(Math.sqrt(2e-6) / Math.PI, within(TOLERANCE));
  }

  @Test
  void lossIsTheMeanKeras3BinaryCrossEntropyOfTheDistances() {
    List<String> lefts = List.of("hello", "cat", "Stra\u00dfe", "abc");
    List<String> rights = List.of("help", "dog", "strasse", "abc");
    float[] labels = {1, 0, 1, 0};

    float actual = graph.loss(lefts, rights, labels);

    double sum = 0;
    for (int i = 0; i < lefts.size(); i++) {
      double cos =
          ReferenceModel.cosine(
              ReferenceModel.embed(SPEC, WEIGHTS, lefts.get(i)),
              ReferenceModel.embed(SPEC, WEIGHTS, rights.get(i)));
      sum += ReferenceModel.bce(ReferenceModel.distance(cos, SPEC.clipEpsilon()), labels[i]);
    }
    assertThat((double) actual).isCloseTo(sum / lefts.size(), within(TOLERANCE));
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
        double sum = 0;
        for (int i = 0; i < distances.length; i++) {
          double expected = ReferenceModel.bce(distances[i], labels[i]);
          sum += expected;
          assertThat((double) perPair[i])
              .as("d=%s label=%s", distances[i], labels[i])
              .isCloseTo(expected, within(TOLERANCE));
        }
        // Distance 0 on a dissimilar pair is Keras 3's maximum, -log(1e-7) = 16.118 (Keras 2's
        // log(p + eps)
        // would give -log(2e-7) = 15.42).
        assertThat((double) perPair[6]).isCloseTo(-Math.log(1e-7), within(1e-4));
        assertThat((double) ((TFloat32) r.get(1)).getFloat())
            .isCloseTo(sum / distances.length, within(TOLERANCE));
      }
    }
  }
}
