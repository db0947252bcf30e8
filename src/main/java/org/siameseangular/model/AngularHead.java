package org.siameseangular.model;

/**
 * The model's head in plain Java: the angular distance of two embeddings, the number the graph's
 * {@code serving_default} computes from them ({@code graph/SiameseGraph}). {@link SimilarityModel}
 * uses it to score small batches from one {@code embed} run of both sides stacked (one LSTM call
 * instead of two); {@code match.AngularDistance} uses the same arithmetic for indexes, so that a
 * distance is the same bits whichever of them computes it.
 *
 * <pre>
 *   l2n(v)   = v / sqrt(max(sum v^2, 1e-12))                       (l2_normalize's floor)
 *   cos      = &lt;l2n(a), l2n(b)&gt;
 *   distance = acos(clip(cos, -1 + eps, 1 - eps)) / pi            in [0, 1]
 * </pre>
 *
 * <p>Arithmetic, fixed so that results are bit-identical on every JVM: the squared norm and its
 * inverse square root in double, each normalised component rounded once to float; the dot product
 * in float, summed in component order (Java does not contract {@code a * b + c} into a fused
 * multiply-add); the clip in float with the graph's own constants {@code -1f + eps} and {@code 1f -
 * eps}; {@code StrictMath.acos} (fdlibm, the same bits everywhere) and the division by pi in
 * double, rounded once to float. How closely this agrees with the graph's float32 kernels is
 * derived in {@code match/AngularDistanceTest}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AngularHead {
  /**
   * The floor on the squared norm, l2_normalize's {@code epsilon}
   * (tensorflow/python/ops/nn_impl.py, l2_normalize): a zero embedding normalises to zero, not to
   * NaN.
   */
  public static final float L2_EPSILON = 1e-12f;

  private final float clipEpsilon;
  private final float lower;
  private final float upper;

  /** The head of a model that clips its cosine to {@code [-1 + clipEpsilon, 1 - clipEpsilon]}. */
  public AngularHead(float clipEpsilon) {
    if (!accepts(clipEpsilon)) {
      throw new IllegalArgumentException(
          "clipEpsilon must be in [1e-7, 0.5), found " + clipEpsilon);
    }
    this.clipEpsilon = clipEpsilon;
    // Exactly as the graph forms them: tf.constant(-1f + eps), tf.constant(1f - eps)
    // (graph/SiameseGraph).
    this.lower = -1f + clipEpsilon;
    this.upper = 1f - clipEpsilon;
  }

  /**
   * Whether {@code clipEpsilon} is in the range ModelSpec allows, [1e-7, 0.5): below 1e-7, {@code 1
   * - eps} rounds to 1 in float32.
   */
  public static boolean accepts(float clipEpsilon) {
    return clipEpsilon >= 1e-7f && clipEpsilon < 0.5f;
  }

  public float clipEpsilon() {
    return clipEpsilon;
  }

  /** The distance for a cosine: clipped, then {@code acos / pi}. */
  public float ofCosine(float cosine) {
    return ofClipped(clip(cosine));
  }

  /** {@code clip(cosine, -1 + eps, 1 - eps)} in float; NaN stays NaN, as in the graph. */
  public float clip(float cosine) {
    return Math.min(Math.max(cosine, lower), upper);
  }

  /**
   * {@code acos(clipped) / pi} for an already clipped cosine; non-increasing in {@code clipped}.
   */
  public static float ofClipped(float clipped) {
    return (float) (StrictMath.acos(clipped) / Math.PI);
  }

  /**
   * The distances of {@code pairs} pairs from one {@code [2 * pairs, width]} block of raw
   * embeddings, row-major: the left sides in rows {@code 0 .. pairs - 1}, the right sides in rows
   * {@code pairs .. 2 * pairs - 1}, pair i being rows i and pairs + i.
   */
  public float[] stackedDistances(float[] embeddings, int pairs, int width) {
    if (embeddings.length != 2L * pairs * width) {
      throw new IllegalArgumentException(
          embeddings.length + " values are not " + 2 * pairs + " rows of " + width);
    }
    float[] normalised = new float[embeddings.length];
    for (int row = 0; row < 2 * pairs; row++) {
      normalize(embeddings, row * width, normalised, row * width, width);
    }
    float[] out = new float[pairs];
    for (int i = 0; i < pairs; i++) {
      out[i] = ofCosine(dot(normalised, i * width, normalised, (pairs + i) * width, width));
    }
    return out;
  }

  /** Writes {@code l2n(src[srcOffset, srcOffset + length))} to {@code dst} at {@code dstOffset}. */
  public static void normalize(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    double squared = 0;
    for (int i = 0; i < length; i++) {
      double v = src[srcOffset + i];
      squared += v * v;
    }
    double inverse = 1 / Math.sqrt(Math.max(squared, (double) L2_EPSILON));
    for (int i = 0; i < length; i++) {
      dst[dstOffset + i] = (float) (src[srcOffset + i] * inverse);
    }
  }

  /** The float dot product of two normalised vectors, summed in component order. */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }
}
