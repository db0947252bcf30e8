package org.siameseangular.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Binary classification metrics for pair distances, where a lower distance means more similar.
 *
 * <p>Every method takes {@code float[] distances} and {@code int[] labels} (1 = similar, 0 =
 * dissimilar) of equal, non-zero length; distances must not be NaN. A pair is predicted similar iff
 * {@code distance < threshold}. Sorting-based methods run in O(n log n).
 */
public final class BinaryMetrics {

  /** Keras' default fuzz factor {@code backend.epsilon()}, used to clip probabilities. */
  public static final double EPSILON = 1e-7;

  /**
   * The decision threshold of a model without a calibrated one: a pair is called similar iff its
   * distance is below 0.5, the midpoint of [0, 1] where the loss's target flips. Validation
   * accuracy, the "fixed 0.5" rows and the report's accuracy use it.
   */
  public static final double DECISION_THRESHOLD = 0.5;

  private BinaryMetrics() {}

  /** A distinct distance and how many similar ({@code pos}) and dissimilar pairs have it. */
  private record Group(double value, int pos, int neg) {}

  /** A cut: pairs with distance below {@code threshold} are predicted similar. */
  private record Cut(double threshold, int tp, int fp) {}

  /**
   * ROC AUC of the score {@code -distance} for predicting label 1, by the Mann-Whitney U formula.
   *
   * <p>Rank all n pairs by ascending score (descending distance), ties getting their average rank;
   * with R1 the rank sum of the n1 similar pairs and n0 = n - n1: U1 = R1 - n1 (n1 + 1) / 2 and AUC
   * = U1 / (n1 n0). Equivalently P(d_similar &lt; d_dissimilar) + P(tie) / 2.
   *
   * @return the AUC in [0, 1], or {@link Double#NaN} when only one class is present
   */
  public static double rocAuc(float[] distances, int[] labels) {
    List<Group> groups = groups(distances, labels);
    long n1 = countPositives(labels);
    long n0 = labels.length - n1;
    if (n1 == 0 || n0 == 0) {
      return Double.NaN;
    }
    double rankSum = 0.0;
    long seen = 0; // pairs with a larger distance, i.e. a lower score, ranked before this group
    for (int g = groups.size() - 1; g >= 0; g--) {
      Group group = groups.get(g);
      int size = group.pos() + group.neg();
      double averageRank = seen + (size + 1) / 2.0; // ranks seen+1 .. seen+size
      rankSum += group.pos() * averageRank;
      seen += size;
    }
    double u1 = rankSum - n1 * (n1 + 1) / 2.0;
    return u1 / ((double) n1 * n0);
  }

  /** Fraction of pairs classified correctly when predicting similar iff distance &lt; threshold. */
  public static double accuracy(float[] distances, int[] labels, double threshold) {
    return at(distances, labels, threshold).accuracy();
  }

  /**
   * ROC curve of the score {@code -distance}, by increasing threshold.
   *
   * <p>With v1 &lt; ... &lt; vk the distinct distances, the first point is (0, 0) at threshold v1
   * (nothing predicted similar); then one point per distinct distance vi, at the threshold just
   * above it: the midpoint (vi + vi+1) / 2, or {@code Math.nextUp(vk)} for the last, which gives
   * (1, 1). The trapezoid area under these points equals {@link #rocAuc}.
   *
   * @return the k + 1 points, or an empty list when only one class is present
   */
  public static List<RocPoint> rocCurve(float[] distances, int[] labels) {
    List<Cut> cuts = cuts(distances, labels);
    int n1 = countPositives(labels);
    int n0 = labels.length - n1;
    if (n1 == 0 || n0 == 0) {
      return List.of();
    }
    List<RocPoint> points = new ArrayList<>(cuts.size());
    for (Cut cut : cuts) {
      points.add(new RocPoint(cut.threshold(), (double) cut.fp() / n0, (double) cut.tp() / n1));
    }
    return List.copyOf(points);
  }

