package org.siameseangular.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.EmbeddedTrainingSet;
import org.siameseangular.data.HardVariations;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.MultiScriptDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairKind;
import org.siameseangular.data.TaggedPair;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.train.Split;

/**
 * The labelled pairs with kinds that evaluation and the training report break down, and the tables
 * cut from them: per kind of the embedded validation split, the hand-written hard variations, and
 * the multi-script held-out set per kind and, for the one-edit typos, per script.
 */
final class EvaluationData {
  /** Row prefix of the held-out set ({@link MultiScriptDataset#heldOut()}). */
  static final String HELD_OUT = "held-out ";

  private EvaluationData() {}

  /**
   * The embedded dataset's validation pairs under {@code validationSplit} (the tail, as {@link
   * Split} cuts it), each with its kind: the pairs a model trained on the embedded data never saw.
   *
   * @param englishOnly true for a model trained on the English-only embedded data of earlier
   *     versions (its split is of that list)
   */
  static List<KindedPair> embeddedValidation(double validationSplit, boolean englishOnly) {
    List<KindedPair> all =
        englishOnly
            ? DefaultDataset.generateWithKinds(DefaultDataset.DEFAULT_SEED).stream()
                .map(p -> new KindedPair(p.pair(), EmbeddedTrainingSet.ENGLISH + p.kind()))
                .toList()
            : EmbeddedTrainingSet.withKinds();
    return all.subList(Split.trainingSize(all.size(), validationSplit), all.size());
  }

  /** The hand-written hard variations (diacritics and case, transliteration, spacing). */
  static List<KindedPair> hardVariations() {
    return HardVariations.load();
  }

  /**
   * Pairs scored once and the per-kind tables cut from them: the validation pairs per English kind
   * and in all per part (English words, names), the hard variations per kind and, when given, the
   * held-out set per kind, per script (one-edit typos only) and in all.
   */
  static final class Tables {
    private final List<Pair> pairs = new ArrayList<>();
    private final List<List<String>> views = new ArrayList<>();
    private final int validationSize;

    /**
     * @param validation the embedded validation split's pairs with kinds (empty for other data)
     * @param heldOut the held-out set, or an empty list
     */
    Tables(List<KindedPair> validation, List<TaggedPair> heldOut) {
      List<KindedPair> hard = hardVariations();
      validation.forEach(p -> pairs.add(p.pair()));
      hard.forEach(p -> pairs.add(p.pair()));
      heldOut.forEach(p -> pairs.add(p.pair()));
      validationSize = validation.size();
      List<String> noHard = nulls(hard.size());
      List<String> noHeldOut = nulls(heldOut.size());
      List<String> noValidation = nulls(validation.size());
      views.add(
          concat(
              label(validation, p -> EmbeddedTrainingSet.isEnglish(p.kind()) ? p.kind() : null),
              noHard,
              noHeldOut));
      views.add(
          concat(
              label(
                  validation,
                  p -> EmbeddedTrainingSet.isEnglish(p.kind()) ? "english, all" : "names, all"),
              noHard,
              noHeldOut));
      views.add(concat(noValidation, label(hard, KindedPair::kind), noHeldOut));
      if (!heldOut.isEmpty()) {
        List<String> before = nulls(validation.size() + hard.size());
        views.add(concat(before, label(heldOut, p -> HELD_OUT + p.kind()), List.of()));
        views.add(concat(before, label(heldOut, EvaluationData::typosOfScript), List.of()));
        views.add(concat(before, label(heldOut, p -> HELD_OUT + "all"), List.of()));
      }
    }

    /** Every pair, in the order the tables index them: validation, hard variations, held-out. */
    List<Pair> pairs() {
      return pairs;
    }

    /** How many leading pairs are the validation split's. */
    int validationSize() {
      return validationSize;
    }

    /** Every table's rows, in order. */
    List<KindScore> scores(ScoredPairs scored) {
      List<KindScore> out = new ArrayList<>();
      for (List<String> view : views) {
        out.addAll(Evaluation.perKind(scored, view));
      }
      return out;
    }

    private static <T> List<String> label(List<T> items, Function<T, String> label) {
      List<String> out = new ArrayList<>(items.size());
      items.forEach(item -> out.add(label.apply(item)));
      return out;
    }

    private static List<String> nulls(int n) {
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(null);
      }
      return out;
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
      List<String> out = new ArrayList<>(a);
      out.addAll(b);
      out.addAll(c);
      return out;
    }
  }

  /** The row of a one-edit typo pair in the per-script table; null for the other kinds. */
  private static String typosOfScript(TaggedPair p) {
    return PairKind.ofTag(p.kind()).isTypo()
        ? HELD_OUT + "typos " + p.script().name().toLowerCase(Locale.ROOT)
        : null;
  }
}
