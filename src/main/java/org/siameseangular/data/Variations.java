package org.siameseangular.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.siameseangular.data.Entity.Type;
import org.siameseangular.data.Language.NameOrder;
import org.siameseangular.data.NameBank.Lists;
import org.siameseangular.data.Transliteration.Scheme;

/**
 * The treatments behind every {@link PairKind}: what each kind does to a name, and to which names
 * it applies. Each method's comment gives an example.
 */
final class Variations {

  /** Scripts in which persons are commonly written with initials. */
  private static final Set<Script> INITIAL_SCRIPTS =
      Set.of(
          Script.LATIN,
          Script.CYRILLIC,
          Script.GREEK,
          Script.HEBREW,
          Script.GEORGIAN,
          Script.ARMENIAN);

  private Variations() {}

  /** True if kind can be applied to entities of type in language. */
  static boolean applies(PairKind kind, Type type, Lists lists) {
    Language language = lists.language;
    if (!lists.has(type)) {
      return false;
    }
    if (kind.isTypo()) {
      return true;
    }
    boolean person = type == Type.PERSON;
    return switch (kind) {
      case CASE -> language.script().hasCase();
      case DIACRITICS -> lists.foldable(type);
      case SPACING_PUNCTUATION -> person || type == Type.COMPANY || type == Type.PLACE;
      case WORD_ORDER -> person && language.order() != NameOrder.FAMILY_GIVEN_JOINED;
      case ABBREVIATION ->
          person
              ? INITIAL_SCRIPTS.contains(language.script())
              : type == Type.COMPANY
                  && language.legalForms().stream().anyMatch(f -> f.longForm() != null);
      case TRANSLITERATION -> !Transliteration.schemes(language).isEmpty();
      case MULTI_EDIT -> person || type == Type.COMPANY;
      case SHARED_FAMILY_NAME -> person;
      case NEAR_NAME -> type == Type.GIVEN && lists.nearNames().size() >= 5;
      default -> throw new AssertionError(kind);
    };
  }

  /** A treatment of kind chosen for x, or null if kind does not apply to x. */
  static Treatment choose(PairKind kind, Entity x, Lists lists, SplittableRandom random) {
    if (kind.isTypo()) {
      return (t, r) -> typo(kind.typo(), t.text(), lists, r);
    }
    return switch (kind) {
      case CASE -> caseChange(x, random);
      case DIACRITICS -> diacritics(x, random);
      case SPACING_PUNCTUATION -> spacing(x, random);
      case WORD_ORDER -> wordOrder(x, random);
      case ABBREVIATION -> abbreviation(x, random);
      case TRANSLITERATION -> transliteration(x, random);
      case MULTI_EDIT -> multiEdit(x, lists, random);
      case SHARED_FAMILY_NAME, NEAR_NAME ->
          (t, r) -> t == x ? anyTypo(t.text(), lists, r) : t.text();
      default -> throw new AssertionError(kind);
    };
  }

  static String typo(TypoKind kind, String s, Lists lists, SplittableRandom random) {
    return ScriptTypos.apply(kind, s, lists.language, lists.alphabet, random);
  }

  static String anyTypo(String s, Lists lists, SplittableRandom random) {
    TypoKind[] kinds = TypoKind.values();
    return typo(kinds[random.nextInt(kinds.length)], s, lists, random);
  }

  // ---- case -----------------------------------------------------------------------------------

  enum CaseStyle {
    UPPER,
    LOWER,
    /** Family name in capitals, as in French and administrative records: {@code Anna MÜLLER}. */
    FAMILY_UPPER
  }

  /** {@code Anna Müller -> ANNA MÜLLER}, {@code anna müller}, {@code Anna MÜLLER}. */
  private static Treatment caseChange(Entity x, SplittableRandom random) {
    boolean person =
        x.type() == Type.PERSON && x.language().order() != NameOrder.FAMILY_GIVEN_JOINED;
    int roll = random.nextInt(person ? 5 : 4);
    CaseStyle style =
        roll < 2 ? CaseStyle.UPPER : roll < 4 ? CaseStyle.LOWER : CaseStyle.FAMILY_UPPER;
    return (t, r) ->
        style == CaseStyle.FAMILY_UPPER
            ? Entity.render(t.language(), t.given(), upper(t.family(), t.language()))
            : changeCase(t.text(), t.language(), style == CaseStyle.UPPER);
  }

  static String changeCase(String s, Language language, boolean toUpper) {
    return toUpper ? upper(s, language) : s.toLowerCase(language.locale());
  }

  /** Uppercase; Greek capitals drop the tonos, as Greek orthography writes them. */
  static String upper(String s, Language language) {
    String up = s.toUpperCase(language.locale());
    if (language.script() == Script.GREEK) {
      up =
          Normalizer.normalize(
              Normalizer.normalize(up, Normalizer.Form.NFD).replace("\u0301", ""),
              Normalizer.Form.NFC);
    }
    return up;
  }

