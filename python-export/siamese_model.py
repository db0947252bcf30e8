"""The siamese angular-distance LSTM in Keras 3: the fixed model (either input encoding), the naive original, helpers.

The fixed model computes exactly the function of the Java model (see README.md):
  mask   = raw != 0                                  (U+0000 is padding, never text)
  x      = encoding(raw)                             (in-graph, per step; see below)
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

The two input encodings (the Java side: graph/InputEncoding, graph/CodePointEncoder):
  scalar: x = (raw - inputCenter) / inputScale       one feature per step (the Keras original's input, scaled)
  hashed: id_k = mod(raw, m_k) + offset_k            moduli m = hashModuli (1031, 1087), offset_k = m_0 + ... +
                                                      m_(k-1); floor mod on float32 is exact (integers < 2^24)
          x = tanh(sum_k T[id_k])                    T = Embedding(sum of moduli, embeddingDimension), one table
                                                      named code_point_embedding; tanh bounds every feature
Only built-in layers and keras.ops are used on KerasTensors (tf.math.acos cannot take one in Keras 3), so a saved
.keras file reloads with keras.saving.load_model and no custom objects.

A model's spec is the dict of its metadata keys (siamese-angular.json, as the Java ModelMetadata writes them):
units, clipEpsilon, encoding, and inputCenter/inputScale (scalar) or hashModuli/embeddingDimension (hashed). A
file without "encoding" is scalar (every model written before the hashed encoding).
"""
import json
import math
import os
from dataclasses import dataclass

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

SCALAR, HASHED = "scalar", "hashed"
ENCODINGS = (SCALAR, HASHED)
DEFAULT_UNITS = {SCALAR: 10, HASHED: 24}     # the Keras original's LSTM(10); the Java default for hashed
DEFAULT_INPUT_CENTER = 96.0
DEFAULT_INPUT_SCALE = 32.0
DEFAULT_HASH_MODULI = (1031, 1087)           # coprime, product > U+10FFFF: no two code points share both rows
DEFAULT_EMBEDDING_DIMENSION = 8
TABLE_INIT_LIMIT = 0.5                       # U(-0.5, 0.5), as Java's KerasInitializers (docs/encoding-calibration.md)
DEFAULT_CLIP_EPSILON = 1e-6
METADATA_FILE = "siamese-angular.json"
# The metadata layout with "encoding" (Java model/ModelMetadata.VERSION 2; version 1 files have no encoding key).
METADATA_FORMAT_VERSION = 2

# Names that are API: identical on the Java side.
LEFT, RIGHT, DISTANCE = "left", "right", "distance"
TEXT, EMBEDDING = "text", "embedding"
LSTM_NAME = "lstm"
TABLE_NAME = "code_point_embedding"          # its weight: code_point_embedding/embeddings
WEIGHT_NAMES = ("kernel", "recurrent_kernel", "bias")
TABLE_WEIGHT = "embeddings"
ENCODING_KEYS = {SCALAR: ("inputCenter", "inputScale"), HASHED: ("hashModuli", "embeddingDimension")}


def make_spec(encoding=HASHED, units=None, clip_epsilon=DEFAULT_CLIP_EPSILON, hash_moduli=DEFAULT_HASH_MODULI,
              embedding_dimension=DEFAULT_EMBEDDING_DIMENSION):
    """The metadata keys of a model (see the module comment); units default by encoding."""
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {ENCODINGS}, found {encoding!r}")
    spec = {"units": int(units or DEFAULT_UNITS[encoding]), "encoding": encoding}
    if encoding == SCALAR:
        spec.update(inputCenter=DEFAULT_INPUT_CENTER, inputScale=DEFAULT_INPUT_SCALE)
    else:
        spec.update(hashModuli=[int(m) for m in hash_moduli], embeddingDimension=int(embedding_dimension))
    spec["clipEpsilon"] = float(clip_epsilon)
    return spec


def encoding_of(spec):
    return spec.get("encoding", SCALAR)


def spec_of(meta):
    """The model keys of a metadata dict (or a golden.json / trace), checked: expected vs found."""
    encoding = encoding_of(meta)
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}: expected one of {ENCODINGS}")
    keys = ("units", *ENCODING_KEYS[encoding], "clipEpsilon")
    missing = [k for k in keys if k not in meta]
    if missing:
        raise ValueError(f"a {encoding} model needs the keys {list(keys)}; missing {missing}; found {sorted(meta)}")
    return {"encoding": encoding, **{k: meta[k] for k in keys}}


def width(spec):
    """Features per step: the LSTM kernel's input size."""
    return 1 if encoding_of(spec) == SCALAR else int(spec["embeddingDimension"])


def table_rows(spec):
    return sum(int(m) for m in spec["hashModuli"])


def weight_shapes(spec):
    """{name: shape} of every weight, in the Java checkpoint's layout (= Keras's)."""
    u = int(spec["units"])
    shapes = {"kernel": [width(spec), 4 * u], "recurrent_kernel": [u, 4 * u], "bias": [4 * u]}
    if encoding_of(spec) == HASHED:
        shapes = {TABLE_WEIGHT: [table_rows(spec), width(spec)], **shapes}
    return shapes


def features(raw, spec, table):
    """raw code points [b, t, 1] -> LSTM inputs [b, t, width(spec)], as graph/CodePointEncoder computes them."""
    if encoding_of(spec) == SCALAR:
        return (raw - float(spec["inputCenter"])) / float(spec["inputScale"])
    moduli = [int(m) for m in spec["hashModuli"]]
    offsets = np.cumsum([0] + moduli[:-1]).astype("float32")
    ids = ops.cast(ops.mod(raw, np.asarray(moduli, "float32")) + offsets, "int32")   # [b, t, K]
    return ops.tanh(ops.sum(table(ids), axis=2))                                     # [b, t, K, d] -> [b, t, d]


