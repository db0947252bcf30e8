"""Java export -> checkpoint -> Keras model -> .keras file -> load_model: same results as Java."""
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
    rebuild_keras.rebuild(str(java_model)).save(out)
    reloaded = keras.saving.load_model(out)   # no custom objects: only built-in layers and keras.ops
    pairs = hard_pairs()
    stdout = java("score", "--model", java_model, stdin="".join(f"{a}\t{b}\n" for a, b in pairs))
    expected = np.array([float(line) for line in stdout.splitlines() if line.strip()])
    assert len(expected) == len(pairs)
    left, right = sm.encode_batch([a for a, _ in pairs]), sm.encode_batch([b for _, b in pairs])
    got = np.asarray(reloaded.predict([left, right], verbose=0))[:, 0]

    # Keras's LSTM (while loop) and Java's fused BlockLSTMV2 round differently: embeddings agree to ~1e-7 and
    # cos to a few float32 ulps (6e-8 each). Near distance 0, acos amplifies one ulp of cos by
    # 1/(pi*sqrt(1-cos^2)) (up to 1.4e-5 at the clip), so distances of near-identical strings may differ by
    # ~1e-5 while every input to acos agrees; the 1e-5 distance bound is applied where distance >= 0.01.
    java_embed = tf.saved_model.load(str(java_model)).signatures["embed"]
    encode = sm.encoder(reloaded.get_layer(sm.LSTM_NAME), *(sm.read_metadata(java_model)[k]
                                                              for k in ("inputCenter", "inputScale")))
    emb_diff = max(float(np.max(np.abs(java_embed(text=tf.constant(x))[sm.EMBEDDING].numpy()
                                       - np.asarray(encode(x))))) for x in (left, right))
    cos_diff = float(np.max(np.abs(np.cos(np.pi * got) - np.cos(np.pi * expected))))
    far = expected >= 0.01
    diff_far = float(np.max(np.abs(got - expected)[far]))
    diff_all = float(np.max(np.abs(got - expected)))
    report(f"rebuilt .keras vs Java, {len(pairs)} hard pairs: max |embedding diff|", emb_diff)
    report("rebuilt .keras vs Java: max |cos diff|", cos_diff)
    report(f"rebuilt .keras vs Java: max |distance diff| where distance >= 0.01 ({far.sum()} pairs)", diff_far)
    report("rebuilt .keras vs Java: max |distance diff| over all pairs (incl. near-identical)", diff_all)
    assert emb_diff <= 1e-6
    assert cos_diff <= 4 * 6e-8
    assert diff_far <= 1e-5
    assert diff_all <= 5e-5


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
