package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The child JVM's stderr filter drops TensorFlow's native INFO/WARNING lines and keeps everything
 * else.
 */
class NativeLogsTest {
  private static String filter(String input) {
    var out = new ByteArrayOutputStream();
    NativeLogs.filter(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void dropsAbslAndTslInfoAndWarningLines() {
    String noise =
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
            + "I0000 00:00:1795707767.614836   10050 mlir_graph_optimization_pass.cc:401] MLIR V1"
            + " optimization pass is not enabled\n"
            + "2026-11-26 16:38:47.871870: W tensorflow/core/framework/op_kernel.cc:1] something\n"
            + "2026-11-26 16:38:47.871870: E tensorflow/core/util/util.cc:131] oneDNN supports"
            + " DT_BOOL only on platforms with AVX-512. Falling back to the default Eigen-based"
            + " implementation if present.\n";
    assertThat(filter(noise)).isEmpty();
  }

  @Test
  void keepsProgramOutputErrorsAndCarriageReturnProgress() {
    String kept =
        "Epoch 1/2 - 1.1s - loss: 0.5257\n"
            + "\rEpoch 2/2 3/450 [>....] - ETA 1s - loss: 0.4\r"
            + "2026-11-26 16:38:47.871870: E tensorflow/core/kernels/x.cc:1] a real native error\n"
            + "error: pairs.csv:3: label must be 0 or 1, found \"2\"\n"
            + "ünïcödé without newline";
    assertThat(filter(kept)).isEqualTo(kept);
  }

  @Test
  void trainAndDatasetChildrenCompileWithC1Only() {
    assertThat(NativeLogs.compilerOptions(List.of("-Xmx2g"), new String[] {"train", "--out", "m"}))
        .containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(NativeLogs.compilerOptions(List.of(), new String[] {"dataset", "--set", "training"}))
        .containsExactly("-XX:TieredStopAtLevel=1");
  }

  @Test
  void otherCommandsKeepTheFullCompiler() {
    assertThat(NativeLogs.compilerOptions(List.of(), new String[] {"score", "--model", "m"}))
        .isEmpty();
    assertThat(NativeLogs.compilerOptions(List.of(), new String[] {"--version"})).isEmpty();
  }

  @Test
  void theUsersOwnCompilerOptionsWin() {
    assertThat(
            NativeLogs.compilerOptions(
                List.of("-XX:TieredStopAtLevel=4"), new String[] {"train", "--out", "m"}))
        .isEmpty();
    assertThat(NativeLogs.compilerOptions(List.of("-Xint"), new String[] {"train"})).isEmpty();
  }
}
