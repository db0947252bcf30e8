package org.siameseangular.data;

/**
 * Edit distances over code point arrays: one implementation for the pair generators (near names,
 * typos) and for evaluation's baselines (eval.OptimalStringAlignment).
 */
public final class EditDistances {
  private EditDistances() {}

  /**
   * Optimal string alignment distance (restricted Damerau-Levenshtein) of two code point arrays, or
   * any value above limit as soon as every alignment costs more than limit: with D[i][0] = i and
   * D[0][j] = j,
   *
   * <pre>
   * D[i][j] = min(D[i-1][j] + 1, D[i][j-1] + 1, D[i-1][j-1] + [a_i != b_j],
   *               D[i-2][j-2] + 1  if i, j &gt; 1 and a_i = b_(j-1) and a_(i-1) = b_j)
   * </pre>
   *
   * in O(|a| |b|) time and O(|b|) memory. {@code Integer.MAX_VALUE} as the limit gives the exact
   * distance.
   */
  public static int osa(int[] a, int[] b, int limit) {
    int[] beforePrevious = new int[b.length + 1];
    int[] previous = new int[b.length + 1];
    int[] current = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      current[0] = i;
      int rowMin = i;
      for (int j = 1; j <= b.length; j++) {
        int cost = a[i - 1] == b[j - 1] ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d = Math.min(d, beforePrevious[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return rowMin;
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length];
  }
}
