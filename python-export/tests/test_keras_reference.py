"""Pure Python: the committed Keras reference reproduces its golden vectors; the clip removes the NaN."""
import math

import keras
import numpy as np
import tensorflow as tf

import siamese_model as sm
from conftest import KERAS_REFERENCE, read_json


def test_golden_reproduced_from_saved_model(report):
    golden = read_json(KERAS_REFERENCE / "golden.json")
    meta = sm.read_metadata(KERAS_REFERENCE)
    assert {k: golden[k] for k in ("units", "inputCenter", "inputScale", "clipEpsilon")} == \
        {k: meta[k] for k in ("units", "inputCenter", "inputScale", "clipEpsilon")}
    loaded = tf.saved_model.load(str(KERAS_REFERENCE))
    serve, embed = loaded.signatures["serving_default"], loaded.signatures["embed"]
    dist_diff = emb_diff = 0.0
    for pair in golden["pairs"]:
        assert sm.code_points(pair["left"]) == pair["leftCodePoints"]
        assert sm.code_points(pair["right"]) == pair["rightCodePoints"]
        left, right = sm.encode_batch([pair["left"]]), sm.encode_batch([pair["right"]])
        got = serve(left=tf.constant(left), right=tf.constant(right))[sm.DISTANCE].numpy()[0, 0]
        dist_diff = max(dist_diff, abs(float(got) - pair["distance"]))
        for side, x in (("leftEmbedding", left), ("rightEmbedding", right)):
            e = embed(text=tf.constant(x))[sm.EMBEDDING].numpy()[0]
            emb_diff = max(emb_diff, float(np.max(np.abs(e - pair[side]))))
    report("golden.json vs reloaded models/keras-reference: max |distance diff|", dist_diff)
    report("golden.json vs reloaded models/keras-reference: max |embedding diff|", emb_diff)
    assert len(golden["pairs"]) >= 45
    assert dist_diff <= 1e-6 and emb_diff <= 1e-6


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
    model, _ = sm.build_fixed()
    texts = ["hello", "a", "😀", "𠀋", "x" * 250, "same same"]
    d = np.asarray(model([sm.encode_batch(texts), sm.encode_batch(texts)]))[:, 0]
    assert np.isfinite(d).all()
    # Identical strings give cos = 1 (or 1 + ulp), clipped to 1 - eps: distance = acos(1 - eps) / pi.
    assert np.allclose(d, math.acos(1 - sm.DEFAULT_CLIP_EPSILON) / math.pi, atol=2e-5)
