package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.siameseangular.data.Pair;

/** Length-grouped batches: a reproducible permutation that pads far less than a plain shuffle. */
class BatchesTest {
  private static final int BATCH = 16;

  /** 1,000 pairs (not a multiple of the batch) of lengths 1 to 60, mixed. */
  private static final List<Pair> PAIRS = pairs(1000);

  private static List<Pair> pairs(int n) {
    var random = new SplittableRandom(5);
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Pair("x".repeat(1 + random.nextInt(60)), "y".repeat(1 + random.nextInt(5)), 1));
    }
    return out;
  }

  @Test
  void groupedOrderIsAPermutation() {
    int[] order = Batches.grouped(PAIRS, BATCH, 7, 1);

    assertThat(Arrays.stream(order).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, PAIRS.size()).toArray());
  }

  @Test
  void groupedOrderIsReproducibleForASeedAndEpochAndDiffersBetweenEpochs() {
    assertThat(Batches.grouped(PAIRS, BATCH, 7, 2)).isEqualTo(Batches.grouped(PAIRS, BATCH, 7, 2));
    assertThat(Batches.grouped(PAIRS, BATCH, 7, 3))
        .isNotEqualTo(Batches.grouped(PAIRS, BATCH, 7, 2));
  }

  @Test
  void groupedBatchesPadFarLessThanShuffledOnes() {
    long grouped = paddedSteps(Batches.grouped(PAIRS, BATCH, 7, 1));
    long shuffled = paddedSteps(Batches.shuffle(PAIRS.size(), 7, 1));

    // Each batch runs to its longest string: grouped by length, that is close to each pair's own.
    assertThat(grouped).isLessThan(shuffled * 2 / 3);
  }

  private static long paddedSteps(int[] order) {
    long total = 0;
    for (int from = 0; from < order.length; from += BATCH) {
      int longest = 0;
      int to = Math.min(order.length, from + BATCH);
      for (int i = from; i < to; i++) {
        longest = Math.max(longest, PAIRS.get(order[i]).left().length());
      }
      total += (long) longest * (to - from);
    }
    return total;
  }
}
