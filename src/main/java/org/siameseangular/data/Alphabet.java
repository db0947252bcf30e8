package org.siameseangular.data;

import java.lang.Character.UnicodeScript;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The letters and marks that a language's entries use, grouped so that a typo replaces a character
 * only by one of the same Unicode script and class (a Katakana letter by a Katakana letter, a
 * Devanagari vowel sign by a vowel sign), which keeps generated strings plausible.
 */
final class Alphabet {

  private final Map<Integer, int[]> groups = new HashMap<>();

  /** The alphabet of all characters in entries, sorted, so it depends on the entries only. */
  Alphabet(Collection<String> entries) {
    Map<Integer, TreeSet<Integer>> sets = new HashMap<>();
    for (String e : entries) {
      for (int i = 0; i < e.length(); ) {
        int cp = e.codePointAt(i);
        i += Character.charCount(cp);
        if (isTypeable(cp)) {
          sets.computeIfAbsent(group(cp), g -> new TreeSet<>()).add(cp);
        }
      }
    }
    sets.forEach((g, set) -> groups.put(g, set.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Characters that typos may touch: letters and combining marks, not spaces or punctuation. */
  static boolean isTypeable(int cp) {
    int type = Character.getType(cp);
    return Character.isLetter(cp)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** The characters of the same group as cp (including cp if it occurs); empty if none. */
  int[] like(int cp) {
    return groups.getOrDefault(group(cp), new int[0]);
  }

  /** The Unicode script of cp's lowercase form, times two, plus one for a mark. */
  private static int group(int cp) {
    boolean mark = !Character.isLetter(cp);
    return UnicodeScript.of(Character.toLowerCase(cp)).ordinal() * 2 + (mark ? 1 : 0);
  }
}
