package org.siameseangular.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The siamese model as TensorFlow ops: one LSTM shared by both inputs, and the angular distance of
 * the two embeddings. Builds into a graph it does not own; owns no session.
 *
 * <p>For a batch of code-point sequences {@code x: [B, T, 1]}, right-padded with 0 (U+0000 is never
 * text):
 *
 * <pre>
 *   valid_bt   = [x_bt != 0]            n_b = max(sum_t valid_bt, 1)
 *   len_b      = 1 + index of the last non-zero step of x_b            (0 for an all-padding row)
 *   s          = encode(x)      [B, T, width]: the {@link CodePointEncoder} ((x - 96) / 32, or
 *                               tanh of the hashed or folded code-point embedding)
 *   h_1..h_T   = LSTM(s) with Keras semantics (gates i, f, c, o; zero initial state)
 *   embed(x)_b = last:     h_{len_b}[b]     [units]  (the state after the last real step; zeros
 *                                                     when len_b = 0)
 *                mean-bag: concat(sum_t valid_bt h_t[b] / n_b,
 *                                 sum_t valid_bt s_t[b] / n_b)   [units + width]  (zeros when empty)
 *                words:    as mean-bag over the letters only (the steps that are not
 *                          WordSplit.SEPARATORS), with h'_t = the LSTM's output at letter t when it
 *                          reads t's word alone from the zero state: the code points are first
 *                          laid out one word per row ({@link WordSplit}), the LSTM runs over
 *                          [B * W, L], and the sums go over each row's words  (zeros when no letter)
 *                windows:  as words with h'_t = the LSTM's output after reading, from the zero
 *                          state, the last Pooling.WINDOW letters of t's word up to t (fewer near
 *                          its start): only the letters are computed, the window cell unrolled on
 *                          one input projection per letter (see windows())
 *   cos        = &lt;l2n(embed(left)), l2n(embed(right))&gt;
 *   l2n(v)     = v * rsqrt(max(sum v^2, 1e-12))
 *   distance   = acos(clip(cos, -1 + eps, 1 - eps)) / pi             in [0, 1], 0 = same direction
 * </pre>
 *
 * For last, mean-bag and words the LSTM is the fused {@code BlockLSTMV2} op (time-major, one {@code
 * seq_len_max} for the batch); because the cell is causal, taking {@code h} at each row's own last
 * step (or averaging over its real steps) gives exactly what the unpadded string gives, so an
 * embedding depends neither on padding nor on the rest of the batch. The {@link Pooling} is the
 * spec's. Its gradient is registered by {@link BlockLstmGradient}.
 */
public final class SiameseGraph {
  private final Ops tf;
  private final FrameworkOps framework;
  private final ModelSpec spec;
  private final CodePointEncoder encoder;
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> recurrentKernel;
  private final Variable<TFloat32> bias;

  /** Code points {@code [B, T, 1]} of the left strings: input of {@code serving_default}. */
  public final Placeholder<TFloat32> left;

  /** Code points {@code [B, T, 1]} of the right strings: input of {@code serving_default}. */
  public final Placeholder<TFloat32> right;

  /** Code points {@code [B, T, 1]}: input of {@code embed}. */
  public final Placeholder<TFloat32> text;

  /** The unclipped cosine {@code [B, 1]} of the two embeddings (for tests of the clip). */
  public final Operand<TFloat32> cosine;

  /** The angular distance {@code [B, 1]}: output of {@code serving_default}. */
  public final Operand<TFloat32> distance;

  /** The embeddings {@code [B, spec.embeddingSize()]} of {@link #text}: output of {@code embed}. */
  public final Operand<TFloat32> textEmbedding;

