package org.siameseangular.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Labelled name pairs in twelve scripts, generated deterministically from the names, places,
 * companies and words of {@code multiscript/names.txt} (Faker's per-locale lists, MIT; see {@code
 * MULTISCRIPT-README.txt}).
 *
 * <p>A <em>cell</em> is a {@link PairKind} in a {@link Script}; a cell exists where the kind
 * applies to some language of the script ({@link #cells()}). Every cell holds similar and
 * dissimilar pairs in equal numbers (see {@link PairMaker}).
 *
 * <h2>Training and held-out sets are made by different processes</h2>
 *
 * <ul>
 *   <li>{@link #training(long, int)} draws only from the training part of every source list and
 *       picks cells at random, each with probability proportional to its kind's training weight
 *       divided by the number of scripts the kind has;
 *   <li>{@link #heldOut(long)} draws only from the held-out part (about 20 % of every list, chosen
 *       by a SHA-256 hash of the entry text, see {@link SourcePart}), uses its own seed ({@link
 *       #HELD_OUT_SEED} by default, unrelated to {@link #DEFAULT_SEED}) and gives every cell
 *       exactly {@link #HELD_OUT_PAIRS_PER_CELL} pairs, so per-kind and per-script AUCs are
 *       measured on equal footing.
 * </ul>
 *
 * So no name, place, company or word of the held-out set was ever in a training pair.
 *
 * <p>Use: {@link TaggedPair#pair()} for training, {@link TaggedPair#kinded()} or {@link
 * TaggedPair#kind()} and {@link TaggedPair#script()} for per-kind and per-script reports, {@link
 * TaggedPairFiles#write} to save a set as CSV or TSV with kind and script columns. Sets are
 * unmodifiable and cheap to regenerate (the source lists load once per JVM).
 */
public final class MultiScriptDataset {

  /**
   * Default number of training pairs. Provisional: to be calibrated against the default training
   * budget.
   */
  public static final int DEFAULT_SIZE = 40_000;

  /** Seed of the default training set. */
  public static final long DEFAULT_SEED = 42;

  /** Seed of the default held-out set; any seed works, this one differs from the training one. */
  public static final long HELD_OUT_SEED = 20_251_126;

  /**
   * Longest generated string, in code points (longer candidates are drawn again): room for the
   * longest entry ({@value NameData#MAX_ENTRY_CODE_POINTS}) with the longest legal form and a few
   * edits. Far below {@link PairFiles#MAX_CODE_POINTS}, and short enough to keep training batches
   * small.
   */
  public static final int MAX_CODE_POINTS = 80;

  /** Pairs per cell in the held-out set, half of each label. */
  public static final int HELD_OUT_PAIRS_PER_CELL = 200;

  private MultiScriptDataset() {}

  /** A kind in a script. */
  public record Cell(PairKind kind, Script script) {}

  /** Every cell that exists, by kind then script. */
  public static List<Cell> cells() {
    PairMaker maker = new PairMaker(NameBank.of(SourcePart.HELD_OUT));
    PairMaker training = new PairMaker(NameBank.of(SourcePart.TRAINING));
    List<Cell> cells = new ArrayList<>();
    for (PairKind kind : PairKind.values()) {
      for (Script script : Script.values()) {
        if (!maker.languages(kind, script).isEmpty()
            && !training.languages(kind, script).isEmpty()) {
          cells.add(new Cell(kind, script));
        }
      }
    }
    return List.copyOf(cells);
  }

  /**
   * Generates a training set.
   *
   * @param seed the seed; equal seeds and sizes give equal lists
   * @param size number of pairs, even and positive; half are similar
   * @return the pairs in random order; unmodifiable
   */
  public static List<TaggedPair> training(long seed, int size) {
    if (size <= 0 || size % 2 != 0) {
      throw new IllegalArgumentException("size must be even and positive, found " + size);
    }
    List<Cell> cells = cells();
    double[] cumulative = new double[cells.size()];
    double total = 0;
    for (int i = 0; i < cells.size(); i++) {
      PairKind kind = cells.get(i).kind();
      long scripts = cells.stream().filter(c -> c.kind() == kind).count();
      total += weight(kind) / scripts;
      cumulative[i] = total;
    }
    PairMaker maker = new PairMaker(NameBank.of(SourcePart.TRAINING));
    List<List<Language>> languagesOfCell =
        cells.stream().map(c -> maker.languages(c.kind(), c.script())).toList();
    SplittableRandom random = new SplittableRandom(seed);
    List<TaggedPair> pairs = new ArrayList<>(size);
    while (pairs.size() < size) {
      double u = random.nextDouble() * total;
      int i = 0;
      while (cumulative[i] <= u && i < cells.size() - 1) {
        i++;
      }
      Cell cell = cells.get(i);
      List<Language> languages = languagesOfCell.get(i);
      pairs.add(maker.make(cell.kind(), NameBank.pick(languages, random), true, random));
      pairs.add(maker.make(cell.kind(), NameBank.pick(languages, random), false, random));
    }
    shuffle(pairs, random);
    return Collections.unmodifiableList(pairs);
  }

  /** {@link #training(long, int)} with {@link #DEFAULT_SEED} and {@link #DEFAULT_SIZE}. */
  public static List<TaggedPair> training() {
    return training(DEFAULT_SEED, DEFAULT_SIZE);
  }

  /**
   * Generates the held-out evaluation set: {@link #HELD_OUT_PAIRS_PER_CELL} pairs for every cell,
   * from held-out entries only, grouped by cell in the order of {@link #cells()}.
   */
  public static List<TaggedPair> heldOut(long seed) {
    PairMaker maker = new PairMaker(NameBank.of(SourcePart.HELD_OUT));
    SplittableRandom random = new SplittableRandom(seed);
    List<TaggedPair> pairs = new ArrayList<>();
    for (Cell cell : cells()) {
      List<Language> languages = maker.languages(cell.kind(), cell.script());
      for (int i = 0; i < HELD_OUT_PAIRS_PER_CELL / 2; i++) {
        pairs.add(maker.make(cell.kind(), NameBank.pick(languages, random), true, random));
        pairs.add(maker.make(cell.kind(), NameBank.pick(languages, random), false, random));
      }
    }
    return Collections.unmodifiableList(pairs);
  }

  /** {@link #heldOut(long)} with {@link #HELD_OUT_SEED}. */
  public static List<TaggedPair> heldOut() {
    return heldOut(HELD_OUT_SEED);
  }

  /**
   * Relative share of a kind in the training set, spread evenly over the scripts it has. Typos are
   * what every script shares and the first target, so each typo kind weighs 1 (5 in all, about 40 %
   * of the pairs); the variations where edit distance fails weigh 0.6 to 1; the two hard-negative
   * kinds less, since their similar pairs are typos again and near names cannot be separated by
   * spelling alone.
   */
  static double weight(PairKind kind) {
    return switch (kind) {
      case CASE -> 0.6;
      case DIACRITICS, SPACING_PUNCTUATION, WORD_ORDER, ABBREVIATION -> 0.8;
      case TRANSLITERATION, MULTI_EDIT -> 1.0;
      case SHARED_FAMILY_NAME -> 0.5;
      case NEAR_NAME -> 0.3;
      default -> 1.0; // the typo kinds
    };
  }

  /** One line naming the sources and their licence, for model metadata. */
  public static String sourceDescription() {
    return String.format(
        Locale.ROOT,
        "%,d names, places, companies and words in %d scripts from Faker 40.63.0 (MIT licence),"
            + " see org/siameseangular/data/multiscript/MULTISCRIPT-README.txt",
        NameData.all().size(),
        Script.values().length);
  }

  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }
}
