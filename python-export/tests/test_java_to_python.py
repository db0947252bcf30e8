"""Java export -> Python: tf.saved_model.load and a keyword-argument TFSMLayer give Java's distances."""
import csv

import keras
import numpy as np
import pytest
import tensorflow as tf

import bounds
import siamese_model as sm
from conftest import java, lstm_bounds
from hard_cases import hard_pairs

pytestmark = pytest.mark.numeric


class TwoInputTFSMLayer(keras.layers.TFSMLayer):
    """TFSMLayer calls its endpoint with one positional input; a signature with the two inputs left and right
    needs keyword arguments (keras issue #20813), so call with a dict of named inputs."""

    def call(self, inputs, training=False):
        return self.call_endpoint_fn(**inputs)


def _pairs(dataset_csv, n=200):
    with open(dataset_csv, newline="", encoding="utf-8") as f:
        rows = [(r["left"], r["right"]) for r in csv.DictReader(f)][:n]
    return rows + hard_pairs()


def java_scores(model_dir, pairs):
    stdout = java("score", "--model", model_dir, stdin="".join(f"{a}\t{b}\n" for a, b in pairs))
    # Java prints the shortest decimal that identifies its float32; np.float32 recovers that float exactly.
    scores = np.array([np.float32(line) for line in stdout.splitlines() if line.strip()], np.float64)
    assert len(scores) == len(pairs), f"expected {len(pairs)} scores from Java, found {len(scores)}"
    return scores


def test_java_export_in_python(java_model, dataset_csv, report):
    check_java_export_in_python(java_model, dataset_csv, report)


def test_java_pooled_export_in_python(java_pooled_model, dataset_csv, report):
    """The same for a Java folded model pooled by words (java_model pools by train's default)."""
    check_java_export_in_python(java_pooled_model, dataset_csv, report)


def check_java_export_in_python(java_model, dataset_csv, report, label=""):
    pairs = _pairs(dataset_csv)
    assert len(pairs) >= 200
    expected = java_scores(java_model, pairs)
    left = tf.constant(sm.encode_batch([a for a, _ in pairs]))
    right = tf.constant(sm.encode_batch([b for _, b in pairs]))

    signature = tf.saved_model.load(str(java_model)).signatures["serving_default"]
    via_load = signature(left=left, right=right)[sm.DISTANCE].numpy()[:, 0]
    layer = TwoInputTFSMLayer(str(java_model), call_endpoint="serving_default")
    via_layer = np.asarray(layer({sm.LEFT: left, sm.RIGHT: right})[sm.DISTANCE])[:, 0]

    # Java's score (its batches sorted by length, at most 256 rows) and Python's TensorFlow (one padded batch) are
    # two float32 implementations of the same model: bounds.py's Envelopes, from the model's own weights.
    lstm, clip = lstm_bounds(java_model)
    envelopes = bounds.pair_envelopes(lstm, pairs, clip)
    by_load = bounds.compare(expected, via_load, envelopes, pairs)
    by_layer = bounds.compare(expected, via_layer, envelopes, pairs)
    meta = sm.read_metadata(java_model)
    label = label or f"{sm.encoding_of(meta)} {sm.pooling_of(meta)}: "
    report(f"{label}Java score vs tf.saved_model.load", by_load.summary())
    report(f"{label}Java score vs TFSMLayer(kwargs)", by_layer.summary())
    assert np.isfinite(expected).all()
    assert not by_load.violations, "\n".join(by_load.violations)
    assert not by_layer.violations, "\n".join(by_layer.violations)
