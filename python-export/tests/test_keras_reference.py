"""Pure Python: the committed Keras reference reproduces its golden vectors; the clip removes the NaN."""
import math

import keras
import numpy as np
import pytest
import tensorflow as tf

import bounds
import siamese_model as sm
from conftest import KERAS_REFERENCE, lstm_bounds, read_json

pytestmark = pytest.mark.numeric


def test_golden_reproduced_from_saved_model(report):
    """golden.json was written by Keras on the machine that made the export; reloaded here, on this CPU's kernels,
    the SavedModel must give the same numbers within the float32 bounds of bounds.py (two implementations)."""
    golden = read_json(KERAS_REFERENCE / "golden.json")
    meta = sm.read_metadata(KERAS_REFERENCE)
    assert {k: golden[k] for k in ("units", "inputCenter", "inputScale", "clipEpsilon")} == \
        {k: meta[k] for k in ("units", "inputCenter", "inputScale", "clipEpsilon")}
    lstm, clip = lstm_bounds(KERAS_REFERENCE)
    loaded = tf.saved_model.load(str(KERAS_REFERENCE))
    serve, embed = loaded.signatures["serving_default"], loaded.signatures["embed"]
    got, emb_diff, emb_ratio = [], 0.0, 0.0
    for pair in golden["pairs"]:
        assert sm.code_points(pair["left"]) == pair["leftCodePoints"]
        assert sm.code_points(pair["right"]) == pair["rightCodePoints"]
        left, right = sm.encode_batch([pair["left"]]), sm.encode_batch([pair["right"]])
        got.append(float(serve(left=tf.constant(left), right=tf.constant(right))[sm.DISTANCE].numpy()[0, 0]))
        for side, x in (("left", left), ("right", right)):
            diff = np.abs(embed(text=tf.constant(x))[sm.EMBEDDING].numpy()[0] - pair[side + "Embedding"])
            tolerance = bounds.embedding_tolerance(lstm, pair[side])
            emb_diff, emb_ratio = max(emb_diff, float(diff.max())), max(emb_ratio, float((diff / tolerance).max()))
            assert (diff <= tolerance).all(), f"{pair[side]!r}: embedding differs by {diff} > {tolerance}"
    texts = [(p["left"], p["right"]) for p in golden["pairs"]]
    result = bounds.compare([p["distance"] for p in golden["pairs"]], got, bounds.pair_envelopes(lstm, texts, clip),
                            texts)
    report("golden.json vs reloaded models/keras-reference", result.summary())
    report("golden.json vs reloaded models/keras-reference: max |embedding diff| (largest diff/bound)",
           f"{emb_diff:.3g} ({emb_ratio:.3g})")
    assert len(golden["pairs"]) >= 45
    assert not result.violations, "\n".join(result.violations)


def _vectors_whose_self_cosine_exceeds_one():
    """Random float32 vectors v with Dot(normalize=True)([v, v]) > 1 (keras issue #17138)."""
    v = np.random.default_rng(0).normal(size=(2000, 10)).astype(np.float32)
    cos = np.asarray(keras.layers.Dot(axes=1, normalize=True)([v, v]))[:, 0]
    return v[cos > 1.0], cos[cos > 1.0]


def test_naive_formula_is_nan_where_fixed_is_finite(report):
    v, cos = _vectors_whose_self_cosine_exceeds_one()
    report("random 10-d float32 vectors (of 2000) with normalised self-dot > 1", f"{len(v)}, max {cos.max():.9g}")
    assert len(v) > 0
    naive = np.asarray(keras.ops.arccos(cos)) / math.pi           # the original: acos of the raw dot product
    eps = sm.DEFAULT_CLIP_EPSILON
    fixed = np.asarray(keras.ops.arccos(keras.ops.clip(cos, -1 + eps, 1 - eps))) / math.pi
    assert np.isnan(naive).all()
    assert np.isfinite(fixed).all()

    # Backward: d acos/dx = -1/sqrt(1-x^2) is infinite at x = 1, so even a clipped *output* gets inf/NaN.
    x = tf.constant([1.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        naive_out = tf.clip_by_value(tf.math.acos(x) / math.pi, 1e-6, 1 - 1e-6)
        fixed_out = tf.math.acos(tf.clip_by_value(x, -1 + eps, 1 - eps)) / math.pi
    assert not np.isfinite(tape.gradient(naive_out, x).numpy()).all()
    assert np.isfinite(tape.gradient(fixed_out, x).numpy()).all()


def test_fixed_model_is_finite_on_identical_strings():
    sm.set_deterministic(3)
    model, lstm = sm.build_fixed()
    texts = ["hello", "a", "😀", "𠀋", "x" * 250, "same same"]
    d = np.asarray(model([sm.encode_batch(texts), sm.encode_batch(texts)]))[:, 0]
    assert np.isfinite(d).all()
    # Identical strings: cos = 1 up to float32 rounding (even 1 + ulp), clipped to 1 - eps, so the distance is
    # acos(1 - eps) / pi up to the rounding bounds.py derives (the cosine may round below 1 - eps).
    exact = bounds.Lstm.from_weights(sm.lstm_weights(lstm), {"inputCenter": sm.DEFAULT_INPUT_CENTER,
                                                             "inputScale": sm.DEFAULT_INPUT_SCALE})
    for text, distance in zip(texts, d):
        env = bounds.envelope(exact.embed(text), exact.embed(text), sm.DEFAULT_CLIP_EPSILON)
        assert env.distance == pytest.approx(math.acos(np.float32(1 - sm.DEFAULT_CLIP_EPSILON)) / math.pi)
        assert env.low <= distance <= env.high, f"{text!r}: {distance} outside [{env.low}, {env.high}]"
