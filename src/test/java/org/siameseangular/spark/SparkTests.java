package org.siameseangular.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.siameseangular.FloatBounds;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;

/**
 * What the Spark tests share: one {@code local[2]} session for the whole test JVM (the tests tagged
 * "spark" run in their own surefire execution, with Spark's JVM options), and one small exported
 * model with its double-precision twin for the float32 bounds.
 */
final class SparkTests {
  static final int UNITS = 16;
  static final long SEED = 7;
  static final ModelSpec SPEC = ModelSpec.withUnits(UNITS);
  static final LstmWeights WEIGHTS = KerasInitializers.lstm(UNITS, SEED);

  private static SparkSession session;
  private static Path model;

  private SparkTests() {}

  /**
   * The shared session: two worker threads, no UI, bound to the loopback interface, few shuffle
   * partitions (the default 200 would make every small shuffle 200 tasks).
   */
  static synchronized SparkSession spark() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("siamese-angular tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** The model directory (exported once per test JVM; removed when it exits). */
  static synchronized String model() throws IOException {
    if (model == null) {
      Path dir = Files.createTempDirectory("siamese-spark-test");
      dir.toFile().deleteOnExit();
      Path m = dir.resolve("model");
      ModelExporter.export(m, SPEC, WEIGHTS);
      try (var files = Files.walk(dir)) {
        files.forEach(f -> f.toFile().deleteOnExit());
      }
      model = m;
    }
    return model.toString();
  }

  /** The model's encoder in double precision, with float32 error bounds. */
  static FloatBounds.Lstm exact() {
    return new FloatBounds.Lstm(
        UNITS,
        WEIGHTS.kernel(),
        WEIGHTS.recurrentKernel(),
        WEIGHTS.bias(),
        SPEC.inputCenter(),
        SPEC.inputScale());
  }
}
