package org.siameseangular.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folding of diacritics and letter variants, the way names lose (or, read backwards, gain) them in
 * real records: keyboards without the letter, ASCII-only systems, different spelling norms.
 *
 * <ul>
 *   <li>Latin: combining marks removed ({@code é -> e}, {@code ő -> o}, {@code ș -> s}) and letters
 *       without a decomposition replaced ({@code ß -> ss}, {@code ł -> l}, {@code ø -> o}, {@code đ
 *       -> d}, {@code æ -> ae}, {@code ı -> i}); for German, half of the time the umlaut
 *       transcription {@code ä ö ü -> ae oe ue} instead;
 *   <li>Cyrillic: {@code ё -> е} (optional in Russian print), {@code й -> и}, Ukrainian {@code ї ->
 *       і} and {@code ґ -> г} (ґ was not written 1933-1990);
 *   <li>Greek: tonos and dialytika removed (as in all-caps and in many databases);
 *   <li>Arabic: harakat, shadda, sukun, tanwin and superscript alef removed; hamza forms of alef
 *       ({@code أ إ آ ٱ}) to bare alef; {@code ة -> ه}; {@code ى -> ي}; in Persian text the Arabic
 *       and Persian forms of kaf and yeh swapped ({@code ک <-> ك}, {@code ی <-> ي}), a common
 *       encoding difference;
 *   <li>Hebrew: niqqud and cantillation removed;
 *   <li>Devanagari: nukta removed ({@code ज़ -> ज}), chandrabindu to anusvara ({@code ँ -> ं});
 *   <li>Armenian: the ligature {@code և -> եւ} (the two spellings of the reformed and classical
 *       orthography).
 * </ul>
 *
 * Thai, Han, Kana, Hangul and Georgian names have no such variation here.
 */
final class Diacritics {

  private static final Map<Integer, String> LATIN_SPECIAL =
      Map.ofEntries(
          Map.entry((int) 'ß', "ss"),
          Map.entry((int) 'ẞ', "SS"),
          Map.entry((int) 'ł', "l"),
          Map.entry((int) 'Ł', "L"),
          Map.entry((int) 'ø', "o"),
          Map.entry((int) 'Ø', "O"),
          Map.entry((int) 'đ', "d"),
          Map.entry((int) 'Đ', "D"),
          Map.entry((int) 'æ', "ae"),
          Map.entry((int) 'Æ', "AE"),
          Map.entry((int) 'œ', "oe"),
          Map.entry((int) 'Œ', "OE"),
          Map.entry((int) 'ı', "i"),
          Map.entry((int) 'þ', "th"),
          Map.entry((int) 'ð', "d"));

  private static final Map<Integer, String> GERMAN =
      Map.of(
          (int) 'ä', "ae", (int) 'ö', "oe", (int) 'ü', "ue", (int) 'Ä', "Ae", (int) 'Ö', "Oe",
          (int) 'Ü', "Ue", (int) 'ß', "ss");

  private Diacritics() {}

  /** How to fold: all variants, or only one (chosen at random), and which German style. */
  record Style(boolean all, boolean germanTranscription) {
    static Style random(SplittableRandom random) {
      return new Style(random.nextInt(3) != 0, random.nextBoolean());
    }
  }

  /**
   * Folds s in the given style.
   *
   * @return the folded string, or null if s has nothing to fold
   */
  static String fold(String s, Language language, Style style, SplittableRandom random) {
    int[] cps = s.codePoints().toArray();
    List<Integer> foldable = new ArrayList<>();
    String[] replacement = new String[cps.length];
    for (int i = 0; i < cps.length; i++) {
      replacement[i] = foldChar(cps[i], language, style);
      if (replacement[i] != null) {
        foldable.add(i);
      }
    }
    if (foldable.isEmpty()) {
      return null;
    }
    int only = style.all() ? -1 : foldable.get(random.nextInt(foldable.size()));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cps.length; i++) {
      boolean fold = replacement[i] != null && (only < 0 || i == only);
      if (fold) {
        out.append(replacement[i]);
      } else {
        out.appendCodePoint(cps[i]);
      }
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  /** True if s has something {@link #fold} would change. */
  static boolean canFold(String s, Language language) {
    Style style = new Style(true, false);
    return s.codePoints().anyMatch(cp -> foldChar(cp, language, style) != null);
  }

  /** The folded form of one code point, or null if it is kept. */
  static String foldChar(int cp, Language language, Style style) {
    return switch (language.script()) {
      case LATIN -> latin(cp, language, style);
      case CYRILLIC ->
          switch (cp) {
            case 'ё' -> "е";
            case 'Ё' -> "Е";
            case 'й' -> "и";
            case 'Й' -> "И";
            case 'ї' -> "і";
            case 'Ї' -> "І";
            case 'ґ' -> "г";
            case 'Ґ' -> "Г";
            default -> null;
          };
      case GREEK -> stripMarks(cp);
      case ARABIC -> arabic(cp, language);
      case HEBREW ->
          cp >= 0x0591 && cp <= 0x05C7 && Character.getType(cp) == Character.NON_SPACING_MARK
              ? ""
              : null;
      case DEVANAGARI ->
          switch (cp) {
            case 0x093C -> ""; // nukta
            case 0x0901 -> "\u0902"; // chandrabindu -> anusvara
            default -> {
              // Letters with nukta that NFC keeps precomposed (U+0929, U+0931, U+0934).
              String nfd = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
              yield nfd.indexOf('\u093C') > 0 ? nfd.replace("\u093C", "") : null;
            }
          };
      case ARMENIAN -> cp == 0x0587 ? "\u0565\u0582" : null;
      default -> null;
    };
  }

  private static String latin(int cp, Language language, Style style) {
    if (language.code().equals("de") && style.germanTranscription() && GERMAN.containsKey(cp)) {
      return GERMAN.get(cp);
    }
    String special = LATIN_SPECIAL.get(cp);
    return special != null ? special : stripMarks(cp);
  }

  /** Results of {@link #stripMarks}, by code point; {@link #UNCHANGED} where it returns null. */
  private static final Map<Integer, String> STRIPPED = new ConcurrentHashMap<>();

  private static final String UNCHANGED = "\uFFFF";

  /** cp without its combining marks, or null if it has none. */
  private static String stripMarks(int cp) {
    String s =
        STRIPPED.computeIfAbsent(
            cp,
            c -> {
              String stripped = computeStripMarks(c);
              return stripped == null ? UNCHANGED : stripped;
            });
    return s.equals(UNCHANGED) ? null : s;
  }

  private static String computeStripMarks(int cp) {
    String nfd = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
    StringBuilder base = new StringBuilder();
    nfd.codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
        .forEach(base::appendCodePoint);
    String stripped = base.toString();
    if (stripped.equals(Character.toString(cp))) {
      return null;
    }
    return stripped;
  }

  private static String arabic(int cp, Language language) {
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670) {
      return ""; // harakat, tanwin, shadda, sukun, superscript alef
    }
    boolean persian = language.code().equals("fa");
    return switch (cp) {
      case 'أ', 'إ', 'آ', 'ٱ' -> "ا";
      case 'ة' -> "ه";
      case 'ى' -> persian ? null : "ي";
      case 'ک' -> persian ? "ك" : null;
      case 'ك' -> persian ? "ک" : null;
      case 'ی' -> persian ? "ي" : null;
      case 'ي' -> persian ? "ی" : null;
      default -> null;
    };
  }
}
