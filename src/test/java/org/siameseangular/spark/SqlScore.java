package org.siameseangular.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The SQL-function path of {@link SparkBenchmark} (a program, not a test): {@code SELECT left,
 * right, siamese_distance(left, right)} over a CSV, written as CSV, in {@code local[2]}.
 *
 * <p>Arguments: MODEL INPUT OUTPUT.
 */
public final class SqlScore {
  private SqlScore() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder().master("local[2]").appName("siamese-angular SqlScore").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    long start = System.nanoTime();
    SiameseSpark.registerFunctions(spark, args[0]);
    Jobs.read(spark, args[1], Jobs.Format.CSV, false).createOrReplaceTempView("pairs");
    spark
        .sql("SELECT left, right, siamese_distance(left, right) AS distance FROM pairs")
        .write()
        .option("header", true)
        .csv(args[2]);
    System.out.printf(
        "sql: %.2f s, %d texts embedded%n",
        (System.nanoTime() - start) / 1e9, ExecutorModels.embeddedTexts());
    spark.stop();
  }
}
