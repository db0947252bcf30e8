package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.Character.UnicodeScript;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScriptTyposTest {

  private static String typo(TypoKind kind, String s, String languageKey, long seed) {
    Language language = Language.byKey(languageKey);
    Alphabet alphabet = NameBank.of(SourcePart.TRAINING).lists(language).alphabet;
    return ScriptTypos.apply(kind, s, language, alphabet, new SplittableRandom(seed));
  }

  private static int osa(String a, String b) {
    return NearNames.osa(a.codePoints().toArray(), b.codePoints().toArray(), 99);
  }

  @Test
  void everyKindMakesOneEditInEveryLanguage() {
    for (Language language : Language.ALL) {
      String name =
          Stream.of(NameCategory.PLACE, NameCategory.FAMILY, NameCategory.FAMILY_M)
              .flatMap(c -> NameData.all().get(language, c).stream())
              .findFirst()
              .orElseThrow();
      for (TypoKind kind : TypoKind.values()) {
        for (long seed = 0; seed < 20; seed++) {
          String t = typo(kind, name, language.key(), seed);
          if (t != null) {
            assertThat(osa(name, t))
                .as("%s %s %s -> %s", language.key(), kind, name, t)
                .isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void russianSubstitutionTypesAKeyboardNeighbour() {
    for (long seed = 0; seed < 30; seed++) {
      String t = typo(TypoKind.SUBSTITUTION, "волга", "ru cyrillic", seed);
      int i = 0;
      while ("волга".charAt(i) == t.charAt(i)) {
        i++;
      }
      int[] near = KeyboardLayout.RUSSIAN.neighbours("волга".charAt(i));
      assertThat(near).contains(t.charAt(i));
    }
  }

  @Test
  void substitutionKeepsCapitals() {
    for (long seed = 0; seed < 30; seed++) {
      String t = typo(TypoKind.SUBSTITUTION, "ΑΘΗΝΑ", "el greek", seed);
      assertThat(t.codePoints().allMatch(Character::isUpperCase)).as(t).isTrue();
    }
  }

  @Test
  void kanaSubstitutionStaysInKatakana() {
    for (long seed = 0; seed < 30; seed++) {
      String t = typo(TypoKind.SUBSTITUTION, "サトウ", "ja kana", seed);
      assertThat(t.codePoints().allMatch(cp -> UnicodeScript.of(cp) == UnicodeScript.KATAKANA))
          .as(t)
          .isTrue();
    }
  }

  @Test
  void hangulEditsWorkOnJamo() {
    // 민 = ㅁ + ㅣ + ㄴ: deleting a jamo can drop the final ㄴ, leaving 미
    boolean droppedFinal = false;
    for (long seed = 0; seed < 40; seed++) {
      String t = typo(TypoKind.DELETION, "민준", "ko hangul", seed);
      droppedFinal |= t.equals("미준") || t.equals("민주");
      assertThat(t).isIn("미준", "민주", "준", "민");
    }
    assertThat(droppedFinal).isTrue();
  }

  @Test
  void spacesAndPunctuationAreNeverTouched() {
    for (long seed = 0; seed < 50; seed++) {
      for (TypoKind kind : TypoKind.values()) {
        String t = typo(kind, "A. B-C", "en latin", seed);
        if (t != null) {
          assertThat(t.replaceAll("\\p{L}", "")).isEqualTo(". -");
        }
      }
    }
  }

  @Test
  void aTranspositionNeedsTwoDifferentLetters() {
    assertThat(typo(TypoKind.TRANSPOSITION, "ooo", "en latin", 1)).isNull();
  }
}