  /** Confusion counts and rates when predicting similar iff distance &lt; threshold. */
  public static ThresholdStats at(float[] distances, int[] labels, double threshold) {
    validate(distances, labels);
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (int i = 0; i < distances.length; i++) {
      boolean predicted = distances[i] < threshold;
      if (labels[i] == 1) {
        if (predicted) {
          tp++;
        } else {
          fn++;
        }
      } else if (predicted) {
        fp++;
      } else {
        tn++;
      }
    }
    return ThresholdStats.of(threshold, tp, fp, tn, fn);
  }

  /**
   * Confusion counts at every cut of {@link #rocCurve} (midpoints between sorted distinct
   * distances, plus the two extremes), by increasing threshold; also when only one class is
   * present.
   */
  public static List<ThresholdStats> atEveryCut(float[] distances, int[] labels) {
    List<Cut> cuts = cuts(distances, labels);
    int n1 = countPositives(labels);
    int n0 = labels.length - n1;
    var out = new ArrayList<ThresholdStats>(cuts.size());
    for (Cut cut : cuts) {
      out.add(ThresholdStats.of(cut.threshold(), cut.tp(), cut.fp(), n0 - cut.fp(), n1 - cut.tp()));
    }
    return out;
  }

  /**
   * The threshold maximising F1 among the cuts of {@link #rocCurve} (midpoints between sorted
   * distinct distances, plus the two extremes); ties go to the lowest threshold.
   */
  public static ThresholdStats bestF1(float[] distances, int[] labels) {
    return best(distances, labels, ThresholdStats::f1);
  }

  /**
   * The threshold maximising Youden's J = TPR - FPR among the same cuts as {@link #bestF1}; ties go
   * to the lowest threshold.
   */
  public static ThresholdStats bestYouden(float[] distances, int[] labels) {
    return best(distances, labels, ThresholdStats::youden);
  }

  /**
   * The threshold that keeps precision at or above {@code target} with the highest recall, among
   * the cuts of {@link #rocCurve}; ties go to the lowest threshold. What a user who can afford a
   * given share of false matches picks.
   *
   * @return the stats at that threshold, or null when no cut predicting at least one pair similar
   *     reaches the target (or only one class is present)
   */
  public static ThresholdStats atPrecision(float[] distances, int[] labels, double target) {
    int n1 = countPositives(labels);
    int n0 = labels.length - n1;
    if (n1 == 0 || n0 == 0) {
      return null;
    }
    ThresholdStats best = null;
    for (Cut cut : cuts(distances, labels)) {
      if (cut.tp() == 0) {
        continue;
      }
      ThresholdStats stats =
          ThresholdStats.of(cut.threshold(), cut.tp(), cut.fp(), n0 - cut.fp(), n1 - cut.tp());
      if (stats.precision() >= target && (best == null || stats.recall() > best.recall())) {
        best = stats;
      }
    }
    return best;
  }

  /**
   * The precision-recall curve of the score {@code -distance}, by increasing threshold: one point
   * per cut of {@link #rocCurve} that predicts at least one pair similar (precision is undefined
   * before that).
   *
   * @return the points, or an empty list when only one class is present
   */
  public static List<PrPoint> precisionRecallCurve(float[] distances, int[] labels) {
    int n1 = countPositives(labels);
    if (n1 == 0 || n1 == labels.length) {
      return List.of();
    }
    List<PrPoint> points = new ArrayList<>();
    for (Cut cut : cuts(distances, labels)) {
      if (cut.tp() + cut.fp() > 0) {
        points.add(
            new PrPoint(
                cut.threshold(),
                (double) cut.tp() / (cut.tp() + cut.fp()),
                (double) cut.tp() / n1));
      }
    }
    return List.copyOf(points);
  }

