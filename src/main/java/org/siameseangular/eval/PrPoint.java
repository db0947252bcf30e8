package org.siameseangular.eval;

/**
 * One point of a precision-recall curve for the score {@code -distance}.
 *
 * @param threshold pairs with {@code distance < threshold} are predicted similar
 * @param precision TP / (TP + FP)
 * @param recall TP / (TP + FN)
 */
public record PrPoint(double threshold, double precision, double recall) {}
