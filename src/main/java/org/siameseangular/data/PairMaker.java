package org.siameseangular.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.siameseangular.data.Entity.Type;
import org.siameseangular.data.NameBank.Lists;

/**
 * Makes one labelled pair of a given kind in a given language from one part's entries.
 *
 * <p>A similar pair is (x, v(x)) for an entity x and a variation v of the kind; a dissimilar pair
 * is (x, v(y)) for a foil y of x ({@link Lists#foil}), so both labels show the same treatment and
 * only the identity of the name differs. Left and right are swapped with probability 1/2, so the
 * side a variation is on (diacritics removed or added, say) carries no signal.
 */
final class PairMaker {

  /** Draws before a pair is given up; only unsupported cells exhaust it. */
  private static final int ATTEMPTS = 200;

  /** Relative frequency of each entity type, per kind; 0 where the kind does not apply. */
  private static final Map<PairKind, int[]> TYPE_WEIGHTS = new EnumMap<>(PairKind.class);

  static {
    // PERSON, GIVEN, FAMILY, COMPANY, PLACE, WORD
    int[] typo = {35, 15, 15, 10, 15, 10};
    for (PairKind k : PairKind.values()) {
      if (k.isTypo()) {
        TYPE_WEIGHTS.put(k, typo);
      }
    }
  }

  private final NameBank bank;

  PairMaker(NameBank bank) {
    this.bank = bank;
  }

  /** True if kind can be generated in language. */
  boolean supports(PairKind kind, Language language) {
    Lists lists = bank.lists(language);
    int[] weights = TYPE_WEIGHTS.get(kind);
    for (Type t : Type.values()) {
      if (weights[t.ordinal()] > 0 && lists.has(t)) {
        return true;
      }
    }
    return false;
  }

  /** The languages of script in which kind can be generated. */
  List<Language> languages(PairKind kind, Script script) {
    return Language.inScript(script).stream().filter(l -> supports(kind, l)).toList();
  }

  /**
   * Makes a pair.
   *
   * @throws IllegalStateException if no pair could be made ({@link #supports} was false)
   */
  TaggedPair make(PairKind kind, Language language, boolean similar, SplittableRandom random) {
    Lists lists = bank.lists(language);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Type type = pickType(kind, lists, random);
      Entity x = lists.draw(type, random);
      Entity target = similar ? x : lists.foil(x, random);
      if (target == null) {
        continue;
      }
      String right = treat(kind, target, lists, random);
      String left = x.text();
      if (right == null || right.equals(left) || !ScriptTypos.wellSpaced(right)) {
        continue;
      }
      if (random.nextBoolean()) {
        String swap = left;
        left = right;
        right = swap;
      }
      return new TaggedPair(
          left, right, similar ? Pair.SIMILAR : Pair.DISSIMILAR, kind.tag(), language.script());
    }
    throw new IllegalStateException(
        "cannot make a " + kind.tag() + " pair in " + language.key() + " after " + ATTEMPTS);
  }

  private static Type pickType(PairKind kind, Lists lists, SplittableRandom random) {
    int[] weights = TYPE_WEIGHTS.get(kind);
    int total = 0;
    for (Type t : Type.values()) {
      total += lists.has(t) ? weights[t.ordinal()] : 0;
    }
    int target = random.nextInt(total);
    for (Type t : Type.values()) {
      int w = lists.has(t) ? weights[t.ordinal()] : 0;
      if (target < w) {
        return t;
      }
      target -= w;
    }
    throw new AssertionError();
  }

  /** The variation of kind applied to e, or null if it does not change e. */
  private static String treat(PairKind kind, Entity e, Lists lists, SplittableRandom random) {
    if (kind.isTypo()) {
      return ScriptTypos.apply(kind.typo(), e.text(), e.language(), lists.alphabet, random);
    }
    throw new AssertionError(kind);
  }
}
