package org.siameseangular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.graph.CodePointFold;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;
import org.siameseangular.graph.WordSeparators;

/**
 * Float32 error bounds for comparing two implementations of the model, derived from the arithmetic;
 * the same derivation as python-export/bounds.py (read its module comment for the details).
 *
 * <p>Any conforming float32 implementation (TensorFlow Java's fused BlockLSTMV2, Keras's while-loop
 * LSTM, another CPU's kernels, another batch composition) differs from the exact value only by
 * rounding. For one string or pair this class bounds how far any of them can be from the exact
 * value, computed here in double precision; two implementations then differ by at most twice that.
 * The model of one implementation, first order in the unit roundoff {@code u = 2^-24}:
 *
 * <ul>
 *   <li>a sum of {@code m} products in any order, with or without FMA, is within {@code gamma(m)
 *       sum |products|} (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. 3.4);
 *   <li>sigmoid, tanh, rsqrt, acos, log are within {@link #FUNCTION_ULPS} ulps: Eigen's float
 *       logistic is within 4.5 ulps (Eigen/src/Core/functors/UnaryFunctors.h,
 *       scalar_logistic_op&lt;float&gt;), its tanh within "a couple of ulp"
 *       (Eigen/src/Core/MathFunctionsImpl.h, generic_fast_tanh_float);
 *   <li>+, -, *, / round once; the scaled input {@code (cp - 96) / 32} is exact.
 * </ul>
 *
 * Input ({@link Input}): the scalar encoding's is exact; a table encoding's (hashed, folded) is
 * {@code x = tanh(s)}, {@code s} a sum of the {@code terms} table rows of the code point (K hashed,
 * K + 4 folded), whose ids are exact, so {@code |x32 - x| <= (1 - x^2) gamma(terms - 1) sum |rows|
 * + FUNCTION_REL |x|} per feature; it enters the gates through {@code |K^T|}.
 *
 * <p>LSTM step (keras/src/layers/rnn/lstm.py, gates i, f, c, o): {@code z = x K + h U + b} is a sum
 * of {@code d + n + 1} terms (d the input width), then the gate functions, {@code c' = f c + i g},
 * {@code h' = o tanh(c')}: the local errors {@code l_t}. They reach the last state through the
 * exact Jacobians, so the final error is at most {@code sum_t |J_T ... J_{t+1}| l_t} (absolute
 * value of the exact product, which keeps the recurrence's contraction).
 *
 * <p>Pooling "mean-bag" (graph/SiameseGraph): {@code concat(sum_t h_t / n, sum_t x_t / n)} over the
 * n real steps. The error of {@code sum_t h_t} is at most {@code sum_s |Q_s| l_s}, {@code Q_s} the
 * h rows of {@code sum_{t >= s} J_t ... J_{s+1}} ({@code Q_{T-1} = H}, {@code Q_s = H + Q_{s+1}
 * J_{s+1}}); the float32 sum adds {@code gamma(n - 1) sum_t |h_t|}, the division by n (or a product
 * with a rounded 1/n) {@code 2 u |mean|}; the features' mean the same with their input errors
 * {@code e_x,t} in place of the carried ones. An empty string's embedding is exactly zero.
 *
 * <p>Pooling "words" (graph/WordSplit): the same sums over every word of the string (the maximal
 * runs of letters, {@code c != 0} and not a separator), each word run from the zero state with its
 * own local errors and Jacobians; the words' carried errors add up, and the float32 sum of all
 * {@code n} letters' terms in any order (padding and separators add exact zeros) rounds within
 * {@code gamma(n - 1) sum |h|}; the division as for mean-bag. Without separators this is mean-bag's
 * bound; no letter gives exact zeros. Pooling "windows": for each letter the last state of the LSTM
 * over the window of its word's last {@link Pooling#WINDOW} letters up to it, with that window's
 * "last" bound; the n letters' states summed as above ({@code gamma(n - 1)}, {@code 2 u |mean|}).
 *
 * <p>Head, from the float32 embeddings: the cosine is within {@link #headRounding} (normalising:
 * sum of squares, rsqrt, product; dot: {@code gamma(n)}), an embedding error {@code e} turns a
 * vector by at most {@code asin(|e| / |v|)}, the clip is monotone, and acos, the float32 pi and the
 * division add a relative {@code (2 A + 2) u} to the distance.
 */
