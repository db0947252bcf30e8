package org.siameseangular.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.Pair;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.EditDistanceBaseline;
import org.siameseangular.eval.ThresholdStats;

/** The numbers `evaluate` prints and the report shows, for a model's distances on labelled pairs. */
public final class Evaluation {
  private Evaluation() {}

  /** Scores pairs: distances of {@code lefts[i]}, {@code rights[i]}. */
  @FunctionalInterface
  public interface Scorer {
    float[] distances(List<String> lefts, List<String> rights);
  }

  /**
   * @param auc ROC AUC, NaN when only one class is present
   * @param levenshteinAuc the normalised Levenshtein baseline's AUC on the same pairs
   * @param damerauAuc the normalised Damerau (OSA) baseline's AUC on the same pairs
   */
  public record Summary(int pairs, double loss, double accuracy, double auc, ThresholdStats atHalf,
      ThresholdStats bestF1, ThresholdStats youden, double levenshteinAuc, double damerauAuc) {

    public Map<String, Object> toJson() {
      var m = new LinkedHashMap<String, Object>();
      m.put("pairs", pairs);
      m.put("loss", loss);
      m.put("accuracy", accuracy);
      m.put("rocAuc", auc);
      m.put("atHalf", stats(atHalf));
      m.put("bestF1", stats(bestF1));
      m.put("youden", stats(youden));
      m.put("levenshteinAuc", levenshteinAuc);
      m.put("damerauAuc", damerauAuc);
      return m;
    }

    private static Map<String, Object> stats(ThresholdStats s) {
      var m = new LinkedHashMap<String, Object>();
      m.put("threshold", s.threshold());
      m.put("precision", s.precision());
      m.put("recall", s.recall());
      m.put("f1", s.f1());
      m.put("accuracy", s.accuracy());
      return m;
    }
  }

  public static Summary summarize(float[] distances, List<Pair> pairs) {
    int[] labels = labels(pairs);
    List<String> lefts = pairs.stream().map(Pair::left).toList();
    List<String> rights = pairs.stream().map(Pair::right).toList();
    boolean both = hasBothClasses(labels);
    return new Summary(pairs.size(), BinaryMetrics.meanBce(distances, labels),
        BinaryMetrics.accuracy(distances, labels, 0.5), BinaryMetrics.rocAuc(distances, labels),
        BinaryMetrics.at(distances, labels, 0.5),
        both ? BinaryMetrics.bestF1(distances, labels) : BinaryMetrics.at(distances, labels, 0.5),
        both ? BinaryMetrics.bestYouden(distances, labels) : BinaryMetrics.at(distances, labels, 0.5),
        BinaryMetrics.rocAuc(EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.LEVENSHTEIN), labels),
        BinaryMetrics.rocAuc(EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.DAMERAU), labels));
  }

  /**
   * AUC of the model and both baselines per kind of pair. A kind holding only similar pairs (a typo kind) is
   * scored against all dissimilar pairs of the set, so every AUC compares like with like.
   */
  public static List<KindScore> perKind(List<KindedPair> kinded, Scorer scorer) {
    List<String> lefts = kinded.stream().map(k -> k.pair().left()).toList();
    List<String> rights = kinded.stream().map(k -> k.pair().right()).toList();
    float[] model = scorer.distances(lefts, rights);
    float[] lev = EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.LEVENSHTEIN);
    float[] dam = EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.DAMERAU);
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < kinded.size(); i++) {
      byKind.computeIfAbsent(kinded.get(i).kind(), k -> new ArrayList<>()).add(i);
      if (kinded.get(i).pair().label() == Pair.DISSIMILAR) {
        negatives.add(i);
      }
    }
    List<KindScore> out = new ArrayList<>();
    byKind.forEach((kind, members) -> {
      List<Integer> idx = new ArrayList<>(members);
      int similar = (int) members.stream().filter(i -> kinded.get(i).pair().label() == 1).count();
      if (similar == 0) {
        return; // a kind of only dissimilar pairs is the negatives the other kinds are scored against
      }
      if (similar == members.size()) {
        idx.addAll(negatives);
      }
      int[] labels = idx.stream().mapToInt(i -> kinded.get(i).pair().label()).toArray();
      out.add(new KindScore(kind, members.size(), BinaryMetrics.rocAuc(pick(model, idx), labels),
          BinaryMetrics.rocAuc(pick(lev, idx), labels), BinaryMetrics.rocAuc(pick(dam, idx), labels)));
    });
    return out;
  }

  private static float[] pick(float[] values, List<Integer> idx) {
    float[] out = new float[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[idx.get(i)];
    }
    return out;
  }

  public static int[] labels(List<Pair> pairs) {
    return pairs.stream().mapToInt(Pair::label).toArray();
  }

  static boolean hasBothClasses(int[] labels) {
    boolean zero = false;
    boolean one = false;
    for (int l : labels) {
      zero |= l == 0;
      one |= l == 1;
    }
    return zero && one;
  }
}
