package org.siameseangular.spark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class org.siameseangular.spark.ScoreJob siamese-angular.jar --model DIR
 * --input PATH --output PATH}: the input table's rows plus {@code distance}, the angular distance
 * of the two string columns ({@link SiameseSpark#withDistance}).
 */
@Command(
    name = "ScoreJob",
    mixinStandardHelpOptions = true,
    description = {
      "Adds the column distance (0 = similar, 1 = opposite) to a table of string pairs.",
      "Each distinct string is embedded once; null in either column gives null."
    })
public final class ScoreJob implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description =
          "The SavedModel directory on the driver (shipped to the executors), or"
              + " spark-archive:NAME for one given to spark-submit --archives model.zip#NAME.")
  String model;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description = "The pairs: CSV with a header row, or Parquet (--format); any Spark path.")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "A directory that does not exist yet: the same rows plus distance.")
  String output;

  @Option(
      names = "--left-col",
      defaultValue = "left",
      paramLabel = "NAME",
      description = "The left string column (default: ${DEFAULT-VALUE}).")
  String leftCol;

  @Option(
      names = "--right-col",
      defaultValue = "right",
      paramLabel = "NAME",
      description = "The right string column (default: ${DEFAULT-VALUE}).")
  String rightCol;

  @Mixin JobOptions job;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the job in this JVM (in the running Spark session, if any); returns the exit code. */
  public static int run(String... args) {
    return Jobs.run(new ScoreJob(), args);
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    try (Jobs.Session session = Jobs.session("siamese-angular ScoreJob", job.master)) {
      var spark = session.spark();
      Jobs.requireAbsent(spark, output);
      String modelPath = Jobs.modelPath(spark, model);
      Dataset<Row> pairs = Jobs.read(spark, input, job.format, job.multiLine);
      Dataset<Row> scored = SiameseSpark.withDistance(pairs, leftCol, rightCol, modelPath);
      Jobs.write(scored, output, job.format);
    }
    System.err.printf(
        "wrote %s (%s) in %.1f s%n", output, job.formatName(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
