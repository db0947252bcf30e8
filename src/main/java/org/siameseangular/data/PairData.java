package org.siameseangular.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The pairs read from one file.
 *
 * @param pairs the pairs in file order, unmodifiable; empty if the file holds only a header
 * @param blankLinesSkipped how many blank lines were skipped
 * @param source the file they were read from, as the caller named it
 */
public record PairData(List<Pair> pairs, int blankLinesSkipped, Path source) {

  /** Validates and copies the components. */
  public PairData {
    pairs = List.copyOf(pairs);
    Objects.requireNonNull(source, "source");
    if (blankLinesSkipped < 0) {
      throw new IllegalArgumentException("blankLinesSkipped must be >= 0");
    }
  }
}
