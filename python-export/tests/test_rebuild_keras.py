"""Java export -> checkpoint -> Keras model -> .keras file -> load_model: same results as Java, for each encoding."""
import json

import numpy as np
import pytest
import tensorflow as tf

import bounds
import keras
import rebuild_keras
import siamese_model as sm
from conftest import KERAS_REFERENCES, export_weights, java, lstm_bounds, read_json
from hard_cases import hard_pairs

pytestmark = pytest.mark.numeric


def test_rebuilt_keras_matches_java(java_model, tmp_path, report):
    check_rebuilt_keras_matches_java(java_model, tmp_path, report)


def test_rebuilt_pooled_keras_matches_java(java_pooled_model, tmp_path, report):
    """The same for a Java folded model pooled by words (java_model pools by train's default)."""
    check_rebuilt_keras_matches_java(java_pooled_model, tmp_path, report)


def check_rebuilt_keras_matches_java(java_model, tmp_path, report):
    out = tmp_path / "rebuilt.keras"
    rebuild_keras.rebuild(str(java_model)).model.save(out)
    meta = sm.read_metadata(java_model)
    # No custom objects: only built-in layers and keras.ops.
    reloaded = sm.from_keras_model(keras.saving.load_model(out), meta)
    pairs = hard_pairs()
    stdout = java("score", "--model", java_model, stdin="".join(f"{a}\t{b}\n" for a, b in pairs))
    # Java prints the shortest decimal that identifies its float32; np.float32 recovers that float exactly.
    expected = np.array([np.float32(line) for line in stdout.splitlines() if line.strip()], np.float64)
    assert len(expected) == len(pairs)
    left, right = sm.encode_batch([a for a, _ in pairs]), sm.encode_batch([b for _, b in pairs])
    got = np.asarray(reloaded.model.predict([left, right], verbose=0))[:, 0]

    # Keras's LSTM (while loop) and Java's fused BlockLSTMV2 are two float32 implementations: embeddings within
    # twice bounds.py's running error bound, distances within the pairs' Envelopes (cosines near distance 0).
    lstm, clip = lstm_bounds(java_model)
    java_embed = tf.saved_model.load(str(java_model)).signatures["embed"]
    encode = reloaded.encode
    emb_diff = emb_ratio = 0.0
    for texts, x in (([a for a, _ in pairs], left), ([b for _, b in pairs], right)):
        diff = np.abs(java_embed(text=tf.constant(x))[sm.EMBEDDING].numpy() - np.asarray(encode(x)))
        tolerance = np.array([bounds.embedding_tolerance(lstm, t) for t in texts])
        # A string without letters (words pooling: separators only) has the exact embedding 0 and tolerance 0.
        ratio = np.divide(diff, tolerance, out=np.where(diff > 0, np.inf, 0.0), where=tolerance > 0)
        emb_diff, emb_ratio = max(emb_diff, float(diff.max())), max(emb_ratio, float(ratio.max()))
        assert (diff <= tolerance).all(), [t for t, bad in zip(texts, (diff > tolerance).any(axis=1)) if bad]
    result = bounds.compare(expected, got, bounds.pair_envelopes(lstm, pairs, clip), pairs)
    encoding = f"{sm.encoding_of(meta)} {sm.pooling_of(meta)}"
    report(f"{encoding}: rebuilt .keras vs Java (hard pairs)", result.summary())
    report(f"{encoding}: rebuilt .keras vs Java: max |embedding diff| (largest diff/bound)",
           f"{emb_diff:.3g} ({emb_ratio:.3g})")
    assert not result.violations, "\n".join(result.violations)


