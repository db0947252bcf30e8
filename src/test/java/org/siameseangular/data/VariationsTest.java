package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.siameseangular.data.Variations.SpacingOp;

class VariationsTest {

  private static final Language FRENCH = Language.byKey("fr latin");
  private static final Language GERMAN = Language.byKey("de latin");

  private static Entity person(String languageKey, String given, String family) {
    return Entity.person(Language.byKey(languageKey), given, family, false);
  }

  @Test
  void initialsKeepHyphensAndSeveralGivenNames() {
    assertThat(Variations.initials("Jean-Pierre", true, FRENCH)).isEqualTo("J.-P.");
    assertThat(Variations.initials("Anna Maria", true, GERMAN)).isEqualTo("A. M.");
    assertThat(Variations.initials("anna", false, GERMAN)).isEqualTo("A");
  }

  @Test
  void georgianInitialsAreNotMtavruli() {
    assertThat(Variations.initials("ნინო", true, Language.byKey("ka georgian"))).isEqualTo("ნ.");
  }

  @Test
  void spacingOperations() {
    Entity anna = person("de latin", "Anna Maria", "Müller");
    Entity company =
        Entity.company(
            Language.byKey("pl latin"),
            "Nowak",
            LegalForm.form("%s Sp. z o.o.", "%s Spółka z ograniczoną odpowiedzialnością"),
            false);

    assertThat(Variations.spaced(SpacingOp.JOIN, anna, 0)).isEqualTo("AnnaMaria Müller");
    assertThat(Variations.spaced(SpacingOp.HYPHENATE, anna, 1)).isEqualTo("Anna Maria-Müller");
    assertThat(Variations.spaced(SpacingOp.DROP_DOTS, company, 0)).isEqualTo("Nowak Sp z oo");
    assertThat(Variations.spaced(SpacingOp.DROP_APOSTROPHE, anna, 0)).isNull();
  }

  @Test
  void splitNameUsesAnIdeographicSpaceInJapanese() {
    assertThat(Variations.spaced(SpacingOp.SPLIT_NAME, person("ja han", "翼", "佐藤"), 0))
        .isEqualTo("佐藤\u3000翼");
    assertThat(Variations.spaced(SpacingOp.SPLIT_NAME, person("ko hangul", "민준", "김"), 0))
        .isEqualTo("김 민준");
    assertThat(Variations.spaced(SpacingOp.SPLIT_NAME, person("de latin", "Anna", "Ott"), 0))
        .isNull();
  }

  @Test
  void wordOrderPutsTheFamilyNameFirstOrLast() {
    Entity anna = person("de latin", "Anna", "Müller");
    Entity peter = person("hu latin", "Péter", "Nagy");
    SplittableRandom random = new SplittableRandom(3);

    for (int i = 0; i < 10; i++) {
      Treatment t = Variations.choose(PairKind.WORD_ORDER, anna, null, random);
      assertThat(t.right(anna, random)).isIn("Müller Anna", "Müller, Anna");
      assertThat(t.right(peter, random)).isEqualTo("Péter Nagy");
    }
  }

  @Test
  void arabicWordOrderUsesTheArabicComma() {
    assertThat(Variations.comma(Language.byKey("ar arabic"))).isEqualTo("، ");
    assertThat(Variations.comma(GERMAN)).isEqualTo(", ");
  }

  @Test
  void abbreviationWritesTheLegalFormOutOrShortens() {
    Entity gmbh = Entity.company(GERMAN, "Müller", GERMAN.legalForms().get(0), false);
    Treatment t = Variations.choose(PairKind.ABBREVIATION, gmbh, null, new SplittableRandom(1));

    assertThat(gmbh.text()).isEqualTo("Müller GmbH");
    assertThat(t.right(gmbh, new SplittableRandom(1)))
        .isEqualTo("Müller Gesellschaft mit beschränkter Haftung");
  }

  @Test
  void japaneseAndKoreanLegalForms() {
    Language ja = Language.byKey("ja han");
    Language ko = Language.byKey("ko hangul");

    assertThat(ja.legalForms().get(0).apply("佐藤", true)).isEqualTo("株式会社佐藤");
    assertThat(ja.legalForms().get(0).apply("佐藤", false)).isEqualTo("(株)佐藤");
    assertThat(ko.legalForms().get(0).apply("한가람", true)).isEqualTo("주식회사 한가람");
  }

  @Test
  void upperCaseGreekDropsTheTonosAndTurkishKeepsTheDot() {
    assertThat(Variations.upper("Γεώργιος", Language.byKey("el greek"))).isEqualTo("ΓΕΩΡΓΙΟΣ");
    assertThat(Variations.upper("ismail", Language.byKey("tr latin"))).isEqualTo("İSMAİL");
  }

  @Test
  void transliterationTreatmentRomanisesTheFoilTheSameWay() {
    Entity petrov = person("ru cyrillic", "Пётр", "Щукин");
    Entity ivanov = person("ru cyrillic", "Иван", "Щукин");
    SplittableRandom random = new SplittableRandom(5);

    for (int i = 0; i < 20; i++) {
      Treatment t = Variations.choose(PairKind.TRANSLITERATION, petrov, null, random);
      String right = t.right(ivanov, random);
      assertThat(right).endsWith(right.contains("Ŝ") ? "Ŝukin" : "Shchukin");
    }
  }
}
