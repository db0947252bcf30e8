package org.siameseangular.data;

import static org.siameseangular.data.LegalForm.form;
import static org.siameseangular.data.LegalForm.only;

import java.util.List;
import java.util.Locale;

/**
 * A language of the multi-script dataset in one script, with what the generator needs to know about
 * how names are written in it.
 *
 * @param code BCP 47 language tag as used in {@code names.txt}, e.g. {@code "ru"}, {@code
 *     "zh-Hans"}
 * @param script the script of its entries (Japanese appears twice: kanji and kana)
 * @param order how a full name is written
 * @param keyboard the usual keyboard layout, or null where typing goes through an input method
 *     (Han, Kana, Hangul) or no layout is modelled (Armenian)
 * @param locale the locale for case mapping (Turkish dotted i, Greek final sigma)
 * @param legalForms company legal forms, empty if companies are not generated in this language
 */
record Language(
    String code,
    Script script,
    NameOrder order,
    KeyboardLayout keyboard,
    Locale locale,
    List<LegalForm> legalForms) {

  /** How given and family name are put together. */
  enum NameOrder {
    /** {@code Anna Müller}. */
    GIVEN_FAMILY,
    /** {@code Nagy Péter}, {@code Nguyễn An}. */
    FAMILY_GIVEN,
    /** {@code 王伟}, {@code 김민준}: family name first, no space. */
    FAMILY_GIVEN_JOINED
  }

  /** The key of this language in {@code names.txt} section headers: code and script tag. */
  String key() {
    return code + " " + script.tag();
  }

  private static Language latin(String code, NameOrder order, LegalForm... forms) {
    return new Language(
        code,
        Script.LATIN,
        order,
        KeyboardLayout.QWERTY,
        Locale.forLanguageTag(code),
        List.of(forms));
  }

  private static Language lang(
      String code, Script script, NameOrder order, KeyboardLayout keyboard, LegalForm... forms) {
    return new Language(code, script, order, keyboard, Locale.forLanguageTag(code), List.of(forms));
  }

  private static final NameOrder GF = NameOrder.GIVEN_FAMILY;
  private static final NameOrder FG = NameOrder.FAMILY_GIVEN;
  private static final NameOrder JOINED = NameOrder.FAMILY_GIVEN_JOINED;

  /**
   * Every language, in the order of {@code names.txt}. Latin languages use US QWERTY for typos
   * (German QWERTZ and French AZERTY differ in a few letter keys only).
   */
  static final List<Language> ALL =
      List.of(
          latin(
              "de",
              GF,
              form("%s GmbH", "%s Gesellschaft mit beschränkter Haftung"),
              form("%s AG", "%s Aktiengesellschaft"),
              form("%s KG", "%s Kommanditgesellschaft"),
              form("%s e.V.", "%s eingetragener Verein")),
          latin(
              "fr",
              GF,
              form("%s SARL", "%s Société à responsabilité limitée"),
              form("%s SA", "%s Société anonyme"),
              form("%s SAS", "%s Société par actions simplifiée")),
          latin(
              "es",
              GF,
              form("%s S.L.", "%s Sociedad Limitada"),
              form("%s S.A.", "%s Sociedad Anónima")),
          latin(
              "it",
              GF,
              form("%s S.r.l.", "%s Società a responsabilità limitata"),
              form("%s S.p.A.", "%s Società per Azioni")),
          latin("pt", GF, form("%s Ltda.", "%s Limitada"), form("%s S.A.", "%s Sociedade Anônima")),
          latin(
              "pl",
              GF,
              form("%s Sp. z o.o.", "%s Spółka z ograniczoną odpowiedzialnością"),
              form("%s S.A.", "%s Spółka Akcyjna")),
          latin(
              "cs",
              GF,
              form("%s s.r.o.", "%s společnost s ručením omezeným"),
              form("%s a.s.", "%s akciová společnost")),
          latin(
              "hu",
              FG,
              form("%s Kft.", "%s Korlátolt Felelősségű Társaság"),
              form("%s Zrt.", "%s Zártkörűen Működő Részvénytársaság"),
              form("%s Bt.", "%s Betéti Társaság")),
          latin(
              "ro",
              GF,
              form("%s S.R.L.", "%s Societate cu Răspundere Limitată"),
              form("%s S.A.", "%s Societate pe Acțiuni")),
          latin("sv", GF, form("%s AB", "%s Aktiebolag"), form("%s HB", "%s Handelsbolag")),
          latin(
              "tr",
              GF,
              form("%s A.Ş.", "%s Anonim Şirketi"),
              form("%s Ltd. Şti.", "%s Limited Şirketi")),
          latin(
              "hr",
              GF,
              form("%s d.o.o.", "%s društvo s ograničenom odgovornošću"),
              form("%s d.d.", "%s dioničko društvo")),
          latin(
              "vi",
              FG,
              form("Công ty TNHH %s", "Công ty Trách nhiệm hữu hạn %s"),
              form("Công ty CP %s", "Công ty Cổ phần %s")),
          latin(
              "en",
              GF,
              form("%s Ltd", "%s Limited"),
              form("%s Inc.", "%s Incorporated"),
              form("%s Corp.", "%s Corporation"),
              form("%s LLC", "%s Limited Liability Company")),
          lang(
              "ru",
              Script.CYRILLIC,
              GF,
              KeyboardLayout.RUSSIAN,
              form("ООО «%s»", "Общество с ограниченной ответственностью «%s»"),
              form("АО «%s»", "Акционерное общество «%s»"),
              form("ПАО «%s»", "Публичное акционерное общество «%s»")),
          lang(
              "uk",
              Script.CYRILLIC,
              GF,
              KeyboardLayout.UKRAINIAN,
              form("ТОВ «%s»", "Товариство з обмеженою відповідальністю «%s»"),
              form("АТ «%s»", "Акціонерне товариство «%s»")),
          lang(
              "bg",
              Script.CYRILLIC,
              GF,
              KeyboardLayout.BULGARIAN,
              only("%s ООД"),
              only("%s ЕООД"),
              only("%s АД")),
          lang(
              "el",
              Script.GREEK,
              GF,
              KeyboardLayout.GREEK,
              form("%s Α.Ε.", "%s Ανώνυμη Εταιρεία"),
              form("%s Ε.Π.Ε.", "%s Εταιρεία Περιορισμένης Ευθύνης")),
          lang(
              "ar",
              Script.ARABIC,
              GF,
              KeyboardLayout.ARABIC,
              form("شركة %s ذ.م.م", "شركة %s ذات مسؤولية محدودة")),
          lang("fa", Script.ARABIC, GF, KeyboardLayout.PERSIAN, only("شرکت %s")),
          lang("he", Script.HEBREW, GF, KeyboardLayout.HEBREW, form("%s בע״מ", "%s בערבון מוגבל")),
          lang(
              "hi",
              Script.DEVANAGARI,
              GF,
              KeyboardLayout.INSCRIPT,
              form("%s प्रा. लि.", "%s प्राइवेट लिमिटेड")),
          lang(
              "ne",
              Script.DEVANAGARI,
              GF,
              KeyboardLayout.INSCRIPT,
              form("%s प्रा. लि.", "%s प्राइभेट लिमिटेड")),
          lang("mr", Script.DEVANAGARI, GF, KeyboardLayout.INSCRIPT),
          lang(
              "th",
              Script.THAI,
              GF,
              KeyboardLayout.THAI,
              form("บจก. %s", "บริษัท %s จำกัด"),
              form("บมจ. %s", "บริษัท %s จำกัด (มหาชน)")),
          lang("zh-Hans", Script.HAN, JOINED, null, form("%s有限公司", "%s有限责任公司")),
          lang("zh-Hant", Script.HAN, JOINED, null, only("%s有限公司"), only("%s股份有限公司")),
          lang(
              "ja",
              Script.HAN,
              JOINED,
              null,
              form("(株)%s", "株式会社%s"),
              form("%s(株)", "%s株式会社"),
              form("(有)%s", "有限会社%s")),
          lang("ja", Script.KANA, FG, null),
          lang(
              "ko",
              Script.HANGUL,
              JOINED,
              null,
              form("(주)%s", "주식회사 %s"),
              form("㈜%s", "주식회사 %s"),
              form("(유)%s", "유한회사 %s")),
          lang(
              "ka",
              Script.GEORGIAN,
              GF,
              KeyboardLayout.GEORGIAN,
              form("შპს %s", "შეზღუდული პასუხისმგებლობის საზოგადოება %s"),
              form("სს %s", "სააქციო საზოგადოება %s")),
          lang(
              "hy",
              Script.ARMENIAN,
              GF,
              null,
              form("%s ՍՊԸ", "%s սահմանափակ պատասխանատվությամբ ընկերություն"),
              form("%s ՓԲԸ", "%s փակ բաժնետիրական ընկերություն")));

  /** The language with this key ({@code "ru cyrillic"}), or null. */
  static Language byKey(String key) {
    for (Language l : ALL) {
      if (l.key().equals(key)) {
        return l;
      }
    }
    return null;
  }

  /** The languages written in script. */
  static List<Language> inScript(Script script) {
    return ALL.stream().filter(l -> l.script() == script).toList();
  }
}
