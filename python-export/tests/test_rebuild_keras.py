"""Java export -> checkpoint -> Keras model -> .keras file -> load_model: same distances as Java."""
import numpy as np
import pytest
import tensorflow as tf

import keras
import rebuild_keras
import siamese_model as sm
from conftest import java
from hard_cases import hard_pairs


def test_rebuilt_keras_matches_java(java_model, tmp_path, report):
    out = tmp_path / "rebuilt.keras"
    model = rebuild_keras.rebuild(str(java_model))
    model.save(out)
    reloaded = keras.saving.load_model(out)   # no custom objects: only built-in layers and keras.ops
    pairs = hard_pairs()
    stdout = java("score", "--model", java_model, stdin="".join(f"{a}\t{b}\n" for a, b in pairs))
    expected = np.array([float(line) for line in stdout.splitlines() if line.strip()])
    assert len(expected) == len(pairs)
    got = np.asarray(reloaded.predict([sm.encode_batch([a for a, _ in pairs]),
                                       sm.encode_batch([b for _, b in pairs])], verbose=0))[:, 0]
    diff = float(np.max(np.abs(got - expected)))
    report(f"rebuilt .keras vs Java score, {len(pairs)} pairs: max |distance diff|", diff)
    assert diff <= 1e-5


def test_shape_mismatch_is_a_clear_error(tmp_path):
    """A checkpoint of LSTM(8) under metadata that says units=10: expected vs found shapes."""
    ckpt = tmp_path / "variables"
    ckpt.mkdir()
    with tf.Graph().as_default():
        for name, shape in (("kernel", [1, 32]), ("recurrent_kernel", [8, 32]), ("bias", [32])):
            tf.compat.v1.Variable(tf.zeros(shape), name=f"lstm/{name}")
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver().save(session, str(ckpt / "variables"), write_meta_graph=False)
    (tmp_path / sm.METADATA_FILE).write_text(
        '{"units": 10, "inputCenter": 96.0, "inputScale": 32.0, "clipEpsilon": 1e-6}')
    with pytest.raises(ValueError, match=r"lstm/kernel: expected \[1, 40\], found \[1, 32\]"):
        rebuild_keras.rebuild(str(tmp_path))
