package org.siameseangular.graph;

/**
 * An independent plain-Java, double-precision implementation of the model's forward pass and loss,
 * written from the Keras semantics (keras/src/layers/rnn/lstm.py, keras/src/ops/nn.py,
 * keras/src/losses/losses.py), not from the graph code. Where the graph uses a float32 constant
 * (the clip bounds), the same float value is used here so that only arithmetic precision differs.
 */
final class ReferenceModel {
  private ReferenceModel() {}

  /**
   * The LSTM's last state after the string's code points (zeros for the empty string): the
   * embedding under pooling last.
   */
  static double[] embed(ModelSpec spec, LstmWeights w, String text) {
    double[][] h = outputs(spec, w, text);
    return h.length == 0 ? new double[w.units()] : h[h.length - 1];
  }

  /**
   * The embedding under the spec's pooling: {@link #embed} for last; for mean-bag the mean of the
   * LSTM's outputs over the code points, then the mean of its scaled inputs (zeros when empty); for
   * words see {@link #words}.
   */
  static double[] pooled(ModelSpec spec, LstmWeights w, String text) {
    if (spec.pooling() == Pooling.LAST) {
      return embed(spec, w, text);
    }
    if (spec.pooling() == Pooling.WORDS || spec.pooling() == Pooling.WINDOWS) {
      return words(spec, w, text);
    }
    int u = w.units();
    int[] cps = text.codePoints().toArray();
    double[][] h = outputs(spec, w, text);
    double[] mean = new double[u + 1];
    for (int t = 0; t < cps.length; t++) {
      for (int k = 0; k < u; k++) {
        mean[k] += h[t][k] / cps.length;
      }
      mean[u] += scaled(spec, cps[t]) / cps.length;
    }
    return mean;
  }

  /**
   * Poolings words and windows: the words are the runs of code points that are not separators
   * (WordSplit.SEPARATORS, the list of the contract); the LSTM reads each word from the zero state
   * (words) or, for each letter, the last {@link Pooling#WINDOW} letters of its word up to it
   * (windows); the embedding is the sum of those outputs over every letter, then the sum of the
   * scaled letters, both divided by the number of letters (zeros without a letter).
   */
  private static double[] words(ModelSpec spec, LstmWeights w, String text) {
    java.util.Set<Integer> separators = new java.util.HashSet<>();
    for (int c : WordSplit.SEPARATORS) {
      separators.add(c);
    }
    var words = new java.util.ArrayList<String>();
    var word = new StringBuilder();
    for (int c : text.codePoints().toArray()) {
      if (separators.contains(c)) {
        words.add(word.toString());
        word.setLength(0);
      } else {
        word.appendCodePoint(c);
      }
    }
    words.add(word.toString());
    int u = w.units();
    double[] sum = new double[u + 1];
    int letters = 0;
    for (String each : words) {
      int[] cps = each.codePoints().toArray();
      double[][] h = outputs(spec, w, each);
      for (int t = 0; t < cps.length; t++) {
        double[] out = h[t];
        if (spec.pooling() == Pooling.WINDOWS) {
          // windows: the state after the word's last WINDOW letters up to t, from zero
          int from = each.offsetByCodePoints(0, Math.max(0, t + 1 - Pooling.WINDOW));
          int to = each.offsetByCodePoints(0, t + 1);
          double[][] window = outputs(spec, w, each.substring(from, to));
          out = window[window.length - 1];
        }
        for (int k = 0; k < u; k++) {
          sum[k] += out[k];
        }
        sum[u] += scaled(spec, cps[t]);
      }
      letters += cps.length;
    }
    for (int k = 0; k <= u; k++) {
      sum[k] /= Math.max(letters, 1);
    }
    return sum;
  }

  private static double scaled(ModelSpec spec, int cp) {
    return (cp - (double) spec.inputCenter()) / spec.inputScale();
  }

  /** The LSTM's output after each code point of the string. */
  private static double[][] outputs(ModelSpec spec, LstmWeights w, String text) {
    int u = w.units();
    int gates = 4 * u;
    int[] cps = text.codePoints().toArray();
    double[][] outputs = new double[cps.length][];
    double[] h = new double[u];
    double[] c = new double[u];
    for (int t = 0; t < cps.length; t++) {
      double x = scaled(spec, cps[t]);
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
      outputs[t] = h;
    }
    return outputs;
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
