package org.siameseangular.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plausible new names for the scripts whose real lists are short (Kana and Hangul, about a hundred
 * given names each in Faker): the first syllables of one real name joined to the last syllables of
 * another, the way Japanese and Korean given names are built from a small stock of syllables:
 * {@code ミカコ} and {@code ヨウコ} give {@code ミウコ}, {@code 민준} and {@code 서연} give {@code 민연} and
 * {@code 서준}.
 *
 * <p>A Hangul syllable is one code point. A kana syllable (mora) is a kana with the small kana,
 * prolonged sound mark or small tsu that follow it. Generated names are new strings (never an entry
 * of the list), deterministic (in the order of the list), and, like every entry, assigned to the
 * training or held-out part by {@link SourcePart}; callers pass one part's entries and keep the
 * generated names of the same part, so the parts stay disjoint.
 */
final class SyllableNames {

  private SyllableNames() {}

  /** Scripts whose given names are extended with generated ones. */
  static boolean applies(Script script) {
    return script == Script.KANA || script == Script.HANGUL;
  }

  /**
   * Up to max new names from names (all of one part, one gender), each the first syllable(s) of one
   * name joined to the last syllable(s) of another, of 2 to 4 syllables, that belong to part.
   */
  static List<String> generate(List<String> names, int max, SourcePart part) {
    List<List<String>> split = names.stream().map(SyllableNames::syllables).toList();
    Set<String> real = Set.copyOf(names);
    Set<String> generated = new LinkedHashSet<>();
    int n = split.size();
    // Pairs (a, a + d) for d = 1, 2, ...: every name is a head before any is a head twice.
    for (int d = 1; d < n && generated.size() < max; d++) {
      for (int a = 0; a < n && generated.size() < max; a++) {
        List<String> head = split.get(a);
        List<String> tail = split.get((a + d) % n);
        if (head.size() < 2 || tail.size() < 2) {
          continue;
        }
        String name =
            String.join("", head.subList(0, head.size() / 2))
                + String.join("", tail.subList(tail.size() / 2, tail.size()));
        int length = syllables(name).size();
        if (length >= 2 && length <= 4 && !real.contains(name) && SourcePart.of(name) == part) {
          generated.add(name);
        }
      }
    }
    return new ArrayList<>(generated);
  }

  /** The syllables of a Hangul or kana name. */
  static List<String> syllables(String name) {
    List<String> out = new ArrayList<>();
    int[] cps = name.codePoints().toArray();
    for (int cp : cps) {
      if (!out.isEmpty() && attaches(cp)) {
        int last = out.size() - 1;
        out.set(last, out.get(last) + Character.toString(cp));
      } else {
        out.add(Character.toString(cp));
      }
    }
    return out;
  }

  /** Small kana (ャ ュ ョ ァ ィ ゥ ェ ォ ッ and hiragana forms) and ー belong to the kana before. */
  private static boolean attaches(int cp) {
    return "ャュョァィゥェォッゃゅょぁぃぅぇぉっー".indexOf(cp) >= 0;
  }
}
