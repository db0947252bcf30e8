package org.siameseangular.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bounded heap keeps the best entries by (distance, id), whatever order they come in. */
class TopKTest {
  private static List<Integer> ids(TopK top) {
    var out = new ArrayList<Integer>();
    for (int p : top.bestFirst()) {
      out.add(top.idAt(p));
    }
    return out;
  }

  @Test
  void equalDistancesKeepTheSmallestIds() {
    var top = new TopK(3);
    for (int id = 0; id < 10; id++) {
      top.offerScanned(0.5f, id);
    }

    assertThat(ids(top)).containsExactly(0, 1, 2);
  }

  @Test
  void distinctCosinesWithTheSameFloatDistanceTieOnTheId() {
    // Near cosine 0 neighbouring floats map to one distance: ranking by cosine would keep id 1
    // here.
    float lower = 0.01f;
    float higher = Math.nextUp(lower);
    assertThat(AngularDistance.ofClipped(higher)).isEqualTo(AngularDistance.ofClipped(lower));
    var top = new TopK(1);

    top.offerScanned(lower, 0);
    top.offerScanned(higher, 1);

    assertThat(ids(top)).containsExactly(0);
  }

  @Test
  void entriesOfferedOutOfOrderRankByDistanceThenId() {
    var top = new TopK(3);
    top.offer(0.3f, 0f, 9);
    top.offer(0.1f, 0f, 7);
    top.offer(0.3f, 0f, 2);
    top.offer(0.2f, 0f, 5);
    top.offer(0.1f, 0f, 8);

    assertThat(ids(top)).containsExactly(7, 8, 5);
  }

  @Test
  void mergingPartsEqualsOneHeapOverEverything() {
    var random = new SplittableRandom(3);
    var whole = new TopK(20);
    var parts = new TopK[] {new TopK(20), new TopK(20), new TopK(20)};
    for (int id = 0; id < 3000; id++) {
      // Few distinct cosines, so that many distances tie.
      float cosine = (random.nextInt(200) - 100) / 100f;
      whole.offerScanned(cosine, id);
      parts[id / 1000].offerScanned(cosine, id);
    }
    parts[0].addAll(parts[1]);
    parts[0].addAll(parts[2]);

    assertThat(ids(parts[0])).isEqualTo(ids(whole));
  }
}
