package org.siameseangular.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.SimilarityModel;

/**
 * {@link AngularDistance} on embeddings gives the graph's distance (serving_default's head), within
 * a bound derived from float32 arithmetic, compared as cosines ({@code cos(pi * d)}) because near
 * distance 0 acos turns one ulp of the cosine into about 1e-5 of distance. The graph's distance is
 * read through a copy of the model without its {@code siamese-angular.json}: a model that does not
 * state its head is always scored by serving_default, while this project's models score small
 * batches with this same Java arithmetic ({@code model/AngularHead}).
 *
 * <h2>The bound</h2>
 *
 * u = 2^-24 (float32 unit roundoff), n = the embedding size, gamma_n = n u / (1 - n u), and c* =
 * the exact cosine of the two embeddings a, b (both paths see the same embeddings: see below).
 *
 * <ul>
 *   <li>Graph (float32 kernels, any summation order). The squared norm carries a relative error
 *       gamma_n; its rsqrt (Eigen: 1/sqrt, or an estimate refined by Newton's method) at most
 *       eps_r; so each normalised component is off by at most gamma_n / 2 + eps_r + u (its own
 *       rounding), relatively. The dot product of n such products adds gamma_n times sum |a_i b_i|
 *       / (|a| |b|) &lt;= 1 (Cauchy-Schwarz). So |cos_G - c*| &lt;= 2 gamma_n + 2 eps_r + 2 u.
 *   <li>Java (AngularDistance): norms in double (errors near 2^-53, neglected), one rounding per
 *       normalised component (u), the float dot in component order (gamma_n): |cos_J - c*| &lt;=
 *       gamma_n + 2 u.
 *   <li>The clip to [-1 + eps, 1 - eps] is the same on both sides and 1-Lipschitz: it does not
 *       widen the gap.
 *   <li>Back from distances to cosines. The graph's d_G = fl(acos_G(x) / fl(pi)) has a relative
 *       error psi &lt;= eps_a + 2 u (eps_a for its acos; one rounding for the division; fl(pi) is
 *       off by less than u). Then |cos(pi d_G) - x| = |cos(alpha (1 + psi)) - cos(alpha)| &lt;=
 *       alpha sin(alpha) |psi| &lt;= 1.82 |psi| (alpha = acos(x) in [0, pi]; max of alpha sin alpha
 *       is 1.8197 at alpha = 2.029). Java's d_J = (float) (StrictMath.acos(x) / pi) is off by one
 *       float rounding: 1.82 u.
 * </ul>
 *
 * Total: |cos(pi d_G) - cos(pi d_J)| &lt;= 3 gamma_n + 2 eps_r + 4 u + 1.82 (eps_a + 2 u) + 1.82 u.
 * We allow eps_r = eps_a = 8 u: Eigen's float rsqrt (one Newton step on a hardware estimate) and
 * acos (a polynomial in GenericPacketMathFunctions.h, pacos_float, or the C library's acosf) are
 * within a few ulps; for 32 units the bound is about 136 u = 8.1e-6. A missing normalisation, clip
 * or factor of pi moves cosines by 1e-2 or more.
 *
 * <p>Same embeddings on both paths: each string is embedded alone (a batch of one, padded to its
 * own length) and each pair is scored alone (a batch of one per side, padded to the longer string).
 * The LSTM's state at a string's last step does not depend on later padding steps
 * (graph/BatchInvarianceTest) and every step runs the same kernel on the same [1, units] shapes, so
 * the two paths compute the same embedding bits.
 */
@Tag("numeric")
class AngularDistanceTest {
  private static final int UNITS = 32;
  private static final double U = Math.ulp(1.0f) / 2;
  private static final double EPS_R = 8 * U;
  private static final double EPS_A = 8 * U;

  @TempDir static Path dir;
  private static SimilarityModel model;

  /** The same SavedModel without its metadata: every distance from serving_default's graph. */
  private static SimilarityModel graphOnly;

  @BeforeAll
  static void load() throws Exception {
    model = TestModels.exportAndLoad(dir.resolve("m"), UNITS, 5);
    graphOnly =
        SimilarityModel.load(TestModels.withoutMetadata(dir.resolve("m"), dir.resolve("g")));
  }

  @AfterAll
  static void close() {
    model.close();
    graphOnly.close();
  }

  static double cosineBound(int n) {
    double gamma = n * U / (1 - n * U);
    return 3 * gamma + 2 * EPS_R + 4 * U + 1.82 * (EPS_A + 2 * U) + 1.82 * U;
  }

