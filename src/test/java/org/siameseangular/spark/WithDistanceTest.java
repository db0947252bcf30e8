package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
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
import org.siameseangular.data.Pair;
import org.siameseangular.model.SimilarityModel;

/**
 * {@link SiameseSpark#withDistance} on a real local[2] session against {@link SimilarityModel} in
 * this JVM.
 *
 * <p>The bound: Spark embeds each distinct string in a batch of its partition's strings and
 * computes the head in Java ({@code AngularDistance}); {@code SimilarityModel.distance} embeds both
 * strings of a pair in one pair batch and computes the head in the graph. Both are float32
 * implementations of the same function, differing only by rounding, so each distance lies in the
 * pair's {@link FloatBounds#envelope} (the exact value computed in double with the running error
 * bound of any float32 implementation): {@code ratio <= 1}. A wrong pairing, a missing
 * normalisation or a wrong clip moves distances by 1e-2 or more, hundreds of times the bound.
 */
@Tag("spark")
class WithDistanceTest {
  private static final StructType PAIRS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("left", DataTypes.StringType, true)
          .add("right", DataTypes.StringType, true);

  private static String modelPath;
  private static SimilarityModel model;

  @BeforeAll
  static void load() throws Exception {
    modelPath = SparkTests.model();
    model = SimilarityModel.load(java.nio.file.Path.of(modelPath));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static Dataset<Row> pairs(List<String[]> pairs) {
    var rows = new ArrayList<Row>();
    for (int i = 0; i < pairs.size(); i++) {
      rows.add(RowFactory.create(i, pairs.get(i)[0], pairs.get(i)[1]));
    }
    return SparkTests.spark().createDataFrame(rows, PAIRS).repartition(3);
  }

  /** id -> distance (null kept). */
  private static Map<Integer, Float> distances(Dataset<Row> scored) {
    var out = new java.util.HashMap<Integer, Float>();
    for (Row r : scored.collectAsList()) {
      out.put(r.getInt(0), r.isNullAt(3) ? null : r.getFloat(3));
    }
    return out;
  }

  @Test
  void distancesAreSimilarityModelsPairByPairWithinFloat32Bounds() {
    var data = new ArrayList<String[]>();
    List<Pair> pairs = DefaultDataset.defaultPairs();
    for (int i = 0; i < 1500; i++) {
      data.add(new String[] {pairs.get(i).left(), pairs.get(i).right()});
    }
    data.add(new String[] {"Zoë Ωmega", "Zoe Omega"});
    data.add(new String[] {"\ud83d\ude00 smile", "\ud83d\ude00 smile"});

    Map<Integer, Float> spark =
        distances(SiameseSpark.withDistance(pairs(data), "left", "right", modelPath));

    assertThat(spark).hasSize(data.size());
    FloatBounds.Lstm exact = SparkTests.exact();
    double worst = 0;
    for (int i = 0; i < data.size(); i++) {
      String l = data.get(i)[0];
      String r = data.get(i)[1];
      float expected = model.distance(l, r);
      var envelope = FloatBounds.envelope(exact, l, r, SparkTests.SPEC.clipEpsilon());
      double ratio = envelope.ratio(spark.get(i), expected);
      assertThat(ratio)
          .as("%s / %s: Spark %s, SimilarityModel %s, %s", l, r, spark.get(i), expected, envelope)
          .isLessThanOrEqualTo(1);
      worst = Math.max(worst, ratio);
    }
    System.out.printf("withDistance vs SimilarityModel: largest difference / bound %.3g%n", worst);
  }

  @Test
  void eachDistinctStringIsEmbeddedOnce() {
    // 3,000 pairs drawn from 60 names: 60 embeddings, not 6,000.
    var random = new SplittableRandom(3);
    List<String> names = DefaultDataset.words().subList(100, 160);
    var data = new ArrayList<String[]>();
    for (int i = 0; i < 3000; i++) {
      data.add(new String[] {names.get(random.nextInt(60)), names.get(random.nextInt(60))});
    }
    Set<String> distinct = new HashSet<>();
    data.forEach(p -> distinct.addAll(List.of(p)));
    Dataset<Row> input = pairs(data);
    input.count(); // materialise the input first: only the scoring below is counted
    long before = ExecutorModels.embeddedTexts();

    long rows = SiameseSpark.withDistance(input, "left", "right", modelPath).count();

    assertThat(rows).isEqualTo(3000);
    assertThat(ExecutorModels.embeddedTexts() - before).isEqualTo(distinct.size());
  }

  @Test
  void theModelIsLoadedOncePerJvm() {
    SiameseSpark.withDistance(
            pairs(List.<String[]>of(new String[] {"a", "b"})), "left", "right", modelPath)
        .count();
    long loads = ExecutorModels.loads();

    SiameseSpark.withDistance(
            pairs(List.<String[]>of(new String[] {"c", "d"})), "left", "right", modelPath)
        .count();

    assertThat(ExecutorModels.loads()).isEqualTo(loads);
  }

  @Test
  void nullGivesNullAndTheEmptyStringIsHalfwayFromEverything() {
    var data =
        List.of(
            new String[] {null, "abc"},
            new String[] {"abc", null},
            new String[] {null, null},
            new String[] {"", "abc"},
            new String[] {"", ""});

    Map<Integer, Float> d =
        distances(SiameseSpark.withDistance(pairs(data), "left", "right", modelPath));

    assertThat(d.get(0)).isNull();
    assertThat(d.get(1)).isNull();
    assertThat(d.get(2)).isNull();
    // The empty string embeds to the zero vector; l2-normalising keeps it zero: cosine 0, acos /
    // pi = 0.5 exactly, as SimilarityModel gives it.
    assertThat(d.get(3)).isEqualTo(0.5f).isEqualTo(model.distance("", "abc"));
    assertThat(d.get(4)).isEqualTo(0.5f);
  }

  @Test
  void everyRowIsKeptWithItsColumnsDuplicatesIncluded() {
    var data =
        List.of(
            new String[] {"kitten", "sitting"},
            new String[] {"kitten", "sitting"},
            new String[] {"a,b", "a \"b\""});

    List<Row> rows =
        SiameseSpark.withDistance(pairs(data), "left", "right", modelPath)
            .orderBy("id")
            .collectAsList();

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).schema().fieldNames())
        .containsExactly("id", "left", "right", "distance");
    assertThat(rows.stream().map(r -> r.getString(1) + "|" + r.getString(2)))
        .containsExactly("kitten|sitting", "kitten|sitting", "a,b|a \"b\"");
    assertThat(rows.get(0).getFloat(3)).isEqualTo(rows.get(1).getFloat(3));
  }

  @Test
  void aStringTheModelCannotTakeFailsNamingTheColumnAndTheValue() {
    Dataset<Row> bad = pairs(List.<String[]>of(new String[] {"ok", "bad\u0000value"}));

    assertThatThrownBy(() -> SiameseSpark.withDistance(bad, "left", "right", modelPath))
        .satisfies(
            e ->
                assertThat(Jobs.userError(e))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column left or right")
                    .hasMessageContaining("\"bad\\u0000value\"")
                    .hasMessageContaining("U+0000"));
  }

  @Test
  void aMissingColumnIsRefusedListingTheColumns() {
    assertThatThrownBy(
            () ->
                SiameseSpark.withDistance(
                    pairs(List.<String[]>of(new String[] {"a", "b"})), "name", "right", modelPath))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"name\" does not exist")
        .hasMessageContaining("[id, left, right]");
  }

  @Test
  void aNonStringColumnIsRefused() {
    assertThatThrownBy(
            () ->
                SiameseSpark.withDistance(
                    pairs(List.<String[]>of(new String[] {"a", "b"})), "id", "right", modelPath))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"id\" is int, expected string");
  }

  @Test
  void anExistingDistanceColumnIsRefused() {
    Dataset<Row> withDistance =
        pairs(List.<String[]>of(new String[] {"a", "b"})).withColumn("distance", functionsLit());

    assertThatThrownBy(() -> SiameseSpark.withDistance(withDistance, "left", "right", modelPath))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already has a column \"distance\"");
  }

  private static org.apache.spark.sql.Column functionsLit() {
    return org.apache.spark.sql.functions.lit(0.1f);
  }

  static Set<String> strings(List<String[]> pairs) {
    return pairs.stream().flatMap(p -> java.util.Arrays.stream(p)).collect(Collectors.toSet());
  }
}
