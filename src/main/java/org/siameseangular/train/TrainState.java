package org.siameseangular.train;

import java.util.List;
import java.util.Objects;
import org.siameseangular.graph.ModelWeights;

/**
 * Everything needed to continue a training run exactly where it stopped: the position (epochs
 * completed and steps into the current epoch), the weights and optimizer slots, and the
 * early-stopping bookkeeping.
 *
 * @param epochsDone completed epochs
 * @param stepInEpoch steps done in epoch {@code epochsDone + 1}
 * @param weights the current weights (the code-point table, if any, and the LSTM's)
 * @param optimizer the optimizer's step count and slots
 * @param best the best epoch's weights so far (null before the first epoch ends)
 * @param bestEpoch the best epoch (1-based), 0 before the first
 * @param history metrics of the completed epochs
 * @param epochLossSum the loss sum of the current epoch so far (weighted by batch size)
 * @param epochPairs pairs seen in the current epoch so far
 * @param epochSeconds seconds spent in the current epoch so far
 */
public record TrainState(
    int epochsDone,
    int stepInEpoch,
    ModelWeights weights,
    OptimizerState optimizer,
    ModelWeights best,
    int bestEpoch,
    List<EpochMetrics> history,
    double epochLossSum,
    long epochPairs,
    double epochSeconds) {

  public TrainState {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(optimizer, "optimizer");
    history = List.copyOf(history);
  }

  public static TrainState start(ModelWeights initial) {
    return new TrainState(0, 0, initial, OptimizerState.fresh(), null, 0, List.of(), 0, 0, 0);
  }
}
