package org.siameseangular.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What {@code train} learns from when no {@code --data} is given: the multi-script names of {@link
 * MultiScriptDataset#training()} (40,000 pairs in twelve scripts: typos, variations, hard
 * negatives) and the English word typos of {@link DefaultDataset} (16,000 pairs), shuffled together
 * with a fixed seed, so any tail of the list (the validation split) mixes both. The two parts were
 * chosen together by calibration (docs/encoding-calibration.md): the names teach every script and
 * the variations, the English words keep the typo quality the project had.
 *
 * <p>Each pair carries its kind: the English pairs as {@code english <typo kind>} or {@code english
 * different-words}, the names as {@code names <kind>} with their script, so per-kind tables keep
 * the two apart. {@link MultiScriptDataset#heldOut()} is the evaluation set this data never touches
 * (other source entries, another seed).
 */
public final class EmbeddedTrainingSet {
  /** The prefix of an English pair's kind. */
  public static final String ENGLISH = "english ";

  /** The prefix of a multi-script name pair's kind. */
  public static final String NAMES = "names ";

  /** Seed of the shuffle that mixes the two parts (the parts have their own seeds). */
  public static final long MIX_SEED = 42;

  private EmbeddedTrainingSet() {}

  /** Computed on first use. */
  private static final class Holder {
    static final List<KindedPair> PAIRS = mix();
  }

  /** The pairs with their kinds, in training order (the trainer's split takes the tail). */
  public static List<KindedPair> withKinds() {
    return Holder.PAIRS;
  }

  /** The pairs, in the same order as {@link #withKinds()}. */
  public static List<Pair> pairs() {
    return withKinds().stream().map(KindedPair::pair).toList();
  }

  /** True for a kind of the English part. */
  public static boolean isEnglish(String kind) {
    return kind.startsWith(ENGLISH);
  }

  /** One line naming both parts' sources and licences, for model metadata. */
  public static String sourceDescription() {
    return String.format(
        java.util.Locale.ROOT,
        "%,d multi-script name pairs (%s) and %,d English word pairs (%s)",
        MultiScriptDataset.DEFAULT_SIZE,
        MultiScriptDataset.sourceDescription(),
        DefaultDataset.DEFAULT_SIZE,
        DefaultDataset.sourceDescription());
  }

  private static List<KindedPair> mix() {
    List<KindedPair> all =
        new ArrayList<>(MultiScriptDataset.DEFAULT_SIZE + DefaultDataset.DEFAULT_SIZE);
    for (TaggedPair p : MultiScriptDataset.training()) {
      all.add(new KindedPair(p.pair(), NAMES + p.kind()));
    }
    for (KindedPair p : DefaultDataset.generateWithKinds(DefaultDataset.DEFAULT_SEED)) {
      all.add(new KindedPair(p.pair(), ENGLISH + p.kind()));
    }
    var random = new SplittableRandom(MIX_SEED);
    for (int i = all.size() - 1; i > 0; i--) {
      Collections.swap(all, i, random.nextInt(i + 1));
    }
    return Collections.unmodifiableList(all);
  }
}
