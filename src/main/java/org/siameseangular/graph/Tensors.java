package org.siameseangular.graph;

import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/** Reading tensors back into Java arrays. */
public final class Tensors {
  private Tensors() {}

  /**
   * All values of a float32 tensor, row-major (a {@code [B, 1]} distance column, a {@code [B, u]}
   * embedding matrix, a variable's value). The tensor stays open: its owner closes it.
   */
  public static float[] floats(Tensor tensor) {
    if (!(tensor instanceof TFloat32 t)) {
      throw new IllegalArgumentException(
          "expected a float32 tensor, found " + tensor.dataType() + " " + tensor.shape());
    }
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }
}
