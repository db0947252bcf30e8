package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link AngularHead#stackedDistances}: pair i is row i against row {@code pairs + i} of one
 * stacked block. The head's arithmetic itself is tested through {@code match/AngularDistanceTest}.
 */
class AngularHeadTest {
  private static final float EPS = 1e-6f;

  @Test
  void pairsRowIWithRowPairsPlusI() {
    var head = new AngularHead(EPS);
    // Left rows: e1, e2, e1. Right rows: e1 (same direction), -e2 (opposite), e2 (orthogonal).
    float[] stacked = {1, 0, 0, 2, 3, 0, 5, 0, 0, -1, 0, 4};

    float[] d = head.stackedDistances(stacked, 3, 2);

    assertThat(d)
        .containsExactly(AngularHead.ofClipped(1f - EPS), AngularHead.ofClipped(-1f + EPS), 0.5f);
  }

  @Test
  void givesWhatTheHeadGivesEachPairAlone() {
    var head = new AngularHead(EPS);
    float[] a = {0.3f, -1.2f, 0.7f};
    float[] b = {0.25f, -1.0f, 0.9f};
    float[] stacked = {a[0], a[1], a[2], b[0], b[1], b[2]};
    float[] na = new float[3];
    float[] nb = new float[3];
    AngularHead.normalize(a, 0, na, 0, 3);
    AngularHead.normalize(b, 0, nb, 0, 3);

    assertThat(head.stackedDistances(stacked, 1, 3)[0])
        .isEqualTo(head.ofCosine(AngularHead.dot(na, 0, nb, 0, 3)));
  }

  @Test
  void aBlockOfTheWrongSizeIsRefused() {
    assertThatThrownBy(() -> new AngularHead(EPS).stackedDistances(new float[10], 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 values are not 4 rows of 3");
  }

  @Test
  void aClipOutsideModelSpecsRangeIsRefused() {
    assertThat(AngularHead.accepts(1e-8f)).isFalse();
    assertThat(AngularHead.accepts(1e-6f)).isTrue();
    assertThatThrownBy(() -> new AngularHead(0.5f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clipEpsilon must be in [1e-7, 0.5)");
  }
}
