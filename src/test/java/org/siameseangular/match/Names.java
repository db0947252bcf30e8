package org.siameseangular.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, name-like test data: distinct "First [M.] Last" strings built from syllables, and noisy
 * copies of them (typing errors) whose true source is known.
 */
public final class Names {
  private static final String[] SYLLABLES = {
    "al", "an", "ar", "be", "bo", "ca", "chen", "da", "de", "di", "el", "en", "er", "fa", "fer",
    "ga", "gar", "ha", "han", "in", "is", "ja", "jo", "ka", "ki", "ko", "la", "le", "li", "lo",
    "lu", "ma", "mar", "me", "mi", "mo", "na", "ne", "ni", "no", "o", "pa", "pe", "ra", "re", "ri",
    "ro", "ru", "sa", "se", "sen", "si", "son", "ta", "te", "ti", "to", "tz", "va", "ve", "vi",
    "wa", "wen", "ya", "yo", "za", "ze", "zu", "sch", "mitt", "berg", "ov", "ova", "ez", "ski",
    "ic", "ard", "ton", "ley", "ham", "sh", "th", "ck"
  };
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private Names() {}

  /** {@code count} distinct names, the same for the same seed. */
  public static List<String> distinct(int count, long seed) {
    var random = new SplittableRandom(seed);
    var out = new LinkedHashSet<String>();
    while (out.size() < count) {
      String first = word(random, 1, 3);
      String last = word(random, 2, 3);
      String middle = random.nextInt(5) == 0 ? " " + (char) ('A' + random.nextInt(26)) + "." : "";
      out.add(first + middle + " " + last);
    }
    return new ArrayList<>(out);
  }

  /**
   * A query made from a source name by one typing error (two in one case of three), never equal to
   * it.
   */
  public static String noisy(String source, SplittableRandom random) {
    String s = source;
    int edits = random.nextInt(3) == 0 ? 2 : 1;
    for (int e = 0; e < edits; e++) {
      s = edit(s, random);
    }
    return s.equals(source) || s.isEmpty() ? noisy(source, random) : s;
  }

  private static String edit(String s, SplittableRandom random) {
    var b = new StringBuilder(s);
    int i = random.nextInt(s.length());
    char letter = LETTERS.charAt(random.nextInt(LETTERS.length()));
    switch (random.nextInt(5)) {
      case 0 -> b.deleteCharAt(i);
      case 1 -> b.insert(i, letter);
      case 2 -> b.setCharAt(i, letter);
      case 3 -> {
        if (i + 1 < s.length()) {
          b.setCharAt(i, s.charAt(i + 1));
          b.setCharAt(i + 1, s.charAt(i));
        }
      }
      default -> b.insert(i, s.charAt(i));
    }
    return b.toString();
  }

  private static String word(SplittableRandom random, int min, int max) {
    int n = min + random.nextInt(max - min + 1);
    var b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }
}
