package org.siameseangular.data;

import java.util.Objects;

/**
 * One training or evaluation example: two strings and whether they are similar.
 *
 * @param left the first string, never null
 * @param right the second string, never null
 * @param label 1 if the strings are a similar pair, 0 if they are dissimilar
 */
public record Pair(String left, String right, int label) {

  /** Label of a similar pair. */
  public static final int SIMILAR = 1;

  /** Label of a dissimilar pair. */
  public static final int DISSIMILAR = 0;

  /** Validates the components. */
  public Pair {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    if (label != SIMILAR && label != DISSIMILAR) {
      throw new IllegalArgumentException("label must be 0 or 1, found " + label);
    }
  }

  /** Returns true if this pair is labelled similar. */
  public boolean similar() {
    return label == SIMILAR;
  }
}
