package org.siameseangular.graph;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The words of right-padded code-point rows, as TensorFlow ops: the runs of letters between {@link
 * #SEPARATORS}, laid out one word per row so that the LSTM can read each word on its own. Integer
 * bookkeeping on the raw code points only, before any weight: no gradient flows here.
 *
 * <pre>
 *   sep_bt    = [x_bt in SEPARATORS]        letter_bt = [x_bt != 0 and not sep_bt]
 *   start_bt  = letter_bt and not letter_b(t-1)
 *   word_bt   = sum_{t' <= t} start_bt' - 1           (the word of a letter, 0-based in its row)
 *   pos_bt    = the letter's place in its word, 0-based
 *   grid[b, word_bt, pos_bt] = x_bt for every letter; 0 elsewhere     [B, W, L]
 * </pre>
 *
 * W is the most words in a row of the batch and L the longest word, both at least 1, so the grid of
 * a row depends on the rest of the batch only through zero padding.
 */
final class WordSplit {
  /**
   * The code points that end a word and are otherwise ignored: whitespace, quotes, brackets, commas
   * (Arabic, ideographic, fullwidth), hyphens and dashes (Armenian, Hebrew), full stops, slash,
   * colon, semicolon, middle dots. Not the apostrophe ({@code O'Brien} stays one word). The same
   * list, in the same order, as python-export/siamese_model.py's {@code SEPARATORS}.
   */
  static final int[] SEPARATORS = {
    0x0009, 0x000A, 0x000D, 0x0020, 0x0022, 0x0028, 0x0029, 0x002C, 0x002D, 0x002E, 0x002F, 0x003A,
    0x003B, 0x00A0, 0x00AB, 0x00B7, 0x00BB, 0x058A, 0x05BE, 0x05F4, 0x060C, 0x2010, 0x2011, 0x2013,
    0x2014, 0x201C, 0x201D, 0x201E, 0x3000, 0x3001, 0x3002, 0x300C, 0x300D, 0x30FB, 0xFF0C
  };

  /**
   * The words of a batch.
   *
   * @param grid code points {@code [B * W, L]}: row {@code b * W + k} is word k of row b,
   *     right-padded with 0 (all 0 where row b has fewer words)
   * @param letters {@code [B, 1]}: how many letters each row has (as float)
   */
  record Words(Operand<TFloat32> grid, Operand<TFloat32> letters) {}

  private WordSplit() {}

  /** {@code letter_bt} of {@code steps: [B, T]} as 1 or 0. */
  static Operand<TFloat32> letters(Ops tf, Operand<TFloat32> steps) {
    return tf.dtypes.cast(isLetter(tf, steps), TFloat32.class);
  }

  /**
   * Bucketize's boundaries: each separator s and the next float above it, ascending. A float x
   * falls in the odd bucket {@code [s, nextUp(s))} exactly when {@code x == s}, and in an even
   * bucket otherwise (NaN and the infinities too).
   */
  private static final List<Float> SEPARATOR_BUCKETS =
      Arrays.stream(SEPARATORS)
          .sorted()
          .boxed()
          .flatMap(s -> Stream.of((float) s, Math.nextUp((float) s)))
          .toList();

  /** {@code [B, T]}: true at the letters of {@code steps} (neither padding nor a separator). */
  static Operand<TBool> isLetter(Ops tf, Operand<TFloat32> steps) {
    // One binary search per step (tensorflow/core/kernels/bucketize_op.cc, std::upper_bound)
    // instead of a [B, T, 35] comparison: the same booleans for every input, and 26 to 37 % less
    // wall time for letters() alone on a [1024, 20] batch (three runs, a shared 2-core machine).
    Operand<TBool> notSeparator =
        tf.math.equal(
            tf.math.floorMod(tf.bucketize(steps, SEPARATOR_BUCKETS), tf.constant(2)),
            tf.constant(0));
    return tf.math.logicalAnd(tf.math.notEqual(steps, tf.constant(0f)), notSeparator);
  }

  /** The words of {@code steps: [B, T]} (code points, right-padded with 0). */
  static Words split(Ops tf, Operand<TFloat32> steps) {
    Operand<TInt32> shape = tf.shape(steps);
    Operand<TInt32> batch = tf.gather(shape, tf.constant(0), tf.constant(0));
    Operand<TInt32> time = tf.gather(shape, tf.constant(1), tf.constant(0));

    Operand<TBool> isLetter = isLetter(tf, steps);
    Operand<TInt32> letter = tf.dtypes.cast(isLetter, TInt32.class);

    // letter_b(t-1): shift right by one step, a non-letter before the first
    Operand<TInt32> previous =
        tf.slice(
            tf.pad(letter, tf.constant(new int[][] {{0, 0}, {1, 0}}), tf.constant(0)),
            tf.constant(new int[] {0, 0}),
            tf.stack(List.of(batch, time)));
    Operand<TInt32> start = tf.math.mul(letter, tf.math.sub(tf.constant(1), previous));
    Operand<TInt32> word = tf.math.sub(tf.math.cumsum(start, tf.constant(1)), tf.constant(1));
    Operand<TInt32> count = tf.math.cumsum(letter, tf.constant(1));

    // One entry per letter, in row-major order: its row, word, count of letters so far, code point.
    Operand<TInt64> at = tf.where(isLetter);
    Operand<TInt32> rowOf =
        tf.dtypes.cast(
            tf.squeeze(
                tf.slice(at, tf.constant(new long[] {0, 0}), tf.constant(new long[] {-1, 1})),
                org.tensorflow.op.core.Squeeze.axis(1L)),
            TInt32.class);
    Operand<TInt32> wordOf = tf.gatherNd(word, at);
    Operand<TInt32> countOf = tf.gatherNd(count, at);
    Operand<TFloat32> pointOf = tf.gatherNd(steps, at);

    // pos = count - (the count at the word's first letter): a word's letters are consecutive.
    Operand<TInt32> key = tf.math.add(tf.math.mul(rowOf, time), wordOf);
    Operand<TInt32> firstCount = tf.math.unsortedSegmentMin(countOf, key, tf.math.mul(batch, time));
    Operand<TInt32> posOf = tf.math.sub(countOf, tf.gather(firstCount, key, tf.constant(0)));

    Operand<TInt32> words =
        tf.math.maximum(
            tf.math.add(tf.reduceMax(wordOf, tf.constant(0)), tf.constant(1)), tf.constant(1));
    Operand<TInt32> longest =
        tf.math.maximum(
            tf.math.add(tf.reduceMax(posOf, tf.constant(0)), tf.constant(1)), tf.constant(1));
    Operand<TFloat32> grid =
        tf.scatterNd(
            tf.stack(List.of(rowOf, wordOf, posOf), Stack.axis(1L)),
            pointOf,
            tf.stack(List.of(batch, words, longest)));
    Operand<TFloat32> letters =
        tf.dtypes.cast(
            tf.reduceSum(letter, tf.constant(1), ReduceSum.keepDims(true)), TFloat32.class);
    return new Words(
        tf.reshape(grid, tf.stack(List.of(tf.math.mul(batch, words), longest))), letters);
  }
}
