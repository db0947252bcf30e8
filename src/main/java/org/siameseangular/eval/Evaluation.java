package org.siameseangular.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.Pair;

/**
 * A model's quality on labelled pairs beside plain edit distance: what {@code evaluate} prints and
 * writes as JSON, what the report shows and writes as {@code metrics.json}. The JSON keys are the
 * component names.
 *
 * @param pairs how many pairs
 * @param similarPairs how many of them are labelled similar
 * @param loss mean binary cross-entropy of the distances (Keras 3 formula, see {@link
 *     BinaryMetrics#meanBce})
 * @param accuracy accuracy at {@link BinaryMetrics#DECISION_THRESHOLD}
 * @param rocAuc ROC AUC of the model; NaN when only one class is present
 * @param atHalf the confusion counts and rates at {@link BinaryMetrics#DECISION_THRESHOLD}
 * @param bestF1 the threshold with the best F1; {@code atHalf} when only one class is present
 * @param youden the threshold with the best Youden's J; {@code atHalf} when only one class is
 *     present
 * @param levenshteinAuc the normalised Levenshtein baseline's ROC AUC on the same pairs
 * @param damerauAuc the normalised Damerau (OSA) baseline's ROC AUC on the same pairs
 * @param perKind the AUCs per kind of pair, when the pairs have kinds
 * @param modelThreshold the stats at the threshold stored with the model; null when it stores none
 * @param precision95 the threshold with the most recall at precision &gt;= 0.95; null when none
 *     reaches it
 * @param precision99 the same at precision &gt;= 0.99
 */
public record Evaluation(
    int pairs,
    int similarPairs,
    double loss,
    double accuracy,
    double rocAuc,
    ThresholdStats atHalf,
    ThresholdStats bestF1,
    ThresholdStats youden,
    double levenshteinAuc,
    double damerauAuc,
    List<KindScore> perKind,
    ThresholdStats modelThreshold,
    ThresholdStats precision95,
    ThresholdStats precision99) {

  /**
   * Below this many pairs a threshold chosen on them (best F1, Youden, a target precision) is
   * noisy, and the report and {@code evaluate} say so. With 100 similar pairs a recall is known to
   * about +-5 points (its standard error sqrt(r (1 - r) / 100) is up to 0.05), and the best-F1 cut
   * moves from sample to sample by as much.
   */
  public static final int MIN_THRESHOLD_PAIRS = 200;

  public Evaluation {
    perKind = List.copyOf(perKind);
  }

  /**
   * The summary of {@code scored}, with the given per-kind AUCs, for a model without a threshold.
   */
  public static Evaluation of(ScoredPairs scored, List<KindScore> perKind) {
    return of(scored, perKind, null);
  }

  /**
   * The summary of {@code scored}, with the given per-kind AUCs.
   *
   * @param modelThreshold the threshold stored with the model, or null
   */
  public static Evaluation of(ScoredPairs scored, List<KindScore> perKind, Double modelThreshold) {
    int[] labels = scored.labels();
    float[] d = scored.model();
    int similar = 0;
    for (int label : labels) {
      similar += label;
    }
    boolean bothClasses = similar > 0 && similar < labels.length;
    ThresholdStats atHalf = BinaryMetrics.at(d, labels, BinaryMetrics.DECISION_THRESHOLD);
    return new Evaluation(
        labels.length,
        similar,
        BinaryMetrics.meanBce(d, labels),
        atHalf.accuracy(),
        BinaryMetrics.rocAuc(d, labels),
        atHalf,
        bothClasses ? BinaryMetrics.bestF1(d, labels) : atHalf,
        bothClasses ? BinaryMetrics.bestYouden(d, labels) : atHalf,
        BinaryMetrics.rocAuc(scored.levenshtein(), labels),
        BinaryMetrics.rocAuc(scored.damerau(), labels),
        perKind,
        modelThreshold == null ? null : BinaryMetrics.at(d, labels, modelThreshold),
        BinaryMetrics.atPrecision(d, labels, 0.95),
        BinaryMetrics.atPrecision(d, labels, 0.99));
  }

  /**
   * The threshold the model is used with: the one stored with it; without one, best F1 on these
   * pairs, or 0.5 when only one class is present.
   */
  public double chosenThreshold() {
    return headline().threshold();
  }

  /** The stats at {@link #chosenThreshold()}: the numbers to lead with after the AUC. */
  public ThresholdStats headline() {
    return modelThreshold != null ? modelThreshold : bestF1;
  }

  /** True when the thresholds chosen on these pairs rest on fewer than MIN_THRESHOLD_PAIRS. */
  public boolean fewPairsForThresholds() {
    return pairs < MIN_THRESHOLD_PAIRS;
  }

  /**
   * AUC of the model and both baselines per kind of pair: {@code kinds.get(i)} is the kind of
   * {@code scored}'s pair i. A kind holding only similar pairs (a typo kind) is scored against all
   * dissimilar pairs of the set, so every AUC compares like with like; a kind of only dissimilar
   * pairs is those negatives and gets no row. A pair whose kind is null is in no row and is no
   * negative of any (so several tables can be cut from one scored set).
   */
  public static List<KindScore> perKind(ScoredPairs scored, List<String> kinds) {
    if (kinds.size() != scored.pairs().size()) {
      throw new IllegalArgumentException(
          "kinds and pairs differ in size: " + kinds.size() + " != " + scored.pairs().size());
    }
    List<Pair> pairs = scored.pairs();
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      if (kinds.get(i) == null) {
        continue;
      }
      byKind.computeIfAbsent(kinds.get(i), k -> new ArrayList<>()).add(i);
      if (pairs.get(i).label() == Pair.DISSIMILAR) {
        negatives.add(i);
      }
    }
    List<KindScore> out = new ArrayList<>();
    byKind.forEach(
        (kind, members) -> {
          List<Integer> idx = new ArrayList<>(members);
          long similar = members.stream().filter(i -> pairs.get(i).similar()).count();
          if (similar == 0) {
            return;
          }
          if (similar == members.size()) {
            idx.addAll(negatives);
          }
          int[] labels = idx.stream().mapToInt(i -> pairs.get(i).label()).toArray();
          out.add(
              new KindScore(
                  kind,
                  members.size(),
                  BinaryMetrics.rocAuc(pick(scored.model(), idx), labels),
                  BinaryMetrics.rocAuc(pick(scored.levenshtein(), idx), labels),
                  BinaryMetrics.rocAuc(pick(scored.damerau(), idx), labels)));
        });
    return out;
  }

  private static float[] pick(float[] values, List<Integer> idx) {
    float[] out = new float[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[idx.get(i)];
    }
    return out;
  }
}
