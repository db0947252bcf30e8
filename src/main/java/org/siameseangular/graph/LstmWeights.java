package org.siameseangular.graph;

import java.util.Arrays;

/**
 * The weights of the shared LSTM in the Keras layout, flattened row-major.
 *
 * <ul>
 *   <li>{@code kernel}: {@code [n, 4u]}, the input weights for the gates i, f, c, o, for {@code n}
 *       input features per step (1 for the scalar encoding; {@link InputEncoding#width()} in
 *       general);
 *   <li>{@code recurrentKernel}: {@code [u, 4u]};
 *   <li>{@code bias}: {@code [4u]}.
 * </ul>
 *
 * Source of the layout: keras-team/keras {@code keras/src/layers/rnn/lstm.py} (LSTMCell.build).
 */
public record LstmWeights(int units, float[] kernel, float[] recurrentKernel, float[] bias) {

  public LstmWeights {
    int gates = 4 * units;
    if (units < 1) {
      throw new IllegalArgumentException("units must be >= 1, found " + units);
    }
    if (kernel == null || kernel.length == 0 || kernel.length % gates != 0) {
      throw new IllegalArgumentException(
          "kernel must have shape [n, "
              + gates
              + "] (a positive multiple of "
              + gates
              + " values), found "
              + (kernel == null ? "none" : kernel.length + " values"));
    }
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

  /** Input features per step: the kernel's rows. */
  public int inputSize() {
    return kernel.length / (4 * units);
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
