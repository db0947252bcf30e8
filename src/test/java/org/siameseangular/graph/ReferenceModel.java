package org.siameseangular.graph;

/**
 * An independent plain-Java, double-precision implementation of the model's forward pass and loss,
 * written from the Keras semantics (keras/src/layers/rnn/lstm.py, keras/src/ops/nn.py,
 * keras/src/losses/losses.py), not from the graph code. Where the graph uses a float32 constant
 * (the clip bounds), the same float value is used here so that only arithmetic precision differs.
 */
final class ReferenceModel {
  private ReferenceModel() {}

  /** The LSTM's last state after the string's code points (zeros for the empty string). */
  static double[] embed(ModelSpec spec, LstmWeights w, String text) {
    int u = w.units();
    int gates = 4 * u;
    double[] h = new double[u];
    double[] c = new double[u];
    for (int cp : text.codePoints().toArray()) {
      double x = (cp - (double) spec.inputCenter()) / spec.inputScale();
      double[] z = new double[gates];
      for (int g = 0; g < gates; g++) {
        double sum = x * w.kernel()[g] + w.bias()[g];
        for (int j = 0; j < u; j++) {
          sum += h[j] * w.recurrentKernel()[j * gates + g];
        }
        z[g] = sum;
      }
      double[] next = new double[u];
      for (int k = 0; k < u; k++) {
        double i = sigmoid(z[k]);
        double f = sigmoid(z[u + k]);
        double candidate = Math.tanh(z[2 * u + k]);
        double o = sigmoid(z[3 * u + k]);
        c[k] = f * c[k] + i * candidate;
        next[k] = o * Math.tanh(c[k]);
      }
      h = next;
    }
    return h;
  }

  /** {@code <l2n(a), l2n(b)>} with {@code l2n(v) = v / sqrt(max(sum v^2, 1e-12))}. */
  static double cosine(double[] a, double[] b) {
    double na = 1 / Math.sqrt(Math.max(dot(a, a), 1e-12));
    double nb = 1 / Math.sqrt(Math.max(dot(b, b), 1e-12));
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] * na) * (b[i] * nb);
    }
    return sum;
  }

  /**
   * {@code acos(clip(cos, -1 + eps, 1 - eps)) / pi}, with the bounds as the float32 values the
   * graph uses.
   */
  static double distance(double cosine, float clipEpsilon) {
    double low = -1f + clipEpsilon;
    double high = 1f - clipEpsilon;
    return Math.acos(Math.min(high, Math.max(low, cosine))) / Math.PI;
  }

  /**
   * Keras 3 binary cross-entropy of one pair, target {@code 1 - label}, p clipped to the float32
   * [1e-7, 1-1e-7].
   */
  static double bce(double distance, float label) {
    double p = Math.min(1f - 1e-7f, Math.max((double) 1e-7f, distance));
    double t = 1 - label;
    return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
