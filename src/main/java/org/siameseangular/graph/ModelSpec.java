package org.siameseangular.graph;

/**
 * The shape of the function a model computes, everything but its weights.
 *
 * <p>The {@link InputEncoding} turns each raw code point into the LSTM's input features inside the graph, so
 * callers always feed raw code points. The default scalar encoding {@code (codePoint - 96) / 32} centres the
 * lower-case ASCII letters (U+0061..U+007A) near 0 with unit spread; raw code points (65..122) would saturate
 * every LSTM gate (see shared/notes/keras-reference.md, "Why the loss goes NaN", point 3).
 *
 * @param units LSTM units, the embedding size (the Keras original uses 10)
 * @param encoding how code points become the LSTM's inputs
 * @param clipEpsilon the cosine is clipped to {@code [-1 + eps, 1 - eps]} before {@code acos}
 */
public record ModelSpec(int units, InputEncoding encoding, float clipEpsilon) {

  public static final int DEFAULT_UNITS = 32;
  public static final float DEFAULT_INPUT_CENTER = 96f;
  public static final float DEFAULT_INPUT_SCALE = 32f;
  /**
   * 1e-6: in float32, {@code 1 - 1e-6} is exactly representable to 2 ulps, so the clip really bites below 1,
   * and {@code d acos/dx = -1/sqrt(1 - x^2)} stays below about 707 there. Clipping at exactly 1 would keep the
   * infinite derivative (shared/notes/keras-reference.md, point 5).
   */
  public static final float DEFAULT_CLIP_EPSILON = 1e-6f;

  public ModelSpec {
    if (units < 1 || units > 4096) {
      throw new IllegalArgumentException("units must be in [1, 4096], found " + units);
    }
    if (encoding == null) {
      throw new IllegalArgumentException("encoding is required");
    }
    if (!(clipEpsilon >= 1e-7f && clipEpsilon < 0.5f)) {
      throw new IllegalArgumentException(
          "clipEpsilon must be in [1e-7, 0.5): below 1e-7, 1 - eps rounds to 1 in float32; found " + clipEpsilon);
    }
  }

  /** The scalar encoding {@code (codePoint - inputCenter) / inputScale}, the Keras original's architecture. */
  public ModelSpec(int units, float inputCenter, float inputScale, float clipEpsilon) {
    this(units, new InputEncoding.Scalar(inputCenter, inputScale), clipEpsilon);
  }

  public static ModelSpec withUnits(int units) {
    return new ModelSpec(units, DEFAULT_INPUT_CENTER, DEFAULT_INPUT_SCALE, DEFAULT_CLIP_EPSILON);
  }

  /** The scalar encoding's centre; only a scalar-encoded model has one. */
  public float inputCenter() {
    return scalar().center();
  }

  /** The scalar encoding's scale; only a scalar-encoded model has one. */
  public float inputScale() {
    return scalar().scale();
  }

  private InputEncoding.Scalar scalar() {
    if (encoding instanceof InputEncoding.Scalar s) {
      return s;
    }
    throw new IllegalStateException("the model's encoding is " + encoding.describe() + ", not scalar");
  }
}
