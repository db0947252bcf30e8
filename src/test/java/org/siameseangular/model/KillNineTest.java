package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.TrainProcess;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/**
 * {@code kill -9} at random moments of `train` (training, export, the swap) never leaves a
 * half-written model where a good one was: after each kill the output directory still loads and
 * scores.
 */
class KillNineTest {
  private static final int TRIES = 20;

  @Test
  void killedTrainingAlwaysLeavesALoadableModel(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 400));
    Path out = tmp.resolve("model");
    ModelExporter.export(out, ModelSpec.withUnits(4), KerasInitializers.lstm(4, 1));
    List<String> trainArgs =
        List.of(
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--epochs",
            "2",
            "--units",
            "4",
            "--quiet");
    var random = new Random(20261126);
    int completed = 0;
    List<Long> killTimes = new ArrayList<>();
    for (int i = 0; i < TRIES; i++) {
      Process p = TrainProcess.start(tmp.resolve("log-" + i + ".txt"), trainArgs);
      long waitMs = 300 + random.nextInt(4000);
      killTimes.add(waitMs);
      if (p.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
        completed++;
      } else {
        p.destroyForcibly();
        p.waitFor();
      }
      try (SimilarityModel m = SimilarityModel.load(out)) {
        assertThat(m.distance("kitten", "sitting"))
            .as("try %d, killed after %d ms", i, waitMs)
            .isBetween(0f, 1f);
      }
      try (var siblings = Files.list(tmp)) {
        assertThat(siblings.map(p2 -> p2.getFileName().toString()))
            .as("no half model replaced the good one")
            .contains("model");
      }
    }
    // Most tries must really be killed mid-way, or the test proves nothing.
    assertThat(completed)
        .as("runs that finished before the kill (waits %s)", killTimes)
        .isLessThan(TRIES / 2);
    assertThat(new File(out.toFile(), "saved_model.pb")).exists();
  }
}
