package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.model.ModelException;

/**
 * A model shipped as a Spark archive ({@link SiameseSpark#shipModel}) is found on the executors
 * through {@code SparkFiles}, as on a cluster.
 */
@Tag("spark")
class ShipModelTest {
  @Test
  void aShippedModelIsUnpackedAndUsedByTheTasks() throws Exception {
    var spark = SparkTests.spark();
    String shipped = SiameseSpark.shipModel(spark, Path.of(SparkTests.model()));
    var schema =
        new StructType().add("left", DataTypes.StringType).add("right", DataTypes.StringType);

    List<Row> rows =
        SiameseSpark.withDistance(
                spark.createDataFrame(List.of(RowFactory.create("colour", "color")), schema),
                "left",
                "right",
                shipped)
            .collectAsList();

    assertThat(shipped).startsWith("spark-archive:siamese-model-");
    assertThat(ModelLocation.resolve(shipped).resolve("saved_model.pb")).isRegularFile();
    assertThat(rows.get(0).getFloat(2)).isBetween(0f, 1f);
  }

  @Test
  void shippingTheSameModelAgainGivesTheSamePath() throws Exception {
    var spark = SparkTests.spark();
    Path model = Path.of(SparkTests.model());

    assertThat(SiameseSpark.shipModel(spark, model))
        .isEqualTo(SiameseSpark.shipModel(spark, model));
  }

  @Test
  void shippingADirectoryWithoutAModelIsRefused(@TempDir Path empty) {
    assertThatThrownBy(() -> SiameseSpark.shipModel(SparkTests.spark(), empty))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("saved_model.pb is missing");
  }

  @Test
  void anArchiveNeverShippedIsAnErrorSayingHowToShipIt() {
    SparkTests.spark();

    assertThatThrownBy(() -> ModelLocation.resolve("spark-archive:never-shipped"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no archive named never-shipped")
        .hasMessageContaining("--archives model.zip#never-shipped");
  }
}
