package org.siameseangular.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A writing system for the calibration data: its letters (code points) and how long its words are. Words are
 * random letter strings (no real vocabulary): enough to ask whether an encoding lets the model tell one
 * script's letters apart, which is what the scalar encoding cannot do. Han and Hangul draw from a fixed
 * "common" subset of their blocks (chosen once with a fixed seed, the same for training and held-out data), as
 * real names use a few thousand of the block's characters.
 */
enum Script {
  LATIN_DIACRITICS("latin-diacritics", 4, 10, true),
  CYRILLIC("cyrillic", 4, 10, true),
  GREEK("greek", 4, 10, true),
  ARABIC("arabic", 3, 8, false),
  HEBREW("hebrew", 3, 8, false),
  DEVANAGARI("devanagari", 3, 9, false),
  THAI("thai", 4, 10, false),
  HAN("han", 2, 4, false),
  KANA("kana", 3, 7, false),
  HANGUL("hangul", 2, 4, false),
  GEORGIAN("georgian", 4, 10, false),
  ARMENIAN("armenian", 4, 10, true);

  /** The first CJK Unified Ideographs block and the Hangul syllables. */
  private static final int HAN_FIRST = 0x4E00;
  private static final int HAN_LAST = 0x9FFF;
  private static final int HANGUL_FIRST = 0xAC00;
  private static final int HANGUL_LAST = 0xD7A3;
  /** Size of the "common" subsets of Han and Hangul. */
  static final int COMMON_HAN = 3000;
  static final int COMMON_HANGUL = 2000;
  private static final long VOCABULARY_SEED = 20240610L;

  final String tag;
  final int minLength;
  final int maxLength;
  /** Has upper and lower case. */
  final boolean cased;
  private int[] letters;

  Script(String tag, int minLength, int maxLength, boolean cased) {
    this.tag = tag;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.cased = cased;
  }

  /** The letters words are made of (lower case for cased scripts). */
  synchronized int[] letters() {
    if (letters == null) {
      letters = build();
    }
    return letters;
  }

  private int[] build() {
    List<Integer> out = new ArrayList<>();
    switch (this) {
      case LATIN_DIACRITICS -> {
        range(out, 'a', 'z');
        "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıķĺļľłñńņňòóôõöøōőœŕřśşšţťùúûüūůűųýÿźżž"
            .codePoints().forEach(out::add);
      }
      case CYRILLIC -> {
        range(out, 0x430, 0x44F);
        out.add(0x451); // ё
      }
      case GREEK -> {
        range(out, 0x3B1, 0x3C9);
        out.remove(Integer.valueOf(0x3C2)); // final sigma only ends words
        range(out, 0x3AC, 0x3AF);
        range(out, 0x3CC, 0x3CE);
      }
      case ARABIC -> {
        range(out, 0x627, 0x63A);
        range(out, 0x641, 0x64A);
      }
      case HEBREW -> range(out, 0x5D0, 0x5EA);
      case DEVANAGARI -> {
        range(out, 0x905, 0x914); // independent vowels
        range(out, 0x915, 0x939); // consonants
        range(out, 0x93E, 0x94C); // vowel signs
      }
      case THAI -> {
        range(out, 0xE01, 0xE2E);
        range(out, 0xE30, 0xE39);
        range(out, 0xE40, 0xE44);
        range(out, 0xE48, 0xE4B);
      }
      case HAN -> sample(out, HAN_FIRST, HAN_LAST, COMMON_HAN);
      case KANA -> {
        range(out, 0x3041, 0x3093);
        range(out, 0x30A1, 0x30F3);
      }
      case HANGUL -> sample(out, HANGUL_FIRST, HANGUL_LAST, COMMON_HANGUL);
      case GEORGIAN -> range(out, 0x10D0, 0x10F0);
      case ARMENIAN -> range(out, 0x561, 0x586);
      default -> throw new AssertionError(this);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A random word; Kana words are all hiragana or all katakana. */
  String word(SplittableRandom random) {
    int length = minLength + random.nextInt(maxLength - minLength + 1);
    int[] alphabet = letters();
    int from = 0;
    int to = alphabet.length;
    if (this == KANA) {
      int hiragana = 0x3093 - 0x3041 + 1;
      boolean katakana = random.nextBoolean();
      from = katakana ? hiragana : 0;
      to = katakana ? alphabet.length : hiragana;
    }
    var sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.appendCodePoint(alphabet[from + random.nextInt(to - from)]);
    }
    return sb.toString();
  }

  /** Han characters outside the common subset, for a held-out test of characters never trained on. */
  static String rareHanWord(SplittableRandom random) {
    int[] common = HAN.letters();
    var set = new java.util.HashSet<Integer>();
    for (int c : common) {
      set.add(c);
    }
    int length = 2 + random.nextInt(3);
    var sb = new StringBuilder();
    while (sb.codePointCount(0, sb.length()) < length) {
      int c = HAN_FIRST + random.nextInt(HAN_LAST - HAN_FIRST + 1);
      if (!set.contains(c)) {
        sb.appendCodePoint(c);
      }
    }
    return sb.toString();
  }

  String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private static void range(List<Integer> out, int first, int last) {
    for (int c = first; c <= last; c++) {
      out.add(c);
    }
  }

  private static void sample(List<Integer> out, int first, int last, int count) {
    int size = last - first + 1;
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = first + i;
    }
    var random = new SplittableRandom(VOCABULARY_SEED + first);
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(size - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
      out.add(all[i]);
    }
  }
}
