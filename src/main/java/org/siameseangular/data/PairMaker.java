package org.siameseangular.data;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.siameseangular.data.Entity.Type;
import org.siameseangular.data.NameBank.Lists;

/**
 * Makes one labelled pair of a given kind in a given language from one part's entries.
 *
 * <p>A similar pair is (x, v(x)) for an entity x and a {@link Treatment} v of the kind; a
 * dissimilar pair is (x, v(y)) with the same treatment applied to a foil y of x ({@link
 * Lists#foil}: another name of the same language and type, for persons half of the time one with
 * the same family name; for the variation kinds, half of the time a look-alike, {@link
 * Lists#lookAlike}), so both labels show the same treatment and only the identity of the name
 * differs. The hard-negative kinds pick their foils on purpose: {@link PairKind#SHARED_FAMILY_NAME}
 * a person with the same family name, {@link PairKind#NEAR_NAME} a real given name one edit away.
 * Left and right are swapped with probability 1/2, so the side a variation is on (diacritics
 * removed or added, say) carries no signal.
 */
final class PairMaker {

  /** Draws before a pair is given up; only a cell that {@link #supports} wrongly exhausts it. */
  private static final int ATTEMPTS = 2_000;

  /**
   * Share of the foils of a variation kind that look like the name (Anna Müller / Anja Müller,
   * Müller / Möller), so that the variation, not a gross difference in spelling, is what must be
   * judged; the rest are random names of the language (for persons, half of them with the same
   * family name). Raising it makes the variation kinds harder for edit distance and models alike.
   */
  static final double LOOK_ALIKE_SHARE = 0.5;

  /** Foils tried for one drawn entity before drawing another. */
  private static final int FOIL_ATTEMPTS = 20;

  /** Relative frequency of each entity type, per kind, where the kind applies to it. */
  private static final Map<PairKind, int[]> TYPE_WEIGHTS = new EnumMap<>(PairKind.class);

  static {
    // Order of Entity.Type: PERSON, GIVEN, FAMILY, COMPANY, PLACE, WORD
    for (PairKind k : PairKind.values()) {
      int[] weights =
          switch (k) {
            case CASE -> new int[] {40, 10, 10, 15, 15, 10};
            case DIACRITICS -> new int[] {40, 10, 10, 10, 20, 10};
            case SPACING_PUNCTUATION -> new int[] {45, 0, 0, 30, 25, 0};
            case WORD_ORDER, SHARED_FAMILY_NAME -> new int[] {1, 0, 0, 0, 0, 0};
            case ABBREVIATION -> new int[] {60, 0, 0, 40, 0, 0};
            case TRANSLITERATION -> new int[] {45, 10, 10, 10, 15, 10};
            case MULTI_EDIT -> new int[] {65, 0, 0, 35, 0, 0};
            case NEAR_NAME -> new int[] {0, 1, 0, 0, 0, 0};
            default -> new int[] {35, 15, 15, 10, 15, 10}; // the typo kinds
          };
      TYPE_WEIGHTS.put(k, weights);
    }
  }

  private final NameBank bank;

  /**
   * {@link Variations#applies} by kind, language and type, computed once. By identity: languages
   * are the constants of {@link Language#ALL}, and a record's hashCode walks all its fields on each
   * of the pair loop's lookups.
   */
  private final Map<PairKind, Map<Language, boolean[]>> applies = new EnumMap<>(PairKind.class);

  PairMaker(NameBank bank) {
    this.bank = bank;
  }

  private boolean applies(PairKind kind, Type type, Lists lists) {
    return applies.computeIfAbsent(kind, k -> new IdentityHashMap<>())
        .computeIfAbsent(
            lists.language,
            l -> {
              boolean[] byType = new boolean[Type.values().length];
              for (Type t : Type.values()) {
                byType[t.ordinal()] = Variations.applies(kind, t, lists);
              }
              return byType;
            })[type.ordinal()];
  }

  /** True if kind can be generated in language. */
  boolean supports(PairKind kind, Language language) {
    Lists lists = bank.lists(language);
    int[] weights = TYPE_WEIGHTS.get(kind);
    for (Type t : Type.values()) {
      if (weights[t.ordinal()] > 0 && applies(kind, t, lists)) {
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
      Entity x = draw(kind, lists, random);
      Treatment treatment = Variations.choose(kind, x, lists, random);
      if (treatment == null) {
        continue;
      }
      String left = treatment.left(x);
      String right =
          similar ? treatment.right(x, random) : foilRight(kind, x, lists, treatment, random);
      if (right == null
          || right.equals(left)
          || !ScriptTypos.wellSpaced(right)
          || tooLong(left)
          || tooLong(right)) {
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

  private static boolean tooLong(String s) {
    return s.codePointCount(0, s.length()) > MultiScriptDataset.MAX_CODE_POINTS;
  }

  private Entity draw(PairKind kind, Lists lists, SplittableRandom random) {
    if (kind == PairKind.NEAR_NAME) {
      return Entity.single(lists.language, Type.GIVEN, NameBank.pick(lists.nearNameKeys(), random));
    }
    return lists.draw(pickType(kind, lists, random), random);
  }

  /** The treated foil of x, or null if no foil takes the treatment. */
  private static String foilRight(
      PairKind kind, Entity x, Lists lists, Treatment treatment, SplittableRandom random) {
    String xTreated = kind.isTypo() ? null : treatment.right(x, random);
    for (int attempt = 0; attempt < FOIL_ATTEMPTS; attempt++) {
      Entity y = foil(kind, x, lists, random);
      if (y == null) {
        return null;
      }
      String right = treatment.right(y, random);
      // A foil whose treated form equals x's (A. Müller for Anna and for Andreas) is no negative.
      if (right != null && !right.equals(xTreated) && !right.equals(x.text())) {
        return right;
      }
    }
    return null;
  }

  private static Entity foil(PairKind kind, Entity x, Lists lists, SplittableRandom random) {
    return switch (kind) {
      case NEAR_NAME ->
          Entity.single(
              lists.language, Type.GIVEN, NameBank.pick(lists.nearNames().get(x.text()), random));
      case SHARED_FAMILY_NAME -> {
        for (int i = 0; i < FOIL_ATTEMPTS; i++) {
          String given = NameBank.pick(lists.given(x.female()), random);
          if (!given.equals(x.given())) {
            yield Entity.person(lists.language, given, x.family(), x.female());
          }
        }
        yield null;
      }
      default -> {
        Entity y =
            !kind.isTypo() && random.nextDouble() < LOOK_ALIKE_SHARE
                ? lists.lookAlike(x, random)
                : null;
        yield y != null ? y : lists.foil(x, random);
      }
    };
  }

  private Type pickType(PairKind kind, Lists lists, SplittableRandom random) {
    int[] weights = TYPE_WEIGHTS.get(kind);
    int total = 0;
    for (Type t : Type.values()) {
      total += applies(kind, t, lists) ? weights[t.ordinal()] : 0;
    }
    int target = random.nextInt(total);
    for (Type t : Type.values()) {
      int w = applies(kind, t, lists) ? weights[t.ordinal()] : 0;
      if (target < w) {
        return t;
      }
      target -= w;
    }
    throw new AssertionError();
  }
}
