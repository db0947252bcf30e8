package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypoKindTest {

  private static final String WORD = "keyboard";

  private static String apply(TypoKind kind, long seed) {
    return kind.apply(WORD, new SplittableRandom(seed));
  }

  @Test
  void deletionRemovesOneLetter() {
    for (long seed = 0; seed < 50; seed++) {
      String typo = apply(TypoKind.DELETION, seed);
      assertThat(typo).hasSize(WORD.length() - 1);
      assertThat(isSubsequence(typo, WORD)).isTrue();
    }
  }

  @Test
  void insertionAddsANeighbourOfAnAdjacentLetter() {
    for (long seed = 0; seed < 50; seed++) {
      String typo = apply(TypoKind.INSERTION, seed);
      assertThat(typo).hasSize(WORD.length() + 1);
      assertThat(hasInsertedNeighbour(typo)).as(typo).isTrue();
    }
  }

  @Test
  void substitutionUsesAKeyboardNeighbour() {
    for (long seed = 0; seed < 50; seed++) {
      String typo = apply(TypoKind.SUBSTITUTION, seed);
      int i = firstDifference(WORD, typo);
      assertThat(typo).hasSize(WORD.length());
      assertThat(typo.substring(i + 1)).isEqualTo(WORD.substring(i + 1));
      assertThat(Keyboard.neighbours(WORD.charAt(i))).contains(String.valueOf(typo.charAt(i)));
    }
  }

  @Test
  void transpositionSwapsTwoAdjacentLetters() {
    for (long seed = 0; seed < 50; seed++) {
      String typo = apply(TypoKind.TRANSPOSITION, seed);
      int i = firstDifference(WORD, typo);
      assertThat(typo.charAt(i)).isEqualTo(WORD.charAt(i + 1));
      assertThat(typo.charAt(i + 1)).isEqualTo(WORD.charAt(i));
      assertThat(typo.substring(i + 2)).isEqualTo(WORD.substring(i + 2));
    }
  }

  @Test
  void transpositionIsImpossibleInARepeatedLetter() {
    assertThat(TypoKind.TRANSPOSITION.apply("aaaa", new SplittableRandom(1))).isNull();
  }

  @Test
  void doublingRepeatsALetter() {
    for (long seed = 0; seed < 50; seed++) {
      String typo = apply(TypoKind.DOUBLING, seed);
      int i = firstDifference(WORD, typo);
      assertThat(typo.charAt(i)).isEqualTo(typo.charAt(i - 1));
      assertThat(typo.substring(0, i) + typo.substring(i + 1)).isEqualTo(WORD);
    }
  }

  @Test
  void keyboardNeighboursFollowTheStaggeredRows() {
    assertThat(Keyboard.neighbours('s')).isEqualTo("adwezx");
    assertThat(Keyboard.neighbours('q')).isEqualTo("wa");
    assertThat(Keyboard.neighbours('m')).isEqualTo("njk");
    assertThat(Keyboard.neighbours('p')).isEqualTo("ol");
  }

  @Test
  void keyboardAdjacencyIsSymmetric() {
    for (char a = 'a'; a <= 'z'; a++) {
      for (char b : Keyboard.neighbours(a).toCharArray()) {
        assertThat(Keyboard.neighbours(b)).as("%s next to %s", b, a).contains(String.valueOf(a));
      }
    }
  }

  /** True if dropping some letter of typo, a neighbour of a letter beside it, gives WORD. */
  private static boolean hasInsertedNeighbour(String typo) {
    for (int k = 0; k < typo.length(); k++) {
      String inserted = String.valueOf(typo.charAt(k));
      boolean nearPrevious = k > 0 && Keyboard.neighbours(typo.charAt(k - 1)).contains(inserted);
      boolean nearNext =
          k + 1 < typo.length() && Keyboard.neighbours(typo.charAt(k + 1)).contains(inserted);
      String rest = typo.substring(0, k) + typo.substring(k + 1);
      if (rest.equals(WORD) && (nearPrevious || nearNext)) {
        return true;
      }
    }
    return false;
  }

  private static int firstDifference(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private static boolean isSubsequence(String small, String big) {
    int j = 0;
    for (int i = 0; i < big.length() && j < small.length(); i++) {
      if (big.charAt(i) == small.charAt(j)) {
        j++;
      }
    }
    return j == small.length();
  }
}
