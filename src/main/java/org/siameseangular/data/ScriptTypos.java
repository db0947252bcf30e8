package org.siameseangular.data;

import java.text.Normalizer;
import java.util.SplittableRandom;

/**
 * One-edit typos in any script, the multi-script counterpart of {@link TypoKind#apply}.
 *
 * <p>Edits touch letters and combining marks only (never spaces or punctuation: those are spacing
 * variations). A substituted or inserted character is a keyboard neighbour of the one typed ({@link
 * KeyboardLayout}) where the language has a modelled layout; a Latin letter with a diacritic is
 * replaced by a neighbour of its base letter or by the bare base letter; elsewhere (Han, Kana,
 * Armenian) by a random character of the same script and class from the language's {@link
 * Alphabet}, which stands for a wrong input-method candidate. Hangul syllables are edited at the
 * level of their jamo, as typing on a Korean keyboard does: a final consonant dropped or added, an
 * initial consonant or a vowel replaced. Case is kept.
 */
final class ScriptTypos {

  // Hangul syllable arithmetic, Unicode 15.0 section 3.12 "Conjoining Jamo Behavior":
  // S = 0xAC00 + (L * 21 + V) * 28 + T with 19 leading consonants, 21 vowels, 28 trailing values.
  private static final int HANGUL_BASE = 0xAC00;
  private static final int HANGUL_LAST = 0xD7A3;
  private static final int V_COUNT = 21;
  private static final int T_COUNT = 28;
  private static final int L_COUNT = 19;

  private ScriptTypos() {}

