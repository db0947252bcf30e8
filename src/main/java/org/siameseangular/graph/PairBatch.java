package org.siameseangular.graph;

import java.util.List;
import org.siameseangular.data.Pair;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * One batch of string pairs as the model's input tensors: a {@link TextBatch} for each side and,
 * for training, the labels {@code [B]} (1 = similar, 0 = dissimilar). Owns all of them; closing the
 * batch frees them.
 */
public final class PairBatch implements AutoCloseable {
  private final TextBatch left;
  private final TextBatch right;
  private final TFloat32 labels;

  private PairBatch(TextBatch left, TextBatch right, TFloat32 labels) {
    this.left = left;
    this.right = right;
    this.labels = labels;
  }

  /** Labelled pairs; each side padded to its own longest string. */
  public static PairBatch of(List<Pair> pairs) {
    float[] labels = new float[pairs.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = pairs.get(i).label();
    }
    return build(
        () -> TextBatch.of(pairs.stream().map(Pair::left).toList()),
        () -> TextBatch.of(pairs.stream().map(Pair::right).toList()),
        labels);
  }

  /** Unlabelled pairs {@code (lefts[i], rights[i])}; each side padded to its own longest string. */
  public static PairBatch unlabelled(List<String> lefts, List<String> rights) {
    requireSameSize(lefts.size(), rights.size());
    return build(() -> TextBatch.of(lefts), () -> TextBatch.of(rights), null);
  }

  /** Unlabelled, already checked code points; both sides padded to {@code time}. */
  public static PairBatch unlabelled(int[][] lefts, int[][] rights, int time) {
    requireSameSize(lefts.length, rights.length);
    return build(() -> TextBatch.of(lefts, time), () -> TextBatch.of(rights, time), null);
  }

  /** Unlabelled, already checked code points, padded to {@code time}, each side in its format. */
  public static PairBatch unlabelled(
      int[][] lefts, int[][] rights, int time, InputFormat leftFormat, InputFormat rightFormat) {
    requireSameSize(lefts.length, rights.length);
    return build(
        () -> TextBatch.of(lefts, time, leftFormat),
        () -> TextBatch.of(rights, time, rightFormat),
        null);
  }

  /** How many pairs. */
  public int size() {
    return left.size();
  }

  /** Feeds both sides to the inputs named {@code leftInput} and {@code rightInput}. */
  public Session.Runner feed(Session.Runner runner, String leftInput, String rightInput) {
    return right.feed(left.feed(runner, leftInput), rightInput);
  }

  /** Feeds both sides to {@code leftInput} and {@code rightInput}. */
  public Session.Runner feed(
      Session.Runner runner, Operand<TFloat32> leftInput, Operand<TFloat32> rightInput) {
    return right.feed(left.feed(runner, leftInput), rightInput);
  }

  /** Feeds both sides and the labels. */
  public Session.Runner feed(
      Session.Runner runner,
      Operand<TFloat32> leftInput,
      Operand<TFloat32> rightInput,
      Operand<TFloat32> labelInput) {
    if (labels == null) {
      throw new IllegalStateException("this batch has no labels");
    }
    return feed(runner, leftInput, rightInput).feed(labelInput, labels);
  }

  @Override
  public void close() {
    try (left;
        right) {
      if (labels != null) {
        labels.close();
      }
    }
  }

  private interface Side {
    TextBatch make();
  }

  /**
   * Builds the sides in order, closing what was built if a later part fails (a bad string, say).
   */
  private static PairBatch build(Side leftSide, Side rightSide, float[] labels) {
    TextBatch l = leftSide.make();
    TextBatch r = null;
    try {
      r = rightSide.make();
      return new PairBatch(l, r, labels == null ? null : TFloat32.vectorOf(labels));
    } catch (RuntimeException e) {
      l.close();
      if (r != null) {
        r.close();
      }
      throw e;
    }
  }

  private static void requireSameSize(int lefts, int rights) {
    if (lefts != rights) {
      throw new IllegalArgumentException(
          "lefts and rights differ in size: " + lefts + " vs " + rights);
    }
  }
}
