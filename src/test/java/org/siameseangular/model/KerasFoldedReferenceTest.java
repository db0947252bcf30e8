package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.FloatBounds;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.JsonCodec;

/**
 * The folded Keras reference ({@code models/keras-reference-folded}, written by {@code
 * python-export/reference.py}): its weights map onto the Java graph by role (the one code-point
 * table of {@code J + 71 + 1214} rows among a Keras export's duplicated handles; the fold table is
 * a graph constant on both sides, not a variable), and a Java export of them reads back bit for
 * bit. Skipped where the reference is not in the tree.
 */
class KerasFoldedReferenceTest {
  private static final Path DIR = Path.of("models", "keras-reference-folded");

  @BeforeEach
  void requireTheReference() {
    assumeTrue(Files.isRegularFile(DIR.resolve("saved_model.pb")), DIR + " is not in the tree");
  }

  @Test
  void itsMetadataGivesTheFoldedSpecAndTheTableMapsByRole() {
    WeightsReader.Model read = WeightsReader.read(DIR);

    assertThat(read.spec().encoding()).isInstanceOf(InputEncoding.Folded.class);
    var folded = (InputEncoding.Folded) read.spec().encoding();
    // 1031 + 1087 hashed rows, 71 jamo rows, 1214 detail rows (InputEncoding.Folded).
    assertThat(folded.rows()).isEqualTo(3403);
    assertThat(read.weights().embeddings()).hasSize(folded.rows() * folded.dimension());
    assertThat(read.weights().lstm().inputSize()).isEqualTo(folded.dimension());
    assertThat(read.weights().lstm().units()).isEqualTo(read.spec().units());
  }

  @Test
  void aJavaExportOfItsWeightsReadsBackBitForBit(@TempDir Path tmp) throws IOException {
    WeightsReader.Model keras = WeightsReader.read(DIR);
    Path java = tmp.resolve("java");

    ModelExporter.export(java, keras.spec(), keras.weights());

    WeightsReader.Model back = WeightsReader.read(java);
    assertThat(back.spec()).isEqualTo(keras.spec());
    assertThat(back.weights()).isEqualTo(keras.weights());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> goldenPairs() throws IOException {
    var golden =
        (Map<String, Object>)
            JsonCodec.read(
                Files.readString(DIR.resolve("golden.json"), StandardCharsets.UTF_8), Map.class);
    return (List<Map<String, Object>>) golden.get("pairs");
  }

  @Test
  @Tag("numeric")
  void theJavaGraphWithItsWeightsGivesKerasDistances(@TempDir Path tmp) throws IOException {
    WeightsReader.Model keras = WeightsReader.read(DIR);
    Path java = tmp.resolve("java");
    ModelExporter.export(java, keras.spec(), keras.weights());
    var exact = FloatBounds.Lstm.of(keras.spec(), keras.weights());
    var pairs = goldenPairs();
    List<String> lefts = pairs.stream().map(p -> (String) p.get("left")).toList();
    List<String> rights = pairs.stream().map(p -> (String) p.get("right")).toList();

    float[] d;
    try (var model = SimilarityModel.load(java)) {
      d = model.distances(lefts, rights);
    }

    double worst = 0;
    for (int i = 0; i < d.length; i++) {
      double expected = ((Number) pairs.get(i).get("distance")).doubleValue();
      var env =
          FloatBounds.envelope(exact, lefts.get(i), rights.get(i), keras.spec().clipEpsilon());
      // Keras (golden.json) and Java's graph are two float32 implementations: distances from
      // FloatBounds.NEAR_ZERO up, cos(pi d) below.
      assertThat(env.ratio(expected, d[i]))
          .as(
              "pair %d %s / %s: Java %s vs Keras %s, %s",
              i, lefts.get(i), rights.get(i), d[i], expected, env)
          .isLessThanOrEqualTo(1);
      worst = Math.max(worst, env.ratio(expected, d[i]));
    }
    System.out.printf(
        "Keras folded reference -> Java graph: %d golden pairs, largest difference / bound ="
            + " %.3g%n",
        d.length, worst);
  }

  @Test
  @Tag("numeric")
  @SuppressWarnings("unchecked")
  void theJavaGraphWithItsWeightsGivesKerasEmbeddings(@TempDir Path tmp) throws IOException {
    WeightsReader.Model keras = WeightsReader.read(DIR);
    Path java = tmp.resolve("java");
    ModelExporter.export(java, keras.spec(), keras.weights());
    var exact = FloatBounds.Lstm.of(keras.spec(), keras.weights());

    try (var model = SimilarityModel.load(java)) {
      for (var p : goldenPairs()) {
        String text = (String) p.get("right");
        float[] e = model.embed(text);
        List<Object> expected = (List<Object>) p.get("rightEmbedding");
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
  void theDefaultSpecIsWhatTheReferenceWasBuiltWith() {
    assertThat(WeightsReader.read(DIR).spec()).isEqualTo(ModelSpec.defaults());
  }
}
