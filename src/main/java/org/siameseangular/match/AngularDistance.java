package org.siameseangular.match;

import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.AngularHead;
import org.siameseangular.model.SimilarityModel;

/**
 * The model's head in plain Java: the angular distance of two embeddings, the number that {@link
 * SimilarityModel#distance} returns (computed in the graph, {@code graph/SiameseGraph}, for large
 * batches, and with this arithmetic for small ones), without a Session call.
 *
 * <pre>
 *   l2n(v)   = v / sqrt(max(sum v^2, 1e-12))                       (l2_normalize's floor)
 *   cos      = &lt;l2n(a), l2n(b)&gt;
 *   distance = acos(clip(cos, -1 + eps, 1 - eps)) / pi            in [0, 1]
 * </pre>
 *
 * <p>Arithmetic ({@link AngularHead}'s, which {@link SimilarityModel} uses for small batches),
 * fixed so that results are bit-identical on every JVM and between the ways this package computes
 * them ({@link ExactIndex}'s blocked scan, {@link HnswIndex}'s re-ranking and this class): the
 * squared norm and its inverse square root in double, each normalised component rounded once to
 * float; the dot product in float, summed in component order (Java does not contract {@code a * b +
 * c} into a fused multiply-add); the clip in float with the graph's own constants {@code -1f + eps}
 * and {@code 1f - eps}; {@code StrictMath.acos} (fdlibm, the same bits everywhere) and the division
 * by pi in double, rounded once to float. How closely this agrees with the graph's float32 kernels
 * is derived in {@code AngularDistanceTest}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AngularDistance {
  /** The floor on the squared norm: {@link AngularHead#L2_EPSILON}. */
  public static final float L2_EPSILON = AngularHead.L2_EPSILON;

  private final AngularHead head;

  /** The head of a model that clips its cosine to {@code [-1 + clipEpsilon, 1 - clipEpsilon]}. */
  public AngularDistance(float clipEpsilon) {
    this.head = new AngularHead(clipEpsilon);
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
    return head.clipEpsilon();
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
    return head.clip(cosine);
  }

  /**
   * {@code acos(clipped) / pi} for an already clipped cosine; non-increasing in {@code clipped}.
   */
  static float ofClipped(float clipped) {
    return AngularHead.ofClipped(clipped);
  }

  /** {@code l2n(v)}, a new array. */
  public static float[] normalize(float[] embedding) {
    float[] out = new float[embedding.length];
    normalize(embedding, 0, out, 0, embedding.length);
    return out;
  }

  /** Writes {@code l2n(src[srcOffset, srcOffset + length))} to {@code dst} at {@code dstOffset}. */
  static void normalize(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    AngularHead.normalize(src, srcOffset, dst, dstOffset, length);
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
    return AngularHead.dot(a, aOffset, b, bOffset, length);
  }
}
