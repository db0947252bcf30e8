package org.siameseangular.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.siameseangular.data.PublicApi;
import org.siameseangular.model.ModelException;
import org.siameseangular.model.ModelFingerprint;
import org.siameseangular.model.SimilarityModel;

/**
 * The model as Spark Dataset operations and SQL functions. Java API; from Scala call it as is, from
 * PySpark through the JVM gateway ({@code spark._jvm.org.siameseangular.spark.SiameseSpark}).
 *
 * <pre>{@code
 * String model = SiameseSpark.shipModel(spark, Path.of("models/siamese-lstm"));
 * Dataset<Row> scored = SiameseSpark.withDistance(pairs, "left", "right", model);
 * Dataset<Row> best = SiameseSpark.topK(queries, "name", companies, "name", model, 10);
 * SiameseSpark.registerFunctions(spark, model);   // SELECT siamese_distance(a, b) FROM t
 * }</pre>
 *
 * <p>A {@code modelPath} is a directory every executor can read (a shared mount; any local path in
 * local mode), or what {@link #shipModel} returns. Each executor JVM loads the model once, on first
 * use, and shares it between its tasks.
 *
 * <p>Values: null gives null; the empty string is embedded like any string (the zero vector, at
 * distance 0.5 from everything, as {@link SimilarityModel} gives it); a string holding U+0000 or
 * longer than 100,000 code points fails the job with an error naming the column and the value.
 * Results are Spark tables: their row order is not the input's.
 */
@PublicApi
public final class SiameseSpark {
  /** The column {@link #withEmbedding} adds: {@code array<float>}, the model's raw embedding. */
  public static final String EMBEDDING = "embedding";

  /** The column {@link #withDistance} adds: {@code float}, the angular distance in [0, 1]. */
  public static final String DISTANCE = "distance";

  /** The columns of {@link #topK}'s result. */
  public static final String QUERY = "query";

  public static final String RANK = "rank";
  public static final String CANDIDATE = "candidate";

  // Internal column names of withDistance's embedding table.
  private static final String TEXT = "__siamese_text";
  private static final String VECTOR = "__siamese_vector";
  private static final String LEFT_TEXT = "__siamese_left_text";
  private static final String LEFT_VECTOR = "__siamese_left_vector";
  private static final String RIGHT_TEXT = "__siamese_right_text";
  private static final String RIGHT_VECTOR = "__siamese_right_vector";

  /**
   * The Spark configuration key of the largest embedding table (strings and embeddings, bytes, with
   * a suffix such as {@code m}) that {@link #withDistance} broadcasts to the executors instead of
   * shuffling the pairs to join it; {@value #DEFAULT_BROADCAST_LIMIT} unless set ({@code --conf
   * spark.siamese.broadcastLimit=512m}). The driver and every executor hold a broadcast table in
   * memory: about 150 bytes per distinct string at 32 units.
   */
  public static final String BROADCAST_LIMIT = "spark.siamese.broadcastLimit";

  /** {@link #BROADCAST_LIMIT} unless set: about 400,000 distinct strings at 32 units. */
  public static final String DEFAULT_BROADCAST_LIMIT = "64m";

  /** Models shipped by this JVM: their fingerprint -> the model path to use. */
  private static final Map<String, String> SHIPPED = new HashMap<>();

  private SiameseSpark() {}

