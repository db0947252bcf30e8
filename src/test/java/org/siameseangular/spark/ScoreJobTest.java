package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.FloatBounds;
import org.siameseangular.model.SimilarityModel;

/**
 * {@link ScoreJob} run as spark-submit runs it (its {@code main}'s code, in the running session):
 * CSV with RFC 4180 quoting in and out, Parquet, and the errors a user can make.
 */
@Tag("spark")
class ScoreJobTest {
  /**
   * Quoted commas, doubled quotes, a line break inside a field, non-ASCII, a quoted empty field
   * (the empty string) and an empty field (null).
   */
  private static final String INPUT =
      """
      id,left,right,note
      1,"Smith, John","Smith, Jon","a ""quoted"" note"
      2,Zoë,Zoe,"two
      lines"
      3,"",abc,empty left
      4,,abc,null left
      5,kitten,sitting,
      """;

  private static String modelPath;
  private static SimilarityModel model;

  @BeforeAll
  static void load() throws Exception {
    modelPath = SparkTests.model();
    model = SimilarityModel.load(Path.of(modelPath));
    SparkTests.spark();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Runs the job; returns exit code and stderr. */
  private static Outcome score(String... args) {
    PrintStream err = System.err;
    var captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = ScoreJob.run(args);
      return new Outcome(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }

  private record Outcome(int code, String stderr) {}

  private static String partFiles(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining());
    }
  }

  @Test
  void roundTripsACsvWithQuotedFields(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("pairs.csv");
    Files.writeString(in, INPUT);
    Path out = tmp.resolve("scored");

    Outcome o =
        score(
            "--model",
            modelPath,
            "--input",
            in.toString(),
            "--output",
            out.toString(),
            "--multiline");

    assertThat(o.code()).as(o.stderr()).isZero();
    List<Row> rows =
        Jobs.read(SparkTests.spark(), out.toString(), Jobs.Format.CSV, true)
            .orderBy("id")
            .collectAsList();
    assertThat(rows.get(0).schema().fieldNames())
        .containsExactly("id", "left", "right", "note", "distance");
    assertThat(rows)
        .extracting(
            r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.get(3))
        .containsExactly(
            "1|Smith, John|Smith, Jon|a \"quoted\" note",
            "2|Zoë|Zoe|two\nlines",
            "3||abc|empty left",
            "4|null|abc|null left",
            "5|kitten|sitting|null");
    FloatBounds.Lstm exact = SparkTests.exact();
    for (Row r : rows) {
      if (r.isNullAt(1)) {
        assertThat(r.isNullAt(4)).as("a null string gives a null distance").isTrue();
        continue;
      }
      float distance = Float.parseFloat(r.getString(4));
      var envelope =
          FloatBounds.envelope(
              exact, r.getString(1), r.getString(2), SparkTests.SPEC.clipEpsilon());
      assertThat(envelope.ratio(distance, model.distance(r.getString(1), r.getString(2))))
          .isLessThanOrEqualTo(1);
      assertThat(r.getString(4)).doesNotContain("E");
    }
    // RFC 4180 on the way out too: a quote inside a field is doubled, not backslash-escaped.
    assertThat(partFiles(out, ".csv")).contains("\"a \"\"quoted\"\" note\"").doesNotContain("\\\"");
  }

  @Test
  void aLineBreakInAQuotedFieldWithoutMultilineIsAnErrorWithAHint(@TempDir Path tmp)
      throws IOException {
    Path in = tmp.resolve("pairs.csv");
    Files.writeString(in, INPUT);

    Outcome o =
        score(
            "--model",
            modelPath,
            "--input",
            in.toString(),
            "--output",
            tmp.resolve("out").toString());

    assertThat(o.code()).isEqualTo(1);
    assertThat(o.stderr())
        .startsWith("error: ")
        .contains("add --multiline")
        .doesNotContain("\tat ");
  }

  @Test
  void parquetKeepsTheColumnTypesAndAddsAFloatDistance(@TempDir Path tmp) {
    var spark = SparkTests.spark();
    Path in = tmp.resolve("pairs.parquet");
    spark.sql("SELECT 7L AS id, 'colour' AS left, 'color' AS right").write().parquet(in.toString());
    Path out = tmp.resolve("scored.parquet");

    Outcome o =
        score(
            "--model",
            modelPath,
            "--input",
            in.toString(),
            "--output",
            out.toString(),
            "--format",
            "parquet");

    assertThat(o.code()).as(o.stderr()).isZero();
    Row row = spark.read().parquet(out.toString()).first();
    assertThat(row.schema().simpleString())
        .isEqualTo("struct<id:bigint,left:string,right:string,distance:float>");
    assertThat(row.getFloat(3)).isBetween(0f, 1f);
  }

  @Test
  void otherColumnNamesAreChosenWithLeftColAndRightCol(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("names.csv");
    Files.writeString(in, "a,b\ncolour,color\n");
    Path out = tmp.resolve("scored");

    Outcome o =
        score(
            "--model",
            modelPath,
            "--input",
            in.toString(),
            "--output",
            out.toString(),
            "--left-col",
            "a",
            "--right-col",
            "b");

    assertThat(o.code()).as(o.stderr()).isZero();
    assertThat(partFiles(out, ".csv")).startsWith("a,b,distance\ncolour,color,0.");
  }

  @Test
  void aMissingColumnIsAnErrorNamingTheColumnsFound(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("pairs.csv");
    Files.writeString(in, "first,second\na,b\n");

    Outcome o =
        score(
            "--model",
            modelPath,
            "--input",
            in.toString(),
            "--output",
            tmp.resolve("out").toString());

    assertThat(o.code()).isEqualTo(1);
    assertThat(o.stderr())
        .startsWith(
            "error: the left column \"left\" does not exist; the columns are [first, second]")
        .doesNotContain("\tat ");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void anExistingOutputIsNotOverwritten(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("pairs.csv");
    Files.writeString(in, "left,right\na,b\n");
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("keep.txt"), "precious");

    long embedded = ExecutorModels.embeddedTexts();

    Outcome o = score("--model", modelPath, "--input", in.toString(), "--output", out.toString());

    assertThat(o.code()).isEqualTo(1);
    assertThat(o.stderr()).startsWith("error: the output ").contains("already exists");
    assertThat(out.resolve("keep.txt")).hasContent("precious");
    assertThat(ExecutorModels.embeddedTexts()).as("refused before any work").isEqualTo(embedded);
  }

  @Test
  void aMissingModelIsAnError(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("pairs.csv");
    Files.writeString(in, "left,right\na,b\n");

    Outcome o =
        score(
            "--model",
            tmp.resolve("nothing").toString(),
            "--input",
            in.toString(),
            "--output",
            tmp.resolve("out").toString());

    assertThat(o.code()).isEqualTo(1);
    assertThat(o.stderr()).startsWith("error: no model at ");
  }

  @Test
  void aMissingOptionIsAUsageError() {
    Outcome o = score("--model", modelPath);

    assertThat(o.code()).isEqualTo(2);
    assertThat(o.stderr()).contains("Missing required options");
  }
}
