package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.io.JsonCodec;

/**
 * Keras -> Java: the SavedModel that python-export/reference.py exported with Keras 3 (committed in
 * models/keras-reference/) loads through the scoring API and reproduces the Keras distances and
 * embeddings of golden.json. Runs without Python: it reads only committed files.
 */
class KerasReferenceTest {
  private static final Path DIR = Path.of("models", "keras-reference");

  /**
   * The bound; float32 kernels on both sides (Keras's while-loop LSTM vs the fused
   * BlockLSTMV2).
   */
  private static final double TOLERANCE = 1e-5;

  /** Below this distance (angle < 1.8 degrees) acos is ill-conditioned in float32; see the test. */
  private static final double NEAR_ZERO = 0.01;

  /** Four float32 ulps of a cosine near 1. */
  private static final double COSINE_TOLERANCE = 2.4e-7;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> goldenPairs() throws Exception {
    var golden =
        (Map<String, Object>)
            JsonCodec.read(
                Files.readString(DIR.resolve("golden.json"), StandardCharsets.UTF_8), Map.class);
    return (List<Map<String, Object>>) golden.get("pairs");
  }

  @Test
  void distancesMatchKerasWithin1e5() throws Exception {
    var pairs = goldenPairs();
    try (var model = SimilarityModel.load(DIR)) {
      float[] d =
          model.distances(
              pairs.stream().map(p -> (String) p.get("left")).toList(),
              pairs.stream().map(p -> (String) p.get("right")).toList());
      double max = 0;
      double maxCos = 0;
      for (int i = 0; i < d.length; i++) {
        double expected = ((Number) pairs.get(i).get("distance")).doubleValue();
        if (expected >= NEAR_ZERO) {
          assertThat((double) d[i]).as("pair %d", i).isCloseTo(expected, within(TOLERANCE));
          max = Math.max(max, Math.abs(d[i] - expected));
        } else {
          // acos'(x) = -1/sqrt(1 - x^2): near cos = 1 one float32 ulp of the cosine (6e-8) moves
          // the distance by
          // up to ~1e-5, so for near-identical pairs the cosines are compared, to a few ulps.
          double cos = Math.cos(Math.PI * d[i]);
          double expectedCos = Math.cos(Math.PI * expected);
          assertThat(cos).as("pair %d cosine", i).isCloseTo(expectedCos, within(COSINE_TOLERANCE));
          maxCos = Math.max(maxCos, Math.abs(cos - expectedCos));
        }
      }
      System.out.printf(
          "Keras -> Java: %d golden pairs, max |distance difference| = %.3g (distance >= %.2f),"
              + " max |cosine difference| = %.3g below%n",
          d.length, max, NEAR_ZERO, maxCos);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void embeddingsMatchKerasWithin1e5() throws Exception {
    try (var model = SimilarityModel.load(DIR)) {
      for (var p : goldenPairs()) {
        float[] e = model.embed((String) p.get("left"));
        List<Object> expected = (List<Object>) p.get("leftEmbedding");
        assertThat(e).hasSize(expected.size());
        for (int k = 0; k < e.length; k++) {
          assertThat((double) e[k])
              .isCloseTo(((Number) expected.get(k)).doubleValue(), within(TOLERANCE));
        }
      }
    }
  }

  @Test
  void weightsReaderMapsTheKerasVariablesByShape() {
    LstmWeights w = WeightsReader.read(DIR, 0);
    assertThat(w.units()).isEqualTo(10);
    assertThat(w.parameterCount()).isEqualTo(480);
    assertThat(w.allFinite()).isTrue();
  }

  @Test
  void weightsReaderNamesExpectedAndFoundOnMismatch() {
    assertThatThrownBy(() -> WeightsReader.read(DIR, 32))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("its LSTM has 10 units")
        .hasMessageContaining("Expected one LSTM on 1 input feature: kernel [1, 4*32]");
  }
}
