package org.siameseangular.graph;

import java.util.List;
import org.siameseangular.data.PairFiles;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The model's input contract: a string becomes its Unicode code points (an emoji is one step, not
 * two UTF-16 units), as float32, right-padded with 0 into a {@code [B, T, 1]} tensor.
 */
public final class CodePoints {
  /** The padding value; U+0000 is refused inside text because it would read as padding. */
  public static final float PADDING = 0f;

  /**
   * The longest string accepted, in code points: the pair files' limit, so a file that reads can be
   * scored. The fused LSTM keeps 7 float activations per step and unit for the backward pass; at
   * 100,000 steps and 32 units that is about 90 MB per string.
   */
  public static final int MAX_CODE_POINTS = PairFiles.MAX_CODE_POINTS;

  private CodePoints() {}

  /** The code points of {@code text}, checked against the contract. */
  public static int[] of(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    // Most strings have no surrogate: one char is one code point, read without a stream (a
    // 1,024-pair batch converts 2,048 strings on the scoring path, see SimilarityModel#distances).
    int length = text.length();
    if (length <= MAX_CODE_POINTS) {
      int[] points = new int[length];
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (Character.isSurrogate(c)) {
          return withSurrogates(text);
        }
        points[i] = c;
      }
      return checked(points);
    }
    return withSurrogates(text);
  }

  private static int[] withSurrogates(String text) {
    int count = text.codePointCount(0, text.length());
    if (count > MAX_CODE_POINTS) {
      throw new IllegalArgumentException(
          "text has " + count + " code points; the limit is " + MAX_CODE_POINTS);
    }
    return checked(text.codePoints().toArray());
  }

  private static int[] checked(int[] points) {
    for (int i = 0; i < points.length; i++) {
      if (points[i] == 0) {
        throw new IllegalArgumentException(
            "text contains U+0000 at code point "
                + i
                + "; it is the padding value and cannot be scored");
      }
    }
    return points;
  }

  /**
   * A {@code [B, T, 1]} tensor of the strings, T = the longest (at least 1). The caller closes it.
   */
  public static TFloat32 tensor(List<String> texts) {
    int[][] points = new int[texts.size()][];
    int time = 1;
    for (int i = 0; i < points.length; i++) {
      points[i] = of(texts.get(i));
      time = Math.max(time, points[i].length);
    }
    return tensor(points, time);
  }

  /** A {@code [B, T, 1]} tensor of already checked code points, padded to {@code time}. */
  public static TFloat32 tensor(int[][] points, int time) {
    float[] flat = new float[points.length * time];
    for (int b = 0; b < points.length; b++) {
      int[] p = points[b];
      int offset = b * time;
      for (int t = 0; t < p.length; t++) {
        flat[offset + t] = p[t];
      }
    }
    return TFloat32.tensorOf(Shape.of(points.length, time, 1), DataBuffers.of(flat, true, false));
  }
}
