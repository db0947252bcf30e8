package org.siameseangular.eval;

import java.util.List;
import java.util.Optional;

/**
 * Chooses a decision threshold (similar iff {@code distance < threshold}) that meets a target
 * precision or recall on labelled pairs, among the cuts of {@link BinaryMetrics#atEveryCut}.
 *
 * <ul>
 *   <li>Precision at least P: the cut with the most true positives (the highest recall) among those
 *       whose precision is at least P; ties go to the fewest false positives. Precision is not
 *       monotone in the threshold, so this is not simply the first or last cut above P.
 *   <li>Recall at least R: the cut with the fewest false positives among those whose recall is at
 *       least R; ties go to the most true positives (so the highest precision among them).
 * </ul>
 *
 * Both are point estimates on the pairs given: on new pairs the precision or recall reached scatter
 * around the target by about the width of their {@link WilsonInterval}, which is why {@link
 * #FEW_PAIRS} matters.
 */
public final class ThresholdCalibration {
  /**
   * Below this many pairs behind the targeted rate (pairs predicted similar for precision, similar
   * pairs for recall) the chosen threshold is unreliable: at 200 pairs and a rate of 0.9 the 95 %
   * Wilson interval is about +-0.04 wide, and it widens as 1 / sqrt(n) below that.
   */
  public static final int FEW_PAIRS = 200;

  /** What the threshold must reach. */
  public enum Metric {
    PRECISION,
    RECALL;

    /** The name as users write it: {@code precision}, {@code recall}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private ThresholdCalibration() {}

  /**
   * The threshold meeting {@code metric >= target} as described above, or empty when none does.
   *
   * @param target in (0, 1]
   * @throws IllegalArgumentException for a target outside (0, 1], or pairs without both classes
   */
  public static Optional<ThresholdStats> meeting(
      float[] distances, int[] labels, Metric metric, double target) {
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException(
          "the target " + metric.label() + " must be in (0, 1], found " + target);
    }
    List<ThresholdStats> cuts = BinaryMetrics.atEveryCut(distances, labels);
    ThresholdStats any = cuts.get(0);
    if (any.tp() + any.fn() == 0 || any.fp() + any.tn() == 0) {
      throw new IllegalArgumentException(
          "calibration needs similar and dissimilar pairs; found "
              + (any.tp() + any.fn())
              + " similar and "
              + (any.fp() + any.tn())
              + " dissimilar");
    }
    ThresholdStats best = null;
    for (ThresholdStats c : cuts) {
      boolean meets =
          metric == Metric.PRECISION ? c.tp() > 0 && c.precision() >= target : c.recall() >= target;
      if (meets && (best == null || better(metric, c, best))) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean better(Metric metric, ThresholdStats c, ThresholdStats best) {
    return metric == Metric.PRECISION
        ? c.tp() > best.tp() || (c.tp() == best.tp() && c.fp() < best.fp())
        : c.fp() < best.fp() || (c.fp() == best.fp() && c.tp() > best.tp());
  }

  /** The cut with the highest precision (ties: the most true positives), for a refusal message. */
  public static ThresholdStats highestPrecision(float[] distances, int[] labels) {
    ThresholdStats best = null;
    for (ThresholdStats c : BinaryMetrics.atEveryCut(distances, labels)) {
      if (c.tp() > 0
          && (best == null
              || c.precision() > best.precision()
              || (c.precision() == best.precision() && c.tp() > best.tp()))) {
        best = c;
      }
    }
    return best;
  }

  /** The 95 % Wilson interval of the precision at {@code s}. */
  public static WilsonInterval precisionInterval(ThresholdStats s) {
    return WilsonInterval.of(s.tp(), s.tp() + s.fp());
  }

  /** The 95 % Wilson interval of the recall at {@code s}. */
  public static WilsonInterval recallInterval(ThresholdStats s) {
    return WilsonInterval.of(s.tp(), s.tp() + s.fn());
  }

  /** How many pairs the targeted rate is measured on at {@code s}. */
  public static int support(Metric metric, ThresholdStats s) {
    return metric == Metric.PRECISION ? s.tp() + s.fp() : s.tp() + s.fn();
  }
}
