package org.siameseangular.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.siameseangular.match.CandidateIndex;
import org.siameseangular.match.ExactIndex;
import org.siameseangular.match.HnswIndex;
import org.siameseangular.match.Match;
import org.siameseangular.model.SimilarityModel;

/**
 * {@link SiameseSpark#topK}: the candidates indexed on the driver, the queries on the executors.
 */
final class TopK {
  /** The result's schema. */
  static final StructType SCHEMA =
      new StructType()
          .add(SiameseSpark.QUERY, DataTypes.StringType, false)
          .add(SiameseSpark.RANK, DataTypes.IntegerType, false)
          .add(SiameseSpark.CANDIDATE, DataTypes.StringType, false)
          .add(SiameseSpark.DISTANCE, DataTypes.FloatType, false);

  private static final String QUERY_TEXT = "__siamese_query";

  /** The indexes this JVM loaded: their path -> index. */
  private static final Map<String, CandidateIndex> INDEXES = new HashMap<>();

  private TopK() {}

  static Dataset<Row> run(
      Dataset<Row> queries,
      String queryCol,
      Dataset<Row> candidates,
      String candidateCol,
      String modelPath,
      int k,
      SiameseSpark.Search search) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    Columns.stringColumn(queries.schema(), queryCol, "query");
    Columns.stringColumn(candidates.schema(), candidateCol, "candidate");
    SparkSession spark = queries.sparkSession();
    List<String> distinct =
        new ArrayList<>(
            candidates
                .select(Columns.of(candidates, candidateCol))
                .where(Columns.of(candidates, candidateCol).isNotNull())
                .distinct()
                .as(Encoders.STRING())
                .collectAsList());
    if (distinct.isEmpty()) {
      return spark.createDataFrame(List.of(), SCHEMA);
    }
    // Candidate positions break ties: sorted, the result does not depend on partitioning.
    distinct.sort(Comparator.naturalOrder());
    for (String c : distinct) {
      TextEmbedder.check(c, candidateCol);
    }
    String indexPath = shipIndex(spark, buildIndex(modelPath, distinct, search));
    MapPartitionsFunction<Row, Row> find =
        rows ->
            new Batched<>(
                rows,
                TextEmbedder.BATCH,
                batch -> {
                  var texts = new ArrayList<String>(batch.size());
                  for (Row r : batch) {
                    texts.add(r.getString(0));
                    TextEmbedder.check(r.getString(0), queryCol);
                  }
                  CandidateIndex index = index(indexPath, modelPath);
                  List<List<Match>> found = search(index, texts, k);
                  var out = new ArrayList<Row>(batch.size() * k);
                  for (int q = 0; q < texts.size(); q++) {
                    List<Match> matches = found.get(q);
                    for (int rank = 0; rank < matches.size(); rank++) {
                      Match m = matches.get(rank);
                      out.add(RowFactory.create(texts.get(q), rank + 1, m.text(), m.distance()));
                    }
                  }
                  return out;
                });
    return queries
        .select(Columns.of(queries, queryCol).as(QUERY_TEXT))
        .where(col(QUERY_TEXT).isNotNull())
        .distinct()
        .mapPartitions(find, Encoders.row(SCHEMA));
  }

  private static CandidateIndex buildIndex(
      String modelPath, List<String> candidates, SiameseSpark.Search search) {
    SimilarityModel model = ExecutorModels.get(modelPath);
    return switch (search) {
      case EXACT -> ExactIndex.build(model, candidates);
      case HNSW -> HnswIndex.build(model, candidates);
    };
  }

  /** Saves {@code index} and ships it as an archive; returns its path on every node. */
  private static String shipIndex(SparkSession spark, CandidateIndex index) {
    String name = "siamese-index-" + UUID.randomUUID();
    try {
      Path dir = Files.createTempDirectory(name);
      Path saved = dir.resolve("index");
      index.save(saved);
      Path zip = SiameseSpark.ship(spark, saved, name);
      zip.toFile().deleteOnExit();
      deleteOnExit(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the candidate index: " + e.getMessage(), e);
    }
    return ModelLocation.ARCHIVE_PREFIX + name;
  }

  private static void deleteOnExit(Path dir) throws IOException {
    dir.toFile().deleteOnExit();
    try (var files = Files.walk(dir)) {
      files.forEach(f -> f.toFile().deleteOnExit());
    }
  }

  /** The index shipped as {@code indexPath}, loaded once per JVM. */
  private static CandidateIndex index(String indexPath, String modelPath) {
    synchronized (INDEXES) {
      CandidateIndex index = INDEXES.get(indexPath);
      if (index == null) {
        Path dir = ModelLocation.resolve(indexPath);
        try {
          index = CandidateIndex.load(dir, ExecutorModels.get(modelPath));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot load the index " + dir + ": " + e.getMessage(), e);
        }
        INDEXES.put(indexPath, index);
      }
      return index;
    }
  }

  /**
   * {@code index.topK(texts, k)} on {@code spark.task.cpus} threads: the index searches on the
   * fork-join pool it is called from, and the common pool would spread one task over every core of
   * the host.
   */
  private static List<List<Match>> search(CandidateIndex index, List<String> texts, int k) {
    ForkJoinPool pool = new ForkJoinPool(ExecutorModels.taskCpus());
    try {
      return pool.submit(() -> index.topK(texts, k)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }
}
