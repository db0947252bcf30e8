package org.siameseangular.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.siameseangular.io.Decimals;
import org.siameseangular.model.ModelException;
import picocli.CommandLine;

/**
 * What {@link ScoreJob} and {@link MatchJob} share: the session, the model, reading and writing
 * tables, and exit codes (0 success, 2 usage error, 1 failure with {@code error: ...}).
 */
final class Jobs {
  private Jobs() {}

  /** Input and output table formats. */
  enum Format {
    /**
     * UTF-8 CSV with a header row, RFC 4180 quoting (a quote inside a quoted field is doubled;
     * quoted fields may span lines); every column read as a string. An empty field reads as null, a
     * quoted empty field ({@code ""}) as the empty string, and both are written back that way.
     * Output: a directory of CSV part files, each with the header; distances as plain decimals
     * ({@link Decimals#format}).
     */
    CSV,
    /** Parquet: column types kept; {@code distance} is a float. */
    PARQUET
  }

  /**
   * Runs {@code job} as a command line: usage errors exit 2, failures print {@code error: ...} (the
   * cause's message, no stack trace for a user mistake) and exit 1.
   */
  static int run(Callable<Integer> job, String[] args) {
    var cli = new CommandLine(job);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    PrintWriter err = new PrintWriter(System.err, true);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Throwable user = userError(e);
          err.println("error: " + message(user == null ? e : user));
          if (user == null) {
            e.printStackTrace(err);
          }
          err.flush();
          return 1;
        });
    return cli.execute(args);
  }

  /**
   * The user's mistake behind {@code e}, if any: a bad argument, model, or value (Spark wraps a
   * task's exception in a {@code SparkException} whose cause is the task's), or a path Spark could
   * not read or would overwrite.
   */
  static Throwable userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException
          || t instanceof ModelException
          || t instanceof AnalysisException
          || (t instanceof SparkThrowable s
              && s.getCondition() != null
              && s.getCondition().startsWith("MALFORMED_RECORD"))) {
        return t;
      }
    }
    return null;
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (m.contains("Malformed records are detected")) {
      m +=
          " (a row whose field count differs from the header's; if quoted fields hold line"
              + " breaks, add --multiline)";
    }
    // Spark's messages may carry the query plan after a blank line: the first part is the news.
    int plan = m.indexOf("\n\n");
    return plan < 0 ? m : m.substring(0, plan);
  }

  /**
   * The session: spark-submit's, or the one already running in this JVM, or (with {@code master}) a
   * new one for that master. {@link Session#close()} stops it only if it was created here.
   */
  static Session session(String appName, String master) {
    boolean existed = SparkSession.getActiveSession().isDefined();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) {
      builder.master(master);
    }
    SparkSession spark = builder.getOrCreate();
    if (master != null && !existed) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return new Session(spark, !existed);
  }

  /** A session, stopped on close if this job started it. */
  record Session(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  /**
   * The model path the executors use for {@code model}: a {@code spark-archive:} name as given; in
   * local mode the directory itself; otherwise the driver's directory shipped to the executors.
   */
  static String modelPath(SparkSession spark, String model) {
    if (model.startsWith(ModelLocation.ARCHIVE_PREFIX)) {
      return model;
    }
    Path dir = Path.of(model).toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ModelException(
          "no model at "
              + model
              + ": expected a SavedModel directory (with saved_model.pb), or "
              + ModelLocation.ARCHIVE_PREFIX
              + "NAME for one shipped with spark-submit --archives model.zip#NAME");
    }
    return spark.sparkContext().isLocal() ? dir.toString() : SiameseSpark.shipModel(spark, dir);
  }

  /**
   * Reads the table at {@code path}. CSV files are split between tasks unless {@code multiLine}
   * (quoted fields may then hold line breaks, and each file is read by one task).
   */
  static Dataset<Row> read(SparkSession spark, String path, Format format, boolean multiLine) {
    return switch (format) {
      case CSV ->
          spark
              .read()
              .option("header", true)
              .option("multiLine", multiLine)
              .option("escape", "\"")
              // Spark reads both an empty field and a quoted empty field ("") as null unless its
              // nullValue differs from "": with U+0000 (which no model input may hold), an empty
              // field is null and "" the empty string, as written back.
              .option("nullValue", "\u0000")
              .option("mode", "FAILFAST")
              .csv(path);
      case PARQUET -> spark.read().parquet(path);
    };
  }

  /**
   * Refuses an output path that exists already, before any work (Spark's own check comes only when
   * the result is written, after the model has embedded every string).
   */
  static void requireAbsent(SparkSession spark, String path) {
    var hadoopPath = new org.apache.hadoop.fs.Path(path);
    boolean exists;
    try {
      exists =
          hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(hadoopPath);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot check the output " + path + ": " + e, e);
    }
    if (exists) {
      throw new IllegalArgumentException(
          "the output " + path + " already exists: give a path that does not exist yet");
    }
  }

  /** Writes {@code table} to {@code path}, which must not exist. */
  static void write(Dataset<Row> table, String path, Format format) {
    switch (format) {
      case CSV ->
          table
              .withColumn(SiameseSpark.DISTANCE, decimals().apply(col(SiameseSpark.DISTANCE)))
              .write()
              .option("header", true)
              .option("escape", "\"")
              .csv(path);
      case PARQUET -> table.write().parquet(path);
    }
  }

  /** {@code distance} as {@link Decimals#format} prints it; null stays null. */
  private static org.apache.spark.sql.expressions.UserDefinedFunction decimals() {
    UDF1<Float, String> format = d -> d == null ? null : Decimals.format(d);
    return udf(format, DataTypes.StringType).withName("plain_decimal");
  }
}
