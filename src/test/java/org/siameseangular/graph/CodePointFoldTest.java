package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fold table of the folded encoding and the distinctness of the encoding's rows. */
class CodePointFoldTest {

  @Test
  void theResourceHoldsWhatItsRuleDerives() {
    for (int c = 0; c < CodePointFold.SIZE; c++) {
      assertThat(CodePointFold.fold(c)).as("U+%04X", c).isEqualTo(CodePointFold.derive(c));
    }
  }

  @Test
  void caseAndAccentVariantsFoldToTheirLowerCaseBaseLetter() {
    assertThat(folds("EeÉéÈêËĒĘẸ")).containsOnly((int) 'e');
    assertThat(folds("oOøØöÖőŐ")).containsOnly((int) 'o');
    assertThat(folds("ßsSšŠśŚ")).containsOnly((int) 's');
    assertThat(folds("łŁlL")).containsOnly((int) 'l');
  }

  @Test
  void cyrillicAndGreekLettersFoldToTheLatinLetterOfTheirRomanisation() {
    // ISO 9:1995 without its diacritics: Петров -> Petrov, Жуков -> Žukov -> zukov.
    assertThat(text("Петров")).isEqualTo("petrov");
    assertThat(text("ЖУКОВ")).isEqualTo("zukov");
    assertThat(text("Щукин")).isEqualTo("sukin");
    // ELOT 743's first letters: Θεόδωρος -> Theodoros -> t.eodoros.
    assertThat(text("Θεόδωρος")).isEqualTo("teodoros");
    assertThat(text("Παπαδόπουλος")).isEqualTo("papadopoylos"); // ου is "ou" only as a pair
  }

  @Test
  void otherScriptsAndCodePointsAboveTheTableFoldToThemselves() {
    for (int c : "東京가나あア ა-'0".codePoints().toArray()) {
      assertThat(CodePointFold.fold(c)).as("U+%04X", c).isEqualTo(c);
    }
    assertThat(CodePointFold.fold(CodePointFold.SIZE)).isEqualTo(CodePointFold.SIZE);
    assertThat(CodePointFold.fold(0x10FFFF)).isEqualTo(0x10FFFF);
    assertThat(CodePointFold.fold(0)).isZero();
  }

  /**
   * The rows a code point gathers, as the folded encoding defines them
   * (graph/InputEncoding.Folded), computed here independently of the graph: no two code points may
   * share every row, or the encoding could not tell them apart.
   */
  @Test
  void noTwoCodePointsShareEveryRowOfTheFoldedEncoding() {
    Set<Long> seen = new HashSet<>(2_300_000);
    for (int c = 0; c <= InputEncoding.MAX_CODE_POINT; c++) {
      int s = c - 0xAC00;
      boolean syllable = s >= 0 && s < 11172;
      int f = syllable ? 0xAC00 : CodePointFold.fold(c);
      int lead = syllable ? s / 588 : 19;
      int vowel = syllable ? s % 588 / 28 : 21;
      int trail = syllable ? s % 28 : 28;
      long key = f % 1031;
      key = key * 1087 + f % 1087;
      key = key * 20 + lead;
      key = key * 22 + vowel;
      key = key * 29 + trail;
      key = key * 1214 + c % 1214;
      assertThat(seen.add(key))
          .as("U+%04X shares every row with an earlier code point", c)
          .isTrue();
    }
  }

  @Test
  void aSmallerDetailModulusWouldMergeCodePointsOfOneFold() {
    // Why the detail rows take c mod 1214: every smaller modulus maps two code points of one
    // fold (e.g. two of the 146 that fold to 'a') to the same detail row.
    int merged = 0;
    for (int m = 2; m < InputEncoding.Folded.DETAIL_MODULUS; m++) {
      if (mergesAFold(m)) {
        merged++;
      }
    }
    assertThat(merged).isEqualTo(InputEncoding.Folded.DETAIL_MODULUS - 2);
    assertThat(mergesAFold(InputEncoding.Folded.DETAIL_MODULUS)).isFalse();
  }

  private static boolean mergesAFold(int modulus) {
    Set<Long> seen = new HashSet<>();
    for (int c = 0; c < CodePointFold.SIZE; c++) {
      if (!seen.add((long) CodePointFold.fold(c) * modulus + c % modulus)) {
        return true;
      }
    }
    return false;
  }

  private static Set<Integer> folds(String s) {
    Set<Integer> out = new HashSet<>();
    s.codePoints().forEach(c -> out.add(CodePointFold.fold(c)));
    return out;
  }

  private static String text(String s) {
    var out = new StringBuilder();
    s.codePoints().forEach(c -> out.appendCodePoint(CodePointFold.fold(c)));
    return out.toString();
  }
}
