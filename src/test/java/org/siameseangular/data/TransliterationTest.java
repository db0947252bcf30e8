package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.siameseangular.data.Transliteration.Scheme;

/** Hand-written examples for every scheme, from the standards' own tables and examples. */
class TransliterationTest {

  private static String t(Scheme scheme, String s) {
    return Transliteration.apply(scheme, s);
  }

  @Test
  void icao9303Russian() {
    assertThat(t(Scheme.ICAO_9303, "Юлия Щеглова")).isEqualTo("Iuliia Shcheglova");
    assertThat(t(Scheme.ICAO_9303, "Андрей Видный")).isEqualTo("Andrei Vidnyi");
    assertThat(t(Scheme.ICAO_9303, "Гайа Васильева")).isEqualTo("Gaia Vasileva");
    assertThat(t(Scheme.ICAO_9303, "Подъячев")).isEqualTo("Podieiachev");
    assertThat(t(Scheme.ICAO_9303, "Фёдор Хрущёв")).isEqualTo("Fedor Khrushchev");
  }

  @Test
  void icao9303KeepsAllCapsWordsInCapitals() {
    assertThat(t(Scheme.ICAO_9303, "ЩУКИН Юрий")).isEqualTo("SHCHUKIN Iurii");
  }

  @Test
  void bgnPcgnRussian() {
    assertThat(t(Scheme.BGN_PCGN, "Елизово")).isEqualTo("Yelizovo");
    assertThat(t(Scheme.BGN_PCGN, "Чапаевск")).isEqualTo("Chapayevsk");
    assertThat(t(Scheme.BGN_PCGN, "Юлия")).isEqualTo("Yuliya");
    assertThat(t(Scheme.BGN_PCGN, "Фёдор")).isEqualTo("Fëdor");
    assertThat(t(Scheme.BGN_PCGN, "Подъячев")).isEqualTo("Podyachev");
    assertThat(t(Scheme.BGN_PCGN, "Андрей Видный")).isEqualTo("Andrey Vidnyy");
  }

  @Test
  void iso9Russian() {
    assertThat(t(Scheme.ISO_9, "Щукин")).isEqualTo("Ŝukin");
    assertThat(t(Scheme.ISO_9, "Юлия")).isEqualTo("Ûliâ");
    assertThat(t(Scheme.ISO_9, "Хрущёв")).isEqualTo("Hruŝëv");
    assertThat(t(Scheme.ISO_9, "Ельцин")).isEqualTo("Elʹcin");
    assertThat(t(Scheme.ISO_9, "Жуков")).isEqualTo("Žukov");
  }

  @Test
  void ukrainian2010ExamplesOfTheResolution() {
    assertThat(t(Scheme.UKRAINIAN_2010, "Згорани")).isEqualTo("Zghorany");
    assertThat(t(Scheme.UKRAINIAN_2010, "Розгон")).isEqualTo("Rozghon");
    assertThat(t(Scheme.UKRAINIAN_2010, "Юрій")).isEqualTo("Yurii");
    assertThat(t(Scheme.UKRAINIAN_2010, "Олексій")).isEqualTo("Oleksii");
    assertThat(t(Scheme.UKRAINIAN_2010, "Київ")).isEqualTo("Kyiv");
    assertThat(t(Scheme.UKRAINIAN_2010, "Їжакевич")).isEqualTo("Yizhakevych");
    assertThat(t(Scheme.UKRAINIAN_2010, "Кадиївка")).isEqualTo("Kadyivka");
    assertThat(t(Scheme.UKRAINIAN_2010, "Йосипівка")).isEqualTo("Yosypivka");
    assertThat(t(Scheme.UKRAINIAN_2010, "Стрий")).isEqualTo("Stryi");
    assertThat(t(Scheme.UKRAINIAN_2010, "Єнакієве")).isEqualTo("Yenakiieve");
    assertThat(t(Scheme.UKRAINIAN_2010, "Гаєвич")).isEqualTo("Haievych");
    assertThat(t(Scheme.UKRAINIAN_2010, "Корюківка")).isEqualTo("Koriukivka");
    assertThat(t(Scheme.UKRAINIAN_2010, "Яготин")).isEqualTo("Yahotyn");
    assertThat(t(Scheme.UKRAINIAN_2010, "Знам'янка")).isEqualTo("Znamianka");
    assertThat(t(Scheme.UKRAINIAN_2010, "Феодосія")).isEqualTo("Feodosiia");
    assertThat(t(Scheme.UKRAINIAN_2010, "Ґалаґан")).isEqualTo("Galagan");
    assertThat(t(Scheme.UKRAINIAN_2010, "Щербухи")).isEqualTo("Shcherbukhy");
  }