@dataclass
class Siamese:
    """The fixed model, its shared layers and its spec."""
    model: keras.Model
    lstm: keras.layers.LSTM
    table: object      # keras.layers.Embedding, or None for the scalar encoding
    spec: dict

    def encode(self, raw):
        """raw code points [b, t, 1] -> embedding [b, units]: mask, encoding, shared LSTM."""
        mask = ops.not_equal(ops.squeeze(raw, axis=-1), 0.0)
        return self.lstm(features(raw, self.spec, self.table), mask=mask)

    def weights(self):
        """{embeddings (hashed), kernel, recurrent_kernel, bias} as float32 arrays."""
        out = {name: np.asarray(w) for name, w in zip(WEIGHT_NAMES, self.lstm.get_weights())}
        if self.table is not None:
            out = {TABLE_WEIGHT: np.asarray(self.table.get_weights()[0]), **out}
        return out

    def set_weights(self, weights):
        """weights: dict as weights() returns. Checks names and shapes, expected vs found."""
        expected = weight_shapes(self.spec)
        arrays = {name: np.asarray(weights[name], np.float32) for name in expected if name in weights}
        problems = [f"'{name}': expected shape {shape}, found "
                    + (str(list(arrays[name].shape)) if name in arrays else "nothing")
                    for name, shape in expected.items()
                    if name not in arrays or list(arrays[name].shape) != shape]
        if problems:
            raise ValueError(f"weights for a {self.describe()} model: " + "; ".join(problems))
        self.lstm.set_weights([arrays[name] for name in WEIGHT_NAMES])
        if self.table is not None:
            self.table.set_weights([arrays[TABLE_WEIGHT]])

    def describe(self):
        s = self.spec
        enc = (f"scalar((c-{s['inputCenter']})/{s['inputScale']})" if encoding_of(s) == SCALAR
               else f"hashed({','.join(map(str, s['hashModuli']))},d{s['embeddingDimension']},tanh)")
        return f"{enc} LSTM({s['units']})"


def build_fixed(spec=None):
    """The masked, encoded, clipped model that matches the Java graph (default: the hashed encoding)."""
    spec = spec_of(spec or make_spec())
    left = keras.Input(shape=(None, 1), name=LEFT)
    right = keras.Input(shape=(None, 1), name=RIGHT)
    lstm = keras.layers.LSTM(int(spec["units"]), name=LSTM_NAME)
    table = None
    if encoding_of(spec) == HASHED:
        table = keras.layers.Embedding(
            table_rows(spec), int(spec["embeddingDimension"]), name=TABLE_NAME,
            embeddings_initializer=keras.initializers.RandomUniform(-TABLE_INIT_LIMIT, TABLE_INIT_LIMIT))
    siamese = Siamese(None, lstm, table, spec)
    cos = keras.layers.Dot(axes=1, normalize=True)([siamese.encode(left), siamese.encode(right)])
    eps = float(spec["clipEpsilon"])
    distance = ops.arccos(ops.clip(cos, -1.0 + eps, 1.0 - eps)) / math.pi
    siamese.model = keras.Model([left, right], distance, name="siamese_angular")
    return siamese


def from_keras_model(model, spec):
    """The Siamese view of a model built by build_fixed and reloaded (e.g. keras.saving.load_model)."""
    spec = spec_of(spec)
    table = model.get_layer(TABLE_NAME) if encoding_of(spec) == HASHED else None
    return Siamese(model, model.get_layer(LSTM_NAME), table, spec)


def build_naive(units=DEFAULT_UNITS[SCALAR]):
    """The original from the question: raw code points, no mask, no scaling, no clip. Returns (model, lstm)."""
    left = keras.Input(shape=(None, 1), name=LEFT)
    right = keras.Input(shape=(None, 1), name=RIGHT)
    lstm = keras.layers.LSTM(units, name=LSTM_NAME)
    cos = keras.layers.Dot(axes=1, normalize=True)([lstm(left), lstm(right)])
    model = keras.Model([left, right], ops.arccos(cos) / math.pi, name="siamese_angular_naive")
    return model, lstm


def compile_model(model, optimizer="sgd", learning_rate=0.01):
    """binary_crossentropy on probabilities; SGD(0.01) is the Keras default (the original's optimizer)."""
    optimizers = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam}
    model.compile(optimizer=optimizers[optimizer](learning_rate=learning_rate), loss="binary_crossentropy")
    return model


def code_points(text):
    """Unicode code points (not UTF-16 units): a Python str iterates code points."""
    return [ord(c) for c in text]


def encode_batch(texts):
    """float32 [batch, time, 1] of code points, right-padded with 0 to the longest text (time >= 1)."""
    width_ = max([1] + [len(t) for t in texts])
    out = np.zeros((len(texts), width_, 1), np.float32)
    for row, text in enumerate(texts):
        out[row, :len(text), 0] = code_points(text)
    return out


def y_true(labels):
    """Label 1 = similar pair = wanted distance 0, so the BCE target is 1 - label."""
    return (1.0 - np.asarray(labels, np.float32)).reshape(-1, 1)


def read_metadata(model_dir):
    """siamese-angular.json of a model directory, with its spec keys checked."""
    path = os.path.join(model_dir, METADATA_FILE)
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    try:
        spec_of(meta)
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None
    return meta


def set_deterministic(seed):
    keras.utils.set_random_seed(seed)
    import tensorflow as tf
    tf.config.experimental.enable_op_determinism()
