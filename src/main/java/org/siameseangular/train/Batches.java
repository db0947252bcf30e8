package org.siameseangular.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.siameseangular.data.Pair;

/**
 * The order in which one epoch visits the training pairs; batch {@code i} is the slice {@code [i *
 * batchSize, (i + 1) * batchSize)} of it. Reproducible from (seed, epoch) alone, so a run resumed
 * at a step sees the same batches as the run that stopped there.
 */
final class Batches {
  /**
   * Batches per length-sorting window. Sorting the whole epoch would give batches of equal length
   * that always meet the same neighbours; windows of 50 batches keep the mix random while cutting
   * the padding: on the multi-script names at batch 128, 24 instead of 93 padded code points per
   * pair (docs/encoding-calibration.md).
   */
  static final int WINDOW_BATCHES = 50;

  private Batches() {}

  /** The epoch's order under {@code config}: length-grouped or a plain shuffle. */
  static int[] order(List<Pair> pairs, TrainConfig config, int epoch) {
    return config.lengthBuckets() && config.batchSize() > 1
        ? grouped(pairs, config.batchSize(), config.seed(), epoch)
        : shuffle(pairs.size(), config.seed(), epoch);
  }

  /**
   * Length-grouped order: the epoch's shuffle, cut into windows of {@link #WINDOW_BATCHES} batches,
   * each window sorted (stably) by its pairs' longer side in code points, then the full batches of
   * all windows in a shuffled order. A short last batch stays last, so every batch but the last has
   * {@code batch} pairs, as with the plain shuffle.
   */
  static int[] grouped(List<Pair> pairs, int batch, long seed, int epoch) {
    int[] shuffled = shuffle(pairs.size(), seed, epoch);
    int[] length = new int[pairs.size()];
    for (int i = 0; i < length.length; i++) {
      Pair p = pairs.get(i);
      length[i] =
          Math.max(
              p.left().codePointCount(0, p.left().length()),
              p.right().codePointCount(0, p.right().length()));
    }
    Integer[] boxed = Arrays.stream(shuffled).boxed().toArray(Integer[]::new);
    int window = batch * WINDOW_BATCHES;
    for (int from = 0; from < boxed.length; from += window) {
      Arrays.sort(
          boxed,
          from,
          Math.min(boxed.length, from + window),
          Comparator.comparingInt(i -> length[i]));
    }
    int full = boxed.length / batch;
    int[] batchOrder = shuffle(full, seed ^ BATCH_STREAM, epoch);
    int[] out = new int[boxed.length];
    int k = 0;
    for (int b : batchOrder) {
      for (int i = b * batch; i < (b + 1) * batch; i++) {
        out[k++] = boxed[i];
      }
    }
    for (int i = full * batch; i < boxed.length; i++) {
      out[k++] = boxed[i];
    }
    return out;
  }

  /** Mixed into the seed of the batch order's stream (any constant other than 0 works). */
  private static final long BATCH_STREAM = 0x5BD1E995L;

  /**
   * Fisher-Yates with a generator seeded by (seed, epoch): each epoch's order is reproducible on
   * its own.
   */
  static int[] shuffle(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