  private SiameseGraph(
      Ops tf, ModelSpec spec, ModelWeights weights, boolean clipCosine, boolean oneEncoderCall) {
    BlockLstmGradient.ensureRegistered();
    this.tf = tf;
    this.framework = FrameworkOps.create(tf);
    this.spec = spec;
    int u = spec.units();
    LstmWeights initial = weights.lstm();
    encoder = new CodePointEncoder(tf, spec.encoding(), weights.embeddings());
    Ops lstm = tf.withSubScope("lstm");
    kernel =
        lstm.withName("kernel")
            .variable(constant(initial.kernel(), spec.encoding().width(), 4 * u));
    recurrentKernel =
        lstm.withName("recurrent_kernel").variable(constant(initial.recurrentKernel(), u, 4 * u));
    bias = lstm.withName("bias").variable(constant(initial.bias(), 4 * u));

    Shape sequences = Shape.of(-1, -1, 1);
    left = tf.withName(ModelNames.LEFT).placeholder(TFloat32.class, Placeholder.shape(sequences));
    right = tf.withName(ModelNames.RIGHT).placeholder(TFloat32.class, Placeholder.shape(sequences));
    text = tf.withName(ModelNames.TEXT).placeholder(TFloat32.class, Placeholder.shape(sequences));

    Operand<TFloat32> leftEmbedding;
    Operand<TFloat32> rightEmbedding;
    if (oneEncoderCall) {
      var sides = tf.split(tf.constant(0), encode(stackSides(left, right)), 2L).output();
      leftEmbedding = sides.get(0);
      rightEmbedding = sides.get(1);
    } else {
      leftEmbedding = encode(left);
      rightEmbedding = encode(right);
    }
    textEmbedding = tf.withName(ModelNames.EMBEDDING).identity(encode(text));
    Operand<TFloat32> dot =
        tf.reduceSum(
            tf.math.mul(l2Normalize(leftEmbedding), l2Normalize(rightEmbedding)),
            tf.constant(1),
            ReduceSum.keepDims(true));
    cosine = dot;
    Operand<TFloat32> safe =
        clipCosine
            ? tf.clipByValue(
                dot, tf.constant(-1f + spec.clipEpsilon()), tf.constant(1f - spec.clipEpsilon()))
            : dot;
    distance =
        tf.withName(ModelNames.DISTANCE).math.div(tf.math.acos(safe), tf.constant((float) Math.PI));
  }

  /** The model with the clipped cosine, initialised with {@code initial}. */
  public static SiameseGraph build(Ops tf, ModelSpec spec, ModelWeights initial) {
    initial.requireFits(spec);
    return new SiameseGraph(tf, spec, initial, true, false);
  }

  /**
   * As {@link #build(Ops, ModelSpec, ModelWeights)}, the same function, with the two sides stacked
   * and encoded by one call: {@code left} and {@code right} padded to the longer of the two and
   * stacked into one batch of 2B rows. Half the ops of two calls, forward and backward: for small
   * batches in a session that runs one op at a time ({@link SessionConfig#TRAINING}), where each
   * op's fixed cost dominates. {@link #build} keeps two calls: a session with two ops at once
   * ({@link SessionConfig#DEFAULT}) runs them side by side, and for large batches two halves keep
   * more of their intermediates in the core's cache.
   */
  public static SiameseGraph buildStacked(Ops tf, ModelSpec spec, ModelWeights initial) {
    initial.requireFits(spec);
    return new SiameseGraph(tf, spec, initial, true, true);
  }

  /** As {@link #build(Ops, ModelSpec, ModelWeights)} for an encoding without a table (scalar). */
  public static SiameseGraph build(Ops tf, ModelSpec spec, LstmWeights initial) {
    return build(tf, spec, ModelWeights.of(initial));
  }

  /**
   * The original's head, {@code acos(cos) / pi} with no clip, which goes NaN. Only for tests that
   * prove the clip matters.
   */
  public static SiameseGraph buildUnclipped(Ops tf, ModelSpec spec, ModelWeights initial) {
    initial.requireFits(spec);
    return new SiameseGraph(tf, spec, initial, false, false);
  }

  /** As {@link #buildUnclipped(Ops, ModelSpec, ModelWeights)} for the scalar encoding. */
  public static SiameseGraph buildUnclipped(Ops tf, ModelSpec spec, LstmWeights initial) {
    return buildUnclipped(tf, spec, ModelWeights.of(initial));
  }

  public ModelSpec spec() {
    return spec;
  }

  /** The LSTM's three variables, in Keras's order: kernel, recurrent_kernel, bias. */
  public List<Variable<TFloat32>> variables() {
    return List.of(kernel, recurrentKernel, bias);
  }

  /**
   * Every trainable variable: the encoding's table (hashed only), then the LSTM's three. The order
   * of {@link ModelWeights}' values and of the optimizer's slots.
   */
  public List<Variable<TFloat32>> trainableVariables() {
    var all = new ArrayList<>(encoder.variables());
    all.addAll(variables());
    return List.copyOf(all);
  }

