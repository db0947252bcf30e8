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
 * The encoding stage in front of the shared LSTM: raw code points {@code [A, B, 1]} to features
 * {@code [A, B, width]}, as {@link InputEncoding} defines them. Builds ops into a graph it does not
 * own and creates the hashed encoding's table as the variable {@link ModelNames#EMBEDDINGS}; one
 * encoder serves every input of the model.
 *
 * <pre>
 *   scalar:  (x - center) / scale
 *   hashed:  r_k = floorMod(x, m_k) + offset_k     float32, exact: code points are integers below 2^24
 *            e   = tanh(sum_k T[r_k])              one GatherV2 of [A, B, K] rows, summed over K
 * </pre>
 *
 * Padding (code point 0) gathers row {@code offset_k} of each block like any other value; {@link
 * SiameseGraph} takes each row's state at its own last real step, so padding never reaches an
 * embedding (and its rows get exactly zero gradient). {@code floorMod} keeps every index inside the
 * table for any input value, negative or huge, so no gather can go out of range.
 */
public final class CodePointEncoder {
  private final Ops tf;
  private final InputEncoding encoding;
  private final Variable<TFloat32> table;

  /**
   * @param embeddings the table's initial values, row-major {@code [rows, dimension]}, for the
   *     hashed encoding; null for the scalar one
   */
  public CodePointEncoder(Ops tf, InputEncoding encoding, float[] embeddings) {
    this.tf = tf;
    this.encoding = encoding;
    if (encoding instanceof InputEncoding.Hashed h) {
      long expected = (long) h.rows() * h.dimension();
      if (embeddings == null || embeddings.length != expected) {
        throw new IllegalArgumentException(
            "the code-point embedding table of "
                + h.describe()
                + " must have shape ["
                + h.rows()
                + ", "
                + h.dimension()
                + "] ("
                + expected
                + " values), found "
                + (embeddings == null ? "none" : embeddings.length + " values"));
      }
      String[] scope = ModelNames.EMBEDDINGS.split("/");
      table =
          tf.withSubScope(scope[0])
              .withName(scope[1])
              .variable(
                  tf.constant(
                      Shape.of(h.rows(), h.dimension()), DataBuffers.of(embeddings, true, false)));
    } else {
      if (embeddings != null) {
        throw new IllegalArgumentException(
            encoding.describe()
                + " has no embedding table, found "
                + embeddings.length
                + " values");
      }
      table = null;
    }
  }

  /** The learned variables: the table of the hashed encoding, none for the scalar one. */
  public List<Variable<TFloat32>> variables() {
    return table == null ? List.of() : List.of(table);
  }

  /** Features {@code [A, B, width]} of code points {@code [A, B, 1]} (any two leading axes). */
  public Operand<TFloat32> encode(Operand<TFloat32> codePoints) {
    if (encoding instanceof InputEncoding.Scalar s) {
      return tf.math.div(tf.math.sub(codePoints, tf.constant(s.center())), tf.constant(s.scale()));
    }
    return hashed(codePoints, (InputEncoding.Hashed) encoding);
  }

  private Operand<TFloat32> hashed(Operand<TFloat32> codePoints, InputEncoding.Hashed h) {
    int k = h.moduli().size();
    float[] moduli = new float[k];
    float[] offsets = new float[k];
    int[] starts = h.offsets();
    for (int i = 0; i < k; i++) {
      moduli[i] = h.moduli().get(i);
      offsets[i] = starts[i];
    }
    // [A, B, 1] mod [K] broadcasts to [A, B, K]; every value is an integer below 2^24, exact in
    // float32.
    Operand<TFloat32> rows =
        tf.math.add(tf.math.floorMod(codePoints, tf.constant(moduli)), tf.constant(offsets));
    Operand<TInt32> ids = tf.dtypes.cast(rows, TInt32.class);
    Operand<TFloat32> gathered = tf.gather(table, ids, tf.constant(0)); // [A, B, K, d]
    return tf.math.tanh(tf.reduceSum(gathered, tf.constant(2), ReduceSum.keepDims(false)));
  }
}
