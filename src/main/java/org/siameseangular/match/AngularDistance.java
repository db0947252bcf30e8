package org.siameseangular.match;

import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.SimilarityModel;

/**
 * The model's head in plain Java: the angular distance of two embeddings, the number that {@link
 * SimilarityModel#distance} computes in the graph ({@code graph/SiameseGraph}), without a Session
 * call.
 *
 * <pre>
 *   l2n(v)   = v / sqrt(max(sum v^2, 1e-12))                       (l2_normalize's floor)
 *   cos      = &lt;l2n(a), l2n(b)&gt;
 *   distance = acos(clip(cos, -1 + eps, 1 - eps)) / pi            in [0, 1]
 * </pre>
 *
 * <p>Arithmetic, fixed so that results are bit-identical on every JVM and between the ways this
 * package computes them ({@link ExactIndex}'s blocked scan, {@link HnswIndex}'s re-ranking and this
 * class): the squared norm and its inverse square root in double, each normalised component rounded
 * once to float; the dot product in float, summed in component order (Java does not contract {@code
 * a * b + c} into a fused multiply-add); the clip in float with the graph's own constants {@code
 * -1f + eps} and {@code 1f - eps}; {@code StrictMath.acos} (fdlibm, the same bits everywhere) and
 * the division by pi in double, rounded once to float. How closely this agrees with the graph's
 * float32 kernels is derived in {@code AngularDistanceTest}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AngularDistance {
  /**
   * The floor on the squared norm, l2_normalize's {@code epsilon}
   * (tensorflow/python/ops/nn_impl.py, l2_normalize; graph/SiameseGraph.L2_EPSILON): a zero
   * embedding normalises to zero, not to NaN.
   */
  public static final float L2_EPSILON = 1e-12f;

  private final float clipEpsilon;
  private final float lower;
  private final float upper;

  /** The head of a model that clips its cosine to {@code [-1 + clipEpsilon, 1 - clipEpsilon]}. */
  public AngularDistance(float clipEpsilon) {
    // The range ModelSpec allows: below 1e-7, 1 - eps rounds to 1 in float32.
    if (!(clipEpsilon >= 1e-7f && clipEpsilon < 0.5f)) {
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
   * The head of {@code model}: its metadata's {@code clipEpsilon}, or {@link
   * ModelSpec#DEFAULT_CLIP_EPSILON} for a model without one (a Keras export without {@code
   * siamese-angular.json}).
   */
  public static AngularDistance of(SimilarityModel model) {
    Float eps = model.metadata().clipEpsilon();
    return new AngularDistance(eps != null ? eps : ModelSpec.DEFAULT_CLIP_EPSILON);
  }

  public float clipEpsilon() {
    return clipEpsilon;
  }

  /** The angular distance of two raw embeddings (as {@link SimilarityModel#embed} returns them). */
  public float distance(float[] embeddingA, float[] embeddingB) {
    if (embeddingA.length != embeddingB.length) {
      throw new IllegalArgumentException(
          "embeddings differ in length: " + embeddingA.length + " vs " + embeddingB.length);
    }
    return ofCosine(dot(normalize(embeddingA), normalize(embeddingB)));
  }

  /** The distance for a cosine: clipped, then {@code acos / pi}. */
  public float ofCosine(float cosine) {
    return ofClipped(clip(cosine));
  }

  /** {@code clip(cosine, -1 + eps, 1 - eps)} in float; NaN stays NaN, as in the graph. */
  float clip(float cosine) {
    return Math.min(Math.max(cosine, lower), upper);
  }

  /**
   * {@code acos(clipped) / pi} for an already clipped cosine; non-increasing in {@code clipped}.
   */
  static float ofClipped(float clipped) {
    return (float) (StrictMath.acos(clipped) / Math.PI);
  }

  /** {@code l2n(v)}, a new array. */
  public static float[] normalize(float[] embedding) {
    float[] out = new float[embedding.length];
    normalize(embedding, 0, out, 0, embedding.length);
    return out;
  }

  /** Writes {@code l2n(src[srcOffset, srcOffset + length))} to {@code dst} at {@code dstOffset}. */
  static void normalize(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
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

  /** The float dot product of two normalised embeddings, summed in component order. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors differ in length: " + a.length + " vs " + b.length);
    }
    return dot(a, 0, b, 0, a.length);
  }

  /**
   * A dot product summed in eight interleaved parts: about four times faster than {@link #dot}
   * (whose single running sum waits on each addition), and rounded differently. For ranking inside
   * the HNSW graph only; every distance returned is computed with {@link #dot}.
   */
  static float fastDot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    float s4 = 0f;
    float s5 = 0f;
    float s6 = 0f;
    float s7 = 0f;
    int i = 0;
    for (; i + 7 < length; i += 8) {
      s0 += a[aOffset + i] * b[bOffset + i];
      s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
      s4 += a[aOffset + i + 4] * b[bOffset + i + 4];
      s5 += a[aOffset + i + 5] * b[bOffset + i + 5];
      s6 += a[aOffset + i + 6] * b[bOffset + i + 6];
      s7 += a[aOffset + i + 7] * b[bOffset + i + 7];
    }
    for (; i < length; i++) {
      s0 += a[aOffset + i] * b[bOffset + i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }
}
