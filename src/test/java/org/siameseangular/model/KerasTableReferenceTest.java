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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.siameseangular.FloatBounds;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.Pooling;
import org.siameseangular.io.JsonCodec;

/**
 * The Keras references of the table encodings ({@code models/keras-reference-hashed} and {@code
 * models/keras-reference-folded}, written by {@code python-export/reference.py}): their weights map
 * onto the Java graph by role (the one code-point table among a Keras export's duplicated handles;
 * the folded fold table is a graph constant on both sides, not a variable), a Java export of them
 * reads back bit for bit, and the Java graph with their weights reproduces golden.json within
 * FloatBounds. The hashed one pools "last" (its metadata has no pooling key), the folded one
 * "mean-bag" (the default model's architecture before "windows"), so both poolings meet Keras here;
 * words and windows, the default's, meet Keras in python-export/tests/test_words_pooling.py.
 * Skipped where a reference is not in the tree.
 */
class KerasTableReferenceTest {

  /** A committed reference, the spec it was built with and its table's rows. */
  enum Reference {
    /** The hashed default of before mean-bag: 1031 + 1087 rows, pooling last. */
    HASHED("keras-reference-hashed", ModelSpec.hashed(ModelSpec.DEFAULT_UNITS), 2118),
    /**
     * The default model's encoding and size: folded, 1031 + 1087 hashed rows, 71 jamo rows, 1214
     * detail rows; pooling mean-bag.
     */
    FOLDED("keras-reference-folded", ModelSpec.defaults().pooledBy(Pooling.MEAN_BAG), 3403);

    final Path dir;
    final ModelSpec spec;
    final int rows;

    Reference(String dir, ModelSpec spec, int rows) {
      this.dir = Path.of("models", dir);
      this.spec = spec;
      this.rows = rows;
    }

    WeightsReader.Model read() {
      assumeTrue(Files.isRegularFile(dir.resolve("saved_model.pb")), dir + " is not in the tree");
      return WeightsReader.read(dir);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> goldenPairs() throws IOException {
      var golden =
          (Map<String, Object>)
              JsonCodec.read(
                  Files.readString(dir.resolve("golden.json"), StandardCharsets.UTF_8), Map.class);
      return (List<Map<String, Object>>) golden.get("pairs");
    }
  }

  @ParameterizedTest
  @EnumSource(Reference.class)
  void itIsTheModelItWasBuiltAs(Reference ref) {
    assertThat(ref.read().spec()).isEqualTo(ref.spec);
  }

  @ParameterizedTest
  @EnumSource(Reference.class)
  void itsTableMapsByRole(Reference ref) {
    WeightsReader.Model read = ref.read();

    var table = (InputEncoding.Table) read.spec().encoding();
    assertThat(table.rows()).isEqualTo(ref.rows);
    assertThat(read.weights().embeddings()).hasSize(table.rows() * table.dimension());
    assertThat(read.weights().lstm().inputSize()).isEqualTo(table.dimension());
    assertThat(read.weights().lstm().units()).isEqualTo(read.spec().units());
  }

  @ParameterizedTest
  @EnumSource(Reference.class)
  void aJavaExportOfItsWeightsReadsBackBitForBit(Reference ref, @TempDir Path tmp)
      throws IOException {
    WeightsReader.Model keras = ref.read();
    Path java = tmp.resolve("java");

    ModelExporter.export(java, keras.spec(), keras.weights());

    WeightsReader.Model back = WeightsReader.read(java);
    assertThat(back.spec()).isEqualTo(keras.spec());
    assertThat(back.weights()).isEqualTo(keras.weights());
  }

  @ParameterizedTest
  @EnumSource(Reference.class)
  @Tag("numeric")
  void theJavaGraphWithItsWeightsGivesKerasDistances(Reference ref, @TempDir Path tmp)
      throws IOException {
    WeightsReader.Model keras = ref.read();
    Path java = tmp.resolve("java");
    ModelExporter.export(java, keras.spec(), keras.weights());
    var exact = FloatBounds.Lstm.of(keras.spec(), keras.weights());
    var pairs = ref.goldenPairs();
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
        "Keras %s reference -> Java graph: %d golden pairs, largest difference / bound = %.3g%n",
        ref, d.length, worst);
  }

  @ParameterizedTest
  @EnumSource(Reference.class)
  @Tag("numeric")
  @SuppressWarnings("unchecked")
  void theJavaGraphWithItsWeightsGivesKerasEmbeddings(Reference ref, @TempDir Path tmp)
      throws IOException {
    WeightsReader.Model keras = ref.read();
    Path java = tmp.resolve("java");
    ModelExporter.export(java, keras.spec(), keras.weights());
    var exact = FloatBounds.Lstm.of(keras.spec(), keras.weights());

    try (var model = SimilarityModel.load(java)) {
      assertThat(model.embeddingSize()).contains(ref.spec.embeddingSize());
      for (var p : ref.goldenPairs()) {
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
}
