package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.siameseangular.model.SimilarityModel;

/**
 * {@link SiameseSpark#withEmbedding}: each row's own embedding, as {@link SimilarityModel#embed}
 * gives it, within the per-unit float32 bound of {@link FloatBounds.Embedding#tolerance} (another
 * batch composition moves the last bits of the LSTM's matrix products; a row given another row's
 * embedding is off by 1e-2 or more).
 */
@Tag("spark")
class WithEmbeddingTest {
  private static final StructType TEXTS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("name", DataTypes.StringType, true);

  private static String modelPath;
  private static SimilarityModel model;

  @BeforeAll
  static void load() throws Exception {
    modelPath = SparkTests.model();
    model = SimilarityModel.load(Path.of(modelPath));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static Dataset<Row> texts(List<String> texts) {
    var rows = new ArrayList<Row>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    return SparkTests.spark().createDataFrame(rows, TEXTS).repartition(2);
  }

  @Test
  void eachRowGetsItsOwnEmbeddingWithinFloat32Bounds() {
    List<String> words = new ArrayList<>(DefaultDataset.words().subList(0, 2500));
    words.add("Zoë \ud83d\ude00");

    List<Row> rows =
        SiameseSpark.withEmbedding(texts(words), "name", modelPath).orderBy("id").collectAsList();

    assertThat(rows).hasSize(words.size());
    assertThat(rows.get(0).schema().fieldNames()).containsExactly("id", "name", "embedding");
    FloatBounds.Lstm exact = SparkTests.exact();
    for (int i = 0; i < words.size(); i += 5) {
      float[] spark = floats(rows.get(i).getList(2));
      float[] alone = model.embed(words.get(i));
      FloatBounds.Embedding bound = exact.embed(words.get(i));
      assertThat(spark).hasSize(SparkTests.UNITS);
      for (int k = 0; k < spark.length; k++) {
        assertThat((double) Math.abs(spark[k] - alone[k]))
            .as("%s, unit %d: %s vs %s", words.get(i), k, spark[k], alone[k])
            .isLessThanOrEqualTo(bound.tolerance(k));
      }
    }
  }

  @Test
  void nullGivesNullAndTheEmptyStringTheZeroVector() {
    List<Row> rows =
        SiameseSpark.withEmbedding(texts(Arrays.asList(null, "")), "name", modelPath)
            .orderBy("id")
            .collectAsList();

    assertThat(rows.get(0).isNullAt(2)).isTrue();
    float[] zero = floats(rows.get(1).getList(2));
    assertThat(zero).hasSize(SparkTests.UNITS);
    for (float v : zero) {
      assertThat(v == 0f).as("%s in %s", v, java.util.Arrays.toString(zero)).isTrue();
    }
  }

  @Test
  void theColumnIsAnArrayOfFloat() {
    Dataset<Row> embedded = SiameseSpark.withEmbedding(texts(List.of("a")), "name", modelPath);

    assertThat(embedded.schema().apply("embedding").dataType().simpleString())
        .isEqualTo("array<float>");
  }

  static float[] floats(List<Object> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) values.get(i);
    }
    return out;
  }
}
