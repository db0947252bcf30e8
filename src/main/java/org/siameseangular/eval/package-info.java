/**
 * Quality numbers for distances of labelled pairs: ROC AUC, thresholds, Keras-3 binary
 * cross-entropy ({@link org.siameseangular.eval.BinaryMetrics}), the normalised edit-distance
 * baselines, and the one summary of a model on a set of pairs ({@link
 * org.siameseangular.eval.Evaluation}). Pure Java; depends only on {@code data}.
 */
package org.siameseangular.eval;
