package org.siameseangular.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceBaselineTest {

  private static final double TOL = 1e-12;

  @Test
  void levenshteinOfKittenAndSittingIsThreeOfSeven() {
    assertThat(EditDistanceBaseline.levenshteinSimilarity("kitten", "sitting"))
        .isCloseTo(1 - 3.0 / 7, within(TOL));
  }

  @Test
  void damerauCountsAnAdjacentTranspositionOnce() {
    assertThat(EditDistanceBaseline.levenshteinSimilarity("ab", "ba")).isCloseTo(0.0, within(TOL));
    assertThat(EditDistanceBaseline.damerauSimilarity("ab", "ba")).isCloseTo(0.5, within(TOL));
  }

  @Test
  void damerauIsTheOptimalStringAlignmentVariant() {
    // OSA("CA", "ABC") = 3 (unrestricted Damerau-Levenshtein would give 2)
    assertThat(EditDistanceBaseline.damerauSimilarity("CA", "ABC")).isCloseTo(0.0, within(TOL));
  }

  @Test
  void emojiCountsAsOneCodePoint() {
    // one substitution over two code points; UTF-16 units would give 1 - 1/3
    assertThat(EditDistanceBaseline.levenshteinSimilarity("😀a", "😀b"))
        .isCloseTo(0.5, within(TOL));
    // the two emoji share their high surrogate but are different code points
    assertThat(EditDistanceBaseline.damerauSimilarity("😀", "😃")).isCloseTo(0.0, within(TOL));
  }

  @Test
  void equalCodePointsAboveTheIntegerCacheMatch() {
    assertThat(EditDistanceBaseline.levenshteinSimilarity("日本😀", "日本😀")).isEqualTo(1.0);
    assertThat(EditDistanceBaseline.damerauSimilarity("本日", "日本")).isCloseTo(0.5, within(TOL));
  }

  @Test
  void twoEmptyStringsAreIdentical() {
    assertThat(EditDistanceBaseline.levenshteinSimilarity("", "")).isEqualTo(1.0);
    assertThat(EditDistanceBaseline.damerauSimilarity("", "abc")).isEqualTo(0.0);
  }

  @Test
  void asDistancesIsOneMinusSimilarity() {
    float[] distances =
        EditDistanceBaseline.asDistances(
            List.of("kitten", "ab"), List.of("sitting", "ba"), EditDistanceBaseline.Kind.DAMERAU);
    assertThat(distances[0]).isCloseTo(3f / 7, within(1e-6f));
    assertThat(distances[1]).isCloseTo(0.5f, within(1e-6f));
  }
}