public final class FloatBounds {
  /** The float32 unit roundoff. */
  public static final double U = 0x1p-24;

  /** Ulps of error of an elementwise function (see the class comment). */
  public static final int FUNCTION_ULPS = 5;

  /**
   * {@link #FUNCTION_ULPS} ulps of {@code y}, relative to {@code |y|}: one ulp is at most {@code 2
   * u |y|}.
   */
  public static final double FUNCTION_REL = 2 * FUNCTION_ULPS * U;

  /**
   * Below this distance, comparisons use {@code cos(pi d)}: acos turns cosine rounding into
   * sqrt-sized steps.
   */
  public static final double NEAR_ZERO = 0.01;

  /**
   * Keras 3's binary cross-entropy clips p to [eps, 1 - eps], eps = 1e-7
   * (keras/src/backend/config.py epsilon()), as float32 constants: 1 - 1e-7 rounds to 1 - 2^-23.
   */
  public static final double LOSS_CLIP_LOW = (float) 1e-7;

  public static final double LOSS_CLIP_HIGH = (float) (1 - 1e-7);

  /** Absolute floor of every rounding: TensorFlow flushes denormals to zero. */
  private static final double TINY = Float.MIN_NORMAL;

  private FloatBounds() {}

  /** Higham's {@code gamma_m = m u / (1 - m u)}. */
  public static double gamma(int m) {
    return m * U / (1 - m * U);
  }

  /**
   * An exact (double) embedding and, per component, how far any float32 implementation's can be
   * from it.
   */
  public record Embedding(double[] value, double[] error) {
    /** Per component: two float32 implementations' embeddings differ by at most this. */
    public double tolerance(int k) {
      return 2 * error[k];
    }
  }

  /**
   * Where every conforming float32 implementation's results for one pair lie: its cosine (before
   * the clip) in {@code [cosLow, cosHigh]}, its distance in {@code [low, high]}; {@code distance}
   * is the exact value.
   */
  public record Envelope(double distance, double low, double high, double cosLow, double cosHigh) {
    public double distanceTolerance() {
      return high - low;
    }

    /** The distance interval seen through {@code cos(pi d)}. */
    public double cosineTolerance() {
      return Math.cos(Math.PI * low) - Math.cos(Math.PI * high);
    }

    /**
     * {@code |difference| / tolerance} of two implementations' distances of this pair: distances
     * from {@link #NEAR_ZERO} up, {@code cos(pi d)} below. At most 1 when both conform.
     */
    public double ratio(double d1, double d2) {
      return distance >= NEAR_ZERO
          ? Math.abs(d1 - d2) / distanceTolerance()
          : Math.abs(Math.cos(Math.PI * d1) - Math.cos(Math.PI * d2)) / cosineTolerance();
    }
  }

  /**
   * The cosine of two float32 embeddings, computed in float32, is within this of their exact
   * cosine.
   */
  public static double headRounding(int units) {
    return 2 * gamma(units) + (4 * FUNCTION_ULPS + 2) * U;
  }

  /** The LSTM's input at one step: the encoding of one code point, exact, with its error bound. */
  public interface Input {
    /** Features per step. */
    int width();

    /** Fills {@code x} (exact) and, per feature, any float32 implementation's error bound. */
    void encode(int codePoint, double[] x, double[] error);
  }

  /** The scalar encoding {@code (c - center) / scale}: exact in float32 (a power-of-two scale). */
  public record ScalarInput(double center, double scale) implements Input {
    @Override
    public int width() {
      return 1;
    }

    @Override
    public void encode(int codePoint, double[] x, double[] error) {
      x[0] = (codePoint - center) / scale;
      error[0] = 0;
    }
  }

  /**
   * A table encoding: {@code x = tanh(sum of T[id])} over the code point's rows {@link #ids}, with
   * the bound of the class comment (python-export/bounds.py, HashedInput and FoldedInput).
   */
  public static final class TableInput implements Input {
    private final InputEncoding.Table encoding;
    private final float[] table;

