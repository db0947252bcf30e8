package org.siameseangular.graph;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * How a model takes a batch of code-point sequences: the element type (float32 as this project's
 * exports and the original Keras model, or int32 / int64 as a Keras {@code Embedding} wants them),
 * {@code [B, T, 1]} or {@code [B, T]}, and a time length that is free ({@code -1}) or fixed by the
 * model (the sequences are then padded to it, and longer ones refused). Padding is {@link
 * CodePoints#PADDING} in every format.
 *
 * @param type {@code DT_FLOAT}, {@code DT_INT32} or {@code DT_INT64}
 * @param channel true for {@code [B, T, 1]}, false for {@code [B, T]}
 * @param fixedTime the time length the model requires, or -1 for any
 */
public record InputFormat(DataType type, boolean channel, long fixedTime) {
  /** This project's format: float32 {@code [B, T, 1]}, any length. */
  public static final InputFormat FLOAT_SEQUENCES = new InputFormat(DataType.DT_FLOAT, true, -1);

  /** Checks the type. */
  public InputFormat {
    if (type != DataType.DT_FLOAT && type != DataType.DT_INT32 && type != DataType.DT_INT64) {
      throw new IllegalArgumentException(
          "code points can be fed as DT_FLOAT, DT_INT32 or DT_INT64, not " + type);
    }
  }

  /**
   * The format of a signature input of {@code type} and {@code shape}, or null when no code-point
   * sequence fits it: rank 2 {@code [B, T]} or rank 3 {@code [B, T, 1]} (unknown sizes allowed), or
   * an unknown rank (read as {@code [B, T, 1]}).
   */
  public static InputFormat of(DataType type, Shape shape) {
    if (type != DataType.DT_FLOAT && type != DataType.DT_INT32 && type != DataType.DT_INT64) {
      return null;
    }
    if (shape.isUnknown()) {
      return new InputFormat(type, true, -1);
    }
    int rank = shape.numDimensions();
    if (rank == 3 && shape.size(2) != 1 && shape.size(2) >= 0) {
      return null;
    }
    if (rank != 2 && rank != 3) {
      return null;
    }
    long time = shape.size(1);
    return new InputFormat(type, rank == 3, time > 0 ? time : -1);
  }

  /** The time length to pad a batch whose longest sequence has {@code longest} steps to. */
  public int time(int longest) {
    if (fixedTime < 0) {
      return Math.max(1, longest);
    }
    if (longest > fixedTime) {
      throw new IllegalArgumentException(
          "text has "
              + longest
              + " code points; the model takes at most "
              + fixedTime
              + " (its input has a fixed length)");
    }
    return Math.toIntExact(fixedTime);
  }

  /**
   * A tensor of already checked code points padded to {@code time}, in this format. The caller
   * closes it.
   */
  public Tensor tensor(int[][] points, int time) {
    Shape shape = channel ? Shape.of(points.length, time, 1) : Shape.of(points.length, time);
    return switch (type) {
      case DT_FLOAT -> TFloat32.tensorOf(shape, DataBuffers.of(floats(points, time), true, false));
      case DT_INT32 -> TInt32.tensorOf(shape, DataBuffers.of(ints(points, time), true, false));
      case DT_INT64 -> TInt64.tensorOf(shape, DataBuffers.of(longs(points, time), true, false));
      default -> throw new IllegalStateException("unreachable: " + type);
    };
  }

  /** {@code dtype [B, T(, 1)]}, as error messages show it. */
  @Override
  public String toString() {
    String t = fixedTime < 0 ? "T" : Long.toString(fixedTime);
    return type + " [B, " + t + (channel ? ", 1]" : "]");
  }

  private static float[] floats(int[][] points, int time) {
    float[] flat = new float[points.length * time];
    for (int b = 0; b < points.length; b++) {
      for (int t = 0; t < points[b].length; t++) {
        flat[b * time + t] = points[b][t];
      }
    }
    return flat;
  }

  private static int[] ints(int[][] points, int time) {
    int[] flat = new int[points.length * time];
    for (int b = 0; b < points.length; b++) {
      System.arraycopy(points[b], 0, flat, b * time, points[b].length);
    }
    return flat;
  }

  private static long[] longs(int[][] points, int time) {
    long[] flat = new long[points.length * time];
    for (int b = 0; b < points.length; b++) {
      for (int t = 0; t < points[b].length; t++) {
        flat[b * time + t] = points[b][t];
      }
    }
    return flat;
  }
}
