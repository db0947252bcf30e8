package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/**
 * A library must not write to its host application's stderr on every call. A child JVM (TensorFlow
 * reads its log level once, from the environment, when the native library loads) runs 1,000 {@code
 * distance()} calls plus odd batches of {@code distances} and {@code embed}, with {@code
 * TF_CPP_MIN_LOG_LEVEL} unset, as in an application that knows nothing of TensorFlow; the stderr
 * lines between the phase markers of {@link QuietRun} are counted. Before the fix, each call wrote
 * two {@code BlockLSTMOp is inefficient ... batch_size=1} warnings
 * (tensorflow/core/kernels/rnn/lstm_ops.cc).
 */
class NativeQuietTest {
  private static final int CALLS = 1_000;

  /**
   * What loading may print once per process, documented in README "Native logs": absl's notice that
   * it was not initialised, TensorFlow's MLIR pass INFO line, and oneDNN's DT_BOOL line for graphs
   * with boolean ops (Keras masks).
   */
  private static final Pattern LOAD_LINES =
      Pattern.compile(
          "WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to"
              + " STDERR|I\\d{4} .*mlir_graph_optimization_pass.cc:\\d+\\] MLIR V1 optimization"
              + " pass is not enabled|.*oneDNN supports DT_BOOL only on platforms with AVX-512.*");

  @TempDir Path tmp;

  @Test
  void aJavaExportWritesNothingWhileScoring() throws Exception {
    // 5 units: odd, so the cell-size warning would fire too.
    Path model = tmp.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(5), KerasInitializers.lstm(5, 1));
    Phases phases = run(model, null);
    assertThat(phases.calls()).as("native lines during %d calls", CALLS).isEmpty();
  }

  @Test
  void theDefaultHashedModelWritesNothingWithoutPadding() throws Exception {
    // Width 8, 24 units: even, so odd batches run as they are (no extra row) and stay quiet.
    Path model = tmp.resolve("hashed");
    ModelSpec spec = ModelSpec.hashed(24);
    ModelExporter.export(model, spec, KerasInitializers.model(spec, 1));
    Phases phases = run(model, null);
    assertThat(phases.calls()).as("native lines during %d calls", CALLS).isEmpty();
  }

  @Test
  void theKerasReferenceWritesNothingWhileScoring() throws Exception {
    Phases phases = run(Path.of("models", "keras-reference"), null);
    assertThat(phases.calls()).as("native lines during %d calls", CALLS).isEmpty();
  }

  @Test
  void loadingAtLevel2WritesOnlyTheDocumentedOnceLines() throws Exception {
    Path model = tmp.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(5), KerasInitializers.lstm(5, 1));
    for (Path dir : List.of(model, Path.of("models", "keras-reference"))) {
      // Loading is once per model; at the default level it also logs TensorFlow's INFO lines
      // (reading, restoring the bundle), which any level >= 1 drops.
      assertThat(run(dir, "2").load())
          .as("lines while loading %s", dir)
          .allMatch(line -> LOAD_LINES.matcher(line).matches());
    }
  }

  record Phases(List<String> load, List<String> calls) {}

  /** Runs {@link QuietRun} with {@code TF_CPP_MIN_LOG_LEVEL} = {@code level}, unset when null. */
  private Phases run(Path model, String level) throws IOException, InterruptedException {
    Path err = tmp.resolve("stderr-" + System.nanoTime() + ".txt");
    var builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                QuietRun.class.getName(),
                model.toString(),
                Integer.toString(CALLS))
            .redirectError(err.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (level == null) {
      builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    } else {
      builder.environment().put("TF_CPP_MIN_LOG_LEVEL", level);
    }
    Process child = builder.start();
    // The limit only turns a hang into a failure; the child ends on its own.
    if (!child.waitFor(5, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("the child did not end within 5 minutes");
    }
    int code = child.exitValue();
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    assertThat(code).as("child exit code; stderr: %s", lines).isZero();
    int load = lines.indexOf(QuietRun.LOAD);
    int calls = lines.indexOf(QuietRun.CALLS);
    int end = lines.indexOf(QuietRun.END);
    assertThat(List.of(load, calls, end)).as("markers in %s", lines).doesNotContain(-1);
    return new Phases(
        new ArrayList<>(lines.subList(load + 1, calls)),
        new ArrayList<>(lines.subList(calls + 1, end)));
  }
}
