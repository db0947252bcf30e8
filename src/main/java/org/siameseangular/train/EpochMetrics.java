package org.siameseangular.train;

/**
 * Metrics of one training epoch, as in a Keras {@code History}.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss
 * @param valLoss mean validation loss
 * @param valAccuracy validation accuracy at threshold 0.5
 * @param valAuc validation ROC AUC (NaN when undefined)
 * @param seconds wall-clock duration of the epoch
 */
public record EpochMetrics(
    int epoch, double loss, double valLoss, double valAccuracy, double valAuc, double seconds) {}
