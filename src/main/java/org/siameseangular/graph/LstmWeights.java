package org.siameseangular.graph;

import java.util.Arrays;

/**
 * The weights of the shared LSTM in the Keras layout, flattened row-major.
 *
 * <ul>
 *   <li>{@code kernel}: {@code [1, 4u]}, the input weights for the gates i, f, c, o;
 *   <li>{@code recurrentKernel}: {@code [u, 4u]};
 *   <li>{@code bias}: {@code [4u]}.
 * </ul>
 *
 * Source of the layout: keras-team/keras {@code keras/src/layers/rnn/lstm.py} (LSTMCell.build).
 */
public record LstmWeights(int units, float[] kernel, float[] recurrentKernel, float[] bias) {

  public LstmWeights {
    int gates = 4 * units;
    check("kernel", kernel, gates, "[1, " + gates + "]");
    check("recurrent_kernel", recurrentKernel, units * gates, "[" + units + ", " + gates + "]");
    check("bias", bias, gates, "[" + gates + "]");
  }

  private static void check(String name, float[] values, int expected, String shape) {
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException(
          name
              + " must have shape "
              + shape
              + " ("
              + expected
              + " values), found "
              + (values == null ? "none" : values.length + " values"));
    }
  }

  /** True when every weight is finite. */
  public boolean allFinite() {
    for (float[] a : new float[][] {kernel, recurrentKernel, bias}) {
      for (float v : a) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  public int parameterCount() {
    return kernel.length + recurrentKernel.length + bias.length;
  }

  public LstmWeights copy() {
    return new LstmWeights(units, kernel.clone(), recurrentKernel.clone(), bias.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LstmWeights w
        && w.units == units
        && Arrays.equals(w.kernel, kernel)
        && Arrays.equals(w.recurrentKernel, recurrentKernel)
        && Arrays.equals(w.bias, bias);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(kernel) + Arrays.hashCode(recurrentKernel))
        + Arrays.hashCode(bias);
  }

  @Override
  public String toString() {
    return "LstmWeights[units=" + units + ", parameters=" + parameterCount() + "]";
  }
}
