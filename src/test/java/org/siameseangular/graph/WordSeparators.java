package org.siameseangular.graph;

/**
 * The separators of pooling "words" ({@link WordSplit#SEPARATORS}, package-private) for tests
 * outside this package: FloatBounds splits words with the graph's own constant.
 */
public final class WordSeparators {
  private WordSeparators() {}

  /** A copy of {@link WordSplit#SEPARATORS}, in its order. */
  public static int[] codePoints() {
    return WordSplit.SEPARATORS.clone();
  }
}
