package org.siameseangular.graph;

import java.util.SplittableRandom;

/**
 * The Keras LSTM's default initialisers, and the code-point table's, computed in Java from a seed.
 *
 * <p>Seeded and reproducible, but not equal to Keras's numbers for the same seed (Keras draws with
 * its own generator). Done here rather than with tensorflow-framework's initialisers because those
 * draw glorot-uniform from [0, limit) and throw on the {@code [u, 4u]} orthogonal shape
 * (tensorflow/java
 * tensorflow-framework/src/main/java/org/tensorflow/framework/initializers/VarianceScaling.java and
 * Orthogonal.java, v1.1.0).
 */
public final class KerasInitializers {
  private KerasInitializers() {}

  /**
   * Fresh weights: glorot_uniform kernel, orthogonal recurrent kernel, zero bias with unit forget
   * bias.
   */
  public static LstmWeights lstm(int units, long seed) {
    return lstm(units, 1, seed);
  }

  /** As {@link #lstm(int, long)} for {@code inputSize} features per step (glorot's fan_in). */
  public static LstmWeights lstm(int units, int inputSize, long seed) {
    var random = new SplittableRandom(seed);
    int gates = 4 * units;
    return new LstmWeights(
        units,
        glorotUniform(inputSize, gates, random.split()),
        orthogonal(units, gates, random.split()),
        unitForgetBias(units));
  }

  /**
   * Fresh weights for the whole model: the LSTM's as {@link #lstm(int, int, long)} for the
   * encoding's width, and for a table encoding its table drawn row by row from U(-limit, +limit)
   * with the row's {@link InputEncoding.Table#initLimit(int)} ({@link
   * InputEncoding.Hashed#INIT_LIMIT} for the hashed rows), as Keras's {@code RandomUniform}
   * initialiser does (keras/src/initializers/random_initializers.py), from a stream of its own: the
   * LSTM's weights for a seed do not depend on the table.
   */
  public static ModelWeights model(ModelSpec spec, long seed) {
    InputEncoding encoding = spec.encoding();
    LstmWeights lstm = lstm(spec.units(), encoding.width(), seed);
    if (!(encoding instanceof InputEncoding.Table h)) {
      return ModelWeights.of(lstm);
    }
    var random = new SplittableRandom(seed ^ TABLE_STREAM);
    float[] table = new float[h.rows() * h.dimension()];
    for (int i = 0; i < table.length; i++) {
      double limit = h.initLimit(i / h.dimension());
      table[i] = (float) random.nextDouble(-limit, limit);
    }
    return new ModelWeights(table, lstm);
  }

  /** Mixed into the seed of the table's stream (any constant that differs from 0 works). */
  private static final long TABLE_STREAM = 0x5DEECE66DL;

  /**
   * glorot_uniform: U(-L, L), L = sqrt(6 / (fan_in + fan_out));
   * keras/src/initializers/random_initializers.py (GlorotUniform = VarianceScaling(scale=1,
   * mode="fan_avg", distribution="uniform")).
   */
  static float[] glorotUniform(int fanIn, int fanOut, SplittableRandom random) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] values = new float[fanIn * fanOut];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-limit, limit);
    }
    return values;
  }

  /**
   * orthogonal for a {@code [rows, cols]} matrix with rows < cols, as Keras does it
   * (keras/src/initializers/random_initializers.py, Orthogonal): draw N(0, 1) of shape {@code
   * [cols, rows]}, take Q of its QR decomposition with the signs of diag(R) made positive, and
   * transpose. Gram-Schmidt gives that same Q (R's diagonal is positive by construction). Row-major
   * {@code [rows, cols]} result.
   */
  static float[] orthogonal(int rows, int cols, SplittableRandom random) {
    int n = Math.max(rows, cols);
    int k = Math.min(rows, cols);
    double[][] columns = new double[k][n];
    for (double[] column : columns) {
      for (int i = 0; i < n; i++) {
        column[i] = random.nextGaussian();
      }
    }
    for (int j = 0; j < k; j++) {
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += columns[p][i] * columns[j][i];
        }
        for (int i = 0; i < n; i++) {
          columns[j][i] -= dot * columns[p][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += columns[j][i] * columns[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        columns[j][i] /= norm;
      }
    }
    // Q is [n, k] with Q[i][j] = columns[j][i]; for rows < cols the result is Q^T: [k, n] = [rows,
    // cols].
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = (float) (rows < cols ? columns[r][c] : columns[c][r]);
      }
    }
    return out;
  }

  /**
   * Zeros, with the forget-gate slice {@code [u, 2u)} set to 1 (Keras {@code
   * unit_forget_bias=True}).
   */
  static float[] unitForgetBias(int units) {
    float[] bias = new float[4 * units];
    for (int i = units; i < 2 * units; i++) {
      bias[i] = 1f;
    }
    return bias;
  }
}
