"""Java export -> checkpoint -> Keras model -> .keras file -> load_model: same results as Java."""
import numpy as np
import pytest
import tensorflow as tf

import bounds
import keras
import rebuild_keras
import siamese_model as sm
from conftest import java, lstm_bounds
from hard_cases import hard_pairs

pytestmark = pytest.mark.numeric


def test_rebuilt_keras_matches_java(java_model, tmp_path, report):
    out = tmp_path / "rebuilt.keras"
    rebuild_keras.rebuild(str(java_model)).save(out)
    reloaded = keras.saving.load_model(out)   # no custom objects: only built-in layers and keras.ops
    pairs = hard_pairs()
    stdout = java("score", "--model", java_model, stdin="".join(f"{a}\t{b}\n" for a, b in pairs))
    # Java prints the shortest decimal that identifies its float32; np.float32 recovers that float exactly.
    expected = np.array([np.float32(line) for line in stdout.splitlines() if line.strip()], np.float64)
    assert len(expected) == len(pairs)
    left, right = sm.encode_batch([a for a, _ in pairs]), sm.encode_batch([b for _, b in pairs])
    got = np.asarray(reloaded.predict([left, right], verbose=0))[:, 0]

    # Keras's LSTM (while loop) and Java's fused BlockLSTMV2 are two float32 implementations: embeddings within
    # twice bounds.py's running error bound, distances within the pairs' Envelopes (cosines near distance 0).
    lstm, clip = lstm_bounds(java_model)
    java_embed = tf.saved_model.load(str(java_model)).signatures["embed"]
    encode = sm.encoder(reloaded.get_layer(sm.LSTM_NAME), *(sm.read_metadata(java_model)[k]
                                                              for k in ("inputCenter", "inputScale")))
    emb_diff = emb_ratio = 0.0
    for texts, x in (([a for a, _ in pairs], left), ([b for _, b in pairs], right)):
        diff = np.abs(java_embed(text=tf.constant(x))[sm.EMBEDDING].numpy() - np.asarray(encode(x)))
        tolerance = np.array([bounds.embedding_tolerance(lstm, t) for t in texts])
        emb_diff, emb_ratio = max(emb_diff, float(diff.max())), max(emb_ratio, float((diff / tolerance).max()))
        assert (diff <= tolerance).all(), [t for t, bad in zip(texts, (diff > tolerance).any(axis=1)) if bad]
    result = bounds.compare(expected, got, bounds.pair_envelopes(lstm, pairs, clip), pairs)
    report("rebuilt .keras vs Java (hard pairs)", result.summary())
    report("rebuilt .keras vs Java: max |embedding diff| (largest diff/bound)", f"{emb_diff:.3g} ({emb_ratio:.3g})")
    assert not result.violations, "\n".join(result.violations)


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
