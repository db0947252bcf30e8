package org.siameseangular.train;

import java.util.List;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.ModelWeights;

/**
 * The outcome of a training run.
 *
 * @param weights the kept weights: those of the best epoch by validation ROC AUC; null only when
 *     the run was interrupted before its first epoch ended
 * @param bestEpoch that epoch (1-based)
 * @param history one entry per completed epoch
 * @param validation the validation pairs
 * @param validationDistances the kept weights' distances on them
 * @param interrupted true when a stop was requested before the planned end
 * @param last the state at the end, for a checkpoint when interrupted
 */
public record TrainingResult(
    ModelWeights weights,
    int bestEpoch,
    List<EpochMetrics> history,
    List<Pair> validation,
    float[] validationDistances,
    boolean interrupted,
    TrainState last) {

  public EpochMetrics bestMetrics() {
    return history.get(bestEpoch - 1);
  }
}
