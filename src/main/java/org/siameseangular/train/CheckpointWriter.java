package org.siameseangular.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;

/** Writes every checkpoint the loop offers into one directory, replacing the previous one. */
public final class CheckpointWriter implements TrainingListener {
  private final Function<TrainState, Checkpoint> checkpoint;
  private final Path dir;

  /**
   * @param checkpoint what to store with a state (the config, where the data came from, the output)
   * @param dir the checkpoint directory
   */
  public CheckpointWriter(Function<TrainState, Checkpoint> checkpoint, Path dir) {
    this.checkpoint = checkpoint;
    this.dir = dir;
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