    /** {@code table}: the encoding's {@code [rows, dimension]} variable, row-major. */
    public TableInput(InputEncoding.Table encoding, float[] table) {
      if (table.length != encoding.rows() * encoding.dimension()) {
        throw new IllegalArgumentException(
            "table of "
                + table.length
                + " values for "
                + encoding.describe()
                + ": expected "
                + encoding.rows() * encoding.dimension());
      }
      this.encoding = encoding;
      this.table = table.clone();
    }

    @Override
    public int width() {
      return encoding.dimension();
    }

    @Override
    public void encode(int codePoint, double[] x, double[] error) {
      int d = encoding.dimension();
      int[] ids = ids(encoding, codePoint);
      double[] sum = new double[d];
      double[] abs = new double[d];
      for (int id : ids) {
        for (int k = 0; k < d; k++) {
          double v = table[id * d + k];
          sum[k] += v;
          abs[k] += Math.abs(v);
        }
      }
      double g = gamma(ids.length - 1);
      for (int k = 0; k < d; k++) {
        x[k] = Math.tanh(sum[k]);
        error[k] = (1 - x[k] * x[k]) * g * abs[k] + FUNCTION_REL * Math.abs(x[k]) + TINY;
      }
    }

    /**
     * The table rows of a code point, in integer arithmetic: an independent statement of the
     * contracts (hashed: {@code offset_k + floorMod(c, m_k)}; folded, InputEncoding.Folded: those
     * of the fold, or of U+AC00 for a Hangul syllable, then the jamo rows {@code J + L}, {@code J +
     * 20 + V}, {@code J + 42 + T} and the detail row {@code J + 71 + floorMod(c, 1214)}).
     */
    public static int[] ids(InputEncoding.Table encoding, int c) {
      List<Integer> moduli = encoding.moduli();
      int count = moduli.size();
      int[] ids = new int[encoding.idsPerStep()];
      int base = c;
      if (encoding instanceof InputEncoding.Folded) {
        int s = c - InputEncoding.Folded.HANGUL_FIRST;
        boolean syllable = s >= 0 && s < InputEncoding.Folded.HANGUL_COUNT;
        base = syllable ? InputEncoding.Folded.HANGUL_FIRST : CodePointFold.fold(c);
        int j = moduli.stream().mapToInt(Integer::intValue).sum();
        ids[count] = j + (syllable ? s / 588 : 19);
        ids[count + 1] = j + 20 + (syllable ? s % 588 / 28 : 21);
        ids[count + 2] = j + 42 + (syllable ? s % 28 : 28);
        ids[count + 3] = j + 71 + Math.floorMod(c, InputEncoding.Folded.DETAIL_MODULUS);
      }
      int offset = 0;
      for (int k = 0; k < count; k++) {
        ids[k] = offset + Math.floorMod(base, moduli.get(k));
        offset += moduli.get(k);
      }
      return ids;
    }
  }

  /**
   * The model's encoder in double precision with the running error bound of any float32
   * implementation.
   */
  public static final class Lstm {
    private final int n;
    private final float[] kernel;
    private final float[] recurrent;
    private final float[] bias;
    private final Input input;
    private final Pooling pooling;
    private final int[] separators;
    private final Map<String, Embedding> cache = new HashMap<>();

    /**
     * The scalar encoding's: Keras layout, kernel [1, 4n], recurrent kernel [n, 4n] row-major, bias
     * [4n]; gates i, f, c, o.
     */
    public Lstm(
        int units,
        float[] kernel,
        float[] recurrentKernel,
        float[] bias,
        double center,
        double scale) {
      this(units, kernel, recurrentKernel, bias, new ScalarInput(center, scale));
    }

    /**
     * Any encoding's, pooling "last": kernel [width, 4n] row-major, recurrent kernel [n, 4n], bias
     * [4n].
     */
    public Lstm(int units, float[] kernel, float[] recurrentKernel, float[] bias, Input input) {
      this(units, kernel, recurrentKernel, bias, input, Pooling.LAST);
    }

