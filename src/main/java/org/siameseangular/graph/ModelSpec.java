package org.siameseangular.graph;

/**
 * The shape of the function a model computes, everything but its weights.
 *
 * <p>{@code scaled = (codePoint - inputCenter) / inputScale} is applied inside the graph, so
 * callers feed raw code points. The defaults centre the lower-case ASCII letters (U+0061..U+007A)
 * near 0 with unit spread. Raw code points (65..122), as the Keras original feeds them, saturate
 * every LSTM gate: the gate input is {@code x @ kernel + h @ recurrent_kernel + bias}
 * (keras/src/layers/rnn/lstm.py, LSTMCell.call) with a glorot-uniform kernel of magnitude up to
 * 0.38 at 10 units, so |z| reaches 46; most strings then map to nearly the same vector and the
 * cosine sits at 1 (python-export/tests/test_naive_goes_nan.py shows the NaN it causes).
 *
 * @param units LSTM units, the embedding size (the Keras original uses 10)
 * @param inputCenter subtracted from each code point inside the graph
 * @param inputScale each centred code point is divided by this
 * @param clipEpsilon the cosine is clipped to {@code [-1 + eps, 1 - eps]} before {@code acos}
 */
public record ModelSpec(int units, float inputCenter, float inputScale, float clipEpsilon) {

  public static final int DEFAULT_UNITS = 32;
  public static final float DEFAULT_INPUT_CENTER = 96f;
  public static final float DEFAULT_INPUT_SCALE = 32f;

  /**
   * 1e-6: in float32, {@code 1 - 1e-6} is exactly representable to 2 ulps, so the clip really bites
   * below 1, and {@code d acos/dx = -1/sqrt(1 - x^2)} (tensorflow/python/ops/math_grad.py,
   * _AcosGrad) stays below about 707 there. Clipping at exactly 1 would keep the infinite
   * derivative, and clipping the distance after acos cannot remove a NaN made before it.
   */
  public static final float DEFAULT_CLIP_EPSILON = 1e-6f;

  public ModelSpec {
    if (units < 1 || units > 4096) {
      throw new IllegalArgumentException("units must be in [1, 4096], found " + units);
    }
    if (!Float.isFinite(inputCenter)) {
      throw new IllegalArgumentException("inputCenter must be finite, found " + inputCenter);
    }
    if (!(inputScale > 0) || !Float.isFinite(inputScale)) {
      throw new IllegalArgumentException(
          "inputScale must be a finite number > 0, found " + inputScale);
    }
    if (!(clipEpsilon >= 1e-7f && clipEpsilon < 0.5f)) {
      throw new IllegalArgumentException(
          "clipEpsilon must be in [1e-7, 0.5): below 1e-7, 1 - eps rounds to 1 in float32; found "
              + clipEpsilon);
    }
  }

  public static ModelSpec withUnits(int units) {
    return new ModelSpec(units, DEFAULT_INPUT_CENTER, DEFAULT_INPUT_SCALE, DEFAULT_CLIP_EPSILON);
  }
}
