package org.siameseangular.calibration;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.Pair;

/**
 * Quick multi-script pairs for calibrating the input encoding, generated from each {@link Script}'s letters
 * (no real word lists: the real multi-script dataset is built elsewhere). Every pair is tagged
 * {@code group/kind/script}:
 *
 * <ul>
 *   <li>{@code typo/<edit>/<script>}: a word and a one-edit typo of it (deletion, insertion, substitution with
 *       a letter of the same script, transposition, doubling), label 1; {@code typo/different/<script>}: the
 *       word and a different word of the same script, label 0;
 *   <li>{@code variation/<kind>/<script>}: a two-word name and a variant of it (kind = case, diacritics,
 *       spacing, order), label 1, or a different name given the same treatment, label 0. Half the different
 *       names share one word with the first name (hard negatives).
 * </ul>
 *
 * The held-out sets use other seeds than the training set, so they share no draws with it.
 */
final class CalibrationData {
  static final String TYPO = "typo";
  static final String VARIATION = "variation";
  static final List<String> VARIATION_KINDS = List.of("case", "diacritics", "spacing", "order");

  private CalibrationData() {}

  /** {@code perScript} typo pairs (half similar) and {@code perKind} pairs of each applicable variation. */
  static List<KindedPair> mixed(int perScript, int perKind, long seed) {
    var random = new SplittableRandom(seed);
    List<KindedPair> out = new ArrayList<>();
    for (Script s : Script.values()) {
      out.addAll(typos(s, perScript, random.split()));
      for (String kind : VARIATION_KINDS) {
        if (applies(kind, s)) {
          out.addAll(variations(s, kind, perKind, random.split()));
        }
      }
    }
    Collections.shuffle(out, new java.util.Random(seed));
    return out;
  }

  static boolean applies(String kind, Script s) {
    return switch (kind) {
      case "case" -> s.cased;
      case "diacritics" -> s == Script.LATIN_DIACRITICS || s == Script.GREEK;
      default -> true;
    };
  }

  /** {@code count} typo pairs of one script, half similar (one edit), half a different word. */
  static List<KindedPair> typos(Script s, int count, SplittableRandom random) {
    List<KindedPair> out = new ArrayList<>(count);
    while (out.size() < count / 2) {
      String w = s.word(random);
      String[] edit = oneEdit(w, s, random);
      if (edit != null) {
        out.add(kinded(w, edit[1], Pair.SIMILAR, TYPO + "/" + edit[0] + "/" + s.tag));
      }
    }
    while (out.size() < count) {
      String a = s.word(random);
      String b = s.word(random);
      if (!a.equals(b)) {
        out.add(kinded(a, b, Pair.DISSIMILAR, TYPO + "/different/" + s.tag));
      }
    }
    return out;
  }

  /** Typo pairs over Han characters outside the common subset the training data uses. */
  static List<KindedPair> rareHanTypos(int count, SplittableRandom random) {
    List<KindedPair> out = new ArrayList<>(count);
    while (out.size() < count / 2) {
      String w = Script.rareHanWord(random);
      String[] edit = oneEdit(w, null, random);
      if (edit != null) {
        out.add(kinded(w, edit[1], Pair.SIMILAR, TYPO + "/" + edit[0] + "/han-rare"));
      }
    }
    while (out.size() < count) {
      String a = Script.rareHanWord(random);
      String b = Script.rareHanWord(random);
      if (!a.equals(b)) {
        out.add(kinded(a, b, Pair.DISSIMILAR, TYPO + "/different/han-rare"));
      }
    }
    return out;
  }