  // ---- diacritics -----------------------------------------------------------------------------

  /**
   * {@code Müller -> Muller} or {@code Mueller}, {@code Пётр -> Петр}, {@code Γιώργος -> Γιωργος}.
   */
  private static Treatment diacritics(Entity x, SplittableRandom random) {
    if (!Diacritics.canFold(x.text(), x.language())) {
      return null;
    }
    Diacritics.Style style = Diacritics.Style.random(random);
    return (t, r) -> Diacritics.fold(t.text(), t.language(), style, r);
  }

  // ---- spacing and punctuation ----------------------------------------------------------------

  enum SpacingOp {
    /** {@code Anna Maria -> AnnaMaria}, {@code عبد الله -> عبدالله}. */
    JOIN,
    /** {@code Anna Müller -> Anna-Müller}. */
    HYPHENATE,
    /** {@code Baden-Baden -> Baden Baden}. */
    HYPHEN_TO_SPACE,
    /** {@code Jean-Pierre -> JeanPierre}. */
    DROP_HYPHEN,
    /** {@code Sp. z o.o. -> Sp z oo}. */
    DROP_DOTS,
    /** {@code O'Brien -> OBrien}. */
    DROP_APOSTROPHE,
    /** {@code ООО «Ромашка» -> ООО "Ромашка"}. */
    ASCII_QUOTES,
    /** {@code בע״מ -> בע"מ}, Hebrew gershayim and geresh typed as ASCII quotes. */
    HEBREW_ASCII,
    /** {@code 王伟 -> 王 伟}: a space between family and given name where none is written. */
    SPLIT_NAME
  }

  private static Treatment spacing(Entity x, SplittableRandom random) {
    List<SpacingOp> ops = new ArrayList<>();
    for (SpacingOp op : SpacingOp.values()) {
      if (spaced(op, x, 0) != null) {
        ops.add(op);
      }
    }
    if (ops.isEmpty()) {
      return null;
    }
    SpacingOp op = ops.get(random.nextInt(ops.size()));
    return (t, r) -> spaced(op, t, r.nextInt(1 << 16));
  }

  /** The op applied to t; which space or hyphen is touched is chosen by which; null if none. */
  static String spaced(SpacingOp op, Entity t, int which) {
    String s = t.text();
    return switch (op) {
      case JOIN -> replaceOne(s, " ", "", which);
      case HYPHENATE -> t.type() == Type.PERSON ? replaceOne(s, " ", "-", which) : null;
      case HYPHEN_TO_SPACE -> replaceOne(s, "-", " ", which);
      case DROP_HYPHEN -> replaceOne(s, "-", "", which);
      case DROP_DOTS -> s.contains(".") ? s.replace(".", "") : null;
      case DROP_APOSTROPHE -> s.contains("'") ? s.replace("'", "") : null;
      case ASCII_QUOTES -> s.contains("«") ? s.replace('«', '"').replace('»', '"') : null;
      case HEBREW_ASCII ->
          s.contains("״") || s.contains("׳") ? s.replace('״', '"').replace('׳', '\'') : null;
      case SPLIT_NAME ->
          t.type() == Type.PERSON && t.language().order() == NameOrder.FAMILY_GIVEN_JOINED
              ? t.family() + (t.language().code().equals("ja") ? "\u3000" : " ") + t.given()
              : null;
    };
  }

