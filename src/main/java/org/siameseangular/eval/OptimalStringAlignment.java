package org.siameseangular.eval;

/**
 * Optimal string alignment distance (restricted Damerau-Levenshtein) over code point arrays.
 *
 * <p>Written here rather than taken from commons-text 1.15.0, whose {@code
 * DamerauLevenshteinDistance} compares generic elements by identity, so it misses equal boxed code
 * points outside the Integer cache.
 */
final class OptimalStringAlignment {

  private OptimalStringAlignment() {}

  /**
   * The OSA distance: with D[i][0] = i and D[0][j] = j,
   *
   * <pre>
   * D[i][j] = min(D[i-1][j] + 1, D[i][j-1] + 1, D[i-1][j-1] + [a_i != b_j],
   *               D[i-2][j-2] + 1  if i, j &gt; 1 and a_i = b_(j-1) and a_(i-1) = b_j)
   * </pre>
   *
   * in O(|a| |b|) time and O(|b|) memory.
   */
  static int distance(int[] a, int[] b) {
    int[] beforePrevious = new int[b.length + 1];
    int[] previous = new int[b.length + 1];
    int[] current = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      current[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), substitution);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          best = Math.min(best, beforePrevious[j - 2] + 1);
        }
        current[j] = best;
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length];
  }
}
