package org.siameseangular.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Confusion counts and derived rates at one decision threshold; a pair is predicted similar iff
 * {@code distance < threshold}.
 *
 * <p>Conventions for undefined ratios: precision = TP / (TP + FP) is 0 when nothing is predicted
 * similar; recall = TP / (TP + FN) is 0 when there are no similar pairs; F1 = 2PR / (P + R) is 0
 * when P + R = 0. Accuracy = (TP + TN) / n.
 *
 * @param threshold the decision threshold on the distance
 * @param precision TP / (TP + FP), or 0 when undefined
 * @param recall TP / (TP + FN), or 0 when undefined
 * @param f1 harmonic mean of precision and recall, or 0 when both are 0
 * @param accuracy (TP + TN) / n
 * @param tp similar pairs predicted similar
 * @param fp dissimilar pairs predicted similar
 * @param tn dissimilar pairs predicted dissimilar
 * @param fn similar pairs predicted dissimilar
 */
public record ThresholdStats(
    double threshold,
    double precision,
    double recall,
    double f1,
    double accuracy,
    int tp,
    int fp,
    int tn,
    int fn) {

  /** Builds the stats from confusion counts, applying the conventions above. */
  static ThresholdStats of(double threshold, int tp, int fp, int tn, int fn) {
    double precision = tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0.0 ? 0.0 : 2 * precision * recall / (precision + recall);
    double accuracy = (double) (tp + tn) / (tp + fp + tn + fn);
    return new ThresholdStats(threshold, precision, recall, f1, accuracy, tp, fp, tn, fn);
  }

  /** Youden's J = TPR - FPR (0 for an undefined rate). */
  @JsonProperty("youdenJ")
  public double youden() {
    double tpr = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    double fpr = fp + tn == 0 ? 0.0 : (double) fp / (fp + tn);
    return tpr - fpr;
  }
}
