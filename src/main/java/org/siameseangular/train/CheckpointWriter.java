package org.siameseangular.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.siameseangular.report.EpochMetrics;

/** Passes progress on to {@code delegate} and writes every checkpoint the loop offers into {@code dir}. */
public final class CheckpointWriter implements TrainingListener {
  private final TrainingListener delegate;
  private final Function<TrainState, Checkpoint> checkpoint;
  private final Path dir;

  public CheckpointWriter(TrainingListener delegate, Function<TrainState, Checkpoint> checkpoint, Path dir) {
    this.delegate = delegate;
    this.checkpoint = checkpoint;
    this.dir = dir;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int steps) {
    delegate.onEpochStart(epoch, epochs, steps);
  }

  @Override
  public void onStep(int epoch, int step, int steps, double runningLoss) {
    delegate.onStep(epoch, step, steps, runningLoss);
  }

  @Override
  public void onEpochEnd(EpochMetrics metrics, boolean best) {
    delegate.onEpochEnd(metrics, best);
  }

  @Override
  public void onCheckpoint(TrainState state) {
    write(state);
  }

  /** Writes {@code state} now (also used for the final checkpoint of an interrupted run). */
  public void write(TrainState state) {
    try {
      checkpoint.apply(state).write(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint to " + dir, e);
    }
  }
}
