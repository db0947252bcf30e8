package org.siameseangular.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.siameseangular.match.AngularDistance;

/**
 * L2-normalised embeddings as {@code binary} column values (float32, little-endian): what the
 * embedding table of {@link SiameseSpark#withDistance} carries through its joins, 4 bytes per unit
 * and no per-element boxing. The distance of two such values is {@link AngularDistance}'s, bit for
 * bit: it normalises each embedding the same way, once, here.
 */
final class Vectors {
  private Vectors() {}

  /** {@code l2n(embedding)} as bytes. */
  static byte[] normalizedBytes(float[] embedding) {
    float[] unit = AngularDistance.normalize(embedding);
    ByteBuffer b = ByteBuffer.allocate(4 * unit.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(unit);
    return b.array();
  }

  static float[] floats(byte[] bytes) {
    if (bytes.length % 4 != 0) {
      throw new IllegalArgumentException(
          "an embedding takes 4 bytes per unit, found " + bytes.length + " bytes");
    }
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /**
   * The angular distance of two normalised embeddings: {@code head.ofCosine(dot(a, b))}, which is
   * {@code head.distance} of the raw embeddings.
   */
  static float distance(AngularDistance head, byte[] a, byte[] b) {
    return head.ofCosine(AngularDistance.dot(floats(a), floats(b)));
  }
}
