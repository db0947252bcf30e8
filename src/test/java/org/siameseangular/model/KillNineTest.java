package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliProcess;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.FileTrees;
import org.siameseangular.train.Checkpoint;

/**
 * {@code kill -9} of `train` at each moment that matters (training, after a checkpoint, a half
 * written export, a complete staged export, between the two renames of the swap, after the swap)
 * leaves either the previous model or the new one at {@code --out}, whole: the same files byte for
 * byte and the same scores, never a mix. What a kill leaves behind never blocks the next run.
 *
 * <p>The process pauses at the named moment (the test-only {@code TestHook}) and is killed there,
 * so every moment is hit on any machine, however fast; the test also checks on disk that it was.
 */
class KillNineTest {
  private static final int UNITS = 4;
  private static final List<Pair> PROBE = DefaultDataset.defaultPairs().subList(0, 16);

  /** Which version must be at --out after the kill. */
  enum Survivor {
    PREVIOUS,
    NEW
  }

  /**
   * Where a run is killed, in the order the test visits them (the first needs a clean directory).
   * 400 pairs at the default batch size of 32: 12 steps per epoch, 2 epochs.
   */
  enum Moment {
    TRAINING("train.step.1.3", Survivor.PREVIOUS),
    TRAINING_AFTER_A_CHECKPOINT("train.step.2.3", Survivor.PREVIOUS),
    EXPORT_HALF_WRITTEN("export.staging", Survivor.PREVIOUS),
    EXPORT_STAGED("replace.staged", Survivor.PREVIOUS),
    BETWEEN_THE_RENAMES("replace.moved-aside", Survivor.PREVIOUS),
    AFTER_THE_SWAP("replace.swapped", Survivor.NEW);

    final String point;
    final Survivor survivor;

    Moment(String point, Survivor survivor) {
      this.point = point;
      this.survivor = survivor;
    }

    boolean inTheSwap() {
      return point.startsWith("replace.") && !point.equals("replace.staged");
    }
  }

  /** A model version as a user meets it: its files and what it scores. */
  private record Version(Map<String, String> files, List<Float> scores) {
    static Version of(Path dir) throws IOException {
      float[] d;
      try (SimilarityModel m = SimilarityModel.load(dir)) {
        d =
            m.distances(
                PROBE.stream().map(Pair::left).toList(), PROBE.stream().map(Pair::right).toList());
      }
      Float[] boxed = new Float[d.length];
      for (int i = 0; i < d.length; i++) {
        boxed[i] = d[i];
      }
      return new Version(FileTrees.hashes(dir), List.of(boxed));
    }
  }

  private static CliProcess.Builder train(Path data, Path out) {
    return CliProcess.command(
        "train",
        "--data",
        data.toString(),
        "--out",
        out.toString(),
        "--epochs",
        "2",
        "--batch-size",
        "32", // at least 3 steps per epoch on 360 training pairs, for the step moments
        "--units",
        Integer.toString(UNITS),
        "--quiet");
  }

  /**
   * The moments in turn, on one output directory: each run starts with whatever the kill before it
   * left behind (a stale staging directory, a checkpoint, an old version under {@code
   * .model.previous}) and must still get to its moment; a last run must finish and leave nothing
   * else beside the model.
   */
  @Test
  void killNineAtEachMomentLeavesThePreviousOrTheNewModelWholeAndNothingThatBlocksTheNextRun(
      @TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 400));
    Path out = tmp.resolve("model");
    ModelExporter.export(out, ModelSpec.withUnits(UNITS), KerasInitializers.lstm(UNITS, 1));
    Version untrained = Version.of(out);

    for (Moment moment : Moment.values()) {
      Version previous = Version.of(out);
      Version fresh = null;
      String[] points =
          moment.inTheSwap()
              ? new String[] {"replace.staged", moment.point}
              : new String[] {moment.point};
      try (CliProcess p = train(data, out).pauseAt(points).start()) {
        if (moment.inTheSwap()) {
          // The new version, complete and synced, before it moves: what a swap may put in place.
          fresh = Version.of(Path.of(p.await("replace.staged")));
          assertThat(fresh).as("training changed the model").isNotEqualTo(previous);
          p.proceed();
        }
        String detail = p.await(moment.point);
        p.kill9();
        assertKilledAt(moment, detail, tmp, previous);
      }
      Version survivor = moment.survivor == Survivor.NEW ? fresh : previous;
      assertThat(Version.of(out))
          .as("after kill -9 at %s: the %s model, whole", moment.point, moment.survivor)
          .isEqualTo(survivor);
    }

    try (CliProcess last = train(data, out).start()) {
      assertThat(last.awaitExit()).as("the run after the kills; " + last.stderr()).isZero();
    }
    assertThat(FileTrees.names(tmp))
        .as("no staging directory, old version or checkpoint left behind")
        .containsExactly("model", "pairs.csv");
    assertThat(Version.of(out).scores())
        .as("a trained model is in place")
        .isNotEqualTo(untrained.scores());
  }

  /** The kill landed where the moment says: checked on the disk as the kill left it. */
  private static void assertKilledAt(Moment moment, String detail, Path tmp, Version previous)
      throws IOException {
    Path out = tmp.resolve("model");
    switch (moment) {
      case TRAINING -> assertThat(FileTrees.names(tmp)).containsExactly("model", "pairs.csv");
      case TRAINING_AFTER_A_CHECKPOINT ->
          assertThat(Checkpoint.read(tmp.resolve("model.checkpoint")).state().epochsDone())
              .isEqualTo(1);
      case EXPORT_HALF_WRITTEN -> {
        assertThat(Path.of(detail).resolve("saved_model.pb")).exists();
        assertThat(Path.of(detail).resolve(ModelNames.METADATA_FILE)).doesNotExist();
      }
      case EXPORT_STAGED -> assertThat(Path.of(detail).resolve("report.html")).exists();
      case BETWEEN_THE_RENAMES -> {
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve(".model.previous")).exists();
      }
      case AFTER_THE_SWAP ->
          assertThat(FileTrees.hashes(tmp.resolve(".model.previous"))).isEqualTo(previous.files());
    }
  }
}