  /**
   * Similar (one typo) and different word pairs, identical pairs, pairs differing in one letter,
   * and "".
   */
  private static List<String[]> pairs() {
    var out = new ArrayList<String[]>();
    List<Pair> data = DefaultDataset.defaultPairs();
    for (int i = 0; i < 1200; i++) {
      out.add(new String[] {data.get(i).left(), data.get(i).right()});
    }
    var random = new SplittableRandom(11);
    for (int i = 0; i < 150; i++) {
      String w = data.get(2000 + i).left();
      out.add(new String[] {w, w});
      char[] c = w.toCharArray();
      c[random.nextInt(c.length)] = (char) ('a' + random.nextInt(26));
      out.add(new String[] {w, new String(c)});
    }
    out.add(new String[] {"", "hello"});
    out.add(new String[] {"", ""});
    return out;
  }

  @Test
  void matchesTheGraphsDistanceOnManyPairsComparedAsCosines() {
    AngularDistance head = AngularDistance.of(model);
    double bound = cosineBound(UNITS);
    double worst = 0;
    for (String[] p : pairs()) {
      float graph = graphOnly.distance(p[0], p[1]);
      float java = head.distance(model.embed(p[0]), model.embed(p[1]));
      double gap = Math.abs(Math.cos(Math.PI * graph) - Math.cos(Math.PI * java));
      assertThat(gap)
          .as("\"%s\" / \"%s\": graph %s, Java %s", p[0], p[1], graph, java)
          .isLessThanOrEqualTo(bound);
      worst = Math.max(worst, gap);
    }
    System.out.printf(
        "AngularDistance vs graph: max |cosine gap| %.3g, bound %.3g%n", worst, bound);
  }

  /**
   * {@link SimilarityModel#distance} of this project's model (both sides embedded as one stacked
   * batch, the head in Java) against serving_default's graph: the same bound, since both see the
   * same embeddings (every row of a stacked batch runs the same kernel steps as a batch of one).
   */
  @Test
  void smallBatchDistancesMatchTheGraphsComparedAsCosines() {
    double bound = cosineBound(UNITS);
    double worst = 0;
    for (String[] p : pairs()) {
      float graph = graphOnly.distance(p[0], p[1]);
      float stacked = model.distance(p[0], p[1]);
      double gap = Math.abs(Math.cos(Math.PI * graph) - Math.cos(Math.PI * stacked));
      assertThat(gap)
          .as("\"%s\" / \"%s\": graph %s, stacked %s", p[0], p[1], graph, stacked)
          .isLessThanOrEqualTo(bound);
      worst = Math.max(worst, gap);
    }
    System.out.printf(
        "distance() vs serving_default: max |cosine gap| %.3g, bound %.3g%n", worst, bound);
  }

  @Test
  void equalUnitVectorsGiveTheDistanceOfTheClippedCosine() {
    var head = new AngularDistance(1e-6f);
    float[] v = {0.6f, 0.8f, 0f};

    // 0.6^2 + 0.8^2 rounds to 1 in float; the clip lowers it to 1 - 1e-6: acos(1 - 1e-6) / pi =
    // 4.53e-4,
    // the distance of "hello" to itself in the Keras reference
    // (models/keras-reference/golden.json).
    assertThat(head.distance(v, v)).isEqualTo((float) (StrictMath.acos(1f - 1e-6f) / Math.PI));
    assertThat(head.distance(v, v)).isGreaterThan(4.53e-4f).isLessThan(4.54e-4f);
  }

  @Test
  void oppositeVectorsGiveTheDistanceOfTheLowerClip() {
    var head = new AngularDistance(1e-6f);

    assertThat(head.distance(new float[] {2f, 0f}, new float[] {-3f, 0f}))
        .isEqualTo((float) (StrictMath.acos(-1f + 1e-6f) / Math.PI));
  }

  @Test
  void aZeroEmbeddingIsHalfwayFromEverything() {
    // l2_normalize floors the squared norm at 1e-12, so zero stays zero (not NaN) and its cosine is
    // 0.
    assertThat(new AngularDistance(1e-6f).distance(new float[3], new float[] {1f, 2f, 3f}))
        .isEqualTo(0.5f);
  }

  @Test
  void normalizeFloorsTheSquaredNormAt1eMinus12() {
    // |v|^2 = 1e-14 < 1e-12: v is scaled by 1 / sqrt(1e-12) = 1e6, not brought to unit length.
    float[] n = AngularDistance.normalize(new float[] {1e-7f, 0f});

    assertThat(n[0]).isEqualTo((float) (1e-7f * 1e6));
  }

  @Test
  void embeddingsOfDifferentSizesAreRefused() {
    assertThatThrownBy(() -> new AngularDistance(1e-6f).distance(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 vs 3");
  }

  @Test
  void theClipComesFromTheModelsMetadata() {
    assertThat(AngularDistance.of(model).clipEpsilon()).isEqualTo(ModelSpec.DEFAULT_CLIP_EPSILON);
  }
}
