package org.siameseangular.data;

import java.lang.Character.UnicodeScript;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The letters and marks that a language's entries use, grouped so that a typo replaces a
 * character only by one of the same Unicode script and class (a Katakana letter by a Katakana
 * letter, a Devanagari vowel sign by a vowel sign), which keeps generated strings plausible.
 */
final class Alphabet {

  private final Map<String, int[]> groups = new HashMap<>();

  /** The alphabet of all characters in entries, sorted, so it depends on the entries only. */
  Alphabet(Collection<String> entries) {
    Map<String, TreeSet<Integer>> sets = new HashMap<>();
    for (String e : entries) {
      e.codePoints()
          .filter(Alphabet::isTypeable)
          .forEach(cp -> sets.computeIfAbsent(group(cp), g -> new TreeSet<>()).add(cp));
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

  private static String group(int cp) {
    boolean mark = !Character.isLetter(cp);
    int lower = Character.toLowerCase(cp);
    return UnicodeScript.of(lower) + (mark ? ":mark" : ":letter");
  }
}
