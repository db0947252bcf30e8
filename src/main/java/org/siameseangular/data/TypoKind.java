package org.siameseangular.data;

import java.util.SplittableRandom;

/** The kinds of realistic typing errors used to make the similar pairs of the default dataset. */
public enum TypoKind {
  /** One letter left out: {@code letter -> leter}. */
  DELETION("deletion"),
  /** A keyboard neighbour of a letter typed next to it: {@code letter -> letrter}. */
  INSERTION("insertion"),
  /** A letter replaced by a keyboard neighbour: {@code letter -> lettwr}. */
  SUBSTITUTION("substitution"),
  /** Two adjacent, different letters swapped: {@code letter -> lettre}. */
  TRANSPOSITION("transposition"),
  /** A letter typed twice: {@code letter -> lettter}. */
  DOUBLING("doubling");

  private final String tag;

  TypoKind(String tag) {
    this.tag = tag;
  }

  /** The lowercase tag used in {@link KindedPair#kind()}. */
  public String tag() {
    return tag;
  }

  /**
   * Applies this typo at a random place in a word of lowercase ASCII letters.
   *
   * @return the misspelt word, always different from word; null if this kind cannot change it (a
   *     transposition in a word of one repeated letter)
   */
  String apply(String word, SplittableRandom random) {
    StringBuilder out = new StringBuilder(word);
    int i = random.nextInt(word.length());
    switch (this) {
      case DELETION -> out.deleteCharAt(i);
      case INSERTION ->
          out.insert(i + random.nextInt(2), pick(Keyboard.neighbours(word.charAt(i)), random));
      case SUBSTITUTION -> out.setCharAt(i, pick(Keyboard.neighbours(word.charAt(i)), random));
      case DOUBLING -> out.insert(i, word.charAt(i));
      case TRANSPOSITION -> {
        int j = randomSwappable(word, random);
        if (j < 0) {
          return null;
        }
        out.setCharAt(j, word.charAt(j + 1));
        out.setCharAt(j + 1, word.charAt(j));
      }
      default -> throw new AssertionError(this);
    }
    return out.toString();
  }

  private static char pick(String letters, SplittableRandom random) {
    return letters.charAt(random.nextInt(letters.length()));
  }

  /** A uniformly chosen i with word[i] != word[i+1], or -1 if there is none. */
  private static int randomSwappable(String word, SplittableRandom random) {
    int count = 0;
    for (int i = 0; i + 1 < word.length(); i++) {
      if (word.charAt(i) != word.charAt(i + 1)) {
        count++;
      }
    }
    if (count == 0) {
      return -1;
    }
    int target = random.nextInt(count);
    for (int i = 0; ; i++) {
      if (word.charAt(i) != word.charAt(i + 1) && target-- == 0) {
        return i;
      }
    }
  }
}
