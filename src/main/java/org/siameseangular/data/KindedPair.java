package org.siameseangular.data;

import java.util.Objects;

/**
 * A pair tagged with the kind of variation it shows, for per-kind evaluation reports.
 *
 * @param pair the pair
 * @param kind a short lowercase tag such as {@code "deletion"} or {@code "transliteration"}
 */
public record KindedPair(Pair pair, String kind) {

  /** Validates the components. */
  public KindedPair {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(kind, "kind");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
  }
}
