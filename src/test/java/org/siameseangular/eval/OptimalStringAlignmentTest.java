package org.siameseangular.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptimalStringAlignmentTest {

  private static int osa(String a, String b) {
    return OptimalStringAlignment.distance(a.codePoints().toArray(), b.codePoints().toArray());
  }

  @Test
  void equalsLevenshteinWithoutTranspositions() {
    assertThat(osa("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void countsAdjacentTranspositionAsOneEdit() {
    assertThat(osa("ab", "ba")).isEqualTo(1);
    assertThat(osa("abcdef", "abdcef")).isEqualTo(1);
  }

  @Test
  void doesNotEditATransposedSubstringAgain() {
    assertThat(osa("CA", "ABC")).isEqualTo(3);
  }

  @Test
  void handlesEmptyInputs() {
    assertThat(osa("", "")).isZero();
    assertThat(osa("", "abc")).isEqualTo(3);
    assertThat(osa("ab", "")).isEqualTo(2);
  }
}
