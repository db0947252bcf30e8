package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.siameseangular.FloatBounds;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.JsonCodec;

/**
 * Keras -> Java: the SavedModel that python-export/reference.py exported with Keras 3 (committed in
 * models/keras-reference/) loads through the scoring API and reproduces the Keras distances and
 * embeddings of golden.json. Runs without Python: it reads only committed files.
 *
 * <p>Keras (golden.json, on the CPU that wrote it) and Java (BlockLSTMV2, on this one) are two
 * float32 implementations of one function: the bounds are {@link FloatBounds}', from the model's
 * own weights.
 */
@Tag("numeric")
class KerasReferenceTest {
  private static final Path DIR = Path.of("models", "keras-reference");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> golden() throws Exception {
    return (Map<String, Object>)
        JsonCodec.read(
            Files.readString(DIR.resolve("golden.json"), StandardCharsets.UTF_8), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> goldenPairs() throws Exception {
    return (List<Map<String, Object>>) golden().get("pairs");
  }

  private static double number(String key) throws Exception {
    return ((Number) golden().get(key)).doubleValue();
  }

  private static FloatBounds.Lstm exact() throws Exception {
    LstmWeights w = WeightsReader.read(DIR, 0);
    return new FloatBounds.Lstm(
        w.units(),
        w.kernel(),
        w.recurrentKernel(),
        w.bias(),
        number("inputCenter"),
        number("inputScale"));
  }

  @Test
  void distancesMatchKerasWithinFloat32Bounds() throws Exception {
    var pairs = goldenPairs();
    FloatBounds.Lstm exact = exact();
    double clipEpsilon = number("clipEpsilon");
    try (var model = SimilarityModel.load(DIR)) {
      float[] d =
          model.distances(
              pairs.stream().map(p -> (String) p.get("left")).toList(),
              pairs.stream().map(p -> (String) p.get("right")).toList());
      double max = 0;
      double worst = 0;
      for (int i = 0; i < d.length; i++) {
        double expected = ((Number) pairs.get(i).get("distance")).doubleValue();
        var env =
            FloatBounds.envelope(
                exact,
                (String) pairs.get(i).get("left"),
                (String) pairs.get(i).get("right"),
                clipEpsilon);
        // Distances from FloatBounds.NEAR_ZERO up, cos(pi d) below (the same interval, seen where
        // it is sharp).
        assertThat(env.ratio(expected, d[i]))
            .as("pair %d: %s vs Keras %s, %s", i, d[i], expected, env)
            .isLessThanOrEqualTo(1);
        max = Math.max(max, Math.abs(d[i] - expected));
        worst = Math.max(worst, env.ratio(expected, d[i]));
      }
      System.out.printf(
          "Keras -> Java: %d golden pairs, max |distance difference| = %.3g, largest"
              + " difference / bound = %.3g%n",
          d.length, max, worst);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void embeddingsMatchKerasWithinFloat32Bounds() throws Exception {
    FloatBounds.Lstm exact = exact();
    try (var model = SimilarityModel.load(DIR)) {
      for (var p : goldenPairs()) {
        String text = (String) p.get("left");
        float[] e = model.embed(text);
        List<Object> expected = (List<Object>) p.get("leftEmbedding");
        FloatBounds.Embedding bound = exact.embed(text);
        assertThat(e).hasSize(expected.size());
        for (int k = 0; k < e.length; k++) {
          assertThat((double) e[k])
              .as("%s unit %d", text, k)
              .isCloseTo(((Number) expected.get(k)).doubleValue(), within(bound.tolerance(k)));
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
        .hasMessageContaining("has 10 LSTM units, expected 32");
  }

  @Test
  void itsMetadataWithoutAnEncodingReadsAsTheScalarEncoding() {
    WeightsReader.Model read = WeightsReader.read(DIR);

    assertThat(read.spec()).isEqualTo(ModelSpec.withUnits(10));
    assertThat(read.weights().embeddings()).isNull();
  }
}
