package org.siameseangular.graph;

import java.util.List;

/**
 * All learned weights of a model: the encoding's tables ({@link InputEncoding#tableShapes()}, row-major, in
 * order; empty for the scalar and periodic encodings) and the shared LSTM's.
 */
public record ModelWeights(List<float[]> encoder, LstmWeights lstm) {

  public ModelWeights {
    encoder = List.copyOf(encoder);
    if (lstm == null) {
      throw new IllegalArgumentException("the LSTM weights are required");
    }
  }

  /** Checks that these weights fit {@code spec}: units, input size and table shapes. */
  public void requireFits(ModelSpec spec) {
    if (spec.units() != lstm.units()) {
      throw new IllegalArgumentException(
          "weights have " + lstm.units() + " units, the model spec " + spec.units());
    }
    int width = spec.encoding().width();
    if (lstm.inputSize() != width) {
      throw new IllegalArgumentException("the LSTM kernel reads " + lstm.inputSize() + " features per step; "
          + spec.encoding().describe() + " gives " + width);
    }
    List<long[]> shapes = spec.encoding().tableShapes();
    if (shapes.size() != encoder.size()) {
      throw new IllegalArgumentException(spec.encoding().describe() + " has " + shapes.size()
          + " tables, the weights " + encoder.size());
    }
    for (int i = 0; i < shapes.size(); i++) {
      if (encoder.get(i).length != shapes.get(i)[0] * shapes.get(i)[1]) {
        throw new IllegalArgumentException("table " + i + " must have " + shapes.get(i)[0] + " x "
            + shapes.get(i)[1] + " values, found " + encoder.get(i).length);
      }
    }
  }

  /** True when every weight is finite. */
  public boolean allFinite() {
    for (float[] t : encoder) {
      for (float v : t) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return lstm.allFinite();
  }

  public int parameterCount() {
    return encoder.stream().mapToInt(t -> t.length).sum() + lstm.parameterCount();
  }
}