    /**
     * Any encoding's and pooling's (the class comment), words split at the model's separators
     * (graph/WordSeparators's).
     */
    public Lstm(
        int units,
        float[] kernel,
        float[] recurrentKernel,
        float[] bias,
        Input input,
        Pooling pooling) {
      this(units, kernel, recurrentKernel, bias, input, pooling, WordSeparators.codePoints());
    }

    /**
     * Any encoding's and pooling's; {@code separators}: the code points that split words (pooling
     * "words", graph/WordSplit's), else unused.
     */
    public Lstm(
        int units,
        float[] kernel,
        float[] recurrentKernel,
        float[] bias,
        Input input,
        Pooling pooling,
        int[] separators) {
      if (kernel.length != input.width() * 4 * units) {
        throw new IllegalArgumentException(
            "kernel of " + kernel.length + " values for input width " + input.width());
      }
      this.n = units;
      this.kernel = kernel.clone();
      this.recurrent = recurrentKernel.clone();
      this.bias = bias.clone();
      this.input = input;
      this.pooling = pooling;
      this.separators = separators.clone();
      Arrays.sort(this.separators);
    }

    /** Components of the embedding: units, plus the input width for mean-bag and words. */
    public int embeddingSize() {
      return pooling == Pooling.LAST ? n : n + input.width();
    }

    /** The encoder of a model of any encoding and pooling (e.g. as WeightsReader reads it). */
    public static Lstm of(ModelSpec spec, ModelWeights weights) {
      var w = weights.lstm();
      Input input =
          spec.encoding() instanceof InputEncoding.Table t
              ? new TableInput(t, weights.embeddings())
              : new ScalarInput(
                  ((InputEncoding.Scalar) spec.encoding()).center(),
                  ((InputEncoding.Scalar) spec.encoding()).scale());
      return new Lstm(w.units(), w.kernel(), w.recurrentKernel(), w.bias(), input, spec.pooling());
    }

    public Embedding embed(String text) {
      return cache.computeIfAbsent(text, t -> embed(t.codePoints().toArray()));
    }

    private Embedding embed(int[] codePoints) {
      if (pooling == Pooling.LAST || pooling == Pooling.MEAN_BAG) {
        return run(codePoints, null, pooling == Pooling.LAST);
      }
      Sums total = new Sums(n, input.width());
      for (int[] word : words(codePoints)) {
        if (pooling == Pooling.WORDS) {
          // words: each word from the zero state, its step sums added up (the class comment).
          run(word, total, false);
          continue;
        }
        // windows: each letter's window from the zero state, its last state and "last" bound.
        double[] x = new double[input.width()];
        double[] ex = new double[input.width()];
        for (int t = 0; t < word.length; t++) {
          int[] window = Arrays.copyOfRange(word, Math.max(0, t + 1 - Pooling.WINDOW), t + 1);
          Embedding last = run(window, null, true);
          input.encode(word[t], x, ex);
          total.add(1, last.error(), last.value(), abs(last.value()), x, abs(x), ex);
        }
      }
      return total.mean();
    }

    private static double[] abs(double[] v) {
      double[] out = new double[v.length];
      for (int k = 0; k < v.length; k++) {
        out[k] = Math.abs(v[k]);
      }
      return out;
    }

    /**
     * Poolings "words" and "windows": the maximal runs of letters ({@code c != 0}, not a
     * separator), in order.
     */
    List<int[]> words(int[] codePoints) {
      List<int[]> words = new ArrayList<>();
      int start = -1;
      for (int t = 0; t <= codePoints.length; t++) {
        boolean letter =
            t < codePoints.length
                && codePoints[t] != 0
                && Arrays.binarySearch(separators, codePoints[t]) < 0;
        if (letter && start < 0) {
          start = t;
        } else if (!letter && start >= 0) {
          words.add(Arrays.copyOfRange(codePoints, start, t));
          start = -1;
        }
      }
      return words;
    }

