package org.siameseangular.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Finds pairs of names one edit apart, for the near-name hard negatives. */
final class NearNames {

  private NearNames() {}

  /**
   * For every name of at most maxLength code points, the other names one substitution, insertion or
   * deletion away; names without such a neighbour are left out. Runs in time linear in the total
   * length, by bucketing on the name with one code point masked or deleted. Pairs that are spelling
   * variants of each other ({@link #variants}) are not near names.
   */
  static Map<String, List<String>> of(List<String> names, int maxLength, Language language) {
    Set<String> all = new HashSet<>(names);
    Map<String, List<String>> byMask = new HashMap<>();
    for (String name : all) {
      int[] cps = name.codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        byMask.computeIfAbsent(masked(cps, i), k -> new ArrayList<>()).add(name);
      }
    }
    Map<String, Set<String>> near = new TreeMap<>();
    for (String name : all) {
      int[] cps = name.codePoints().toArray();
      Set<String> found = new TreeSet<>();
      for (int i = 0; i < cps.length; i++) {
        for (String other : byMask.get(masked(cps, i))) {
          if (!other.equals(name)) {
            found.add(other); // one substitution
          }
        }
        String deleted = deleted(cps, i);
        if (all.contains(deleted)) {
          found.add(deleted); // one deletion (the other name has one insertion)
        }
      }
      for (String f : found) {
        if (variants(name, f, language)) {
          continue; // two spellings of one name in the source lists, not two names
        }
        if (cps.length <= maxLength || f.codePointCount(0, f.length()) <= maxLength) {
          near.computeIfAbsent(name, k -> new TreeSet<>()).add(f);
          near.computeIfAbsent(f, k -> new TreeSet<>()).add(name);
        }
      }
    }
    Map<String, List<String>> result = new TreeMap<>();
    near.forEach(
        (name, others) -> {
          if (name.codePointCount(0, name.length()) <= maxLength) {
            result.put(name, List.copyOf(others));
          }
        });
    return result;
  }

  /**
   * True if a and b differ only by what {@link Diacritics} folds (ستایش / ستايش, Пётр / Петр,
   * Müller / Mueller).
   */
  static boolean variants(String a, String b, Language language) {
    String[] foldsOfA = folds(a, language);
    String[] foldsOfB = folds(b, language);
    for (int style = 0; style < 2; style++) {
      String fa = foldsOfA[style];
      String fb = foldsOfB[style];
      if (b.equals(fa) || a.equals(fb) || (fa != null && fa.equals(fb))) {
        return true;
      }
    }
    return false;
  }

  /** Full folds of s without and with the German transcription, by language and string. */
  private static final Map<String, Map<String, String[]>> FOLDS = new ConcurrentHashMap<>();

  private static String[] folds(String s, Language language) {
    return FOLDS
        .computeIfAbsent(language.code() + language.script(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            s,
            k -> {
              var random = new java.util.SplittableRandom(0); // unused when folding everything
              return new String[] {
                Diacritics.fold(s, language, new Diacritics.Style(true, false), random),
                Diacritics.fold(s, language, new Diacritics.Style(true, true), random)
              };
            });
  }

  /**
   * An index of a list's entries by every form with at most one code point deleted (symmetric
   * deletion), so that the entries within OSA distance 2 of any string are found without comparing
   * against the whole list. The forms are cut from the strings with substring (no code point
   * arrays, no per-entry sets) and each form keeps its entries as a sorted int array: building the
   * indexes is a fair share of generating the default training set.
   */
  static final class Index {
    private final List<String> list;
    private final Map<String, Postings> byDeletion = new HashMap<>();

    Index(List<String> list) {
      this.list = list;
      for (int i = 0; i < list.size(); i++) {
        String s = list.get(i);
        add(s, i);
        for (int at = 0; at < s.length(); ) {
          int next = s.offsetByCodePoints(at, 1);
          add(deleted(s, at, next), i);
          at = next;
        }
      }
    }

    private void add(String key, int entry) {
      byDeletion.computeIfAbsent(key, k -> new Postings()).add(entry);
    }

    /**
     * Up to k entries closest to entry by OSA distance (ties in list order), among those at most 2
     * edits away, excluding entry itself and its spelling variants ({@link #variants}).
     */
    List<String> closest(String entry, int k, Language language) {
      int[] candidates = candidates(entry);
      int[] a = entry.codePoints().toArray();
      List<String> found = new ArrayList<>();
      List<Integer> distances = new ArrayList<>();
      for (int i : candidates) {
        String other = list.get(i);
        if (other.equals(entry) || variants(entry, other, language)) {
          continue;
        }
        int d = osa(a, other.codePoints().toArray(), 2);
        if (d > 2) {
          continue;
        }
        int at = distances.size();
        while (at > 0 && distances.get(at - 1) > d) {
          at--;
        }
        found.add(at, other);
        distances.add(at, d);
      }
      return List.copyOf(found.subList(0, Math.min(k, found.size())));
    }

    /** The entries that share a form with entry, each once, in list order. */
    private int[] candidates(String entry) {
      int total = 0;
      List<Postings> hits = new ArrayList<>();
      Postings own = byDeletion.get(entry);
      if (own != null) {
        hits.add(own);
        total += own.size;
      }
      for (int at = 0; at < entry.length(); ) {
        int next = entry.offsetByCodePoints(at, 1);
        Postings p = byDeletion.get(deleted(entry, at, next));
        if (p != null) {
          hits.add(p);
          total += p.size;
        }
        at = next;
      }
      int[] all = new int[total];
      int n = 0;
      for (Postings p : hits) {
        System.arraycopy(p.entries, 0, all, n, p.size);
        n += p.size;
      }
      Arrays.sort(all);
      int distinct = 0;
      for (int i = 0; i < all.length; i++) {
        if (i == 0 || all[i] != all[i - 1]) {
          all[distinct++] = all[i];
        }
      }
      return Arrays.copyOf(all, distinct);
    }

    /** s without the code point at chars [at, next). */
    private static String deleted(String s, int at, int next) {
      return new StringBuilder(s.length() - (next - at))
          .append(s, 0, at)
          .append(s, next, s.length())
          .toString();
    }

    /** The entries of one form, ascending, each once (entries are added in order). */
    private static final class Postings {
      int[] entries = new int[2];
      int size;

      void add(int entry) {
        if (size > 0 && entries[size - 1] == entry) {
          return; // the same form twice in one entry ("aab" without either a)
        }
        if (size == entries.length) {
          entries = Arrays.copyOf(entries, 2 * size);
        }
        entries[size++] = entry;
      }
    }
  }

  /** {@link EditDistances#osa}: kept under this name for the generators' tests. */
  static int osa(int[] a, int[] b, int limit) {
    return EditDistances.osa(a, b, limit);
  }

  private static String masked(int[] cps, int i) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < cps.length; k++) {
      if (k == i) {
        b.append('\0'); // never in a name
      } else {
        b.appendCodePoint(cps[k]);
      }
    }
    return b.toString();
  }

  private static String deleted(int[] cps, int i) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < cps.length; k++) {
      if (k != i) {
        b.appendCodePoint(cps[k]);
      }
    }
    return b.toString();
  }
}