  /**
   * {@code [2B, max(T_l, T_r), 1]}: the rows of {@code left} then those of {@code right}, each side
   * right-padded with 0 to the longer one's steps (padding changes no embedding).
   */
  private Operand<TFloat32> stackSides(Operand<TFloat32> left, Operand<TFloat32> right) {
    Operand<TInt32> leftTime = tf.gather(tf.shape(left), tf.constant(1), tf.constant(0));
    Operand<TInt32> rightTime = tf.gather(tf.shape(right), tf.constant(1), tf.constant(0));
    Operand<TInt32> time = tf.math.maximum(leftTime, rightTime);
    return tf.concat(
        List.of(padTo(left, leftTime, time), padTo(right, rightTime, time)), tf.constant(0));
  }

  /** {@code x: [B, t, 1]} right-padded with 0 to {@code [B, time, 1]}. */
  private Operand<TFloat32> padTo(Operand<TFloat32> x, Operand<TInt32> t, Operand<TInt32> time) {
    Operand<TInt32> after = tf.math.sub(time, t);
    Operand<TInt32> zero = tf.constant(0);
    Operand<TInt32> paddings =
        tf.reshape(
            tf.stack(List.of(zero, zero, zero, after, zero, zero)), tf.constant(new int[] {3, 2}));
    return tf.pad(x, paddings, tf.constant(0f));
  }

  /**
   * Embeddings {@code [B, spec.embeddingSize()]} of right-padded code-point sequences {@code [B, T,
   * 1]}.
   */
  private Operand<TFloat32> encode(Operand<TFloat32> codePoints) {
    Operand<TInt32> shape = tf.shape(codePoints);
    Operand<TInt32> batch = tf.gather(shape, tf.constant(0), tf.constant(0));
    Operand<TInt32> time = tf.gather(shape, tf.constant(1), tf.constant(0));

    Operand<TFloat32> steps = tf.reshape(codePoints, tf.stack(List.of(batch, time)));
    if (spec.pooling() == Pooling.WORDS) {
      return words(steps, batch);
    }
    if (spec.pooling() == Pooling.WINDOWS) {
      return windows(steps, batch, time);
    }
    // len_b = max over t of (t + 1) * [x_bt != 0]
    Operand<TFloat32> valid =
        tf.dtypes.cast(tf.math.notEqual(steps, tf.constant(0f)), TFloat32.class);
    Operand<TFloat32> positions =
        tf.dtypes.cast(
            tf.range(tf.constant(1), tf.math.add(time, tf.constant(1)), tf.constant(1)),
            TFloat32.class);
    Operand<TInt32> lengths =
        tf.dtypes.cast(tf.reduceMax(tf.math.mul(valid, positions), tf.constant(1)), TInt32.class);

    // The encoding works per step, so encode after going time-major: the transpose then moves one
    // value per step instead of the encoding's width.
    Operand<TFloat32> timeMajor =
        encoder.encode(tf.linalg.transpose(codePoints, tf.constant(new int[] {1, 0, 2})));
    Operand<TFloat32> h = lstm(timeMajor, batch, time);
    return switch (spec.pooling()) {
      case LAST -> last(h, lengths, batch);
      case MEAN_BAG -> meanBag(h, timeMajor, valid);
      case WORDS, WINDOWS -> throw new AssertionError("pooled above");
    };
  }

  /** The LSTM's outputs {@code h: [T, rows, u]} for encoded steps {@code s: [T, rows, width]}. */
  private Operand<TFloat32> lstm(Operand<TFloat32> s, Operand<TInt32> rows, Operand<TInt32> time) {
    int u = spec.units();
    Operand<TFloat32> zeroState = tf.fill(tf.stack(List.of(rows, tf.constant(u))), tf.constant(0f));
    Operand<TFloat32> noPeephole = tf.constant(new float[u]);
    Operand<TFloat32> w = tf.concat(List.of(kernel, recurrentKernel), tf.constant(0));
    Operand<TInt64> seqLenMax = tf.dtypes.cast(time, TInt64.class);
    BlockLSTM<TFloat32> cell =
        tf.nn.blockLSTM(
            seqLenMax, s, zeroState, zeroState, w, noPeephole, noPeephole, noPeephole, bias);
    return cell.h();
  }