    /**
     * The LSTM over {@code codePoints} from the zero state: its last state with its bound when
     * {@code last}; else pooled "mean-bag" when {@code into} is null, or its step sums added to
     * {@code into} (and null returned).
     */
    private Embedding run(int[] codePoints, Sums into, boolean last) {
      int g4 = 4 * n;
      int s = 2 * n;
      double[] h = new double[n];
      double[] c = new double[n];
      int steps = codePoints.length;
      double[][][] jacobians = new double[steps][s][s];
      double[][] local = new double[steps][s];
      int d = input.width();
      double gz = gamma(d + n + 1);
      double g2 = gamma(2);
      double[] x = new double[d];
      double[] ex = new double[d];
      // mean-bag: sums over the steps of h_t, |h_t|, x_t, |x_t| and e_x,t (the class comment).
      double[] sumH = new double[n];
      double[] absH = new double[n];
      double[] sumX = new double[d];
      double[] absX = new double[d];
      double[] sumEx = new double[d];
      for (int t = 0; t < steps; t++) {
        input.encode(codePoints[t], x, ex);
        for (int k = 0; k < d; k++) {
          sumX[k] += x[k];
          absX[k] += Math.abs(x[k]);
          sumEx[k] += ex[k];
        }
        double[] z = new double[g4];
        double[] ez = new double[g4];
        for (int j = 0; j < g4; j++) {
          double sum = bias[j];
          double abs = Math.abs(bias[j]);
          double carried = 0;
          for (int k = 0; k < d; k++) {
            double p = x[k] * kernel[k * g4 + j];
            sum += p;
            abs += Math.abs(p);
            carried += ex[k] * Math.abs(kernel[k * g4 + j]);
          }
          for (int k = 0; k < n; k++) {
            sum += h[k] * recurrent[k * g4 + j];
            abs += Math.abs(h[k] * recurrent[k * g4 + j]);
          }
          z[j] = sum;
          ez[j] = gz * abs + carried;
        }
        double[] hNext = new double[n];
        double[] cNext = new double[n];
        double[][] jac = jacobians[t];
        for (int k = 0; k < n; k++) {
          double i = sigmoid(z[k]);
          double f = sigmoid(z[n + k]);
          double g = Math.tanh(z[2 * n + k]);
          double o = sigmoid(z[3 * n + k]);
          double di = i * (1 - i);
          double df = f * (1 - f);
          double dg = 1 - g * g;
          double dout = o * (1 - o);
          double ei = di * ez[k] + FUNCTION_REL * i;
          double ef = df * ez[n + k] + FUNCTION_REL * f;
          double eg = dg * ez[2 * n + k] + FUNCTION_REL * Math.abs(g);
          double eo = dout * ez[3 * n + k] + FUNCTION_REL * o;
          cNext[k] = f * c[k] + i * g;
          double tc = Math.tanh(cNext[k]);
          hNext[k] = o * tc;
          double lc =
              Math.abs(c[k]) * ef
                  + i * eg
                  + Math.abs(g) * ei
                  + g2 * (Math.abs(f * c[k]) + Math.abs(i * g));
          double lh =
              o * ((1 - tc * tc) * lc + FUNCTION_REL * Math.abs(tc))
                  + Math.abs(tc) * eo
                  + U * Math.abs(hNext[k]);
          local[t][k] = lc + TINY;
          local[t][n + k] = lh + TINY;
          // Row k (c'_k) and row n + k (h'_k) of the exact Jacobian with respect to (c, h);
          // dz_j/dh_m = U[m, j].
          double dtc = o * (1 - tc * tc);
          jac[k][k] = f;
          jac[n + k][k] = dtc * f;
          for (int m = 0; m < n; m++) {
            double dc =
                c[k] * df * recurrent[m * g4 + n + k]
                    + i * dg * recurrent[m * g4 + 2 * n + k]
                    + g * di * recurrent[m * g4 + k];
            jac[k][n + m] = dc;
            jac[n + k][n + m] = dtc * dc + tc * dout * recurrent[m * g4 + 3 * n + k];
          }
        }
        h = hNext;
        c = cNext;
        for (int k = 0; k < n; k++) {
          sumH[k] += h[k];
          absH[k] += Math.abs(h[k]);
        }
      }
      if (!last) {
        Sums sums = into == null ? new Sums(n, d) : into;
        sums.add(steps, carried(steps, jacobians, local), sumH, absH, sumX, absX, sumEx);
        return into == null ? sums.mean() : null;
      }
      double[] error = new double[s];
      if (steps > 0) {
        error = local[steps - 1].clone();
        double[][] product = identity(s);
        for (int t = steps - 2; t >= 0; t--) {
          product = multiply(product, jacobians[t + 1]);
          for (int r = 0; r < s; r++) {
            double sum = 0;
            for (int q = 0; q < s; q++) {
              sum += Math.abs(product[r][q]) * local[t][q];
            }
            error[r] += sum;
          }
        }
      }
      double[] hError = new double[n];
      System.arraycopy(error, n, hError, 0, n);
      return new Embedding(h, hError);
    }

