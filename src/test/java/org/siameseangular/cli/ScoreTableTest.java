package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.FloatBounds;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.TableFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;

/** {@code score --data IN --out OUT}: a table scored row by row, every column kept. */
class ScoreTableTest {
  private static final int UNITS = 16;
  private static final ModelSpec SPEC = ModelSpec.withUnits(UNITS);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(UNITS, 11);

  @TempDir static Path shared;
  private static Path model;
  private static SimilarityModel loaded;

  @BeforeAll
  static void exportModel() throws IOException {
    model = shared.resolve("model");
    ModelExporter.export(model, SPEC, WEIGHTS);
    loaded = SimilarityModel.load(model);
  }

  @AfterAll
  static void close() {
    loaded.close();
  }

  private static Run score(Path in, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "score",
                "--model",
                model.toString(),
                "--data",
                in.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static List<TableFiles.Row> rows(Path file) {
    List<TableFiles.Row> rows = new ArrayList<>();
    try (TableFiles.Reader in = TableFiles.read(file)) {
      rows.add(in.header());
      for (TableFiles.Row r = in.next(); r != null; r = in.next()) {
        rows.add(r);
      }
    }
    return rows;
  }

  @Test
  void everyColumnComesBackWithQuotingKeptAndADistanceAppended(@TempDir Path tmp)
      throws IOException {
    Path in = tmp.resolve("in.csv");
    String text =
        "id,company,left,right,note\n"
            + "1,\"Pied Piper, Inc.\",colour,color,\"say \"\"hi\"\"\"\n"
            + "2,\"Hooli\",Hooli,Hooli Inc,\"two\nlines\"\n"
            + "3,Raviga,,Raviga Capital,\n";
    Files.writeString(in, text);
    Path out = tmp.resolve("out.csv");

    Run r = score(in, out);

    assertThat(r.exit()).as(r.allErr()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("id,company,left,right,note,distance");
    assertThat(lines.get(1)).startsWith("1,\"Pied Piper, Inc.\",colour,color,\"say \"\"hi\"\"\",");
    String distance = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
    assertThat(Float.parseFloat(distance)).isBetween(0f, 1f); // its value: the bound test below
    assertThat(lines.get(2)).startsWith("2,\"Hooli\",Hooli,Hooli Inc,\"two");
    List<TableFiles.Row> read = rows(out);
    List<TableFiles.Row> original = rows(in);
    for (int i = 0; i < original.size(); i++) {
      assertThat(read.get(i).fields().subList(0, 5)).isEqualTo(original.get(i).fields());
    }
    assertThat(read.get(3).fields().get(5)).as("an empty left string: no distance").isEmpty();
    assertThat(r.stderr()).contains("scored 3 rows").contains("1 rows with an empty left");
  }

  /**
   * The distance of each row equals {@link SimilarityModel#distance} of its pair within the bound
   * any two conforming float32 implementations share ({@link FloatBounds#envelope}): the table path
   * embeds strings in batches and computes the head in plain Java ({@code AngularDistance}, whose
   * rounding is within the envelope's head term; see AngularDistanceTest), the graph scores the
   * pair alone. Compared as cosines below distance 0.01 (Envelope.ratio).
   */
  @Test
  @Tag("numeric")
  void eachDistanceEqualsTheModelsWithinTheDerivedFloat32Bound(@TempDir Path tmp)
      throws IOException {
    List<Pair> pairs = DefaultDataset.defaultPairs().subList(0, 300);
    var csv = new StringBuilder("left,right\n");
    for (Pair p : pairs) {
      csv.append(p.left()).append(',').append(p.right()).append('\n');
      csv.append(p.left()).append(',').append(p.left()).append('\n'); // identical strings
    }
    Path in = Files.writeString(tmp.resolve("pairs.csv"), csv);
    Path out = tmp.resolve("scored.tsv");

    Run r = score(in, out);

    assertThat(r.exit()).as(r.allErr()).isZero();
    var lstm =
        new FloatBounds.Lstm(
            UNITS,
            WEIGHTS.kernel(),
            WEIGHTS.recurrentKernel(),
            WEIGHTS.bias(),
            SPEC.inputCenter(),
            SPEC.inputScale());
    List<TableFiles.Row> rows = rows(out);
    assertThat(rows).hasSize(1 + 2 * pairs.size());
    double worst = 0;
    for (TableFiles.Row row : rows.subList(1, rows.size())) {
      String left = row.fields().get(0);
      String right = row.fields().get(1);
      float table = Float.parseFloat(row.fields().get(2));
      float graph = loaded.distance(left, right);
      double ratio =
          FloatBounds.envelope(lstm, left, right, SPEC.clipEpsilon()).ratio(table, graph);
      assertThat(ratio)
          .as("%s / %s: table %s, graph %s", left, right, table, graph)
          .isLessThanOrEqualTo(1);
      worst = Math.max(worst, ratio);
    }
    System.out.printf("score --data vs distance(): largest difference / bound %.3g%n", worst);
  }

  @Test
  void aStringThatOccursInManyRowsIsEmbeddedOnce(@TempDir Path tmp) throws IOException {
    var csv = new StringBuilder("left,right\n");
    for (int i = 0; i < 1000; i++) {
      csv.append("Acme Corporation,").append(i % 10 == 0 ? "ACME Corp" : "Acme Corp.").append('\n');
    }
    Path in = Files.writeString(tmp.resolve("in.csv"), csv);

    Run r = score(in, tmp.resolve("out.csv"));

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(r.stderr()).contains("scored 1000 rows").contains("(3 distinct strings embedded)");
  }

  @Test
  void theThresholdAddsASimilarColumn(@TempDir Path tmp) throws IOException {
    Path in = Files.writeString(tmp.resolve("in.tsv"), "a\tb\ncolour\tcolor\nabc\txyz\n");
    Path out = tmp.resolve("out.tsv");

    Run r = score(in, out, "--left-col", "a", "--right-col", "b", "--threshold", "0.3");

    assertThat(r.exit()).as(r.allErr()).isZero();
    List<TableFiles.Row> rows = rows(out);
    assertThat(rows.get(0).fields()).containsExactly("a", "b", "distance", "similar");
    for (TableFiles.Row row : rows.subList(1, rows.size())) {
      float d = Float.parseFloat(row.fields().get(2));
      assertThat(row.fields().get(3)).isEqualTo(Boolean.toString(d < 0.3));
    }
  }

  @Test
  void outEqualToDataIsRefusedAndTheInputIsUntouched(@TempDir Path tmp) throws IOException {
    Path in = Files.writeString(tmp.resolve("in.csv"), "left,right\na,b\n");

    Run r = score(in, tmp.resolve(".").resolve("in.csv"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("is the --data file").doesNotContain("at org.");
    assertThat(Files.readString(in)).isEqualTo("left,right\na,b\n");
  }

  @Test
  void aBadRowAfterManyGoodOnesNamesFileAndLineAndWritesNothing(@TempDir Path tmp)
      throws IOException {
    var csv = new StringBuilder("left,right\n");
    for (int i = 0; i < 5000; i++) {
      csv.append("word").append(i).append(",ward").append(i).append('\n');
    }
    csv.append("only one field\n");
    Path in = Files.writeString(tmp.resolve("in.csv"), csv);
    Path out = Files.writeString(tmp.resolve("out.csv"), "previous results\n");

    Run r = score(in, out);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains(in + ":5002: expected 2 fields as in the header, found 1")
        .doesNotContain("at org.");
    assertThat(Files.readString(out)).isEqualTo("previous results\n");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("in.csv", "out.csv");
    }
  }

  @Test
  void aMissingColumnIsNamedWithTheColumnsThereAre(@TempDir Path tmp) throws IOException {
    Path in = Files.writeString(tmp.resolve("in.csv"), "name,Match\na,b\n");

    Run r = score(in, tmp.resolve("out.csv"), "--left-col", "name", "--right-col", "match");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("no column \"match\" in the header (names are case-sensitive: \"Match\"?)")
        .contains("its columns are \"name\", \"Match\"");
    assertThat(tmp.resolve("out.csv")).doesNotExist();
  }

  @Test
  void aLineBreakInACsvFieldCannotGoToATsvAndIsNamed(@TempDir Path tmp) throws IOException {
    Path in = Files.writeString(tmp.resolve("in.csv"), "left,right\n\"two\nlines\",x\n");

    Run r = score(in, tmp.resolve("out.tsv"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains(in + ":2: field 1 holds a tab or line break");
    assertThat(tmp.resolve("out.tsv")).doesNotExist();
  }

  @Test
  void dataWithoutOutIsAUsageError(@TempDir Path tmp) {
    Run r = run("score", "--model", model.toString(), "--data", tmp.resolve("in.csv").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--data needs --out OUT");
  }
}
