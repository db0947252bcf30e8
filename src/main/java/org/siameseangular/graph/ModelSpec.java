package org.siameseangular.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The shape of the function a model computes, everything but its weights.
 *
 * <p>The {@link InputEncoding} turns each raw code point into the LSTM's input features inside the
 * graph, so callers always feed raw code points. The Keras original feeds them unscaled (65..122
 * for ASCII letters), which saturates every LSTM gate: the gate input is {@code x @ kernel + h @
 * recurrent_kernel + bias} (keras/src/layers/rnn/lstm.py, LSTMCell.call) with a glorot-uniform
 * kernel of magnitude up to 0.38 at 10 units, so |z| reaches 46; most strings then map to nearly
 * the same vector and the cosine sits at 1 (python-export/tests/test_naive_goes_nan.py shows the
 * NaN it causes). The scalar encoding {@code (c - 96) / 32} fixes that for lower-case ASCII only;
 * the hashed and folded encodings for all of Unicode.
 *
 * <p>In JSON (checkpoints) a spec is its {@link SpecFields}, the keys of the model metadata.
 *
 * @param units LSTM units (the Keras original uses 10); the embedding has {@link #embeddingSize()}
 *     values
 * @param encoding how code points become the LSTM's inputs
 * @param clipEpsilon the cosine is clipped to {@code [-1 + eps, 1 - eps]} before {@code acos}
 * @param pooling how the LSTM's steps become the embedding
 */
public record ModelSpec(int units, InputEncoding encoding, float clipEpsilon, Pooling pooling) {

  /** The default model's units (with the default folded encoding). */
  public static final int DEFAULT_UNITS = 24;

  /** The scalar encoding's centre, {@link InputEncoding.Scalar#DEFAULT_CENTER}. */
  public static final float DEFAULT_INPUT_CENTER = InputEncoding.Scalar.DEFAULT_CENTER;

  /** The scalar encoding's scale, {@link InputEncoding.Scalar#DEFAULT_SCALE}. */
  public static final float DEFAULT_INPUT_SCALE = InputEncoding.Scalar.DEFAULT_SCALE;

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
    if (encoding == null) {
      throw new IllegalArgumentException("an input encoding is required");
    }
    if (pooling == null) {
      throw new IllegalArgumentException("a pooling is required");
    }
    if (!(clipEpsilon >= 1e-7f && clipEpsilon < 0.5f)) {
      throw new IllegalArgumentException(
          "clipEpsilon must be in [1e-7, 0.5): below 1e-7, 1 - eps rounds to 1 in float32; found "
              + clipEpsilon);
    }
  }

  /** A model with {@link Pooling#LAST}, the Keras original's embedding. */
  public ModelSpec(int units, InputEncoding encoding, float clipEpsilon) {
    this(units, encoding, clipEpsilon, Pooling.LAST);
  }

  /** The scalar encoding {@code (c - inputCenter) / inputScale}: the Keras original's model. */
  public ModelSpec(int units, float inputCenter, float inputScale, float clipEpsilon) {
    this(units, new InputEncoding.Scalar(inputCenter, inputScale), clipEpsilon);
  }

  /**
   * The Keras original's architecture (scalar encoding {@code (c - 96) / 32}) with {@code units}.
   */
  public static ModelSpec withUnits(int units) {
    return new ModelSpec(units, InputEncoding.Scalar.DEFAULT, DEFAULT_CLIP_EPSILON);
  }

  /** The default hashed encoding with {@code units}. */
  public static ModelSpec hashed(int units) {
    return new ModelSpec(units, InputEncoding.Hashed.DEFAULT, DEFAULT_CLIP_EPSILON);
  }

  /** The default folded encoding with {@code units}, {@link Pooling#LAST} pooling. */
  public static ModelSpec folded(int units) {
    return new ModelSpec(units, InputEncoding.Folded.DEFAULT, DEFAULT_CLIP_EPSILON);
  }

  /**
   * The default model: the folded encoding, {@link #DEFAULT_UNITS} units, {@link Pooling#WINDOWS}
   * pooling.
   */
  public static ModelSpec defaults() {
    return folded(DEFAULT_UNITS).pooledBy(Pooling.WINDOWS);
  }

  /**
   * The pooling a new model gets with {@code encoding} unless one is asked for: windows for the
   * table encodings, last for scalar (the Keras original's architecture).
   */
  public static Pooling defaultPooling(InputEncoding encoding) {
    return encoding instanceof InputEncoding.Table ? Pooling.WINDOWS : Pooling.LAST;
  }

  /** The same model with another number of units. */
  public ModelSpec resized(int units) {
    return new ModelSpec(units, encoding, clipEpsilon, pooling);
  }

  /** The same model with another encoding. */
  public ModelSpec encodedBy(InputEncoding encoding) {
    return new ModelSpec(units, encoding, clipEpsilon, pooling);
  }

  /** The same model with another pooling. */
  public ModelSpec pooledBy(Pooling pooling) {
    return new ModelSpec(units, encoding, clipEpsilon, pooling);
  }

  /**
   * The length of an embedding: units, plus the encoding's width for the step poolings (all but
   * last).
   */
  public int embeddingSize() {
    return pooling.embeddingSize(units, encoding.width());
  }

  /** The flat fields that metadata and checkpoints store. */
  @JsonValue
  public SpecFields fields() {
    return SpecFields.of(this);
  }

  /** The spec of stored fields (see {@link SpecFields#toSpec()}). */
  @JsonCreator
  public static ModelSpec of(SpecFields fields) {
    return fields.toSpec();
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
    throw new IllegalStateException(
        "the model's encoding is " + encoding.describe() + ", not scalar: it has no input scaling");
  }
}
