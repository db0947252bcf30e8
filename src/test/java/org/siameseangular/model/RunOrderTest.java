package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The order in which {@link SimilarityModel#distances} and {@link
 * SimilarityModel#embed(java.util.List)} cut a call into runs: by length, equal lengths in input
 * order. The runs, and so every result bit, depend on it (a row's last bits can depend on its run's
 * padded length).
 */
class RunOrderTest {
  @Test
  void byLengthIsAStableSortByLength() {
    var random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(1_200);
      int[] lengths = new int[n];
      for (int i = 0; i < n; i++) {
        // Few distinct lengths, so most keys tie; now and then a long string.
        lengths[i] = random.nextInt(50) == 0 ? random.nextInt(100_000) : random.nextInt(12);
      }
      Integer[] stable = new Integer[n];
      Arrays.setAll(stable, i -> i);
      Arrays.sort(stable, Comparator.comparingInt(i -> lengths[i])); // TimSort: stable

      assertThat(SimilarityModel.byLength(lengths))
          .containsExactly(Arrays.stream(stable).mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void byLengthOfNothingIsEmpty() {
    assertThat(SimilarityModel.byLength(new int[0])).isEmpty();
  }
}
