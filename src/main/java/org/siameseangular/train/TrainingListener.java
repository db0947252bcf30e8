package org.siameseangular.train;

import org.siameseangular.report.EpochMetrics;

/** Hooks into the training loop; progress, logging and checkpoints live here, not in the loop. */
public interface TrainingListener {
  default void onEpochStart(int epoch, int epochs, int steps) {}

  /** After each step; {@code runningLoss} is the mean loss of the epoch so far. */
  default void onStep(int epoch, int step, int steps, double runningLoss) {}

  /** After validation; {@code best} when these are now the kept weights. */
  default void onEpochEnd(EpochMetrics metrics, boolean best) {}

  /** After each step, with the full state to resume from; called only when a checkpoint is due. */
  default void onCheckpoint(TrainState state) {}

  TrainingListener NONE = new TrainingListener() {};
}
