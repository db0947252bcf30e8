package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.io.FileTrees;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.train.Checkpoint;
import org.siameseangular.train.Split;
import org.siameseangular.train.TrainState;

/**
 * SIGTERM or Ctrl-C (SIGINT) during `train`, in a real process: it stops after the current step
 * with a checkpoint and a resume hint, exits with 130, leaves the previous model untouched, and
 * `train --resume` then ends with exactly the weights of an uninterrupted run.
 *
 * <p>The process pauses at a named training step (the test-only {@code TestHook}); the test signals
 * it there, waits until the process announces that the stop flag is up, and lets it go on. So the
 * stop lands on that step on any machine, however fast.
 */
class InterruptResumeTest {
  private static final int PAIRS = 1200;
  private static final int BATCH = 8;
  private static final int UNITS = 6;
  private static final List<String> OPTIONS =
      List.of(
          "--epochs",
          "3",
          "--units",
          Integer.toString(UNITS),
          "--batch-size",
          Integer.toString(BATCH),
          "--patience",
          "0",
          "--quiet");

  /** Steps per epoch: the training part of the split, in batches. */
  private static final int STEPS =
      (Split.trainingSize(PAIRS, 0.1) + BATCH - 1) / BATCH; // --validation-split default 0.1

  /** The pause in every interrupted run: mid-epoch, or the last step of an epoch. */
  private static final int MID_EPOCH_STEP = STEPS / 3;

  /** SIGINT's number on Linux (x86-64 and every other Linux architecture). */
  private static final int SIGINT = 2;

  @TempDir static Path shared;
  private static Path data;
  private static ModelWeights uninterrupted;

  @BeforeAll
  static void trainWithoutInterruption() throws IOException {
    data = shared.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, PAIRS));
    Path straight = shared.resolve("straight");
    var err = new StringWriter();
    int code =
        Main.run(
            args(straight).toArray(String[]::new),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    uninterrupted = WeightsReader.read(straight).weights();
  }

  private static List<String> args(Path out) {
    List<String> a = new ArrayList<>(List.of("train", "--data", data.toString()));
    a.addAll(List.of("--out", out.toString()));
    a.addAll(OPTIONS);
    return a;
  }

  /** A model already at --out, which an interrupted run must leave as it was. */
  private static Map<String, String> previousModel(Path out) throws IOException {
    ModelExporter.export(out, ModelSpec.withUnits(UNITS), KerasInitializers.lstm(UNITS, 99));
    return FileTrees.hashes(out);
  }

  private static void resumeAndCompare(Path checkpoint, Path out) throws Exception {
    try (CliProcess resumed =
        CliProcess.command("train", "--resume", checkpoint.toString()).start()) {
      assertThat(resumed.awaitExit()).as(resumed.stderr()).isZero();
    }
    assertThat(checkpoint).as("a finished run deletes its checkpoint").doesNotExist();
    assertThat(WeightsReader.read(out).weights())
        .as("resumed weights equal the uninterrupted run's, bit for bit")
        .isEqualTo(uninterrupted);
  }

  @Test
  void sigtermMidEpochCheckpointsExits130AndResumeEqualsAnUninterruptedRun(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("model");
    Map<String, String> previous = previousModel(out);
    Path checkpoint = tmp.resolve("model.checkpoint");
    String step = "train.step.2." + MID_EPOCH_STEP;

    try (CliProcess p = CliProcess.command(args(out)).pauseAt(step).start()) {
      p.await(step);
      p.sigterm();
      p.await("stop.requested");
      p.proceed();

      assertThat(p.awaitExit()).as(p.stderr()).isEqualTo(TrainCommand.INTERRUPTED);
      assertThat(p.stderr())
          .contains(
              "interrupted in epoch 2 after step "
                  + MID_EPOCH_STEP
                  + ": checkpoint written to "
                  + checkpoint
                  + "; the model at "
                  + out
                  + " was left as it was.")
          .contains("train --resume " + checkpoint);
    }
    TrainState state = Checkpoint.read(checkpoint).state();
    assertThat(state.epochsDone()).isEqualTo(1);
    assertThat(state.stepInEpoch()).isEqualTo(MID_EPOCH_STEP);
    assertThat(FileTrees.hashes(out)).as("the previous model, file for file").isEqualTo(previous);

    resumeAndCompare(checkpoint, out);
  }

  @Test
  void ctrlCAtAnEpochsLastStepCheckpointsThatEpochExits130AndResumesExactly(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("model");
    Map<String, String> previous = previousModel(out);
    Path checkpoint = tmp.resolve("model.checkpoint");
    String step = "train.step.1." + STEPS;

    try (CliProcess p = CliProcess.command(args(out)).pauseAt(step).start()) {
      p.await(step);
      assumeFalse(
          p.ignoresSignal(SIGINT),
          "SIGINT is ignored in this build's processes (inherited), so no JVM here can see it");
      p.signal("INT");
      p.await("stop.requested");
      p.proceed();

      assertThat(p.awaitExit()).as(p.stderr()).isEqualTo(TrainCommand.INTERRUPTED);
      assertThat(p.stderr())
          .contains("interrupted after epoch 1: checkpoint written to " + checkpoint)
          .contains("train --resume " + checkpoint);
    }
    TrainState state = Checkpoint.read(checkpoint).state();
    assertThat(state.epochsDone()).isEqualTo(1);
    assertThat(state.stepInEpoch()).isZero();
    assertThat(FileTrees.hashes(out)).as("the previous model, file for file").isEqualTo(previous);

    resumeAndCompare(checkpoint, out);
  }
}
