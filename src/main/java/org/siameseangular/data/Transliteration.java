package org.siameseangular.data;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * Romanisation of Cyrillic and Greek names by published standards, for transliteration pairs.
 *
 * <p>Each {@link Scheme} maps lowercase letters with the context its standard defines (start of a
 * word, neighbouring letters); case is carried over: an uppercase letter starts its Latin spelling
 * with a capital ({@code Щ -> Shch}), and inside an all-caps word the whole spelling is in capitals
 * ({@code ЩУКИН -> SHCHUKIN}). Characters outside a scheme's table (spaces, punctuation, Latin
 * letters) are copied unchanged.
 */
final class Transliteration {

  private Transliteration() {}

  /** A romanisation standard. */
  enum Scheme {
    /**
     * ICAO Doc 9303, Machine Readable Travel Documents, 8th edition (2021), Part 3, section 6
     * "Transliteration of Cyrillic characters": ъ -> ie, й -> i, х -> kh, ц -> ts, щ -> shch, ю ->
     * iu, я -> ia, ь omitted; Ukrainian є -> ie, ї -> i, ґ -> g. As in Russian passports since
     * 2013.
     */
    ICAO_9303,
    /**
     * BGN/PCGN 1947 system for Russian (US Board on Geographic Names and UK Permanent Committee on
     * Geographical Names): е -> ye and ё -> yë at the start of a word and after a vowel, й, ъ or ь;
     * й -> y, ю -> yu, я -> ya. The optional ” and ’ for ъ and ь are left out, as in most use.
     */
    BGN_PCGN,
    /**
     * ISO 9:1995 (identical to GOST 7.79-2000 System A): one Latin letter, with diacritics, per
     * Cyrillic letter: ж -> ž, х -> h, ц -> c, ч -> č, ш -> š, щ -> ŝ, ю -> û, я -> â, ъ -> ʺ, ь ->
     * ʹ.
     */
    ISO_9,
    /**
     * Ukrainian national romanisation, Cabinet of Ministers of Ukraine resolution No. 55 of 27
     * January 2010: г -> h, ґ -> g, и -> y, і -> i; є, ї, й, ю, я -> ye, yi, y, yu, ya at the start
     * of a word and ie, i, i, iu, ia elsewhere; зг -> zgh; ь and the apostrophe omitted.
     */
    UKRAINIAN_2010,
    /**
     * Bulgarian Transliteration Act (State Gazette No. 19, 2009), the "Streamlined System": ж ->
     * zh, х -> h, ц -> ts, щ -> sht, ъ -> a, ь -> y, ю -> yu, я -> ya; ия at the end of a word ->
     * ia.
     */
    BULGARIAN_2009,
    /**
     * ELOT 743:2001, the Greek standard identical to ISO 843:1997 type 2 (transcription), used on
     * Greek passports and by UNGEGN: η, ι -> i, υ -> y, ου -> ou, χ -> ch, ψ -> ps, ξ -> x; αυ, ευ,
     * ηυ -> av, ev, iv before vowels and voiced consonants and af, ef, if before voiceless ones (θ
     * κ ξ π σ τ φ χ ψ) and at the end of a word; γγ -> ng, γκ -> gk, γξ -> nx, γχ -> nch, μπ -> mp,
     * ντ -> nt. Accents are dropped; a diaeresis stops a digraph.
     */
    ELOT_743,
    /**
     * An informal phonetic spelling, common in older and informal Latin renderings (not a
     * standard): as {@link #ELOT_743} but αι -> e, ει, οι, υ, η -> i, χ -> h, and μπ, ντ, γκ -> b,
     * d, g at the start of a word.
     */
    GREEK_PHONETIC
  }

  private static final Map<String, List<Scheme>> SCHEMES =
      Map.of(
          "ru", List.of(Scheme.ICAO_9303, Scheme.BGN_PCGN, Scheme.ISO_9),
          "uk", List.of(Scheme.UKRAINIAN_2010, Scheme.ICAO_9303),
          "bg", List.of(Scheme.BULGARIAN_2009, Scheme.ICAO_9303),
          "el", List.of(Scheme.ELOT_743, Scheme.GREEK_PHONETIC));

  /** The schemes in use for a language's names, most official first; empty if none. */
  static List<Scheme> schemes(Language language) {
    return SCHEMES.getOrDefault(language.code(), List.of());
  }

  /** Romanises s by scheme. */
  static String apply(Scheme scheme, String s) {
    return switch (scheme) {
      case ELOT_743, GREEK_PHONETIC -> greek(scheme, s);
      default -> cyrillic(scheme, s);
    };
  }

  // ---- Cyrillic -------------------------------------------------------------------------------

