package org.siameseangular.data;

import java.util.Locale;

/**
 * The kinds of pairs in {@link MultiScriptDataset}. Every kind holds similar and dissimilar pairs
 * in equal numbers: the similar pair shows a name and the variation, the dissimilar pair the same
 * variation applied to a different name of the same language (for persons, half of the time one
 * who shares the family name).
 */
public enum PairKind {
  /** One letter left out. */
  DELETION(TypoKind.DELETION),
  /** A keyboard neighbour (or, without a layout, a letter of the script) typed next to a letter. */
  INSERTION(TypoKind.INSERTION),
  /** A letter replaced by a keyboard neighbour or another letter of the script. */
  SUBSTITUTION(TypoKind.SUBSTITUTION),
  /** Two adjacent letters swapped. */
  TRANSPOSITION(TypoKind.TRANSPOSITION),
  /** A letter typed twice. */
  DOUBLING(TypoKind.DOUBLING);

  private final TypoKind typo;

  PairKind(TypoKind typo) {
    this.typo = typo;
  }

  /**
   * The tag written in pair files and reports; the typo kinds use the tags of {@link
   * TypoKind#tag()}, so per-kind tables line up with the English dataset's.
   */
  public String tag() {
    return typo != null ? typo.tag() : name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for the one-edit typo kinds. */
  public boolean isTypo() {
    return typo != null;
  }

  /** The typo this kind applies, or null for a variation kind. */
  TypoKind typo() {
    return typo;
  }

  /** The kind with this {@link #tag()}. */
  public static PairKind ofTag(String tag) {
    for (PairKind k : values()) {
      if (k.tag().equals(tag)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown pair kind: " + tag);
  }
}
