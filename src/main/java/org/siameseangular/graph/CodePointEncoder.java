package org.siameseangular.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The encoding stage in front of the shared LSTM: raw code points {@code [A, B, 1]} to features
 * {@code [A, B, width]}, as {@link InputEncoding} defines them. Builds ops into a graph it does not
 * own and creates a table encoding's table (hashed or folded) as the variable {@link
 * ModelNames#EMBEDDINGS}; one encoder serves every input of the model.
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
 * Padding (code point 0) gathers its rows like any other value; {@link SiameseGraph} takes each
 * row's state at its own last real step, so padding never reaches an embedding and adds exactly
 * zero gradient to the rows it gathers. {@code floorMod} keeps every index inside the table for any
 * input value, negative or huge, so no gather can go out of range.
 */
public final class CodePointEncoder {
  private final Ops tf;
  private final InputEncoding encoding;
  private final Variable<TFloat32> table;
  // The folded encoding's constant tables (null otherwise); see foldedRows.
  private final Operand<TFloat32> foldDelta;
  private final Operand<TFloat32> syllableDelta;
  private final Operand<TFloat32> jamoRows;

  /**
   * @param embeddings the table's initial values, row-major {@code [rows, dimension]}, for the
   *     hashed and folded encodings; null for the scalar one
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
    if (encoding instanceof InputEncoding.Folded f) {
      foldDelta = tf.constant(foldDeltas());
      syllableDelta = tf.constant(syllableDeltas());
      jamoRows = tf.constant(jamoTable(f));
    } else {
      foldDelta = null;
      syllableDelta = null;
      jamoRows = null;
    }
  }

  /** The learned variables: the table of a table encoding, none for the scalar one. */
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

  /**
   * Row numbers {@code [A, B, K + 4]} (float32) of the folded encoding, with few ops (each costs
   * about a microsecond per call, which a single pair's latency feels): the fold as {@code x +
   * delta[clip(x, 0, 8192)]} (entry 8192 and the entries of code points that fold to themselves are
   * 0), the jamo rows and the syllables' shared fold from two tables indexed by {@code clip(x -
   * 0xAC00 + 1, 0, 11173)} (0 and 11173 stand for "below" and "above" the syllables). The same
   * integers as the definition's arithmetic ({@link InputEncoding.Folded}), all exact in float32.
   */
  private Operand<TFloat32> foldedRows(Operand<TFloat32> x, InputEncoding.Folded e) {
    Operand<TFloat32> fold =
        tf.math.add(x, tf.gather(foldDelta, index(x, 0, CodePointFold.SIZE), tf.constant(0)));
    Operand<TInt32> k =
        index(
            tf.math.add(x, c(1 - InputEncoding.Folded.HANGUL_FIRST)),
            0,
            InputEncoding.Folded.HANGUL_COUNT + 1);
    Operand<TFloat32> folded = tf.math.add(fold, tf.gather(syllableDelta, k, tf.constant(0)));
    // [A, B, 1] indices into [11174, 3] rows: [A, B, 1, 3], squeezed to [A, B, 3].
    Operand<TFloat32> jamo =
        tf.squeeze(tf.gather(jamoRows, k, tf.constant(0)), Squeeze.axis(List.of(2L)));
    Operand<TFloat32> detail =
        tf.math.add(
            tf.math.floorMod(x, c(InputEncoding.Folded.DETAIL_MODULUS)), c(e.detailOffset()));
    return tf.concat(
        List.of(hashedRows(folded, e.moduli(), e.offsets()), jamo, detail), tf.constant(2));
  }

  /** {@code int32(clip(x, low, high))}. */
  private Operand<TInt32> index(Operand<TFloat32> x, float low, float high) {
    return tf.dtypes.cast(tf.clipByValue(x, c(low), c(high)), TInt32.class);
  }

  private Operand<TFloat32> c(float value) {
    return tf.constant(value);
  }

  /** {@code fold(c) - c} for c in [0, 8192), and 0 at index 8192 (all code points above). */
  private static float[] foldDeltas() {
    float[] fold = CodePointFold.table();
    float[] delta = new float[fold.length + 1];
    for (int c = 0; c < fold.length; c++) {
      delta[c] = fold[c] - c;
    }
    return delta;
  }

  /**
   * Index {@code i} = 1 + syllable number; 0 and 11173 = no syllable. Column 0..2: the rows of the
   * leading consonant, vowel and trailing consonant (the "none" rows for 0 and 11173).
   */
  private static float[][] jamoTable(InputEncoding.Folded e) {
    int n = InputEncoding.Folded.HANGUL_COUNT;
    int j = e.jamoOffset();
    int vowels = j + InputEncoding.Folded.LEADS + 1;
    int trails = vowels + InputEncoding.Folded.VOWELS + 1;
    float[][] rows = new float[n + 2][];
    float[] none = {
      j + InputEncoding.Folded.LEADS,
      vowels + InputEncoding.Folded.VOWELS,
      trails + InputEncoding.Folded.TRAILS
    };
    rows[0] = none;
    rows[n + 1] = none;
    int perLead = InputEncoding.Folded.VOWELS * InputEncoding.Folded.TRAILS; // 588
    for (int s = 0; s < n; s++) {
      rows[s + 1] =
          new float[] {
            j + s / perLead,
            vowels + s % perLead / InputEncoding.Folded.TRAILS,
            trails + s % InputEncoding.Folded.TRAILS
          };
    }
    return rows;
  }

  /** {@code U+AC00 - c} for each syllable c (its fold becomes U+AC00), 0 for "no syllable". */
  private static float[] syllableDeltas() {
    int n = InputEncoding.Folded.HANGUL_COUNT;
    float[] delta = new float[n + 2];
    for (int s = 0; s < n; s++) {
      delta[s + 1] = -s;
    }
    return delta;
  }
}