  private static String replaceOne(String s, String what, String with, int which) {
    List<Integer> at = new ArrayList<>();
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      at.add(i);
    }
    if (at.isEmpty()) {
      return null;
    }
    int i = at.get(which % at.size());
    return s.substring(0, i) + with + s.substring(i + what.length());
  }

  // ---- word order -----------------------------------------------------------------------------

  /**
   * {@code Anna Müller -> Müller Anna} or {@code Müller, Anna}; {@code Nagy Péter -> Péter Nagy}.
   */
  private static Treatment wordOrder(Entity x, SplittableRandom random) {
    if (x.type() != Type.PERSON || x.language().order() == NameOrder.FAMILY_GIVEN_JOINED) {
      return null;
    }
    boolean comma = random.nextBoolean();
    return (t, r) ->
        t.language().order() == NameOrder.GIVEN_FAMILY
            ? t.family() + (comma ? comma(t.language()) : " ") + t.given()
            : t.given() + " " + t.family();
  }

  // ---- abbreviation ---------------------------------------------------------------------------

  /**
   * Persons: {@code Anna Maria Müller -> A. M. Müller}, {@code A M Müller} or {@code Müller, A.
   * M.}; {@code Jean-Pierre -> J.-P.}. Companies: the legal form abbreviated or written out, {@code
   * Müller GmbH <-> Müller Gesellschaft mit beschränkter Haftung}.
   */
  private static Treatment abbreviation(Entity x, SplittableRandom random) {
    if (x.type() == Type.COMPANY) {
      if (x.form() == null || x.form().longForm() == null) {
        return null;
      }
      return (t, r) ->
          t.form() == null || t.form().longForm() == null
              ? null
              : Entity.company(t.language(), t.family(), t.form(), !t.longForm()).text();
    }
    if (x.type() != Type.PERSON || !INITIAL_SCRIPTS.contains(x.language().script())) {
      return null;
    }
    int style = random.nextInt(3);
    return (t, r) -> {
      String initials = initials(t.given(), style != 1, t.language());
      return switch (style) {
        case 2 -> t.family() + comma(t.language()) + initials;
        default -> Entity.render(t.language(), initials, t.family());
      };
    };
  }

  /** A comma and a space; the Arabic comma in Arabic script. */
  static String comma(Language language) {
    return language.script() == Script.ARABIC ? "\u060C " : ", ";
  }

  /** The initials of a given name: one per part, with or without a dot, keeping hyphens. */
  static String initials(String given, boolean dot, Language language) {
    StringBuilder out = new StringBuilder();
    boolean start = true;
    for (int i = 0; i < given.length(); ) {
      int cp = given.codePointAt(i);
      if (cp == ' ' || cp == '-') {
        out.appendCodePoint(cp);
        start = true;
      } else if (start && Character.isLetter(cp)) {
        String initial = Character.toString(cp);
        // Georgian capitals (Mtavruli) are not used for initials; only cased scripts capitalise.
        out.append(language.script().hasCase() ? initial.toUpperCase(language.locale()) : initial);
        if (dot) {
          out.append('.');
        }
        start = false;
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  // ---- transliteration ------------------------------------------------------------------------

  /**
   * {@code Щукин -> Shchukin} (ICAO), or between two Latin spellings, {@code Shchukin -> Ščukin}
   * (ICAO vs ISO 9); {@code Ευάγγελος -> Evangelos}.
   */
  private static Treatment transliteration(Entity x, SplittableRandom random) {
    List<Scheme> schemes = Transliteration.schemes(x.language());
    if (schemes.isEmpty()) {
      return null;
    }
    Scheme first = schemes.get(random.nextInt(schemes.size()));
    boolean latinBoth = schemes.size() > 1 && random.nextInt(5) < 2;
    Scheme second = first;
    if (latinBoth) {
      while (second == first) {
        second = schemes.get(random.nextInt(schemes.size()));
      }
    }
    Scheme rightScheme = second;
    return new Treatment() {
      @Override
      public String left(Entity e) {
        return latinBoth ? Transliteration.apply(first, e.text()) : e.text();
      }

      @Override
      public String right(Entity t, SplittableRandom r) {
        return Transliteration.apply(rightScheme, t.text());
      }
    };
  }

  // ---- several at once ------------------------------------------------------------------------

  /**
   * Two to four edits at once: optionally word order or initials, then one or two typos, then
   * possibly diacritics folded, a spacing change, a case change and a transliteration; e.g. {@code
   * Пётр Щукин -> SHUKIN, PETR}.
   */
  private static Treatment multiEdit(Entity x, Lists lists, SplittableRandom random) {
    Language language = x.language();
    Treatment structure = null;
    int roll = random.nextInt(3);
    if (roll == 0 && x.type() == Type.PERSON) {
      structure = wordOrder(x, random);
    } else if (roll == 1) {
      structure = abbreviation(x, random);
    }
    int typos = 1 + (random.nextInt(3) == 0 ? 1 : 0);
    boolean fold = Diacritics.canFold(x.text(), language) && random.nextBoolean();
    Diacritics.Style foldStyle = Diacritics.Style.random(random);
    boolean dropSpace = random.nextInt(4) == 0;
    int caseRoll = language.script().hasCase() ? random.nextInt(3) : 0; // 1 upper, 2 lower
    List<Scheme> schemes = Transliteration.schemes(language);
    Scheme scheme =
        !schemes.isEmpty() && random.nextInt(3) == 0
            ? schemes.get(random.nextInt(schemes.size()))
            : null;
    int steps =
        (structure != null ? 1 : 0)
            + typos
            + (fold ? 1 : 0)
            + (dropSpace ? 1 : 0)
            + (caseRoll > 0 ? 1 : 0)
            + (scheme != null ? 1 : 0);
    if (steps < 2) {
      typos = 2;
    }
    Treatment first = structure;
    int typoCount = typos;
    return (t, r) -> {
      String s = first == null ? t.text() : first.right(t, r);
      for (int i = 0; s != null && i < typoCount; i++) {
        s = anyTypo(s, lists, r);
      }
      if (s != null && fold) {
        String folded = Diacritics.fold(s, language, foldStyle, r);
        s = folded == null ? s : folded;
      }
      if (s != null && dropSpace) {
        String joined = replaceOne(s, " ", "", r.nextInt(1 << 16));
        s = joined == null ? s : joined;
      }
      if (s != null && caseRoll > 0) {
        s = changeCase(s, language, caseRoll == 1);
      }
      if (s != null && scheme != null) {
        s = Transliteration.apply(scheme, s);
      }
      return s;
    };
  }
}