  /**
   * The "words" pooling of {@code steps: [B, T]}: the LSTM over each word of {@link WordSplit} on
   * its own, then {@code concat(sum of h over every letter / n_b, sum of s over every letter /
   * n_b)} with {@code n_b = max(letters of row b, 1)}: zeros for a row without a letter.
   */
  private Operand<TFloat32> words(Operand<TFloat32> steps, Operand<TInt32> batch) {
    WordSplit.Words words = WordSplit.split(tf, steps);
    Operand<TInt32> gridShape = tf.shape(words.grid());
    Operand<TInt32> rows = tf.gather(gridShape, tf.constant(0), tf.constant(0));
    Operand<TInt32> longest = tf.gather(gridShape, tf.constant(1), tf.constant(0));
    Operand<TFloat32> timeMajor = tf.linalg.transpose(words.grid(), tf.constant(new int[] {1, 0}));
    Operand<TFloat32> s = encoder.encode(tf.expandDims(timeMajor, tf.constant(2)));
    Operand<TFloat32> h = lstm(s, rows, longest);
    Operand<TFloat32> mask =
        tf.expandDims(
            tf.dtypes.cast(tf.math.notEqual(timeMajor, tf.constant(0f)), TFloat32.class),
            tf.constant(2));
    Operand<TFloat32> count = tf.math.maximum(words.letters(), tf.constant(1f));
    Operand<TFloat32> sumH = perRow(tf.reduceSum(tf.math.mul(h, mask), tf.constant(0)), batch);
    Operand<TFloat32> sumS = perRow(tf.reduceSum(tf.math.mul(s, mask), tf.constant(0)), batch);
    return tf.concat(List.of(tf.math.div(sumH, count), tf.math.div(sumS, count)), tf.constant(1));
  }