  private static final String RUSSIAN_VOWELS = "аеёиоуыэюяіїє";

  private static String cyrillic(Scheme scheme, String s) {
    int[] cps = s.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cps.length; i++) {
      int lower = Character.toLowerCase(cps[i]);
      int prev = i > 0 ? Character.toLowerCase(cps[i - 1]) : -1;
      int next = i + 1 < cps.length ? Character.toLowerCase(cps[i + 1]) : -1;
      boolean wordStart = prev < 0 || !Character.isLetter(prev) && prev != '\'' && prev != 'ʼ';
      String latin = cyrillicLetter(scheme, lower, prev, next, wordStart);
      if (latin == null) {
        out.appendCodePoint(cps[i]);
      } else {
        out.append(withCase(latin, cps, i));
      }
    }
    return out.toString();
  }

  private static String cyrillicLetter(
      Scheme scheme, int c, int prev, int next, boolean wordStart) {
    boolean afterVowel =
        prev >= 0 && (RUSSIAN_VOWELS.indexOf(prev) >= 0 || "йъь".indexOf(prev) >= 0);
    switch (scheme) {
      case BGN_PCGN -> {
        switch (c) {
          case 'е':
            return wordStart || afterVowel ? "ye" : "e";
          case 'ё':
            return wordStart || afterVowel ? "yë" : "ë";
          case 'й':
            return "y";
          case 'ю':
            return "yu";
          case 'я':
            return "ya";
          case 'ъ', 'ь':
            return "";
          default:
            break;
        }
      }
      case ISO_9 -> {
        String iso =
            switch (c) {
              case 'ё' -> "ë";
              case 'ж' -> "ž";
              case 'й' -> "j";
              case 'х' -> "h";
              case 'ц' -> "c";
              case 'ч' -> "č";
              case 'ш' -> "š";
              case 'щ' -> "ŝ";
              case 'ъ' -> "ʺ";
              case 'ь' -> "ʹ";
              case 'э' -> "è";
              case 'ю' -> "û";
              case 'я' -> "â";
              case 'є' -> "ê";
              case 'і' -> "ì";
              case 'ї' -> "ï";
              case 'ґ' -> "g̀";
              default -> null;
            };
        if (iso != null) {
          return iso;
        }
      }
      case UKRAINIAN_2010 -> {
        switch (c) {
          case 'г':
            return prev == 'з' ? "gh" : "h";
          case 'и':
            return "y";
          case 'є':
            return wordStart ? "ye" : "ie";
          case 'ї':
            return wordStart ? "yi" : "i";
          case 'й':
            return wordStart ? "y" : "i";
          case 'ю':
            return wordStart ? "yu" : "iu";
          case 'я':
            return wordStart ? "ya" : "ia";
          case 'ь', '\'', 'ʼ':
            return "";
          default:
            break;
        }
      }
      case BULGARIAN_2009 -> {
        switch (c) {
          case 'х':
            return "h";
          case 'щ':
            return "sht";
          case 'ъ':
            return "a";
          case 'ь':
            return "y";
          case 'й':
            return "y";
          case 'ю':
            return "yu";
          case 'я':
            return prev == 'и' && (next < 0 || !Character.isLetter(next)) ? "a" : "ya";
          default:
            break;
        }
      }
      default -> {
        // ICAO 9303: the common table below.
      }
    }
    return switch (c) {
      case 'а' -> "a";
      case 'б' -> "b";
      case 'в' -> "v";
      case 'г', 'ґ' -> "g";
      case 'д' -> "d";
      case 'е', 'ё', 'э' -> "e";
      case 'є' -> "ie";
      case 'ж' -> "zh";
      case 'з' -> "z";
      case 'и', 'і', 'ї', 'й' -> "i";
      case 'к' -> "k";
      case 'л' -> "l";
      case 'м' -> "m";
      case 'н' -> "n";
      case 'о' -> "o";
      case 'п' -> "p";
      case 'р' -> "r";
      case 'с' -> "s";
      case 'т' -> "t";
      case 'у' -> "u";
      case 'ф' -> "f";
      case 'х' -> "kh";
      case 'ц' -> "ts";
      case 'ч' -> "ch";
      case 'ш' -> "sh";
      case 'щ' -> "shch";
      case 'ъ' -> "ie";
      case 'ы' -> "y";
      case 'ь' -> "";
      case 'ю' -> "iu";
      case 'я' -> "ia";
      default -> null;
    };
  }

  // ---- Greek ----------------------------------------------------------------------------------

  private static final String GREEK_VOWELS = "αεηιουω";
  private static final String VOICELESS = "θκξπσςτφχψ";
  private static final int DIAERESIS = 0x0308;

  private static String greek(Scheme scheme, String s) {
    // Drop accents (tonos and the rest) but keep the diaeresis, which stops digraphs; then work on
    // base letters with a flag per letter.
    String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
    int[] raw = nfd.codePoints().toArray();
    int[] cps = new int[raw.length];
    boolean[] diaeresis = new boolean[raw.length];
    int n = 0;
    for (int cp : raw) {
      if (cp == DIAERESIS && n > 0) {
        diaeresis[n - 1] = true;
      } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
        cps[n++] = cp;
      }
    }
    StringBuilder out = new StringBuilder();
    boolean phonetic = scheme == Scheme.GREEK_PHONETIC;
    for (int i = 0; i < n; ) {
      int c = Character.toLowerCase(cps[i]);
      int next = i + 1 < n ? Character.toLowerCase(cps[i + 1]) : -1;
      int after = i + 2 < n ? Character.toLowerCase(cps[i + 2]) : -1;
      boolean wordStart = i == 0 || !Character.isLetter(cps[i - 1]);
      boolean nextPlain = next >= 0 && !diaeresis[i + 1];
      String pair = null;
      if (nextPlain) {
        pair = greekDigraph(phonetic, c, next, after, wordStart);
      }
      if (pair != null) {
        out.append(withCase(pair, cps, i, n));
        i += 2;
        continue;
      }
      String one = greekLetter(phonetic, c);
      out.append(one == null ? Character.toString(cps[i]) : withCase(one, cps, i, n));
      i++;
    }
    return out.toString();
  }

  private static String greekDigraph(
      boolean phonetic, int c, int next, int after, boolean wordStart) {
    if (next == 'υ' && (c == 'α' || c == 'ε' || c == 'η')) {
      boolean voiceless = after < 0 || !Character.isLetter(after) || VOICELESS.indexOf(after) >= 0;
      String vowel = c == 'α' ? "a" : c == 'ε' ? "e" : "i";
      return vowel + (voiceless ? "f" : "v");
    }
    String two = new String(new int[] {c, next}, 0, 2);
    return switch (two) {
      case "ου" -> "ou";
      case "γγ" -> "ng";
      case "γξ" -> "nx";
      case "γχ" -> phonetic ? "nh" : "nch";
      case "γκ" -> phonetic && wordStart ? "g" : "gk";
      case "μπ" -> phonetic && wordStart ? "b" : "mp";
      case "ντ" -> phonetic && wordStart ? "d" : "nt";
      case "αι" -> phonetic ? "e" : null;
      case "ει", "οι" -> phonetic ? "i" : null;
      default -> null;
    };
  }

  private static String greekLetter(boolean phonetic, int c) {
    return switch (c) {
      case 'α' -> "a";
      case 'β' -> "v";
      case 'γ' -> "g";
      case 'δ' -> "d";
      case 'ε' -> "e";
      case 'ζ' -> "z";
      case 'η', 'ι' -> "i";
      case 'θ' -> "th";
      case 'κ' -> "k";
      case 'λ' -> "l";
      case 'μ' -> "m";
      case 'ν' -> "n";
      case 'ξ' -> "x";
      case 'ο', 'ω' -> "o";
      case 'π' -> "p";
      case 'ρ' -> "r";
      case 'σ', 'ς' -> "s";
      case 'τ' -> "t";
      case 'υ' -> phonetic ? "i" : "y";
      case 'φ' -> "f";
      case 'χ' -> phonetic ? "h" : "ch";
      case 'ψ' -> "ps";
      default -> null;
    };
  }

  // ---- Case -----------------------------------------------------------------------------------

  private static String withCase(String latin, int[] cps, int i) {
    return withCase(latin, cps, i, cps.length);
  }

  /**
   * The Latin spelling of the letter at i in the case of its source: lowercase for a lowercase
   * letter; all capitals if the letter and a neighbouring letter are capitals (an all-caps word);
   * else (a capital starting a word) capitalised.
   */
  private static String withCase(String latin, int[] cps, int i, int n) {
    if (latin.isEmpty() || !Character.isUpperCase(cps[i])) {
      return latin;
    }
    boolean nextUpper = i + 1 < n && Character.isUpperCase(cps[i + 1]);
    boolean nextLetter = i + 1 < n && Character.isLetter(cps[i + 1]);
    boolean prevUpper = i > 0 && Character.isUpperCase(cps[i - 1]);
    if (nextUpper || (prevUpper && !nextLetter)) {
      return latin.toUpperCase(java.util.Locale.ROOT);
    }
    return latin.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + latin.substring(1);
  }
}
