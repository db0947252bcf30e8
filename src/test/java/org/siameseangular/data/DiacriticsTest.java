package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiacriticsTest {

  private static final Diacritics.Style ALL = new Diacritics.Style(true, false);
  private static final Diacritics.Style GERMAN = new Diacritics.Style(true, true);

  private static String fold(String s, String languageKey) {
    return fold(s, languageKey, ALL);
  }

  private static String fold(String s, String languageKey, Diacritics.Style style) {
    return Diacritics.fold(s, Language.byKey(languageKey), style, new SplittableRandom(1));
  }

  @Test
  void latinAccentsAndSpecialLetters() {
    assertThat(fold("Müller", "de latin")).isEqualTo("Muller");
    assertThat(fold("Straße", "de latin")).isEqualTo("Strasse");
    assertThat(fold("Łódź", "pl latin")).isEqualTo("Lodz");
    assertThat(fold("Işık", "tr latin")).isEqualTo("Isik");
    assertThat(fold("İstanbul", "tr latin")).isEqualTo("Istanbul");
    assertThat(fold("Nguyễn Thị Ánh", "vi latin")).isEqualTo("Nguyen Thi Anh");
    assertThat(fold("Ștefan Đorđević", "ro latin")).isEqualTo("Stefan Dordevic");
  }

  @Test
  void germanTranscription() {
    assertThat(fold("Müller Größe", "de latin", GERMAN)).isEqualTo("Mueller Groesse");
    assertThat(fold("Ärzte", "de latin", GERMAN)).isEqualTo("Aerzte");
  }

  @Test
  void cyrillicYoShortIAndUkrainianLetters() {
    assertThat(fold("Пётр Семёнов", "ru cyrillic")).isEqualTo("Петр Семенов");
    assertThat(fold("Андрей", "ru cyrillic")).isEqualTo("Андреи");
    assertThat(fold("Ґанна Їжак", "uk cyrillic")).isEqualTo("Ганна Іжак");
  }

  @Test
  void greekTonosAndDialytika() {
    assertThat(fold("Γεώργιος Παπαδόπουλος", "el greek")).isEqualTo("Γεωργιος Παπαδοπουλος");
    assertThat(fold("Ταΰγετος", "el greek")).isEqualTo("Ταυγετος");
  }

  @Test
  void arabicHamzaTaMarbutaAlefMaqsuraAndHarakat() {
    assertThat(fold("أحمد", "ar arabic")).isEqualTo("احمد");
    assertThat(fold("فاطمة", "ar arabic")).isEqualTo("فاطمه");
    assertThat(fold("مُحَمَّد", "ar arabic")).isEqualTo("محمد");
    assertThat(fold("مصطفى", "ar arabic")).isEqualTo("مصطفي");
  }

  @Test
  void persianKafAndYehSwapBetweenArabicAndPersianForms() {
    assertThat(fold("کاظمی", "fa arabic")).isEqualTo("كاظمي");
    assertThat(fold("كاظمي", "fa arabic")).isEqualTo("کاظمی");
  }

  @Test
  void devanagariNuktaAndChandrabindu() {
    assertThat(fold("ज़ाकिर", "hi devanagari")).isEqualTo("जाकिर");
    assertThat(fold("चाँद", "hi devanagari")).isEqualTo("चांद");
  }

  @Test
  void armenianLigature() {
    assertThat(fold("Երևան", "hy armenian")).isEqualTo("Երեւան");
  }

  @Test
  void nothingToFoldGivesNull() {
    assertThat(fold("Anna", "en latin")).isNull();
    assertThat(fold("王伟", "zh-Hans han")).isNull();
    assertThat(Diacritics.canFold("Anna", Language.byKey("en latin"))).isFalse();
    assertThat(Diacritics.canFold("Anné", Language.byKey("fr latin"))).isTrue();
  }

  @Test
  void partialStyleFoldsExactlyOneLetter() {
    String folded = fold("Émile Zoé", "fr latin", new Diacritics.Style(false, false));

    assertThat(folded).isIn("Emile Zoé", "Émile Zoe");
  }
}
