package org.siameseangular.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The encoding stage in front of the shared LSTM: raw code points {@code [B, T, 1]} to features
 * {@code [B, T, width]}, as {@link InputEncoding} defines them. Builds ops into a graph it does not own and
 * creates the encoding's learned table, if any, as a variable; shared by every input of the model.
 *
 * <pre>
 *   scalar:    (x - center) / scale
 *   hashed:    r_k = x mod m_k  (floorMod on float32: exact, since code points are integers below 2^24)
 *              e   = sum_k T[offset_k + r_k]          one GatherV2 of [B, T, K] rows, summed over K
 *              e   = tanh(e)                          if bounded
 *   periodic:  r_k = x mod p_k,  a_k = r_k * (2 pi / p_k),  e = concat(sin a, cos a)
 *   combined:  concat(hashed, periodic)
 * </pre>
 *
 * Padding (code point 0) gets a representation like any other value (row 0 of each modulus; sin 0, cos 1);
 * {@link SiameseGraph} takes each row's state at its own last real step, so padding never reaches an embedding.
 * {@code floorMod} keeps every index inside the table for any input value, so no gather can go out of range.
 */
public final class CodePointEncoder {
  /** The variable holding the hashed encoding's table; like a Keras {@code Embedding} layer's weight. */
  public static final String TABLE_NAME = "code_point_embedding/embeddings";

  private final Ops tf;
  private final InputEncoding encoding;
  private final Variable<TFloat32> table;

  /**
   * @param tables the initial values of {@link InputEncoding#tableShapes()}, row-major, in order
   */
  public CodePointEncoder(Ops tf, InputEncoding encoding, List<float[]> tables) {
    this.tf = tf;
    this.encoding = encoding;
    List<long[]> shapes = encoding.tableShapes();
    if (tables.size() != shapes.size()) {
      throw new IllegalArgumentException(encoding.describe() + " has " + shapes.size()
          + " learned tables, found initial values for " + tables.size());
    }
    if (shapes.isEmpty()) {
      table = null;
    } else {
      long[] shape = shapes.get(0);
      float[] values = tables.get(0);
      if (values == null || values.length != shape[0] * shape[1]) {
        throw new IllegalArgumentException("the code-point table must have shape [" + shape[0] + ", "
            + shape[1] + "] (" + shape[0] * shape[1] + " values), found "
            + (values == null ? "none" : values.length + " values"));
      }
      String[] scope = TABLE_NAME.split("/");
      table = tf.withSubScope(scope[0]).withName(scope[1])
          .variable(tf.constant(Shape.of(shape), DataBuffers.of(values, true, false)));
    }
  }

  public InputEncoding encoding() {
    return encoding;
  }

  /** The learned variables (none, or the one table). */
  public List<Variable<TFloat32>> variables() {
    return table == null ? List.of() : List.of(table);
  }

  /** Features {@code [B, T, width]} of code points {@code [B, T, 1]}. */
  public Operand<TFloat32> encode(Operand<TFloat32> codePoints) {
    if (encoding instanceof InputEncoding.Scalar s) {
      return tf.math.div(tf.math.sub(codePoints, tf.constant(s.center())), tf.constant(s.scale()));
    }
    if (encoding instanceof InputEncoding.Hashed h) {
      return hashed(codePoints, h);
    }
    if (encoding instanceof InputEncoding.Periodic p) {
      return periodic(codePoints, p);
    }
    var c = (InputEncoding.Combined) encoding;
    return tf.concat(List.of(hashed(codePoints, c.hashed()), periodic(codePoints, c.periodic())),
        tf.constant(2));
  }

  private Operand<TFloat32> hashed(Operand<TFloat32> codePoints, InputEncoding.Hashed h) {
    int k = h.moduli().size();
    float[] moduli = new float[k];
    float[] offsets = new float[k];
    float offset = 0;
    for (int i = 0; i < k; i++) {
      moduli[i] = h.moduli().get(i);
      offsets[i] = offset;
      offset += moduli[i];
    }
    // [B, T, 1] mod [K] broadcasts to [B, T, K]; every value is an integer below 2^24, exact in float32.
    Operand<TFloat32> rows = tf.math.add(tf.math.floorMod(codePoints, tf.constant(moduli)), tf.constant(offsets));
    Operand<TInt32> ids = tf.dtypes.cast(rows, TInt32.class);
    Operand<TFloat32> gathered = tf.gather(table, ids, tf.constant(0)); // [B, T, K, d]
    Operand<TFloat32> summed = tf.reduceSum(gathered, tf.constant(2), ReduceSum.keepDims(false));
    return h.bounded() ? tf.math.tanh(summed) : summed;
  }

  private Operand<TFloat32> periodic(Operand<TFloat32> codePoints, InputEncoding.Periodic p) {
    int k = p.periods().size();
    float[] periods = new float[k];
    float[] frequencies = new float[k];
    for (int i = 0; i < k; i++) {
      periods[i] = p.periods().get(i);
      frequencies[i] = (float) (2 * Math.PI / p.periods().get(i));
    }
    Operand<TFloat32> angles =
        tf.math.mul(tf.math.floorMod(codePoints, tf.constant(periods)), tf.constant(frequencies));
    return tf.concat(List.of(tf.math.sin(angles), tf.math.cos(angles)), tf.constant(2));
  }
}
