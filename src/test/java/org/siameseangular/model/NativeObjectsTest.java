package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/**
 * Scoring keeps no native memory from one call to the next: every tensor and every {@code Result} a
 * call opens, it closes. The bounded, automated counterpart of the manual {@link SoakRun}, which
 * watches resident memory over a million calls.
 *
 * <p>TensorFlow Java's tensors are JavaCPP pointers, and JavaCPP counts the native objects it must
 * still free. That count is exact only while no garbage collection frees a forgotten tensor behind
 * the test's back, so {@link NativeObjectsProgram} runs in a JVM with the Epsilon collector, which
 * never collects. A call opens at least three tensors (left, right, the result), so a call that
 * forgot to close one leaves at least one object per call behind: the allowance is "fewer than one
 * per call", and a correct call leaves none. A count, not a timing: the same on any machine.
 */
class NativeObjectsTest {
  @TempDir static Path dir;
  private static Map<String, long[]> left;

  @BeforeAll
  static void measureInAJvmThatNeverCollects() throws IOException, InterruptedException {
    Path model = dir.resolve("m");
    ModelExporter.export(model, ModelSpec.withUnits(4), KerasInitializers.lstm(4, 5));
    Path log = dir.resolve("child.log");
    var builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:+UseEpsilonGC",
                "-Xmx2g", // the whole run's allocations, none ever freed: a few hundred MB
                "-cp",
                System.getProperty("java.class.path"),
                NativeObjectsProgram.class.getName(),
                model.toString())
            .redirectError(log.toFile())
            .redirectOutput(dir.resolve("child.out").toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process child = builder.start();
    // A timeout only turns a hang into a failure; it is no speed limit.
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
    String out = Files.readString(dir.resolve("child.out"));
    left = new HashMap<>();
    // The JVM's own warnings (Epsilon's advice on sizing) go to stdout too: keep the results.
    for (String line : out.split("\n")) {
      if (line.matches("[a-z-]+ \\d+ -?\\d+")) {
        String[] f = line.split(" ");
        left.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    assertThat(left).as(out).containsKeys("distance", "batched", "leak-control");
  }

  @Test
  void distanceLeavesNoNativeObjectBehind() {
    long[] m = left.get("distance");
    assertThat((double) m[1] / m[0]).as("objects left per call, over %d calls", m[0]).isLessThan(1);
  }

  @Test
  void batchedDistancesAndEmbeddingsLeaveNoNativeObjectBehind() {
    long[] m = left.get("batched");
    assertThat((double) m[1] / m[0]).as("objects left per call, over %d calls", m[0]).isLessThan(1);
  }

  @Test
  void theCountSeesEveryTensorLeftOpen() {
    // The measure can fail: each tensor never closed stays in the count.
    long[] m = left.get("leak-control");
    assertThat(m[1]).isEqualTo(m[0]);
  }
}
