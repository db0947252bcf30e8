package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.WeightsReader;

/**
 * SIGTERM during `train` (a real process): it stops after the current step with a checkpoint and a
 * resume hint, leaves the previous model untouched, and `train --resume` then ends with exactly the
 * weights of an uninterrupted run.
 */
class InterruptResumeTest {
  private static final List<String> OPTIONS =
      List.of("--epochs", "6", "--units", "6", "--batch-size", "8", "--patience", "0", "--quiet");

  private static Process train(Path log, String... args) throws Exception {
    return TrainProcess.start(log, List.of(args));
  }

  private static List<String> args(Path data, Path out) {
    List<String> a = new ArrayList<>(List.of("--data", data.toString(), "--out", out.toString()));
    a.addAll(OPTIONS);
    return a;
  }

  @Test
  void sigtermCheckpointsAndResumeEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 1200));
    Path out = tmp.resolve("model");
    ModelExporter.export(out, ModelSpec.withUnits(6), KerasInitializers.lstm(6, 99));
    byte[] previous =
        Files.readAllBytes(out.resolve("variables").resolve("variables.data-00000-of-00001"));
    Path checkpoint = tmp.resolve("model.checkpoint");

    Process p = train(tmp.resolve("interrupted.log"), args(data, out).toArray(String[]::new));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(checkpoint.resolve("checkpoint.json")) && System.nanoTime() < deadline) {
      Thread.sleep(
          20); // wait for the first epoch's checkpoint: the run is then surely inside training
    }
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(tmp.resolve("interrupted.log"));
    assertThat(p.exitValue()).as(log).isNotZero();
    assertThat(log).contains("interrupted ").contains("train --resume " + checkpoint);
    assertThat(
            Files.readAllBytes(out.resolve("variables").resolve("variables.data-00000-of-00001")))
        .as("the previous model is untouched")
        .isEqualTo(previous);

    Process resumed = train(tmp.resolve("resumed.log"), "--resume", checkpoint.toString());
    assertThat(resumed.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(resumed.exitValue()).as(Files.readString(tmp.resolve("resumed.log"))).isZero();
    assertThat(checkpoint).as("a finished run deletes its checkpoint").doesNotExist();

    Path straightOut = tmp.resolve("straight");
    Process straight =
        train(tmp.resolve("straight.log"), args(data, straightOut).toArray(String[]::new));
    assertThat(straight.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(straight.exitValue()).isZero();
    assertThat(WeightsReader.read(out, 6)).isEqualTo(WeightsReader.read(straightOut, 6));
  }
}
