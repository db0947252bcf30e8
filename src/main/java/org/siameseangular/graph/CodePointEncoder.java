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
 *   folded:  f   = FOLD[x] below 8192, x above; U+AC00 for every Hangul syllable
 *            r   = [floorMod(f, m_k) + offset_k ..., J + L, J + 20 + V, J + 42 + Tr,
 *                   J + 71 + floorMod(x, 1214)]    (InputEncoding.Folded)
 *            e   = tanh(sum_j T[r_j])
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
    if (encoding instanceof InputEncoding.Table h) {
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
    Operand<TFloat32> rows;
    if (encoding instanceof InputEncoding.Scalar s) {
      return tf.math.div(tf.math.sub(codePoints, tf.constant(s.center())), tf.constant(s.scale()));
    } else if (encoding instanceof InputEncoding.Hashed h) {
      rows = hashedRows(codePoints, h.moduli(), h.offsets());
    } else {
      rows = foldedRows(codePoints, (InputEncoding.Folded) encoding);
    }
    Operand<TInt32> ids = tf.dtypes.cast(rows, TInt32.class);
    Operand<TFloat32> gathered = tf.gather(table, ids, tf.constant(0)); // [A, B, K, d]
    return tf.math.tanh(tf.reduceSum(gathered, tf.constant(2), ReduceSum.keepDims(false)));
  }

  /** Row numbers {@code [A, B, K]} (float32) of the hashed blocks. */
  private Operand<TFloat32> hashedRows(
      Operand<TFloat32> codePoints, List<Integer> modulusList, int[] starts) {
    int k = modulusList.size();
    float[] moduli = new float[k];
    float[] offsets = new float[k];
    for (int i = 0; i < k; i++) {
      moduli[i] = modulusList.get(i);
      offsets[i] = starts[i];
    }
    // [A, B, 1] mod [K] broadcasts to [A, B, K]; every value is an integer below 2^24, exact in
    // float32.
    return tf.math.add(tf.math.floorMod(codePoints, tf.constant(moduli)), tf.constant(offsets));
  }

  /** Row numbers {@code [A, B, K + 4]} (float32) of the folded encoding. */
  private Operand<TFloat32> foldedRows(Operand<TFloat32> x, InputEncoding.Folded e) {
    float size = CodePointFold.SIZE;
    var inTable = tf.math.logicalAnd(tf.math.greaterEqual(x, c(0)), tf.math.less(x, c(size)));
    Operand<TInt32> at = tf.dtypes.cast(tf.clipByValue(x, c(0), c(size - 1)), TInt32.class);
    Operand<TFloat32> fold = tf.constant(CodePointFold.table());
    Operand<TFloat32> folded = tf.select(inTable, tf.gather(fold, at, tf.constant(0)), x);
    Operand<TFloat32> s = tf.math.sub(x, c(InputEncoding.Folded.HANGUL_FIRST));
    var syllable =
        tf.math.logicalAnd(
            tf.math.greaterEqual(s, c(0)), tf.math.less(s, c(InputEncoding.Folded.HANGUL_COUNT)));
    folded = tf.select(syllable, filled(s, InputEncoding.Folded.HANGUL_FIRST), folded);
    int vt = (InputEncoding.Folded.VOWELS) * InputEncoding.Folded.TRAILS; // 588
    Operand<TFloat32> lead =
        tf.select(syllable, tf.math.floorDiv(s, c(vt)), filled(s, InputEncoding.Folded.LEADS));
    Operand<TFloat32> vowel =
        tf.select(
            syllable,
            tf.math.floorDiv(tf.math.floorMod(s, c(vt)), c(InputEncoding.Folded.TRAILS)),
            filled(s, InputEncoding.Folded.VOWELS));
    Operand<TFloat32> trail =
        tf.select(
            syllable,
            tf.math.floorMod(s, c(InputEncoding.Folded.TRAILS)),
            filled(s, InputEncoding.Folded.TRAILS));
    int j = e.jamoOffset();
    Operand<TFloat32> detail =
        tf.math.add(
            tf.math.floorMod(x, c(InputEncoding.Folded.DETAIL_MODULUS)), c(e.detailOffset()));
    return tf.concat(
        List.of(
            hashedRows(folded, e.moduli(), e.offsets()),
            tf.math.add(lead, c(j)),
            tf.math.add(vowel, c(j + InputEncoding.Folded.LEADS + 1)),
            tf.math.add(
                trail, c(j + InputEncoding.Folded.LEADS + 1 + InputEncoding.Folded.VOWELS + 1)),
            detail),
        tf.constant(2));
  }

  private Operand<TFloat32> c(float value) {
    return tf.constant(value);
  }

  private Operand<TFloat32> filled(Operand<TFloat32> like, float value) {
    return tf.fill(tf.shape(like), c(value));
  }
}
