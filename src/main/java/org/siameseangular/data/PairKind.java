package org.siameseangular.data;

import java.util.Locale;

/**
 * The kinds of pairs in {@link MultiScriptDataset}. Every kind holds similar and dissimilar pairs
 * in equal numbers: the similar pair shows a name and the variation, the dissimilar pair the same
 * variation applied to a different name of the same language (for persons, half of the time one who
 * shares the family name).
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
  DOUBLING(TypoKind.DOUBLING),
  /** All capitals, all lowercase, or the family name in capitals: {@code ANNA MÜLLER}. */
  CASE(null),
  /**
   * Diacritics and letter variants removed (or, with the sides swapped, added): {@code Müller /
   * Muller / Mueller}, {@code Пётр / Петр}, {@code أحمد / احمد}; see {@link Diacritics}.
   */
  DIACRITICS(null),
  /** Spaces, hyphens, dots, apostrophes and quotes changed: {@code Sp. z o.o. / Sp z oo}. */
  SPACING_PUNCTUATION(null),
  /** Family name first, with or without a comma: {@code Anna Müller / Müller, Anna}. */
  WORD_ORDER(null),
  /**
   * Given names as initials, legal forms abbreviated: {@code A. Müller}, {@code ООО / Общество...}.
   */
  ABBREVIATION(null),
  /**
   * Cyrillic or Greek against a Latin spelling, or two Latin spellings by different standards:
   * {@code Щукин / Shchukin / Ščukin}; see {@link Transliteration}.
   */
  TRANSLITERATION(null),
  /** Two to four of the above and typos at once. */
  MULTI_EDIT(null),
  /**
   * Hard negatives: a different person with the same family name ({@code Anna Müller / Petra
   * Müller}); the similar pairs are one-edit typos of the full name.
   */
  SHARED_FAMILY_NAME(null),
  /**
   * Hard negatives: two real short given names one edit apart ({@code Anna / Anja}); the similar
   * pairs are one-edit typos of such names. Edit distance cannot separate them by construction.
   */
  NEAR_NAME(null);

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
