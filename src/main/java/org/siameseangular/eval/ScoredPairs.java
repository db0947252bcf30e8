package org.siameseangular.eval;

import java.util.Arrays;
import java.util.List;
import org.siameseangular.data.Pair;

/**
 * Labelled pairs with the model's distance and the two edit-distance baselines' distances for each.
 * The baselines are quadratic in the strings' length, so they are computed once here and shared by
 * the {@link Evaluation} and the report's charts. The arrays are shared, not copied: do not modify
 * them.
 *
 * @param pairs the pairs, in order
 * @param model the model's distance of each pair (0 = similar)
 * @param levenshtein 1 - normalised Levenshtein similarity of each pair
 * @param damerau 1 - normalised optimal-string-alignment similarity of each pair
 */
public record ScoredPairs(List<Pair> pairs, float[] model, float[] levenshtein, float[] damerau) {

  /** Validates that the arrays are parallel to the pairs, and copies the list. */
  public ScoredPairs {
    pairs = List.copyOf(pairs);
    int n = pairs.size();
    if (model.length != n || levenshtein.length != n || damerau.length != n) {
      throw new IllegalArgumentException(
          String.format(
              "pair data differ in length: pairs %d, model %d, levenshtein %d, damerau %d",
              n, model.length, levenshtein.length, damerau.length));
    }
  }

  /** Scores {@code pairs} by both baselines beside the model's {@code distances}. */
  public static ScoredPairs of(List<Pair> pairs, float[] distances) {
    List<String> lefts = pairs.stream().map(Pair::left).toList();
    List<String> rights = pairs.stream().map(Pair::right).toList();
    return new ScoredPairs(
        pairs,
        distances,
        EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.LEVENSHTEIN),
        EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.DAMERAU));
  }

  /** Pairs {@code [from, to)} with their scores. */
  public ScoredPairs slice(int from, int to) {
    return new ScoredPairs(
        pairs.subList(from, to),
        Arrays.copyOfRange(model, from, to),
        Arrays.copyOfRange(levenshtein, from, to),
        Arrays.copyOfRange(damerau, from, to));
  }

  /** The same pairs and baselines with other model distances (another run of the model, say). */
  public ScoredPairs withModel(float[] distances) {
    return new ScoredPairs(pairs, distances, levenshtein, damerau);
  }

  /** 1 for a similar pair, 0 for a dissimilar one, in order. */
  public int[] labels() {
    return pairs.stream().mapToInt(Pair::label).toArray();
  }
}
