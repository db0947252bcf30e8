package org.siameseangular.graph;

import java.util.Arrays;

/**
 * All learned weights of a model: the hashed encoding's code-point embedding table (row-major
 * {@code [rows, dimension]}; null for the scalar encoding, which has none) and the shared LSTM's.
 *
 * @param embeddings the table {@link ModelNames#EMBEDDINGS}, or null
 * @param lstm the LSTM's kernel, recurrent kernel and bias
 */
public record ModelWeights(float[] embeddings, LstmWeights lstm) {

  public ModelWeights {
    if (lstm == null) {
      throw new IllegalArgumentException("the LSTM weights are required");
    }
  }

  /** The weights of a model without an embedding table (the scalar encoding). */
  public static ModelWeights of(LstmWeights lstm) {
    return new ModelWeights(null, lstm);
  }

  /**
   * Checks that these weights fit {@code spec}: units, the kernel's input size and the table's
   * shape.
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  public void requireFits(ModelSpec spec) {
    if (spec.units() != lstm.units()) {
      throw new IllegalArgumentException(
          "the weights have " + lstm.units() + " LSTM units, the model " + spec.units());
    }
    InputEncoding encoding = spec.encoding();
    if (lstm.inputSize() != encoding.width()) {
      throw new IllegalArgumentException(
          "the LSTM kernel reads "
              + lstm.inputSize()
              + " features per step; "
              + encoding.describe()
              + " gives "
              + encoding.width());
    }
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
    } else if (embeddings != null) {
      throw new IllegalArgumentException(
          encoding.describe() + " has no embedding table, found " + embeddings.length + " values");
    }
  }

  /** True when every weight is finite. */
  public boolean allFinite() {
    if (embeddings != null) {
      for (float v : embeddings) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return lstm.allFinite();
  }

  public int parameterCount() {
    return (embeddings == null ? 0 : embeddings.length) + lstm.parameterCount();
  }

  public ModelWeights copy() {
    return new ModelWeights(embeddings == null ? null : embeddings.clone(), lstm.copy());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelWeights w
        && Arrays.equals(w.embeddings, embeddings)
        && w.lstm.equals(lstm);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(embeddings) + lstm.hashCode();
  }

  @Override
  public String toString() {
    return "ModelWeights[embeddings="
        + (embeddings == null ? "none" : embeddings.length + " values")
        + ", "
        + lstm
        + "]";
  }
}