  /**
   * Mean binary cross-entropy with Keras 3 semantics, taking the distance as the probability of
   * "dissimilar": p = clip(d, 1e-7, 1 - 1e-7), t = 1 - label, loss = -(t ln p + (1 - t) ln(1 - p)),
   * averaged over pairs, in double precision.
   */
  public static double meanBce(float[] distances, int[] labels) {
    validate(distances, labels);
    double sum = 0.0;
    for (int i = 0; i < distances.length; i++) {
      double p = Math.min(Math.max(distances[i], EPSILON), 1.0 - EPSILON);
      double t = 1.0 - labels[i];
      sum += -(t * Math.log(p) + (1.0 - t) * Math.log(1.0 - p));
    }
    return sum / distances.length;
  }

  private static ThresholdStats best(
      float[] distances, int[] labels, ToDoubleFunction<ThresholdStats> objective) {
    List<Cut> cuts = cuts(distances, labels);
    int n1 = countPositives(labels);
    int n0 = labels.length - n1;
    ThresholdStats best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (Cut cut : cuts) {
      ThresholdStats stats =
          ThresholdStats.of(cut.threshold(), cut.tp(), cut.fp(), n0 - cut.fp(), n1 - cut.tp());
      double value = objective.applyAsDouble(stats);
      if (value > bestValue) {
        best = stats;
        bestValue = value;
      }
    }
    return best;
  }

  /** The k + 1 cuts described in {@link #rocCurve}, with cumulative TP and FP counts. */
  private static List<Cut> cuts(float[] distances, int[] labels) {
    List<Group> groups = groups(distances, labels);
    List<Cut> cuts = new ArrayList<>(groups.size() + 1);
    cuts.add(new Cut(groups.get(0).value(), 0, 0));
    int tp = 0;
    int fp = 0;
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      tp += group.pos();
      fp += group.neg();
      double threshold =
          g + 1 < groups.size()
              ? (group.value() + groups.get(g + 1).value()) / 2.0
              : Math.nextUp(group.value());
      cuts.add(new Cut(threshold, tp, fp));
    }
    return cuts;
  }

  /** Distinct distances in ascending order with their class counts (-0.0 merged into 0.0). */
  private static List<Group> groups(float[] distances, int[] labels) {
    validate(distances, labels);
    int n1 = countPositives(labels);
    float[] pos = new float[n1];
    float[] neg = new float[labels.length - n1];
    int p = 0;
    int q = 0;
    for (int i = 0; i < labels.length; i++) {
      float d = distances[i] + 0.0f; // turns -0.0 into 0.0, which compare equal under <
      if (labels[i] == 1) {
        pos[p++] = d;
      } else {
        neg[q++] = d;
      }
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    List<Group> groups = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < pos.length || j < neg.length) {
      float v = j == neg.length || (i < pos.length && pos[i] <= neg[j]) ? pos[i] : neg[j];
      int posCount = 0;
      while (i < pos.length && pos[i] == v) {
        posCount++;
        i++;
      }
      int negCount = 0;
      while (j < neg.length && neg[j] == v) {
        negCount++;
        j++;
      }
      groups.add(new Group(v, posCount, negCount));
    }
    return groups;
  }

  private static int countPositives(int[] labels) {
    int n1 = 0;
    for (int label : labels) {
      n1 += label;
    }
    return n1;
  }

  private static void validate(float[] distances, int[] labels) {
    if (distances == null || labels == null) {
      throw new IllegalArgumentException("distances and labels must not be null");
    }
    if (distances.length != labels.length) {
      throw new IllegalArgumentException(
          "distances and labels differ in length: " + distances.length + " != " + labels.length);
    }
    if (distances.length == 0) {
      throw new IllegalArgumentException("distances and labels must not be empty");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", not 0 or 1");
      }
      if (Float.isNaN(distances[i])) {
        throw new IllegalArgumentException("distance " + i + " is NaN");
      }
    }
  }
}
