"""The siamese angular-distance LSTM in Keras 3: the fixed model, the naive original, and helpers.

The fixed model computes exactly the function of the Java model (see README.md):
  mask   = raw != 0                                  (U+0000 is padding, never text)
  x      = (raw - inputCenter) / inputScale          (in-graph)
  emb    = LSTM(units)(x, mask)                      (keras/src/layers/rnn/lstm.py: gates i, f, c, o;
                                                      zero state; masked steps carry the state forward,
                                                      so emb = h at the last unmasked step)
  cos    = Dot(axes=1, normalize=True)([embL, embR]) (keras/src/layers/merging/dot.py, Keras 3.6-3.15:
                                                      x * min(rsqrt(sum x^2), 1e7); Java uses
                                                      tf.math.l2_normalize = x * rsqrt(max(sum x^2, 1e-12)).
                                                      Both are x/||x|| for ||x|| >= 1e-6; they differ only
                                                      for smaller norms, and both map a zero vector to 0)
  dist   = arccos(clip(cos, -1 + eps, 1 - eps)) / pi (eps = clipEpsilon; the clip keeps acos and its
                                                      gradient -1/sqrt(1 - x^2) finite)
  loss   = binary_crossentropy(y_true = 1 - label, y_pred = dist)   (keras/src/losses/losses.py)

Only keras.ops are used on KerasTensors (tf.math.acos cannot take one in Keras 3), so a saved .keras file
reloads with keras.saving.load_model and no custom objects.
"""
import json
import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

DEFAULT_UNITS = 10
DEFAULT_INPUT_CENTER = 96.0
DEFAULT_INPUT_SCALE = 32.0
DEFAULT_CLIP_EPSILON = 1e-6
METADATA_FILE = "siamese-angular.json"

# Names that are API: identical on the Java side.
LEFT, RIGHT, DISTANCE = "left", "right", "distance"
TEXT, EMBEDDING = "text", "embedding"
LSTM_NAME = "lstm"
WEIGHT_NAMES = ("kernel", "recurrent_kernel", "bias")


def build_fixed(units=DEFAULT_UNITS, input_center=DEFAULT_INPUT_CENTER,
                input_scale=DEFAULT_INPUT_SCALE, clip_epsilon=DEFAULT_CLIP_EPSILON):
    """The masked, scaled, clipped model that matches the Java graph. Returns (model, lstm layer)."""
    left = keras.Input(shape=(None, 1), name=LEFT)
    right = keras.Input(shape=(None, 1), name=RIGHT)
    lstm = keras.layers.LSTM(units, name=LSTM_NAME)
    encode = encoder(lstm, input_center, input_scale)
    cos = keras.layers.Dot(axes=1, normalize=True)([encode(left), encode(right)])
    distance = ops.arccos(ops.clip(cos, -1.0 + clip_epsilon, 1.0 - clip_epsilon)) / math.pi
    model = keras.Model([left, right], distance, name="siamese_angular")
    return model, lstm


def encoder(lstm, input_center, input_scale):
    """raw code points [b, t, 1] -> embedding [b, units]: mask, scale, shared LSTM."""
    def encode(raw):
        mask = ops.not_equal(ops.squeeze(raw, axis=-1), 0.0)
        return lstm((raw - input_center) / input_scale, mask=mask)
    return encode


def build_naive(units=DEFAULT_UNITS):
    """The original from the question: raw code points, no mask, no scaling, no clip."""
    left = keras.Input(shape=(None, 1), name=LEFT)
    right = keras.Input(shape=(None, 1), name=RIGHT)
    lstm = keras.layers.LSTM(units, name=LSTM_NAME)
    cos = keras.layers.Dot(axes=1, normalize=True)([lstm(left), lstm(right)])
    model = keras.Model([left, right], ops.arccos(cos) / math.pi, name="siamese_angular_naive")
    return model, lstm


def compile_sgd(model, learning_rate=0.01):
    """Keras defaults: SGD(0.01), binary_crossentropy on probabilities."""
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=learning_rate), loss="binary_crossentropy")
    return model


def code_points(text):
    """Unicode code points (not UTF-16 units): a Python str iterates code points."""
    return [ord(c) for c in text]


def encode_batch(texts):
    """float32 [batch, time, 1] of code points, right-padded with 0 to the longest text (time >= 1)."""
    width = max([1] + [len(t) for t in texts])
    out = np.zeros((len(texts), width, 1), np.float32)
    for row, text in enumerate(texts):
        out[row, :len(text), 0] = code_points(text)
    return out


def y_true(labels):
    """Label 1 = similar pair = wanted distance 0, so the BCE target is 1 - label."""
    return (1.0 - np.asarray(labels, np.float32)).reshape(-1, 1)


def read_metadata(model_dir):
    path = os.path.join(model_dir, METADATA_FILE)
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    missing = [k for k in ("units", "inputCenter", "inputScale", "clipEpsilon") if k not in meta]
    if missing:
        raise ValueError(f"{path}: missing keys {missing}; found {sorted(meta)}")
    return meta


def build_from_metadata(meta):
    return build_fixed(int(meta["units"]), float(meta["inputCenter"]), float(meta["inputScale"]),
                       float(meta["clipEpsilon"]))


def set_lstm_weights(lstm, weights):
    """weights: dict kernel/recurrent_kernel/bias (Keras layout). Checks shapes, expected vs found."""
    arrays = []
    for name, var in zip(WEIGHT_NAMES, lstm.weights):
        value = np.asarray(weights[name], np.float32)
        if tuple(value.shape) != tuple(var.shape):
            raise ValueError(f"LSTM weight '{name}': expected shape {tuple(var.shape)}, found {value.shape}")
        arrays.append(value)
    lstm.set_weights(arrays)


def lstm_weights(lstm):
    return {name: np.asarray(w) for name, w in zip(WEIGHT_NAMES, lstm.get_weights())}


def set_deterministic(seed):
    keras.utils.set_random_seed(seed)
    import tensorflow as tf
    tf.config.experimental.enable_op_determinism()
