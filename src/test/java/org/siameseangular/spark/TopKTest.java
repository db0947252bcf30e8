package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.siameseangular.FloatBounds;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.match.AngularDistance;
import org.siameseangular.model.SimilarityModel;

/**
 * {@link SiameseSpark#topK} against the exact answer computed in this JVM.
 *
 * <p>Spark embeds the queries in other batches than this JVM does, so distances agree within each
 * pair's float32 envelope (see WithDistanceTest), and two candidates whose distances lie within
 * their tolerances of each other may swap. A result is correct when every distance is within its
 * envelope of the reference and no candidate left out is nearer than the last one taken by more
 * than the two tolerances.
 */
@Tag("spark")
class TopKTest {
  private static final StructType TEXTS =
      new StructType().add("id", DataTypes.IntegerType, false).add("s", DataTypes.StringType, true);

  private static String modelPath;
  private static SimilarityModel model;
  private static List<String> candidates;
  private static List<String> queries;

  @BeforeAll
  static void load() throws Exception {
    modelPath = SparkTests.model();
    model = SimilarityModel.load(Path.of(modelPath));
    candidates = new ArrayList<>(DefaultDataset.words().subList(500, 800));
    var random = new SplittableRandom(5);
    queries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String c = candidates.get(random.nextInt(candidates.size()));
      queries.add(c.substring(0, Math.max(1, c.length() - 1)) + "x");
    }
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static Dataset<Row> table(List<String> texts) {
    var rows = new ArrayList<Row>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    return SparkTests.spark().createDataFrame(rows, TEXTS).repartition(2);
  }

  /** query -> its rows in rank order. */
  private static Map<String, List<Row>> byQuery(Dataset<Row> found) {
    var out = new LinkedHashMap<String, List<Row>>();
    for (Row r : found.orderBy("query", "rank").collectAsList()) {
      out.computeIfAbsent(r.getString(0), q -> new ArrayList<>()).add(r);
    }
    return out;
  }

  @Test
  void exactSearchFindsTheNearestCandidatesWithinFloat32Bounds() {
    int k = 5;

    Map<String, List<Row>> found =
        byQuery(SiameseSpark.topK(table(queries), "s", table(candidates), "s", modelPath, k));

    assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(new HashSet<>(queries));
    FloatBounds.Lstm exact = SparkTests.exact();
    AngularDistance head = AngularDistance.of(model);
    float[][] c = model.embed(candidates);
    for (var entry : found.entrySet()) {
      String q = entry.getKey();
      List<Row> rows = entry.getValue();
      float[] e = model.embed(q);
      assertThat(rows).extracting(r -> r.getInt(1)).containsExactly(1, 2, 3, 4, 5);
      Set<String> taken = new HashSet<>();
      for (Row r : rows) {
        String candidate = r.getString(2);
        taken.add(candidate);
        double reference = head.distance(e, c[candidates.indexOf(candidate)]);
        assertThat(FloatBounds.envelope(exact, q, candidate, 1e-6).ratio(r.getFloat(3), reference))
            .as("%s -> %s", q, candidate)
            .isLessThanOrEqualTo(1);
      }
      String last = rows.get(k - 1).getString(2);
      double lastDistance = head.distance(e, c[candidates.indexOf(last)]);
      double lastTolerance = FloatBounds.envelope(exact, q, last, 1e-6).distanceTolerance();
      for (int i = 0; i < candidates.size(); i++) {
        String other = candidates.get(i);
        double d = head.distance(e, c[i]);
        if (!taken.contains(other) && d < lastDistance) {
          double tolerance = FloatBounds.envelope(exact, q, other, 1e-6).distanceTolerance();
          assertThat(lastDistance - d)
              .as("%s: %s (%s) left out, %s (%s) taken", q, other, d, last, lastDistance)
              .isLessThanOrEqualTo(tolerance + lastTolerance);
        }
      }
    }
  }

  @Test
  void hnswSearchReturnsKCandidatesWithExactDistances() {
    Map<String, List<Row>> found =
        byQuery(
            SiameseSpark.topK(
                table(queries),
                "s",
                table(candidates),
                "s",
                modelPath,
                3,
                SiameseSpark.Search.HNSW));

    FloatBounds.Lstm exact = SparkTests.exact();
    AngularDistance head = AngularDistance.of(model);
    for (var entry : found.entrySet()) {
      assertThat(entry.getValue()).hasSize(3);
      float previous = 0;
      for (Row r : entry.getValue()) {
        String q = entry.getKey();
        String candidate = r.getString(2);
        double reference = head.distance(model.embed(q), model.embed(candidate));
        assertThat(FloatBounds.envelope(exact, q, candidate, 1e-6).ratio(r.getFloat(3), reference))
            .isLessThanOrEqualTo(1);
        assertThat(r.getFloat(3)).isGreaterThanOrEqualTo(previous);
        previous = r.getFloat(3);
      }
    }
  }

  @Test
  void nullsAreSkippedAndRepeatsAnsweredOnce() {
    Map<String, List<Row>> found =
        byQuery(
            SiameseSpark.topK(
                table(Arrays.asList("abc", null, "abc")),
                "s",
                table(Arrays.asList("abd", null, "abd", "xyz")),
                "s",
                modelPath,
                5));

    assertThat(found).containsOnlyKeys("abc");
    assertThat(found.get("abc")).extracting(r -> r.getString(2)).containsOnly("abd", "xyz");
  }

  @Test
  void kBelowOneIsRefused() {
    assertThatThrownBy(
            () ->
                SiameseSpark.topK(table(List.of("a")), "s", table(List.of("b")), "s", modelPath, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be at least 1, found 0");
  }
}
