"""Ordinary Keras exports load in Java: siamese models a user builds in Keras 3 and saves with model.export(dir)
(serving_default with one output named output_0), scored by the Java CLI and compared with Keras's own outputs
within derived float32 bounds (bounds.py).

  - an LSTM of another size (7 units) behind a Rescaling layer, float32 code points [B, T, 1], output [B, 1];
  - a GRU behind an Embedding of int32 code points [B, T] (hashed into a small table), inputs named by the user
    (query, candidate: --left-input / --right-input), output [B].
Both mask the padding (code point 0), as a siamese model over padded batches must: Java pads each batch to its
own longest string, Keras to the longest of all."""
import math

import numpy as np
import pytest

import bounds
import siamese_model as sm
from conftest import KERAS_REFERENCES, java, read_json, run_java

KERAS_REFERENCE = KERAS_REFERENCES["scalar"]  # models/keras-reference: code points scaled, LSTM(10)

pytestmark = pytest.mark.numeric

CLIP = 1e-6
TABLE = 1021  # code points hash into this many rows (plus row 0, the padding)


def _pairs():
    # Mixed scripts, lengths and near-duplicates; the stdin format cannot hold a tab or a line break.
    pairs = [(p["left"], p["right"]) for p in read_json(KERAS_REFERENCE / "golden.json")["pairs"]]
    return [(a, b) for a, b in pairs if a and b and not any(c in a + b for c in "\t\r\n")]


def _angular_head(keras, ops, a, b):
    """The project's head: acos of the clipped cosine of the two embeddings, / pi (siamese_model.py)."""
    cos = keras.layers.Dot(axes=1, normalize=True)([a, b])
    return ops.arccos(ops.clip(cos, -1.0 + CLIP, 1.0 - CLIP)) / math.pi


def _lstm_model():
    import keras
    from keras import ops
    keras.utils.set_random_seed(23)
    left = keras.Input(shape=(None, 1), name="left")
    right = keras.Input(shape=(None, 1), name="right")
    # (x - 96) / 32 as a Rescaling: x / 32 and the sum with -3 are exact in float32, as in the project's model.
    rescale = keras.layers.Rescaling(scale=1 / 32, offset=-3.0)
    lstm = keras.layers.LSTM(7)

    def encode(raw):
        return lstm(rescale(raw), mask=ops.not_equal(ops.squeeze(raw, axis=-1), 0.0))

    model = keras.Model([left, right], _angular_head(keras, ops, encode(left), encode(right)))
    weights = dict(zip(sm.WEIGHT_NAMES, (np.asarray(w) for w in lstm.get_weights())))
    return model, bounds.Lstm.from_weights(weights, {"inputCenter": 96.0, "inputScale": 32.0})


def _gru_model():
    import keras
    from keras import ops
    keras.utils.set_random_seed(29)
    query = keras.Input(shape=(None,), dtype="int32", name="query")
    candidate = keras.Input(shape=(None,), dtype="int32", name="candidate")
    embedding = keras.layers.Embedding(TABLE + 1, 6, mask_zero=True)
    gru = keras.layers.GRU(8)

    def encode(raw):
        # Code point -> row 1 + cp mod TABLE; padding (0) stays row 0, which mask_zero masks.
        ids = ops.where(ops.greater(raw, 0), ops.mod(raw, TABLE) + 1, 0)
        return gru(embedding(ids))

    distance = ops.squeeze(_angular_head(keras, ops, encode(query), encode(candidate)), axis=-1)
    model = keras.Model({"query": query, "candidate": candidate}, distance)
    table = np.asarray(embedding.get_weights()[0], np.float64)
    kernel, recurrent, bias = (np.asarray(w) for w in gru.get_weights())
    lookup = lambda cps: table[[1 + cp % TABLE for cp in cps]]  # noqa: E731
    return model, bounds.Gru(kernel, recurrent, bias, lookup)


def _java_scores(model_dir, pairs, *options):
    stdin = "".join(f"{a}\t{b}\n" for a, b in pairs)
    out = java("score", "--model", model_dir, *options, stdin=stdin)
    # Java prints the shortest decimal that identifies its float32: np.float32 recovers it exactly.
    return [float(np.float32(line)) for line in out.splitlines()]


def _check(report, name, expected, got, encoder, pairs):
    assert len(got) == len(expected) == len(pairs)
    envelopes = bounds.pair_envelopes(encoder, pairs, CLIP)
    # The float64 encoder is the same function as the Keras model: each Keras distance lies in its envelope
    # (a wrong gate order or scaling would put the envelopes elsewhere, and the comparison below would mean little).
    outside = [(p, float(k), e) for p, k, e in zip(pairs, expected, envelopes) if not e.low <= float(k) <= e.high]
    assert not outside, outside[:5]
    result = bounds.compare(expected, got, envelopes, pairs)
    report(f"Keras export -> Java score, {name}", result.summary())
    assert not result.violations, "\n".join(result.violations)


def test_keras_lstm_with_rescaling_export_scores_as_keras_does(tmp_path, report):
    model, encoder = _lstm_model()
    model.export(str(tmp_path / "lstm"), verbose=False)
    pairs = _pairs()
    keras_out = model.predict([sm.encode_batch([a for a, _ in pairs]), sm.encode_batch([b for _, b in pairs])],
                              verbose=0)
    assert keras_out.shape == (len(pairs), 1)
    _check(report, "LSTM(7) + Rescaling, float32 [B, T, 1] -> output_0 [B, 1]", keras_out[:, 0],
           _java_scores(tmp_path / "lstm", pairs), encoder, pairs)


def _int_batch(texts):
    return sm.encode_batch(texts)[:, :, 0].astype(np.int32)


def test_keras_gru_with_embedding_on_int_inputs_scores_as_keras_does(tmp_path, report):
    model, encoder = _gru_model()
    model.export(str(tmp_path / "gru"), verbose=False)
    pairs = _pairs()
    keras_out = model.predict({"query": _int_batch([a for a, _ in pairs]),
                               "candidate": _int_batch([b for _, b in pairs])}, verbose=0)
    assert keras_out.shape == (len(pairs),)
    got = _java_scores(tmp_path / "gru", pairs, "--left-input", "query", "--right-input", "candidate")
    _check(report, "Embedding + GRU(8), int32 [B, T] named query/candidate -> output_0 [B]", keras_out, got,
           encoder, pairs)


def test_keras_export_with_other_input_names_needs_them_named(tmp_path):
    model, _ = _gru_model()
    model.export(str(tmp_path / "gru"), verbose=False)
    proc = run_java("score", "--model", tmp_path / "gru", "a", "b")
    assert proc.returncode != 0
    assert "--left-input" in proc.stderr and '"query"' in proc.stderr, proc.stderr
