package org.siameseangular.eval;

/**
 * AUCs of the model and the edit-distance baselines on the pairs of one kind (e.g. one kind of
 * perturbation); NaN where only one class is present.
 *
 * @param kind the kind's name
 * @param pairs number of pairs of this kind
 * @param modelAuc ROC AUC of the model's distance
 * @param levenshteinAuc ROC AUC of the normalised Levenshtein distance
 * @param damerauAuc ROC AUC of the normalised optimal-string-alignment distance
 */
public record KindScore(
    String kind, int pairs, double modelAuc, double levenshteinAuc, double damerauAuc) {}