def write_java_checkpoint(model_dir, variables, meta):
    """A checkpoint in the Java export's layout (TF1 Saver, keys = variable names, an optimizer slot beside them) and
    its metadata file: what rebuild_keras reads, without needing the jar."""
    ckpt = model_dir / "variables"
    ckpt.mkdir(parents=True)
    with tf.Graph().as_default():
        for name, value in {**variables, "optimizer/lstm_kernel_m": np.zeros([1], np.float32)}.items():
            tf.compat.v1.Variable(np.asarray(value, np.float32), name=name)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver().save(session, str(ckpt / "variables"), write_meta_graph=False)
    (model_dir / sm.METADATA_FILE).write_text(json.dumps(meta))


def test_shape_mismatch_is_a_clear_error(tmp_path):
    """A checkpoint of LSTM(8) under metadata that says units=10: expected vs found shapes."""
    write_java_checkpoint(tmp_path, {f"lstm/{name}": np.zeros(shape) for name, shape in
                                     (("kernel", [1, 32]), ("recurrent_kernel", [8, 32]), ("bias", [32]))},
                          {"units": 10, "inputCenter": 96.0, "inputScale": 32.0, "clipEpsilon": 1e-6})
    with pytest.raises(ValueError, match=r"lstm/kernel: expected \[1, 40\], found \[1, 32\]"):
        rebuild_keras.rebuild(str(tmp_path))


@pytest.mark.parametrize("encoding, shape", [(sm.HASHED, r"\[2118, 8\]"), (sm.FOLDED, r"\[3403, 16\]")])
def test_table_checkpoint_without_its_table_is_a_clear_error(tmp_path, encoding, shape):
    """Hashed or folded metadata over a checkpoint that lacks code_point_embedding/embeddings: the missing table is
    named, with its shape."""
    spec = sm.make_spec(encoding)
    shapes = sm.weight_shapes(spec)
    write_java_checkpoint(tmp_path, {f"lstm/{k}": np.zeros(shapes[k]) for k in sm.WEIGHT_NAMES}, spec)
    with pytest.raises(ValueError, match=r"code_point_embedding/embeddings: expected " + shape + ", found nothing"):
        rebuild_keras.rebuild(str(tmp_path))


@pytest.mark.parametrize("encoding", sm.TABLE_ENCODINGS)
def test_rebuild_reads_the_table_from_a_java_layout_checkpoint(tmp_path, encoding, report):
    """The hashed or folded Keras reference's weights written under the Java checkpoint's names
    (docs/encoding-calibration.md, the contract's variable table): rebuild_keras puts every one back where Keras
    had it, and the rebuilt model reproduces golden.json. Runs without the jar; test_rebuilt_keras_matches_java
    checks a real Java export."""
    reference = KERAS_REFERENCES[encoding]
    weights, meta = export_weights(reference)
    write_java_checkpoint(tmp_path, {(f"{sm.TABLE_NAME}/{k}" if k == sm.TABLE_WEIGHT else f"{sm.LSTM_NAME}/{k}"): v
                                     for k, v in weights.items()}, sm.spec_of(meta))
    rebuilt = rebuild_keras.rebuild(str(tmp_path))
    assert {k: v.tolist() for k, v in rebuilt.weights().items()} == {k: v.tolist() for k, v in weights.items()}
    golden = read_json(reference / "golden.json")["pairs"]
    pairs = [(p["left"], p["right"]) for p in golden]
    # Each pair alone, through one graph function (traced for any lengths after the first two) rather than eagerly
    # op by op: the same layers and weights, and the comparison below is within the envelopes either way.
    distance = tf.function(lambda left, right: rebuilt.model([left, right]), reduce_retracing=True)
    got = [float(np.asarray(distance(sm.encode_batch([a]), sm.encode_batch([b])))[0, 0]) for a, b in pairs]
    lstm, clip = lstm_bounds(reference)
    result = bounds.compare([p["distance"] for p in golden], got, bounds.pair_envelopes(lstm, pairs, clip), pairs)
    report(f"{encoding}: Keras reference weights -> Java-layout checkpoint -> rebuilt model vs golden.json",
           result.summary())
    assert not result.violations, "\n".join(result.violations)
