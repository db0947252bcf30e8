package org.siameseangular.graph;

import org.siameseangular.FloatBounds;

/**
 * The exact mean-bag embedding of a string and any float32 implementation's error bound on it,
 * built from {@link FloatBounds}' bounds of the LSTM's states.
 *
 * <p>The LSTM is causal, so its output after step t is the last state of the string's first t code
 * points: {@code FloatBounds.Lstm.embed(prefix)} gives it exactly with its bound {@code e_t}. The
 * graph then sums {@code n} masked terms ({@code x * 1} or {@code x * 0} is exact, padding adds
 * exact zeros) and divides by the exact count {@code n}. A sum of n terms in any order is within
 * {@code gamma(n) sum |terms|} (Higham, eq. 3.4) and the division rounds once, so per component of
 * {@code m = sum_t v_t / n}:
 *
 * <pre>
 *   |m32 - m| &lt;= (1 + u) (sum_t e_t + gamma(n) (sum_t |v_t| + sum_t e_t)) / n + u |m|
 * </pre>
 *
 * with {@code e_t} the state's bound for the LSTM half and the encoding's own bound for the bag
 * half (zero for the scalar encoding, whose {@code (c - 96) / 32} is exact).
 */
final class MeanBagBounds {
  private MeanBagBounds() {}

  /** The mean-bag embedding {@code [units + width]} of {@code text}, exact, with its bound. */
  static FloatBounds.Embedding embed(
      FloatBounds.Lstm lstm, FloatBounds.Input input, int units, String text) {
    int[] cps = text.codePoints().toArray();
    int n = cps.length;
    int d = input.width();
    double[] sum = new double[units + d];
    double[] abs = new double[units + d];
    double[] err = new double[units + d];
    double[] x = new double[d];
    double[] ex = new double[d];
    for (int t = 1; t <= n; t++) {
      FloatBounds.Embedding h = lstm.embed(new String(cps, 0, t));
      input.encode(cps[t - 1], x, ex);
      for (int k = 0; k < units + d; k++) {
        double v = k < units ? h.value()[k] : x[k - units];
        sum[k] += v;
        abs[k] += Math.abs(v);
        err[k] += k < units ? h.error()[k] : ex[k - units];
      }
    }
    double[] value = new double[units + d];
    double[] error = new double[units + d];
    if (n == 0) {
      return new FloatBounds.Embedding(value, error);
    }
    double u = FloatBounds.U;
    for (int k = 0; k < units + d; k++) {
      value[k] = sum[k] / n;
      error[k] =
          (1 + u) * (err[k] + FloatBounds.gamma(n) * (abs[k] + err[k])) / n
              + u * Math.abs(value[k])
              + Float.MIN_NORMAL;
    }
    return new FloatBounds.Embedding(value, error);
  }
}