    /**
     * The error carried to {@code sum_t h_t} by the steps' local errors: {@code sum_s |Q_s| l_s},
     * {@code Q_s} the h rows (n x 2n) of {@code sum_{t >= s} J_t ... J_{s+1}} (the class comment).
     */
    private double[] carried(int steps, double[][][] jacobians, double[][] local) {
      double[][] q = new double[n][2 * n];
      double[] carried = new double[n];
      for (int t = steps - 1; t >= 0; t--) {
        if (t < steps - 1) {
          q = multiply(q, jacobians[t + 1]);
        }
        for (int k = 0; k < n; k++) {
          q[k][n + k] += 1;
          double sum = 0;
          for (int r = 0; r < 2 * n; r++) {
            sum += Math.abs(q[k][r]) * local[t][r];
          }
          carried[k] += sum;
        }
      }
      return carried;
    }
  }

  /**
   * Sums over steps (of one string, or of every word of one string) of {@code h_t}, {@code |h_t|},
   * {@code x_t}, {@code |x_t|}, {@code e_x,t} and the carried error of {@code sum_t h_t}.
   */
  private static final class Sums {
    private final int n;
    private final int d;
    private final double[] h;
    private final double[] absH;
    private final double[] x;
    private final double[] absX;
    private final double[] ex;
    private final double[] carried;
    private int steps;

    Sums(int n, int d) {
      this.n = n;
      this.d = d;
      h = new double[n];
      absH = new double[n];
      carried = new double[n];
      x = new double[d];
      absX = new double[d];
      ex = new double[d];
    }

    void add(
        int count,
        double[] carriedError,
        double[] sumH,
        double[] sumAbsH,
        double[] sumX,
        double[] sumAbsX,
        double[] sumEx) {
      steps += count;
      for (int k = 0; k < n; k++) {
        h[k] += sumH[k];
        absH[k] += sumAbsH[k];
        carried[k] += carriedError[k];
      }
      for (int k = 0; k < d; k++) {
        x[k] += sumX[k];
        absX[k] += sumAbsX[k];
        ex[k] += sumEx[k];
      }
    }

    /**
     * The means over the steps and their bound: the carried error and {@code gamma(steps - 1)} of
     * the sum, over steps, plus {@code 2 u |mean|} for the division; zeros for no step.
     */
    Embedding mean() {
      double[] value = new double[n + d];
      double[] error = new double[n + d];
      if (steps == 0) {
        return new Embedding(value, error);
      }
      double g = gamma(steps - 1);
      for (int k = 0; k < n; k++) {
        value[k] = h[k] / steps;
        error[k] = (carried[k] + g * absH[k]) / steps + 2 * U * Math.abs(value[k]) + TINY;
      }
      for (int k = 0; k < d; k++) {
        value[n + k] = x[k] / steps;
        error[n + k] = (ex[k] + g * absX[k]) / steps + 2 * U * Math.abs(value[n + k]) + TINY;
      }
      return new Embedding(value, error);
    }
  }

