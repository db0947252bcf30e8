package org.siameseangular.train;

/**
 * Metrics of one training epoch, as in a Keras {@code History}, plus the validation metrics at the
 * epoch's own best-F1 threshold: the threshold an export of that epoch would store, so the numbers
 * a user of the model would see.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss
 * @param valLoss mean validation loss
 * @param valAccuracy validation accuracy at the fixed threshold 0.5 (Keras's {@code accuracy})
 * @param valAuc validation ROC AUC (NaN when undefined)
 * @param seconds wall-clock duration of the epoch
 * @param valThreshold the threshold with the best F1 on the validation pairs (NaN when unknown: an
 *     epoch from a checkpoint of an older version)
 * @param valF1 validation F1 at {@code valThreshold}
 * @param valThresholdAccuracy validation accuracy at {@code valThreshold}
 */
public record EpochMetrics(
    int epoch,
    double loss,
    double valLoss,
    double valAccuracy,
    double valAuc,
    double seconds,
    double valThreshold,
    double valF1,
    double valThresholdAccuracy) {

  /** An epoch without the metrics at the best-F1 threshold (NaN), as older checkpoints hold. */
  public EpochMetrics(
      int epoch, double loss, double valLoss, double valAccuracy, double valAuc, double seconds) {
    this(epoch, loss, valLoss, valAccuracy, valAuc, seconds, Double.NaN, Double.NaN, Double.NaN);
  }
}
