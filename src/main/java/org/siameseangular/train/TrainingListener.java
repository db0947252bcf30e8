package org.siameseangular.train;

/**
 * Observes a training run: progress, logging and checkpoints live in listeners, not in the loop.
 * The {@link Trainer} calls every listener it was given, in order, on the training thread.
 */
public interface TrainingListener {
  /**
   * Before the first step of {@code epoch} (1-based) of {@code epochs}, which has {@code steps}.
   */
  default void onEpochStart(int epoch, int epochs, int steps) {}

  /** After each step; {@code runningLoss} is the mean loss of the epoch so far. */
  default void onStep(int epoch, int step, int steps, double runningLoss) {}

  /** After validation; {@code best} when these are now the kept weights. */
  default void onEpochEnd(EpochMetrics metrics, boolean best) {}

  /**
   * With the full state to resume from, when a checkpoint is due: at the end of each epoch, and
   * every {@code checkpointEverySteps} steps inside one when the trainer was given that.
   */
  default void onCheckpoint(TrainState state) {}
}
