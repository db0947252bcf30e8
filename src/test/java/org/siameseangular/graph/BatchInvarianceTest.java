package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * An embedding depends on the string only: not on padding, nor on the other strings of the batch.
 *
 * <p>Tolerance 1e-6 absolute, not exact equality: the LSTM's matrix products run over a different
 * batch size, and the CPU kernel blocks them differently; on this machine that moves the last
 * float32 bit of some units (differences of about 1e-8 for values below 0.1 were seen). A string
 * that ran past its end over padding steps would differ by 1e-2 or more.
 */
class BatchInvarianceTest {
  private static final ModelSpec SPEC = ModelSpec.withUnits(6);
  private static GraphHarness graph;

  @BeforeAll
  static void build() {
    graph = GraphHarness.clipped(SPEC, KerasInitializers.lstm(6, 3));
  }

  @AfterAll
  static void close() {
    graph.close();
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

    assertThat(batch[1]).containsExactly(alone, within(1e-6f));
  }

  @Test
  void embeddingIgnoresTrailingPadding() {
    int[] hello = "hello".codePoints().toArray();
    float[] unpadded = graph.embeddings(List.of("hello"))[0];
    float[] padded;
    try (TFloat32 t = CodePoints.tensor(new int[][] {hello}, 40)) {
      padded = graph.embeddings(t)[0];
    }

    assertThat(padded).containsExactly(unpadded, within(1e-6f));
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

    assertThat(batch[1]).isCloseTo(alone, within(1e-6f));
  }
}
