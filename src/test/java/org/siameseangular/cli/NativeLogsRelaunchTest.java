package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.train.Checkpoint;
import org.siameseangular.train.TrainState;

/**
 * {@code main} without {@code TF_CPP_MIN_LOG_LEVEL} runs the command in a child JVM behind a stderr
 * filter (NativeLogs): stdin and stdout pass through untouched, native INFO/WARNING lines are
 * dropped, the child's exit code and messages come back, and SIGTERM sent to the parent reaches the
 * child.
 */
class NativeLogsRelaunchTest {
  /** TensorFlow's native INFO and WARNING lines (absl and tsl formats), which the filter drops. */
  private static final Pattern NATIVE_INFO_OR_WARNING =
      Pattern.compile(
          "(?m)^([IW]\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+ .*|\\d{4}-\\d\\d-\\d\\d"
              + " \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IW] .*|WARNING: All log messages before"
              + " absl::InitializeLog.*)$");

  private static final List<String> LEFTS = List.of("colour", "abc", "a", "kitten", "naïve café");
  private static final List<String> RIGHTS =
      List.of("color", "xyz", "a much longer string", "sitting", "naive cafe");

  @TempDir static Path shared;
  private static Path model;
  private static Path stdin;

  @BeforeAll
  static void exportModelAndWriteInput() throws IOException {
    model = shared.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(3), KerasInitializers.lstm(3, 2));
    var lines = new StringBuilder();
    for (int i = 0; i < LEFTS.size(); i++) {
      lines.append(LEFTS.get(i)).append('\t').append(RIGHTS.get(i)).append('\n');
    }
    // A file, whole before the process starts: how the input is read never depends on timing.
    stdin = Files.writeString(shared.resolve("pairs.tsv"), lines);
  }

  @Test
  void stdinAndStdoutPassThroughTheChildAndNativeLogLinesAreDropped() throws Exception {
    float[] expected;
    try (SimilarityModel m = SimilarityModel.load(model)) {
      expected = m.distances(LEFTS, RIGHTS);
    }
    String stdout;
    String stderr;
    try (CliProcess p =
        CliProcess.command("score", "--model", model.toString())
            .throughNativeLogFilter()
            .stdinFrom(stdin)
            .start()) {
      assertThat(p.awaitExit()).as(p.stderr()).isZero();
      stdout = p.stdout();
      stderr = p.stderr();
    }
    String unfiltered;
    try (CliProcess p =
        CliProcess.command("score", "--model", model.toString())
            .env(NativeLogs.LEVEL_VARIABLE, "0")
            .stdinFrom(stdin)
            .start()) {
      assertThat(p.awaitExit()).as(p.stderr()).isZero();
      unfiltered = p.stderr();
    }

    String[] lines = stdout.split("\n");
    assertThat(lines).hasSize(LEFTS.size());
    for (int i = 0; i < lines.length; i++) {
      assertThat(Float.parseFloat(lines[i])).as("line %d", i + 1).isEqualTo(expected[i]);
    }
    assertThat(NATIVE_INFO_OR_WARNING.matcher(unfiltered).find())
        .as(
            "without the filter TensorFlow logs natively (so the filter had lines to drop):%n%s",
            unfiltered)
        .isTrue();
    assertThat(NATIVE_INFO_OR_WARNING.matcher(stderr).find())
        .as("native log lines through the filter:%n%s", stderr)
        .isFalse();
  }

  @Test
  void aFailureExitsOneWithItsMessageThroughTheChild() throws Exception {
    Path missing = shared.resolve("no-such-model");
    try (CliProcess p =
        CliProcess.command("score", "--model", missing.toString(), "a", "b")
            .throughNativeLogFilter()
            .start()) {
      assertThat(p.awaitExit()).as(p.stderr()).isEqualTo(1);
      assertThat(p.stderr()).contains("error: no model at " + missing);
      assertThat(p.stdout()).isEmpty();
    }
  }

  @Test
  void aUsageErrorExitsTwoWithItsMessageThroughTheChild() throws Exception {
    try (CliProcess p =
        CliProcess.command("train", "--epochs", "0").throughNativeLogFilter().start()) {
      assertThat(p.awaitExit()).as(p.stderr()).isEqualTo(2);
      assertThat(p.stderr()).contains("--epochs must be >= 1");
    }
  }

  @Test
  void sigtermToTheParentReachesTheChildWhichCheckpointsAndItsExitCodeComesBack(@TempDir Path tmp)
      throws Exception {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 400));
    Path out = tmp.resolve("model");
    Path checkpoint = tmp.resolve("model.checkpoint");

    try (CliProcess p =
        CliProcess.command(
                "train",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--units",
                "3",
                "--epochs",
                "2",
                "--batch-size",
                "32",
                "--quiet")
            .throughNativeLogFilter()
            .pauseAt("train.step.1.3")
            .start()) {
      p.await("train.step.1.3");
      assertThat(p.handle().children())
          .as("the command runs in a child JVM")
          .hasSize(1)
          .allSatisfy(child -> assertThat(child.info().command().orElse("")).endsWith("java"));
      p.sigterm(); // to the parent only
      p.await("stop.requested"); // from the child, through the filter
      p.proceed(); // the child reads the parent's stdin

      assertThat(p.awaitExit()).as(p.stderr()).isEqualTo(TrainCommand.INTERRUPTED);
      assertThat(p.stderr())
          .contains("interrupted in epoch 1 after step 3: checkpoint written to " + checkpoint);
    }
    TrainState state = Checkpoint.read(checkpoint).state();
    assertThat(state.stepInEpoch()).isEqualTo(3);
    assertThat(out).as("no model was written").doesNotExist();
  }
}