  /**
   * {@code df} plus {@link #EMBEDDING}: the embedding of {@code textCol} ({@code array<float>},
   * null for null), computed in {@code mapPartitions}, {@value TextEmbedder#BATCH} rows per model
   * call, repeated strings within a batch once.
   */
  public static Dataset<Row> withEmbedding(Dataset<Row> df, String textCol, String modelPath) {
    StructType schema = df.schema();
    int index = Columns.stringColumn(schema, textCol, "text");
    Columns.absent(schema, EMBEDDING);
    StructType out =
        schema.add(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), true);
    int width = schema.size();
    MapPartitionsFunction<Row, Row> embed =
        rows ->
            new Batched<>(
                rows,
                TextEmbedder.BATCH,
                batch -> {
                  var texts = new ArrayList<String>(batch.size());
                  for (Row r : batch) {
                    texts.add(r.getString(index));
                  }
                  float[][] e = TextEmbedder.embed(ExecutorModels.get(modelPath), texts, textCol);
                  var result = new ArrayList<Row>(batch.size());
                  for (int i = 0; i < batch.size(); i++) {
                    Object[] values = new Object[width + 1];
                    for (int c = 0; c < width; c++) {
                      values[c] = batch.get(i).get(c);
                    }
                    values[width] = e[i];
                    result.add(RowFactory.create(values));
                  }
                  return result;
                });
    return df.mapPartitions(embed, Encoders.row(out));
  }

  /**
   * {@code pairs} plus {@link #DISTANCE}: the angular distance of {@code leftCol} and {@code
   * rightCol} ({@code float}, null if either is null), the number {@link SimilarityModel#distance}
   * gives within float32 rounding.
   *
   * <p>How: the distinct strings of both columns are embedded once each (a {@code distinct}, one
   * shuffle of the strings, then batches of {@value TextEmbedder#BATCH} per model call), at once:
   * this method runs that Spark job before it returns. The embeddings are kept and joined back to
   * the pairs, once for each side: broadcast when the table is at most {@link #BROADCAST_LIMIT}
   * (the pairs are then read once and never shuffled), otherwise by sort-merge joins (two shuffles
   * of the pairs). A pair's distance is then a dot product and an {@code acos} in plain JVM code. A
   * table of {@code P} pairs over {@code N} distinct strings costs {@code N} embeddings, not {@code
   * 2P}.
   */
  public static Dataset<Row> withDistance(
      Dataset<Row> pairs, String leftCol, String rightCol, String modelPath) {
    StructType schema = pairs.schema();
    Columns.stringColumn(schema, leftCol, "left");
    Columns.stringColumn(schema, rightCol, "right");
    Columns.absent(schema, DISTANCE);
    Column left = Columns.of(pairs, leftCol);
    Column right = Columns.of(pairs, rightCol);
    Dataset<Row> texts =
        pairs
            .select(left.as(TEXT))
            .union(pairs.select(right.as(TEXT)))
            .where(col(TEXT).isNotNull())
            .distinct();
    Dataset<Row> table =
        broadcastIfSmall(embeddingTable(texts, modelPath, leftCol + " or " + rightCol));
    Dataset<Row> l = table.toDF(LEFT_TEXT, LEFT_VECTOR);
    Dataset<Row> r = table.toDF(RIGHT_TEXT, RIGHT_VECTOR);
    Dataset<Row> joined =
        pairs
            .join(l, left.equalTo(l.col(LEFT_TEXT)), "left_outer")
            .join(r, right.equalTo(r.col(RIGHT_TEXT)), "left_outer");
    UserDefinedFunction distance =
        udf(new DistanceFunction(modelPath), DataTypes.FloatType).withName("siamese_distance");
    var columns = new ArrayList<Column>();
    for (String name : schema.fieldNames()) {
      columns.add(Columns.of(pairs, name));
    }
    columns.add(distance.apply(col(LEFT_VECTOR), col(RIGHT_VECTOR)).as(DISTANCE));
    return joined.select(columns.toArray(Column[]::new));
  }

  /**
   * {@code table}, computed now (one Spark job: each distinct string embedded once) and kept (the
   * joins read it twice), marked for broadcast when its size is at most {@link #BROADCAST_LIMIT}.
   * Persisted as an RDD, not a cached Dataset: the executors recompute a lost partition from its
   * lineage, and Spark frees the blocks once the result is no longer referenced (ContextCleaner).
   */
  private static Dataset<Row> broadcastIfSmall(Dataset<Row> table) {
    SparkSession spark = table.sparkSession();
    var rdd = table.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> kept = spark.createDataFrame(rdd, table.schema());
    Row size =
        kept.agg(
                functions.count(functions.lit(1)),
                functions.coalesce(
                    functions.sum(
                        functions
                            .octet_length(col(TEXT))
                            .plus(functions.octet_length(col(VECTOR)))),
                    functions.lit(0L)))
            .first();
    // Bytes of the strings and vectors, plus about 48 per row for the row and hash table entry.
    long bytes = size.getLong(1) + 48 * size.getLong(0);
    long limit =
        JavaUtils.byteStringAsBytes(spark.conf().get(BROADCAST_LIMIT, DEFAULT_BROADCAST_LIMIT));
    return bytes <= limit ? functions.broadcast(kept) : kept;
  }

  /**
   * The embedding table of withDistance: (text, normalised embedding as {@code binary}), one row
   * per row of {@code texts} (which holds distinct non-null strings in column {@link #TEXT}).
   */
  private static Dataset<Row> embeddingTable(
      Dataset<Row> texts, String modelPath, String columnsForErrors) {
    StructType out =
        new StructType()
            .add(TEXT, DataTypes.StringType, false)
            .add(VECTOR, DataTypes.BinaryType, false);
    MapPartitionsFunction<Row, Row> embed =
        rows ->
            new Batched<>(
                rows,
                TextEmbedder.BATCH,
                batch -> {
                  var strings = new ArrayList<String>(batch.size());
                  for (Row row : batch) {
                    strings.add(row.getString(0));
                  }
                  float[][] e =
                      TextEmbedder.embed(ExecutorModels.get(modelPath), strings, columnsForErrors);
                  var result = new ArrayList<Row>(batch.size());
                  for (int i = 0; i < strings.size(); i++) {
                    result.add(RowFactory.create(strings.get(i), Vectors.normalizedBytes(e[i])));
                  }
                  return result;
                });
    return texts.mapPartitions(embed, Encoders.row(out));
  }

  /**
   * For each distinct non-null query string, its {@code k} nearest candidates: rows ({@link
   * #QUERY}, {@link #RANK} from 1, {@link #CANDIDATE}, {@link #DISTANCE}), exact search. See {@link
   * #topK(Dataset, String, Dataset, String, String, int, Search)}.
   */
  public static Dataset<Row> topK(
      Dataset<Row> queries,
      String queryCol,
      Dataset<Row> candidates,
      String candidateCol,
      String modelPath,
      int k) {
    return topK(queries, queryCol, candidates, candidateCol, modelPath, k, Search.EXACT);
  }

  /**
   * For each distinct non-null query string of {@code queryCol}, its {@code k} nearest distinct
   * candidate strings of {@code candidateCol}: rows ({@link #QUERY}, {@link #RANK} from 1, {@link
   * #CANDIDATE}, {@link #DISTANCE}), nearest first, ties by candidate string. Join the result back
   * on {@code query} or {@code candidate} for the rows' other columns.
   *
   * <p>Strategy: broadcast the smaller side. The distinct candidates are collected to the driver,
   * embedded there and indexed ({@link Search#EXACT}: {@code ExactIndex}; {@link Search#HNSW}:
   * {@code HnswIndex}); the saved index is shipped to the executors as a Spark archive and loaded
   * once per executor JVM; the distinct queries are embedded and searched in {@code mapPartitions},
   * in batches, in parallel across the cluster. Limits: the candidates must fit in the driver's and
   * every executor's memory (about {@code 4 * units} bytes per candidate plus the strings, and the
   * HNSW graph), and embedding them, and building an HNSW graph, is one machine's work
   * (BENCHMARKS.md has the rates). Beyond a few million candidates, block instead: join queries and
   * candidates on a blocking key and score the pairs with {@link #withDistance}.
   */
  public static Dataset<Row> topK(
      Dataset<Row> queries,
      String queryCol,
      Dataset<Row> candidates,
      String candidateCol,
      String modelPath,
      int k,
      Search search) {
    return TopK.run(queries, queryCol, candidates, candidateCol, modelPath, k, search);
  }

  /**
   * Registers {@code siamese_embed(text)} ({@code array<float>}) and {@code siamese_distance(left,
   * right)} ({@code float}) in {@code spark}'s SQL functions, for {@code modelPath}. Null in gives
   * null out. Spark calls them row by row: each executor embeds a string it has not seen in one
   * model call and keeps the last 100,000 embeddings; {@link #withDistance} is the faster way over
   * large tables.
   */
  public static void registerFunctions(SparkSession spark, String modelPath) {
    spark
        .udf()
        .register(
            "siamese_embed",
            new SqlFunctions.Embed(modelPath),
            DataTypes.createArrayType(DataTypes.FloatType, false));
    spark
        .udf()
        .register("siamese_distance", new SqlFunctions.Distance(modelPath), DataTypes.FloatType);
  }

  /**
   * Ships the model directory {@code dir} (on the driver) to every executor: zips it, adds the zip
   * with {@code SparkContext.addArchive}, and returns the model path that names it on every node
   * ({@code spark-archive:siamese-model-<fingerprint>}). Shipping the same model again returns the
   * same path.
   *
   * @throws ModelException if {@code dir} holds no SavedModel
   */
  public static String shipModel(SparkSession spark, Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ModelException(
          "no model at " + dir + ": expected a SavedModel directory (saved_model.pb is missing)");
    }
    String fingerprint;
    try {
      fingerprint = ModelFingerprint.of(dir);
    } catch (IOException e) {
      throw new ModelException("cannot read the model files in " + dir + ": " + e.getMessage(), e);
    }
    synchronized (SHIPPED) {
      String known = SHIPPED.get(fingerprint);
      if (known != null) {
        return known;
      }
      String name =
          "siamese-model-"
              + fingerprint.substring(ModelFingerprint.PREFIX.length()).substring(0, 16);
      Path zip = ship(spark, dir, name);
      String modelPath = ModelLocation.ARCHIVE_PREFIX + name;
      SHIPPED.put(fingerprint, modelPath);
      zip.toFile().deleteOnExit();
      return modelPath;
    }
  }

  /** Zips {@code dir} to a temporary file and adds it as archive {@code name}; returns the zip. */
  static Path ship(SparkSession spark, Path dir, String name) {
    try {
      Path zip = Files.createTempFile(name, ".zip");
      try (OutputStream out = Files.newOutputStream(zip)) {
        ModelLocation.zip(dir, out);
      }
      spark.sparkContext().addArchive(zip.toUri() + "#" + name);
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot zip " + dir + " to ship it: " + e.getMessage(), e);
    }
  }

  /** How {@link #topK} searches the candidates. */
  public enum Search {
    /** Every query against every candidate ({@code ExactIndex}): exact. */
    EXACT,
    /**
     * An HNSW graph ({@code HnswIndex}, default settings): much faster on millions of candidates;
     * every distance returned is exact, a true neighbour may be missed (recall in BENCHMARKS.md).
     */
    HNSW
  }

  static List<String> columnNames(Dataset<Row> df) {
    return List.of(df.columns());
  }
}
