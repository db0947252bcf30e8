package org.siameseangular.eval;

/**
 * One point of a ROC curve for the score {@code -distance}.
 *
 * @param threshold pairs with {@code distance < threshold} are predicted similar
 * @param fpr false positive rate FP / (FP + TN)
 * @param tpr true positive rate TP / (TP + FN)
 */
public record RocPoint(double threshold, double fpr, double tpr) {}