  /**
   * Applies a typo of this kind at a random typeable place of s.
   *
   * @return the misspelt string, always different from s; null if kind cannot change s
   */
  static String apply(
      TypoKind kind, String s, Language language, Alphabet alphabet, SplittableRandom random) {
    int[] cps = s.codePoints().toArray();
    int count = 0;
    for (int cp : cps) {
      if (Alphabet.isTypeable(cp)) {
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    int i = nthTypeable(cps, random.nextInt(count));
    int cp = cps[i];
    String result =
        switch (kind) {
          case DELETION ->
              isHangul(cp) && trailing(cp) != 0 && random.nextBoolean()
                  ? replace(cps, i, cp - trailing(cp))
                  : remove(cps, i);
          case INSERTION -> {
            if (isHangul(cp) && trailing(cp) == 0 && random.nextBoolean()) {
              yield replace(cps, i, cp + 1 + random.nextInt(T_COUNT - 1));
            }
            int typed = neighbour(cp, language, alphabet, random);
            if (typed >= 0 && !allCaps(cps)) {
              typed = Character.toLowerCase(typed); // the shift key is rarely held by mistake
            }
            yield typed < 0 ? null : insert(cps, i + random.nextInt(2), typed);
          }
          case SUBSTITUTION -> {
            int typed =
                isHangul(cp)
                    ? hangulSubstitute(cp, random)
                    : neighbour(cp, language, alphabet, random);
            yield typed < 0 ? null : replace(cps, i, typed);
          }
          case DOUBLING -> insert(cps, i, cp);
          case TRANSPOSITION -> {
            int j = swappable(cps, random);
            if (j < 0) {
              yield null;
            }
            int[] copy = cps.clone();
            copy[j] = cps[j + 1];
            copy[j + 1] = cps[j];
            yield new String(copy, 0, copy.length);
          }
        };
    return result == null || result.equals(s) || !wellSpaced(result) || !lettered(result)
        ? null
        : result;
  }

  /** Non-empty, no space at either end, no two spaces in a row. */
  static boolean wellSpaced(String s) {
    return !s.isEmpty() && s.strip().equals(s) && !s.contains("  ");
  }

  /**
   * True if every space-separated token keeps a letter (no {@code ". Desio"} from {@code M.
   * Desio}).
   */
  static boolean lettered(String s) {
    for (String token : s.split(" ")) {
      if (token.codePoints().noneMatch(Character::isLetter)) {
        return false;
      }
    }
    return true;
  }

  private static int nthTypeable(int[] cps, int n) {
    for (int i = 0; ; i++) {
      if (Alphabet.isTypeable(cps[i]) && n-- == 0) {
        return i;
      }
    }
  }

  /** A character typed instead of or next to cp, in cp's case; -1 if there is none. */
  static int neighbour(int cp, Language language, Alphabet alphabet, SplittableRandom random) {
    int lower = Character.toLowerCase(cp);
    int[] near = language.keyboard() == null ? null : language.keyboard().neighbours(lower);
    if (near == null && language.script() == Script.LATIN) {
      String base = Normalizer.normalize(Character.toString(lower), Normalizer.Form.NFD);
      int b = base.codePointAt(0);
      int[] baseNear = KeyboardLayout.QWERTY.neighbours(b);
      if (b != lower && baseNear != null) {
        near = new int[baseNear.length + 1];
        System.arraycopy(baseNear, 0, near, 0, baseNear.length);
        near[baseNear.length] = b; // the accent left out
      }
    }
    if (near == null) {
      near = alphabet.like(cp);
    }
    int typed = pickOther(near, lower, random);
    if (typed < 0) {
      return -1;
    }
    return Character.isUpperCase(cp) ? Character.toUpperCase(typed) : typed;
  }

  private static int pickOther(int[] options, int not, SplittableRandom random) {
    int others = 0;
    for (int o : options) {
      if (o != not) {
        others++;
      }
    }
    if (others == 0) {
      return -1;
    }
    int target = random.nextInt(others);
    for (int o : options) {
      if (o != not && target-- == 0) {
        return o;
      }
    }
    throw new AssertionError();
  }

  private static boolean allCaps(int[] cps) {
    boolean upper = false;
    for (int cp : cps) {
      if (Character.isLowerCase(cp)) {
        return false;
      }
      upper |= Character.isUpperCase(cp);
    }
    return upper;
  }

  private static boolean isHangul(int cp) {
    return cp >= HANGUL_BASE && cp <= HANGUL_LAST;
  }

  private static int trailing(int cp) {
    return (cp - HANGUL_BASE) % T_COUNT;
  }

  /** The syllable with its leading consonant or its vowel replaced by another one. */
  private static int hangulSubstitute(int cp, SplittableRandom random) {
    int index = cp - HANGUL_BASE;
    int l = index / (V_COUNT * T_COUNT);
    int v = (index % (V_COUNT * T_COUNT)) / T_COUNT;
    int t = index % T_COUNT;
    if (random.nextBoolean()) {
      l = (l + 1 + random.nextInt(L_COUNT - 1)) % L_COUNT;
    } else {
      v = (v + 1 + random.nextInt(V_COUNT - 1)) % V_COUNT;
    }
    return HANGUL_BASE + (l * V_COUNT + v) * T_COUNT + t;
  }

  /** A uniformly chosen i where cps[i] and cps[i+1] are different typeable characters, or -1. */
  private static int swappable(int[] cps, SplittableRandom random) {
    int count = 0;
    for (int i = 0; i + 1 < cps.length; i++) {
      if (canSwap(cps, i)) {
        count++;
      }
    }
    if (count == 0) {
      return -1;
    }
    int target = random.nextInt(count);
    for (int i = 0; ; i++) {
      if (canSwap(cps, i) && target-- == 0) {
        return i;
      }
    }
  }

  private static boolean canSwap(int[] cps, int i) {
    return cps[i] != cps[i + 1] && Alphabet.isTypeable(cps[i]) && Alphabet.isTypeable(cps[i + 1]);
  }

  private static String remove(int[] cps, int i) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < cps.length; k++) {
      if (k != i) {
        b.appendCodePoint(cps[k]);
      }
    }
    return b.toString();
  }

  private static String replace(int[] cps, int i, int cp) {
    int[] copy = cps.clone();
    copy[i] = cp;
    return new String(copy, 0, copy.length);
  }

  private static String insert(int[] cps, int i, int cp) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k <= cps.length; k++) {
      if (k == i) {
        b.appendCodePoint(cp);
      }
      if (k < cps.length) {
        b.appendCodePoint(cps[k]);
      }
    }
    return b.toString();
  }
}