  /**
   * The "windows" pooling of {@code steps: [B, T]}: for each letter t (a step that is not padding
   * and not one of {@link WordSplit#SEPARATORS}), the LSTM reads from the zero state the window of
   * its word's letters that ends at t, at most {@link Pooling#WINDOW} long; {@code h'_t} is its
   * output at t. Then {@code concat(sum_t letter_t h'_t / n_b, sum_t letter_t s_t / n_b)} with
   * {@code n_b = max(letters of row b, 1)}: zeros for a row without a letter.
   *
   * <p>Only letters are computed: they are gathered, in the batch's row-major order, into one list
   * of M (no padding, no separator), where a letter's predecessor in its word is the entry before
   * it. The window cell is unrolled on one input projection {@code z = s K + b} per letter,
   * computed once per distinct code point of the batch (far fewer than its letters) and gathered to
   * the letters; letter-major, {@code [M, 4u]}:
   *
   * <pre>
   *   (c1, h1)[m] = cell(z[m], 0, 0)                       the window of 1 letter ending at m
   *   (c2, h2)[m] = cell(z[m] + h1[m-1] U, c1[m-1])         of 2 letters (valid if run_m >= 2)
   *   (c3, h3)[m] = cell(z[m] + h2[m-1] U, c2[m-1])         of 3 letters (valid if run_m >= 3)
   *   h'[m]       = h1, h2 or h3 by run_m (1, 2, >= 3)
   * </pre>
   *
   * with Keras's cell (gates i, f, c, o; sigmoid and tanh). Entry m - 1 of the first letter of a
   * word is another word's (or row's) letter; its value is computed and not selected. One segment
   * sum carries each letter's values to its row.
   */
  private Operand<TFloat32> windows(
      Operand<TFloat32> steps, Operand<TInt32> batch, Operand<TInt32> time) {
    int width = spec.encoding().width();
    Operand<TBool> isLetter = WordSplit.isLetter(tf, steps);
    Operand<TFloat32> letter = tf.dtypes.cast(isLetter, TFloat32.class);
    // run_bt = letters in a row ending at t, at most WINDOW: 1 + l1 + l1 l2 (l_j = letter_b(t-j))
    Operand<TFloat32> run = letter;
    Operand<TFloat32> product = letter;
    for (int j = 1; j < Pooling.WINDOW; j++) {
      product = tf.math.mul(product, shifted(letter, j, batch, time));
      run = tf.math.add(run, product);
    }
    Operand<TInt64> at = tf.where(isLetter); // [M, 2], row-major
    Operand<TFloat32> codePoints = tf.gatherNd(steps, at); // [M]
    // A batch's letters repeat far fewer distinct code points: encode and project each once.
    Unique<TFloat32, TInt32> distinct = tf.unique(codePoints, tf.constant(new int[] {0}));
    Operand<TFloat32> encoded =
        tf.reshape(
            encoder.encode(tf.reshape(distinct.y(), tf.constant(new int[] {-1, 1, 1}))),
            tf.constant(new int[] {-1, width})); // [D, width]
    // The weights copied once, as the fused LSTM's concat does: the optimizer updates the variables
    // in place, and every op of a training step, backward ones included, must read the values of
    // its start (reading the variables directly made Adam's steps depend on thread timing).
    Operand<TFloat32> w = tf.concat(List.of(kernel, recurrentKernel), tf.constant(0));
    Operand<TFloat32> k =
        tf.stridedSlice(
            w,
            tf.constant(new int[] {0, 0}),
            tf.constant(new int[] {width, 0}),
            tf.constant(new int[] {1, 1}),
            StridedSlice.endMask(2L));
    Operand<TFloat32> recurrent =
        tf.stridedSlice(
            w,
            tf.constant(new int[] {width, 0}),
            tf.constant(new int[] {0, 0}),
            tf.constant(new int[] {1, 1}),
            StridedSlice.endMask(3L));
    // The input projection z = s K + b of each distinct code point, then of each letter.
    Operand<TFloat32> projected = tf.math.add(tf.linalg.matMul(encoded, k), bias); // [D, 4u]
    Operand<TFloat32> z = tf.gather(projected, distinct.idx(), tf.constant(0)); // [M, 4u]
    Operand<TFloat32> s = tf.gather(encoded, distinct.idx(), tf.constant(0)); // [M, width]

    List<Operand<TFloat32>> g1 = gates(z);
    Operand<TFloat32> c1 = tf.math.mul(g1.get(0), g1.get(2));
    Operand<TFloat32> h1 = tf.math.mul(g1.get(3), tf.math.tanh(c1));
    Cell cell2 = cell(z, recurrent, previous(h1), previous(c1));
    Cell cell3 = cell(z, recurrent, previous(cell2.h()), previous(cell2.c()));
    Operand<TFloat32> runs = tf.reshape(tf.gatherNd(run, at), tf.constant(new int[] {-1, 1}));
    Operand<TFloat32> h =
        tf.select(
            tf.math.equal(runs, tf.constant(1f)),
            h1,
            tf.select(tf.math.equal(runs, tf.constant(2f)), cell2.h(), cell3.h())); // [M, u]

    // Each letter's values summed into its row.
    Operand<TFloat32> perLetter = tf.concat(List.of(h, s), tf.constant(1)); // [M, u + width]
    Operand<TInt64> row =
        tf.reshape(
            tf.slice(at, tf.constant(new long[] {0, 0}), tf.constant(new long[] {-1, 1})),
            tf.constant(new int[] {-1}));
    Operand<TFloat32> sums = tf.math.unsortedSegmentSum(perLetter, row, batch); // [B, u + width]
    Operand<TFloat32> count =
        tf.math.maximum(
            tf.reduceSum(letter, tf.constant(1), ReduceSum.keepDims(true)), tf.constant(1f));
    return tf.math.div(sums, count);
  }

  /** A cell's state and output. */
  private record Cell(Operand<TFloat32> c, Operand<TFloat32> h) {}

  /**
   * Keras's LSTM cell ({@code keras/src/layers/rnn/lstm.py} LSTMCell.call, gates i, f, c, o) on the
   * input projection {@code z = s K + b} and the previous state.
   */
  private Cell cell(
      Operand<TFloat32> z, Operand<TFloat32> recurrent, Operand<TFloat32> h, Operand<TFloat32> c) {
    List<Operand<TFloat32>> g = gates(tf.math.add(z, tf.linalg.matMul(h, recurrent)));
    Operand<TFloat32> next = tf.math.add(tf.math.mul(g.get(1), c), tf.math.mul(g.get(0), g.get(2)));
    return new Cell(next, tf.math.mul(g.get(3), tf.math.tanh(next)));
  }

  /**
   * {@code [sigmoid(i), sigmoid(f), tanh(c), sigmoid(o)]} of the pre-activations {@code [M, 4u]}.
   */
  private List<Operand<TFloat32>> gates(Operand<TFloat32> z) {
    var parts = tf.split(tf.constant(1), z, 4L);
    return List.of(
        tf.math.sigmoid(parts.output().get(0)),
        tf.math.sigmoid(parts.output().get(1)),
        tf.math.tanh(parts.output().get(2)),
        tf.math.sigmoid(parts.output().get(3)));
  }

