package org.siameseangular.data;

import java.util.Objects;

/**
 * A generated pair with its label, the kind of variation it shows and the script of its source.
 *
 * <p>Each kind holds both labels: a similar pair shows one string and a variant of it, a dissimilar
 * pair shows the same variation applied to a different name, so per-kind ROC AUC measures how well
 * a scorer tells the two apart.
 *
 * @param left the first string
 * @param right the second string
 * @param label {@link Pair#SIMILAR} or {@link Pair#DISSIMILAR}
 * @param kind a tag from {@link PairKind#tag()}, e.g. {@code "transliteration"}
 * @param script the script of the source name (for transliteration, the non-Latin side)
 */
public record TaggedPair(String left, String right, int label, String kind, Script script) {

  /** Validates the components. */
  public TaggedPair {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(script, "script");
    if (label != Pair.SIMILAR && label != Pair.DISSIMILAR) {
      throw new IllegalArgumentException("label must be 0 or 1, found " + label);
    }
  }

  /** The untagged pair, e.g. for training. */
  public Pair pair() {
    return new Pair(left, right, label);
  }

  /** The pair tagged with its kind only, as the per-kind report takes it. */
  public KindedPair kinded() {
    return new KindedPair(pair(), kind);
  }

  /** True if the pair is labelled similar. */
  public boolean similar() {
    return label == Pair.SIMILAR;
  }
}
