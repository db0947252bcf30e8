package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.EmbeddedTrainingSet;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;

/**
 * The command line through {@link Main#run}, which (unlike {@code main}) never relaunches a child
 * JVM. Commands print results with System.out and progress with System.err, so both are captured
 * alongside picocli's writers.
 */
class CliTest {
  @TempDir static Path shared;
  private static Path model;

  /** An untrained model is enough to score with. */
  @BeforeAll
  static void exportModel() throws IOException {
    model = shared.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(3), KerasInitializers.lstm(3, 1));
  }

  /** Exit code, picocli's out and err writers, and what went to System.out and System.err. */
  record Run(int exit, String out, String err, String stdout, String stderr) {
    String allErr() {
      return err + stderr;
    }
  }

  private static Run runWithStdin(String stdin, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var stdout = new ByteArrayOutputStream();
    var stderr = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    return new Run(
        exit,
        out.toString(),
        err.toString(),
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String... args) {
    return runWithStdin("", args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "evaluate", "score", "dataset"})
  void helpOfEachCommandExitsZeroWithUsage(String command) {
    Run r = run(command, "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage:").contains(command);
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Run r = run("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("train", "evaluate", "score", "dataset");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Run r = run("train", "--no-such-option");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--no-such-option");
  }

  @Test
  void zeroEpochsIsAUsageErrorNamingTheRange() {
    Run r = run("train", "--epochs", "0");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--epochs must be >= 1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--batch-size=0",
        "--learning-rate=-1",
        "--validation-split=1.5",
        "--units=0",
        "--optimizer=foo",
        "--patience=-1"
      })
  void outOfRangeTrainOptionIsAUsageErrorNamingTheOption(String option) {
    Run r = run("train", option);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(option.substring(0, option.indexOf('=')));
  }

  @Test
  void missingDataFileExitsOneNamingTheFileWithoutAStackTrace(@TempDir Path tmp) {
    Path missing = tmp.resolve("missing.csv");

    Run r = run("train", "--data", missing.toString(), "--out", tmp.resolve("m").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("missing.csv")
        .doesNotContain("at org.")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("m")).doesNotExist();
  }

  @Test
  void trainOnASmallCsvWritesAModelThatLoads(@TempDir Path tmp) {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 200));
    Path out = tmp.resolve("trained");

    Run r =
        run(
            "train",
            "--data",
            data.toString(),
            "--epochs",
            "1",
            "--units",
            "4",
            "--quiet",
            "--out",
            out.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(r.stdout()).contains("model written to " + out);
    assertThat(r.stderr()).as("--quiet").isEmpty();
    try (SimilarityModel m = SimilarityModel.load(out)) {
      assertThat(m.units()).contains(4);
      assertThat(m.distance("abc", "abd")).isBetween(0f, 1f);
    }
  }

  @Test
  void divergenceNamesTheOptionsToChangeAndWritesNoModel(@TempDir Path tmp) {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 200));
    Path out = tmp.resolve("m");

    // 3e38: a step that overflows float32 (see DivergenceTest); pooled by the last state, whose
    // gradients are large enough for that.
    Run r =
        run(
            "train",
            "--data",
            data.toString(),
            "--optimizer",
            "sgd",
            "--learning-rate",
            "3e38",
            "--pooling",
            "last",
            "--units",
            "4",
            "--batch-size",
            "8",
            "--epochs",
            "2",
            "--quiet",
            "--out",
            out.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("training diverged")
        .contains("--learning-rate")
        .contains("--optimizer")
        .doesNotContain("at org.");
    assertThat(out).doesNotExist();
  }

  @Test
  void scoreOfAPairPrintsOneDistance() {
    Run r = run("score", "--model", model.toString(), "colour", "color");

    assertThat(r.exit()).as(r.allErr()).isZero();
    // Printed numbers read back as the same float32: the library's result, bit for bit.
    try (SimilarityModel m = SimilarityModel.load(model)) {
      assertThat(Float.parseFloat(r.stdout().strip())).isEqualTo(m.distance("colour", "color"));
    }
  }

  @Test
  void scoreWithoutAPairReadsTabSeparatedLinesFromStdinAndPrintsOneDistancePerLine() {
    Run r =
        runWithStdin("colour\tcolor\nabc\txyz\nsame\tsame\n", "score", "--model", model.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    String[] lines = r.stdout().split("\n");
    assertThat(lines).hasSize(3);
    // Three lines are one batch: the library's distances of the same batch, bit for bit.
    float[] expected;
    try (SimilarityModel m = SimilarityModel.load(model)) {
      expected = m.distances(List.of("colour", "abc", "same"), List.of("color", "xyz", "same"));
    }
    for (int i = 0; i < lines.length; i++) {
      assertThat(Float.parseFloat(lines[i])).as("line %d", i + 1).isEqualTo(expected[i]);
    }
  }

  @Test
  void scoreStdinLineWithoutTabExitsOneNamingTheLine() {
    Run r = runWithStdin("colour\tcolor\nno tab here\n", "score", "--model", model.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("line 2").contains("no tab").doesNotContain("at org.");
  }

  @Test
  void datasetWritesTheHeaderAndSixteenThousandPairs(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("x.csv");

    Run r = run("dataset", "--out", out.toString());

    assertThat(r.exit()).isZero();
    try (var lines = Files.lines(out)) {
      assertThat(lines.count()).isEqualTo(16_001);
    }
    assertThat(PairFiles.read(out).pairs()).isEqualTo(DefaultDataset.defaultPairs());
  }

  @Test
  void datasetTrainingSetIsTheDefaultTrainingData(@TempDir Path tmp) {
    Path out = tmp.resolve("x.tsv");

    Run r = run("dataset", "--set", "training", "--out", out.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(PairFiles.read(out).pairs()).isEqualTo(EmbeddedTrainingSet.pairs());
  }

  @Test
  void datasetRefusesAnUnknownSetNamingTheKnownOnes(@TempDir Path tmp) {
    Run r = run("dataset", "--set", "all", "--out", tmp.resolve("x.csv").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--set must be english, training or held-out, found 'all'");
  }
}