  /**
   * The {@link Envelope} of a pair of embeddings under a model that clips the cosine at {@code
   * clipEpsilon}.
   */
  public static Envelope envelope(Embedding left, Embedding right, double clipEpsilon) {
    double[] a = left.value();
    double[] b = right.value();
    double na = norm(a);
    double nb = norm(b);
    // 1 - eps as a float32: rounded from double (Keras) or computed in float (Java's 1f - eps).
    double[] highs = {(float) (1.0 - clipEpsilon), 1f - (float) clipEpsilon};
    double cLo;
    double cHi;
    double exact;
    if (na == 0 || nb == 0) {
      // l2-normalising a zero vector gives exactly 0 (the norm's floor), so the cosine is exactly
      // 0.
      cLo = 0;
      cHi = 0;
      exact = 0.5;
    } else if (Math.min(na, nb) < 1e-6) {
      // Below that norm Keras's and TensorFlow's normalisations differ (their floors on the norm).
      throw new IllegalArgumentException(
          "embedding norm " + Math.min(na, nb) + " below 1e-6: not covered");
    } else {
      double[] sum = new double[a.length];
      double[] diff = new double[a.length];
      for (int k = 0; k < a.length; k++) {
        sum[k] = a[k] / na + b[k] / nb;
        diff[k] = a[k] / na - b[k] / nb;
      }
      double theta = 2 * Math.atan2(norm(diff), norm(sum));
      double turn =
          Math.asin(Math.min(1, norm(left.error()) / na))
              + Math.asin(Math.min(1, norm(right.error()) / nb));
      double head = headRounding(a.length);
      cLo = Math.cos(Math.min(Math.PI, theta + turn)) - head;
      cHi = Math.cos(Math.max(0, theta - turn)) + head;
      double top = Math.min(highs[0], highs[1]);
      exact = Math.acos(Math.max(-top, Math.min(top, Math.cos(theta)))) / Math.PI;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double top : highs) {
      for (double bottom : highs) {
        lo = Math.min(lo, Math.max(-bottom, Math.min(top, cLo)));
        hi = Math.max(hi, Math.max(-bottom, Math.min(top, cHi)));
      }
    }
    double rel = (2 * FUNCTION_ULPS + 2) * U;
    return new Envelope(
        exact, Math.acos(hi) / Math.PI * (1 - rel), Math.acos(lo) / Math.PI * (1 + rel), cLo, cHi);
  }

  /** The envelope of a pair of strings. */
  public static Envelope envelope(Lstm lstm, String left, String right, double clipEpsilon) {
    return envelope(lstm.embed(left), lstm.embed(right), clipEpsilon);
  }

  /**
   * {@code [low, high]} of the Keras 3 mean binary cross-entropy (target {@code 1 - label}) of a
   * batch, any float32 implementation: each pair's loss is monotone in its distance; log rounds by
   * {@link #FUNCTION_ULPS}, {@code 1 - p} once; the sum is a {@code gamma(B)} sum, the division one
   * more rounding (keras/src/losses/losses.py).
   */
  public static double[] lossEnvelope(List<Envelope> envelopes, float[] labels) {
    double low = 0;
    double high = 0;
    for (int i = 0; i < envelopes.size(); i++) {
      double target = 1 - labels[i];
      double a = bce(envelopes.get(i).low(), target);
      double b = bce(envelopes.get(i).high(), target);
      double slack = FUNCTION_REL * Math.max(a, b) + U;
      low += Math.min(a, b) - slack;
      high += Math.max(a, b) + slack;
    }
    int m = envelopes.size();
    double sum = (gamma(m) + U) * high / m;
    return new double[] {low / m - sum, high / m + sum};
  }

  private static double bce(double distance, double target) {
    double p = Math.min(LOSS_CLIP_HIGH, Math.max(LOSS_CLIP_LOW, distance));
    return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
  }

  /** {@code 1 / (1 + exp(-z))} without cancellation, so that tiny gate values stay accurate. */
  private static double sigmoid(double z) {
    double e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static double[][] identity(int size) {
    double[][] m = new double[size][size];
    for (int i = 0; i < size; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  /** {@code a b}, a [rows, size] and b [size, size]. */
  private static double[][] multiply(double[][] a, double[][] b) {
    int size = b.length;
    double[][] out = new double[a.length][size];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < size; k++) {
        double aik = a[i][k];
        if (aik != 0) {
          for (int j = 0; j < size; j++) {
            out[i][j] += aik * b[k][j];
          }
        }
      }
    }
    return out;
  }
}
