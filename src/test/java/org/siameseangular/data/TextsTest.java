package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  private static final String SMILE = "\ud83d\ude00"; // one code point, two chars

  @Test
  void shortTextIsKeptWhole() {
    assertThat(Texts.abbreviate(SMILE.repeat(60))).isEqualTo(SMILE.repeat(60));
  }

  @Test
  void longTextIsCutAfterTheLimitInCodePointsNeverInsideASurrogatePair() {
    String cut = Texts.abbreviate("a" + SMILE.repeat(100), 4);

    assertThat(cut).isEqualTo("a" + SMILE.repeat(3) + "...");
  }
}
