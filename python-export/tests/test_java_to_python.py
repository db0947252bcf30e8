"""Java export -> Python: tf.saved_model.load and a keyword-argument TFSMLayer give Java's distances."""
import csv

import keras
import numpy as np
import tensorflow as tf

import siamese_model as sm
from conftest import java
from hard_cases import hard_pairs


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
    scores = np.array([float(line) for line in stdout.splitlines() if line.strip()])
    assert len(scores) == len(pairs), f"expected {len(pairs)} scores from Java, found {len(scores)}"
    return scores


def test_java_export_in_python(java_model, dataset_csv, report):
    pairs = _pairs(dataset_csv)
    assert len(pairs) >= 200
    expected = java_scores(java_model, pairs)
    left = tf.constant(sm.encode_batch([a for a, _ in pairs]))
    right = tf.constant(sm.encode_batch([b for _, b in pairs]))

    signature = tf.saved_model.load(str(java_model)).signatures["serving_default"]
    via_load = signature(left=left, right=right)[sm.DISTANCE].numpy()[:, 0]
    layer = TwoInputTFSMLayer(str(java_model), call_endpoint="serving_default")
    via_layer = np.asarray(layer({sm.LEFT: left, sm.RIGHT: right})[sm.DISTANCE])[:, 0]

    d_load = float(np.max(np.abs(via_load - expected)))
    d_layer = float(np.max(np.abs(via_layer - expected)))
    report(f"Java score vs tf.saved_model.load, {len(pairs)} pairs: max |distance diff|", d_load)
    report(f"Java score vs TFSMLayer(kwargs), {len(pairs)} pairs: max |distance diff|", d_layer)
    assert np.isfinite(expected).all()
    assert d_load <= 1e-5 and d_layer <= 1e-5
