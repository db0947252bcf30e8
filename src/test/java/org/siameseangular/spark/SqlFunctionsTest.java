package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@code siamese_distance} and {@code siamese_embed} in SQL, registered by one call; distances
 * within the float32 envelope of {@link SimilarityModel}'s (see WithDistanceTest).
 */
@Tag("spark")
class SqlFunctionsTest {
  private static final StructType PAIRS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("a", DataTypes.StringType, true)
          .add("b", DataTypes.StringType, true);

  private static SimilarityModel model;

  @BeforeAll
  static void register() throws Exception {
    String modelPath = SparkTests.model();
    model = SimilarityModel.load(Path.of(modelPath));
    SiameseSpark.registerFunctions(SparkTests.spark(), modelPath);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static void view(List<String[]> pairs) {
    var rows = new ArrayList<Row>();
    for (int i = 0; i < pairs.size(); i++) {
      rows.add(RowFactory.create(i, pairs.get(i)[0], pairs.get(i)[1]));
    }
    SparkTests.spark().createDataFrame(rows, PAIRS).createOrReplaceTempView("sql_pairs");
  }

  @Test
  void siameseDistanceIsSimilarityModelsWithinFloat32Bounds() {
    var data = new ArrayList<String[]>();
    List<Pair> pairs = DefaultDataset.defaultPairs();
    for (int i = 2000; i < 2300; i++) {
      data.add(new String[] {pairs.get(i).left(), pairs.get(i).right()});
    }
    view(data);

    List<Row> rows =
        SparkTests.spark()
            .sql("SELECT id, siamese_distance(a, b) AS d FROM sql_pairs ORDER BY id")
            .collectAsList();

    FloatBounds.Lstm exact = SparkTests.exact();
    assertThat(rows).hasSize(data.size());
    for (Row r : rows) {
      String[] p = data.get(r.getInt(0));
      var envelope = FloatBounds.envelope(exact, p[0], p[1], SparkTests.SPEC.clipEpsilon());
      assertThat(envelope.ratio(r.getFloat(1), model.distance(p[0], p[1])))
          .as("%s / %s", p[0], p[1])
          .isLessThanOrEqualTo(1);
    }
  }

  @Test
  void nullGivesNull() {
    view(Arrays.asList(new String[] {null, "x"}, new String[] {"x", null}));

    List<Row> rows =
        SparkTests.spark()
            .sql("SELECT siamese_distance(a, b), siamese_embed(a) FROM sql_pairs ORDER BY id")
            .collectAsList();

    assertThat(rows.get(0).isNullAt(0)).isTrue();
    assertThat(rows.get(0).isNullAt(1)).isTrue();
    assertThat(rows.get(1).isNullAt(0)).isTrue();
    assertThat(rows.get(1).isNullAt(1)).isFalse();
  }

  @Test
  void siameseEmbedIsAnArrayOfFloatOfTheModelsWidth() {
    view(List.<String[]>of(new String[] {"colour", "color"}));

    Row row =
        SparkTests.spark()
            .sql("SELECT siamese_embed(a) AS e, typeof(siamese_embed(a)) FROM sql_pairs")
            .first();

    assertThat(row.getList(0)).hasSize(SparkTests.UNITS);
    assertThat(row.getString(1)).isEqualTo("array<float>");
  }

  @Test
  void aRepeatedStringIsEmbeddedOncePerJvm() {
    SqlFunctions.clearCaches();
    var data = new ArrayList<String[]>();
    for (int i = 0; i < 200; i++) {
      data.add(new String[] {"repeated left", "repeated right " + (i % 4)});
    }
    view(data);
    long before = ExecutorModels.embeddedTexts();

    SparkTests.spark().sql("SELECT sum(siamese_distance(a, b)) FROM sql_pairs").collectAsList();

    assertThat(ExecutorModels.embeddedTexts() - before).isEqualTo(5);
  }
}
