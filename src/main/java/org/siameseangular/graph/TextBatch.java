package org.siameseangular.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * One batch of strings as the model's input tensor: code points as float32 {@code [B, T, 1]},
 * right-padded with {@link CodePoints#PADDING} to {@code T} (see {@link CodePoints}), or in another
 * {@link InputFormat} for a model that takes them so. Owns the tensor: feed it to as many runs as
 * needed, then close the batch.
 */
public final class TextBatch implements AutoCloseable {
  private final Tensor tensor;
  private final int size;

  private TextBatch(Tensor tensor, int size) {
    this.tensor = tensor;
    this.size = size;
  }

  /** The strings, checked by {@link CodePoints#of} and padded to the longest (T at least 1). */
  public static TextBatch of(List<String> texts) {
    int[][] points = new int[texts.size()][];
    int time = 1;
    for (int i = 0; i < points.length; i++) {
      points[i] = CodePoints.of(texts.get(i));
      time = Math.max(time, points[i].length);
    }
    return of(points, time);
  }

  /** Already checked code points, padded to {@code time}. */
  public static TextBatch of(int[][] codePoints, int time) {
    return new TextBatch(CodePoints.tensor(codePoints, time), codePoints.length);
  }

  /** Already checked code points, padded to {@code time}, in {@code format}. */
  public static TextBatch of(int[][] codePoints, int time, InputFormat format) {
    return new TextBatch(format.tensor(codePoints, time), codePoints.length);
  }

  /** How many strings. */
  public int size() {
    return size;
  }

  /** Feeds the batch to the input named {@code input} (a signature's tensor name). */
  public Session.Runner feed(Session.Runner runner, String input) {
    return runner.feed(input, tensor);
  }

  /** Feeds the batch to {@code input} (a placeholder of a graph being built or trained). */
  public Session.Runner feed(Session.Runner runner, Operand<TFloat32> input) {
    if (!(tensor instanceof TFloat32)) {
      throw new IllegalStateException("a " + tensor.dataType() + " batch fed to a float32 input");
    }
    return runner.feed(input, tensor);
  }

  @Override
  public void close() {
    tensor.close();
  }
}
