package org.siameseangular.eval;

import org.siameseangular.data.EditDistances;

/**
 * Optimal string alignment distance (restricted Damerau-Levenshtein) over code point arrays.
 *
 * <p>Written here rather than taken from commons-text 1.15.0, whose {@code
 * DamerauLevenshteinDistance} compares generic elements by identity, so it misses equal boxed code
 * points outside the Integer cache.
 */
final class OptimalStringAlignment {

  private OptimalStringAlignment() {}

  /** The OSA distance, exactly: {@link EditDistances#osa} without a limit. */
  static int distance(int[] a, int[] b) {
    return EditDistances.osa(a, b, Integer.MAX_VALUE);
  }
}
