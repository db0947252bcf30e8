package org.siameseangular.spark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class org.siameseangular.spark.MatchJob siamese-angular.jar --model DIR
 * --queries PATH --candidates PATH --output PATH}: for each distinct query string, its {@code k}
 * nearest candidates ({@link SiameseSpark#topK}).
 */
@Command(
    name = "MatchJob",
    mixinStandardHelpOptions = true,
    description = {
      "For each distinct query string, its k nearest distinct candidate strings:"
          + " rows (query, rank, candidate, distance), nearest first.",
      "The candidates are indexed on the driver and the index shipped to the executors:"
          + " they must fit in memory (a few million)."
    })
public final class MatchJob implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description =
          "The SavedModel directory on the driver (shipped to the executors), or"
              + " spark-archive:NAME for one given to spark-submit --archives model.zip#NAME.")
  String model;

  @Option(
      names = "--queries",
      required = true,
      paramLabel = "PATH",
      description = "The query table: CSV with a header row, or Parquet (--format).")
  String queries;

  @Option(
      names = "--candidates",
      required = true,
      paramLabel = "PATH",
      description = "The candidate table, same format.")
  String candidates;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "A directory that does not exist yet.")
  String output;

  @Option(
      names = "--query-col",
      defaultValue = "query",
      paramLabel = "NAME",
      description = "The query string column (default: ${DEFAULT-VALUE}).")
  String queryCol;

  @Option(
      names = "--candidate-col",
      defaultValue = "candidate",
      paramLabel = "NAME",
      description = "The candidate string column (default: ${DEFAULT-VALUE}).")
  String candidateCol;

  @Option(
      names = "--k",
      defaultValue = "10",
      paramLabel = "K",
      description = "Candidates per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--index",
      defaultValue = "exact",
      paramLabel = "exact|hnsw",
      description =
          "exact: every candidate (exact); hnsw: an HNSW graph, much faster on millions, may miss"
              + " a neighbour (default: ${DEFAULT-VALUE}).")
  SiameseSpark.Search index;

  @Mixin JobOptions job;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the job in this JVM (in the running Spark session, if any); returns the exit code. */
  public static int run(String... args) {
    return Jobs.run(new MatchJob(), args);
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    try (Jobs.Session session = Jobs.session("siamese-angular MatchJob", job.master)) {
      var spark = session.spark();
      Jobs.requireAbsent(spark, output);
      String modelPath = Jobs.modelPath(spark, model);
      Dataset<Row> q = Jobs.read(spark, queries, job.format, job.multiLine);
      Dataset<Row> c = Jobs.read(spark, candidates, job.format, job.multiLine);
      Dataset<Row> found = SiameseSpark.topK(q, queryCol, c, candidateCol, modelPath, k, index);
      Jobs.write(found, output, job.format);
    }
    System.err.printf(
        "wrote %s (%s) in %.1f s%n", output, job.formatName(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