  /**
   * Row {@code m - 1} of {@code x: [M, k]} at row m (one roll); row 0 gets row M - 1, which no
   * letter uses: the first letter of the batch starts a word.
   */
  private Operand<TFloat32> previous(Operand<TFloat32> x) {
    return tf.roll(x, tf.constant(1), tf.constant(0));
  }

  /** {@code x_b(t-j)} of {@code x: [B, T]}, 0 before the first step. */
  private Operand<TFloat32> shifted(
      Operand<TFloat32> x, int j, Operand<TInt32> batch, Operand<TInt32> time) {
    return tf.slice(
        tf.pad(x, tf.constant(new int[][] {{0, 0}, {j, 0}}), tf.constant(0f)),
        tf.constant(new int[] {0, 0}),
        tf.stack(List.of(batch, time)));
  }

  /** The sums over each row's words of {@code perWord: [B * W, k]}: {@code [B, k]}. */
  private Operand<TFloat32> perRow(Operand<TFloat32> perWord, Operand<TInt32> batch) {
    Operand<TInt32> k = tf.gather(tf.shape(perWord), tf.constant(1), tf.constant(0));
    return tf.reduceSum(
        tf.reshape(perWord, tf.stack(List.of(batch, tf.constant(-1), k))), tf.constant(1));
  }

  /** {@code h[len_b - 1, b]} of {@code h: [T, B, u]}, zeros for the rows with {@code len_b = 0}. */
  private Operand<TFloat32> last(
      Operand<TFloat32> h, Operand<TInt32> lengths, Operand<TInt32> batch) {
    Operand<TInt32> lastStep =
        tf.math.maximum(tf.math.sub(lengths, tf.constant(1)), tf.constant(0));
    Operand<TInt32> rows = tf.range(tf.constant(0), batch, tf.constant(1));
    Operand<TInt32> indices =
        tf.stack(List.of(lastStep, rows), org.tensorflow.op.core.Stack.axis(1L));
    Operand<TFloat32> last = tf.gatherNd(h, indices);
    Operand<TFloat32> nonEmpty =
        tf.expandDims(
            tf.dtypes.cast(tf.math.greater(lengths, tf.constant(0)), TFloat32.class),
            tf.constant(1));
    return tf.math.mul(last, nonEmpty);
  }

  /**
   * {@code concat(sum_t valid_bt h_t / n_b, sum_t valid_bt s_t / n_b)} of {@code h: [T, B, u]} and
   * {@code s: [T, B, width]}, with {@code valid: [B, T]} and {@code n_b = max(sum_t valid_bt, 1)}:
   * an empty row sums nothing, so it is all zeros. The masked means of Keras's {@code ops.sum(x *
   * m, axis=1) / n} in python-export/siamese_model.py.
   */
  private Operand<TFloat32> meanBag(
      Operand<TFloat32> h, Operand<TFloat32> s, Operand<TFloat32> valid) {
    Operand<TFloat32> mask =
        tf.expandDims(tf.linalg.transpose(valid, tf.constant(new int[] {1, 0})), tf.constant(2));
    Operand<TFloat32> count =
        tf.math.maximum(
            tf.reduceSum(valid, tf.constant(1), ReduceSum.keepDims(true)), tf.constant(1f));
    Operand<TFloat32> meanH =
        tf.math.div(tf.reduceSum(tf.math.mul(h, mask), tf.constant(0)), count);
    Operand<TFloat32> meanS =
        tf.math.div(tf.reduceSum(tf.math.mul(s, mask), tf.constant(0)), count);
    return tf.concat(List.of(meanH, meanS), tf.constant(1));
  }

  /**
   * {@code v * rsqrt(max(sum v^2, 1e-12))} along axis 1, differentiable at v = 0:
   * tensorflow-framework's l2Normalize (framework/op/math/L2Normalize.java), the formula of
   * Python's tensorflow/python/ops/nn_impl.py l2_normalize.
   */
  private Operand<TFloat32> l2Normalize(Operand<TFloat32> v) {
    return framework.math.l2Normalize(v, new int[] {1});
  }

  private Operand<TFloat32> constant(float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }
}
