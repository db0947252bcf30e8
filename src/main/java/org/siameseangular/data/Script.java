package org.siameseangular.data;

import java.lang.Character.UnicodeScript;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The writing systems of the multi-script dataset, each with the Unicode scripts of its letters.
 *
 * <p>Kana covers both Hiragana and Katakana. Characters of the Unicode scripts COMMON (spaces,
 * punctuation, the Katakana prolonged sound mark) and INHERITED (combining marks) belong to every
 * script.
 */
public enum Script {
  LATIN(UnicodeScript.LATIN),
  CYRILLIC(UnicodeScript.CYRILLIC),
  GREEK(UnicodeScript.GREEK),
  ARABIC(UnicodeScript.ARABIC),
  HEBREW(UnicodeScript.HEBREW),
  DEVANAGARI(UnicodeScript.DEVANAGARI),
  THAI(UnicodeScript.THAI),
  HAN(UnicodeScript.HAN),
  KANA(UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
  HANGUL(UnicodeScript.HANGUL),
  GEORGIAN(UnicodeScript.GEORGIAN),
  ARMENIAN(UnicodeScript.ARMENIAN);

  private final Set<UnicodeScript> unicode;
  private final String tag;

  Script(UnicodeScript... unicode) {
    this.unicode = Set.copyOf(Arrays.asList(unicode));
    this.tag = name().toLowerCase(Locale.ROOT);
  }

  /** The lowercase tag used in pair files and reports, e.g. {@code "cyrillic"}. */
  public String tag() {
    return tag;
  }

  /** The script with this {@link #tag()}. */
  public static Script ofTag(String tag) {
    for (Script s : values()) {
      if (s.tag().equals(tag)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown script tag: " + tag);
  }

  /** True if code point cp is a character of this script, or COMMON or INHERITED. */
  public boolean admits(int cp) {
    UnicodeScript s = UnicodeScript.of(cp);
    return unicode.contains(s) || s == UnicodeScript.COMMON || s == UnicodeScript.INHERITED;
  }

  /** True if this script has upper and lower case letters that names use. */
  boolean hasCase() {
    return this == LATIN || this == CYRILLIC || this == GREEK || this == ARMENIAN;
  }
}