  /** {name of the edit, edited word}, or null when the edit cannot apply. */
  private static String[] oneEdit(String word, Script s, SplittableRandom random) {
    int[] w = word.codePoints().toArray();
    int n = w.length;
    int i = random.nextInt(n);
    List<Integer> out = new ArrayList<>();
    for (int c : w) {
      out.add(c);
    }
    String name;
    switch (random.nextInt(5)) {
      case 0 -> {
        if (n < 3) {
          return null;
        }
        out.remove(i);
        name = "deletion";
      }
      case 1 -> {
        out.add(i + random.nextInt(2), letter(s, random));
        name = "insertion";
      }
      case 2 -> {
        int c = letter(s, random);
        if (c == w[i]) {
          return null;
        }
        out.set(i, c);
        name = "substitution";
      }
      case 3 -> {
        if (i + 1 >= n || w[i] == w[i + 1]) {
          return null;
        }
        out.set(i, w[i + 1]);
        out.set(i + 1, w[i]);
        name = "transposition";
      }
      default -> {
        out.add(i, w[i]);
        name = "doubling";
      }
    }
    var sb = new StringBuilder();
    out.forEach(sb::appendCodePoint);
    return new String[] {name, sb.toString()};
  }

  private static int letter(Script s, SplittableRandom random) {
    if (s == null) { // rare Han
      return Script.rareHanWord(random).codePointAt(0);
    }
    int[] letters = s.letters();
    return letters[random.nextInt(letters.length)];
  }

  /** {@code count} pairs of one variation kind, half similar. */
  static List<KindedPair> variations(Script s, String kind, int count, SplittableRandom random) {
    String tag = VARIATION + "/" + kind + "/" + s.tag;
    List<KindedPair> out = new ArrayList<>(count);
    while (out.size() < count) {
      boolean similar = out.size() < count / 2;
      String[] name = name(s, kind, random);
      String[] other = similar ? name : otherName(s, kind, name, random);
      String left = display(name, s);
      String right = vary(kind, other, s, random);
      if (right != null && !right.equals(left)) {
        out.add(kinded(left, right, similar ? Pair.SIMILAR : Pair.DISSIMILAR, tag));
      }
    }
    return out;
  }

  /** Two words; for the diacritics kind the name carries at least one mark to remove. */
  private static String[] name(Script s, String kind, SplittableRandom random) {
    while (true) {
      String[] n = {s.word(random), s.word(random)};
      if (!kind.equals("diacritics") || !strip(n[0] + " " + n[1]).equals(n[0] + " " + n[1])) {
        return n;
      }
    }
  }

  /** A different name; half of them keep one of the two words (hard negatives). */
  private static String[] otherName(Script s, String kind, String[] name, SplittableRandom random) {
    String[] fresh = name(s, kind, random);
    return switch (random.nextInt(4)) {
      case 0 -> new String[] {name[0], fresh[1]};
      case 1 -> new String[] {fresh[0], name[1]};
      default -> fresh;
    };
  }

  private static String display(String[] name, Script s) {
    return title(name[0], s) + " " + title(name[1], s);
  }

  private static String vary(String kind, String[] name, Script s, SplittableRandom random) {
    String shown = display(name, s);
    return switch (kind) {
      case "case" -> random.nextBoolean() ? shown.toUpperCase(Locale.ROOT) : shown.toLowerCase(Locale.ROOT);
      case "diacritics" -> strip(shown);
      case "spacing" -> switch (random.nextInt(3)) {
        case 0 -> title(name[0], s) + title(name[1], s);
        case 1 -> title(name[0], s) + "-" + title(name[1], s);
        default -> title(name[0], s) + ".  " + title(name[1], s);
      };
      case "order" -> random.nextBoolean()
          ? title(name[1], s) + " " + title(name[0], s)
          : title(name[1], s) + ", " + title(name[0], s);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static String title(String word, Script s) {
    if (!s.cased) {
      return word;
    }
    int first = word.codePointAt(0);
    return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
        .append(word.substring(Character.charCount(first))).toString();
  }

  /** Removes combining marks after canonical decomposition (é -> e, ά -> α; ł and ø stay). */
  static String strip(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }

  private static KindedPair kinded(String left, String right, int label, String kind) {
    return new KindedPair(new Pair(left, right, label), kind);
  }
}