  @Test
  void bulgarian2009() {
    assertThat(t(Scheme.BULGARIAN_2009, "София")).isEqualTo("Sofia");
    assertThat(t(Scheme.BULGARIAN_2009, "Тодор Живков")).isEqualTo("Todor Zhivkov");
    assertThat(t(Scheme.BULGARIAN_2009, "Щерев")).isEqualTo("Shterev");
    assertThat(t(Scheme.BULGARIAN_2009, "Търново")).isEqualTo("Tarnovo");
    assertThat(t(Scheme.BULGARIAN_2009, "Хаджиев")).isEqualTo("Hadzhiev");
    assertThat(t(Scheme.BULGARIAN_2009, "Пенчо Славейков")).isEqualTo("Pencho Slaveykov");
    assertThat(t(Scheme.BULGARIAN_2009, "Юлия")).isEqualTo("Yulia");
  }

  @Test
  void elot743() {
    assertThat(t(Scheme.ELOT_743, "Παπαδόπουλος")).isEqualTo("Papadopoulos");
    assertThat(t(Scheme.ELOT_743, "Ευάγγελος")).isEqualTo("Evangelos");
    assertThat(t(Scheme.ELOT_743, "Ευθύμιος")).isEqualTo("Efthymios");
    assertThat(t(Scheme.ELOT_743, "Χρήστος")).isEqualTo("Christos");
    assertThat(t(Scheme.ELOT_743, "Μπακογιάννης")).isEqualTo("Mpakogiannis");
    assertThat(t(Scheme.ELOT_743, "Ντόρα")).isEqualTo("Ntora");
    assertThat(t(Scheme.ELOT_743, "Γεώργιος")).isEqualTo("Georgios");
    assertThat(t(Scheme.ELOT_743, "Ψυχάρης")).isEqualTo("Psycharis");
    assertThat(t(Scheme.ELOT_743, "Αγκίστρι")).isEqualTo("Agkistri");
    assertThat(t(Scheme.ELOT_743, "Ξάνθη")).isEqualTo("Xanthi");
    assertThat(t(Scheme.ELOT_743, "Ευδοκία")).isEqualTo("Evdokia");
  }

  @Test
  void elot743DiaeresisStopsTheDigraph() {
    assertThat(t(Scheme.ELOT_743, "Ταΰγετος")).isEqualTo("Taygetos");
  }

  @Test
  void elot743AllCaps() {
    assertThat(t(Scheme.ELOT_743, "ΑΥΓΕΡΙΝΟΣ")).isEqualTo("AVGERINOS");
    assertThat(t(Scheme.ELOT_743, "ΠΑΠΑΔΟΠΟΥΛΟΣ")).isEqualTo("PAPADOPOULOS");
  }

  @Test
  void greekPhonetic() {
    assertThat(t(Scheme.GREEK_PHONETIC, "Μπακογιάννης")).isEqualTo("Bakogiannis");
    assertThat(t(Scheme.GREEK_PHONETIC, "Ντόρα")).isEqualTo("Dora");
    assertThat(t(Scheme.GREEK_PHONETIC, "Χρήστος")).isEqualTo("Hristos");
    assertThat(t(Scheme.GREEK_PHONETIC, "Αικατερίνη")).isEqualTo("Ekaterini");
    assertThat(t(Scheme.GREEK_PHONETIC, "Κυριάκος")).isEqualTo("Kiriakos");
  }

  @Test
  void nonLettersAreKept() {
    assertThat(t(Scheme.ICAO_9303, "ООО «Ромашка»")).isEqualTo("OOO «Romashka»");
  }

  @Test
  void everyCyrillicAndGreekLanguageHasAtLeastTwoSchemes() {
    for (String key : new String[] {"ru cyrillic", "uk cyrillic", "bg cyrillic", "el greek"}) {
      assertThat(Transliteration.schemes(Language.byKey(key))).as(key).hasSizeGreaterThan(1);
    }
  }
}
