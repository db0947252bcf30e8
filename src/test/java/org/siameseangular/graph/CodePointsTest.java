package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CodePoints#of}: one step per Unicode code point, whether or not the string needs
 * surrogates, and the contract's refusals.
 */
class CodePointsTest {
  @Test
  void stringsWithAndWithoutSurrogatesGiveWhatStringCodePointsGives() {
    // Random strings from the BMP (surrogates excluded, U+0000 excluded) and from above it,
    // mixed: both paths of CodePoints.of must give String.codePoints().
    var random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      var text = new StringBuilder();
      int length = random.nextInt(20);
      boolean supplementary = i % 2 == 1;
      for (int k = 0; k < length; k++) {
        int cp;
        do {
          cp =
              supplementary && random.nextInt(4) == 0
                  ? 0x10000 + random.nextInt(0x100000)
                  : 1 + random.nextInt(0xFFFF);
        } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
        text.appendCodePoint(cp);
      }
      String s = text.toString();

      assertThat(CodePoints.of(s)).as("%s", s).containsExactly(s.codePoints().toArray());
    }
  }

  @Test
  void anEmojiIsOneStepNotTwoUtf16Units() {
    assertThat(CodePoints.of("a\ud83d\ude00b")).containsExactly('a', 0x1F600, 'b');
  }

  @Test
  void aLoneSurrogateIsKeptAsItsOwnCodePoint() {
    // String.codePoints() yields an unpaired surrogate as itself; so does CodePoints.of.
    assertThat(CodePoints.of("x\ud800y")).containsExactly('x', 0xD800, 'y');
    assertThat(CodePoints.of("\udc00")).containsExactly(0xDC00);
  }

  @Test
  void thePaddingValueInsideTextIsRefusedWithItsCodePointIndexOnEitherPath() {
    assertThatThrownBy(() -> CodePoints.of("ab\u0000c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000 at code point 2");
    // After an emoji the code point index is one less than the char index.
    assertThatThrownBy(() -> CodePoints.of("\ud83d\ude00b\u0000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000 at code point 2");
  }

  @Test
  void aStringOverTheLimitIsRefusedAndOneOfTwoUnitCodePointsAtTheLimitIsNot() {
    String tooLong = "a".repeat(CodePoints.MAX_CODE_POINTS + 1);
    assertThatThrownBy(() -> CodePoints.of(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text has " + (CodePoints.MAX_CODE_POINTS + 1) + " code points");
    // Twice the limit in UTF-16 units, exactly the limit in code points: accepted.
    String emojis = "\ud83d\ude00".repeat(CodePoints.MAX_CODE_POINTS);
    assertThat(CodePoints.of(emojis)).hasSize(CodePoints.MAX_CODE_POINTS);
  }

  @Test
  void theEmptyStringHasNoCodePoints() {
    assertThat(CodePoints.of("")).isEmpty();
  }
}
