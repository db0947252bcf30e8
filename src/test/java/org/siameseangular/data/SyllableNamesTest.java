package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyllableNamesTest {

  @Test
  void kanaSyllablesKeepSmallKanaAndLongVowelsWithTheirKana() {
    assertThat(SyllableNames.syllables("キョウスケ")).containsExactly("キョ", "ウ", "ス", "ケ");
    assertThat(SyllableNames.syllables("ユーキ")).containsExactly("ユー", "キ");
    assertThat(SyllableNames.syllables("민준")).containsExactly("민", "준");
  }

  @Test
  void generatedNamesJoinAHeadAndATailOfRealNames() {
    List<String> real = List.of("민준", "서연", "지훈");
    List<String> all = SyllableNames.generate(real, 100, SourcePart.TRAINING);
    all.addAll(SyllableNames.generate(real, 100, SourcePart.HELD_OUT));

    assertThat(all).containsExactlyInAnyOrder("민연", "서훈", "지준", "민훈", "서준", "지연");
  }

  @Test
  void generatedNamesBelongToTheRequestedPartAndAreNew() {
    List<String> real = NameData.all().get(Language.byKey("ko hangul"), NameCategory.GIVEN_F);

    for (SourcePart part : SourcePart.values()) {
      assertThat(SyllableNames.generate(real, 500, part))
          .isNotEmpty()
          .doesNotContainAnyElementsOf(real)
          .allSatisfy(n -> assertThat(SourcePart.of(n)).isEqualTo(part));
    }
  }

  @Test
  void onlyKanaAndHangulAreExtended() {
    assertThat(SyllableNames.applies(Script.KANA)).isTrue();
    assertThat(SyllableNames.applies(Script.HANGUL)).isTrue();
    assertThat(SyllableNames.applies(Script.LATIN)).isFalse();
  }
}
