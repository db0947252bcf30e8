package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameDataTest {

  @Test
  void everyLanguageHasGivenAndFamilyNames() {
    NameData data = NameData.all();
    for (Language l : Language.ALL) {
      assertThat(
              data.get(l, NameCategory.GIVEN_M).size() + data.get(l, NameCategory.GIVEN_F).size())
          .as(l.key())
          .isPositive();
      assertThat(
              data.get(l, NameCategory.FAMILY).size() + data.get(l, NameCategory.FAMILY_M).size())
          .as(l.key())
          .isPositive();
    }
  }

  @Test
  void everyScriptHasAtLeastAHundredEntries() {
    NameData data = NameData.all();
    for (Script s : Script.values()) {
      int n = 0;
      for (Language l : Language.inScript(s)) {
        for (NameCategory c : NameCategory.values()) {
          n += data.get(l, c).size();
        }
      }
      assertThat(n).as(s.tag()).isGreaterThanOrEqualTo(100);
    }
  }

  @Test
  void entriesAreInTheirScript() {
    NameData data = NameData.all();
    for (Language l : Language.ALL) {
      for (NameCategory c : NameCategory.values()) {
        assertThat(data.get(l, c))
            .allSatisfy(e -> assertThat(e.codePoints().allMatch(l.script()::admits)).isTrue());
      }
    }
  }

  @Test
  void knownEntriesAreWhereTheReadmeSays() {
    NameData data = NameData.all();

    assertThat(data.get(Language.byKey("ru cyrillic"), NameCategory.FAMILY_F)).contains("Иванова");
    assertThat(data.get(Language.byKey("ja kana"), NameCategory.FAMILY)).contains("サトウ");
    assertThat(data.get(Language.byKey("el greek"), NameCategory.GIVEN_M)).contains("Γεώργιος");
  }

  @Test
  void sizeCountsEveryEntry() {
    // names.txt: 44,752 lines, of which 2 comments and 156 section headers
    assertThat(NameData.all().size()).isEqualTo(44_752 - 2 - 156);
  }
}
