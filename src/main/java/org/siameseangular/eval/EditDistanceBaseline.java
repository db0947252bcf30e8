package org.siameseangular.eval;

import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.commons.text.similarity.SimilarityInput;

/**
 * Edit-distance baselines over Unicode code points (not UTF-16 units), normalised to [0, 1].
 *
 * <p>similarity(a, b) = 1 - dist(a, b) / max(|a|, |b|), with |s| counted in code points and
 * similarity("", "") = 1. Levenshtein counts insertions, deletions and substitutions; Damerau is
 * the optimal string alignment variant, where a transposition of two adjacent code points also
 * costs 1 (and no substring is edited twice). Levenshtein uses commons-text on code point
 * sequences; the OSA distance is computed by {@link OptimalStringAlignment}.
 */
public final class EditDistanceBaseline {

  /** Which edit distance a baseline uses. */
  public enum Kind {
    LEVENSHTEIN,
    DAMERAU
  }

  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

  private EditDistanceBaseline() {}

  /** Normalised Levenshtein similarity 1 - lev(a, b) / max(|a|, |b|) over code points. */
  public static double levenshteinSimilarity(String a, String b) {
    return similarity(a, b, Kind.LEVENSHTEIN);
  }

  /** Normalised optimal-string-alignment similarity 1 - osa(a, b) / max(|a|, |b|). */
  public static double damerauSimilarity(String a, String b) {
    return similarity(a, b, Kind.DAMERAU);
  }

  /** Normalised similarity of the given kind. */
  public static double similarity(String a, String b, Kind kind) {
    int[] left = a.codePoints().toArray();
    int[] right = b.codePoints().toArray();
    int longest = Math.max(left.length, right.length);
    if (longest == 0) {
      return 1.0;
    }
    int distance =
        kind == Kind.LEVENSHTEIN
            ? LEVENSHTEIN.apply(new CodePoints(left), new CodePoints(right))
            : OptimalStringAlignment.distance(left, right);
    return 1.0 - (double) distance / longest;
  }

  /**
   * Distances {@code 1 - similarity} of each pair (lefts[i], rights[i]), directly usable with
   * {@link BinaryMetrics}.
   */
  public static float[] asDistances(List<String> lefts, List<String> rights, Kind kind) {
    if (lefts.size() != rights.size()) {
      throw new IllegalArgumentException(
          "lefts and rights differ in size: " + lefts.size() + " != " + rights.size());
    }
    float[] distances = new float[lefts.size()];
    for (int i = 0; i < distances.length; i++) {
      distances[i] = (float) (1.0 - similarity(lefts.get(i), rights.get(i), kind));
    }
    return distances;
  }

  /** A string's code points as a commons-text similarity input (compared with equals). */
  private record CodePoints(int[] codePoints) implements SimilarityInput<Integer> {
    @Override
    public Integer at(int index) {
      return codePoints[index];
    }

    @Override
    public int length() {
      return codePoints.length;
    }
  }
}
