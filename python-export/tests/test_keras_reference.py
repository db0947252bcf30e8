"""Pure Python: each committed Keras reference reproduces its golden vectors; the .keras file reloads without custom
objects; the clip removes the NaN."""
import math

import keras
import numpy as np
import pytest
import tensorflow as tf

import bounds
import siamese_model as sm
from conftest import KERAS_REFERENCES, export_weights, lstm_bounds, read_json

pytestmark = pytest.mark.numeric


def test_golden_reproduced_from_saved_model(keras_reference, encoding, report):
    """golden.json was written by Keras on the machine that made the export; reloaded here, on this CPU's kernels,
    the SavedModel must give the same numbers within the float32 bounds of bounds.py (two implementations)."""
    golden = read_json(keras_reference / "golden.json")
    meta = sm.read_metadata(keras_reference)
    assert sm.spec_of(golden) == sm.spec_of(meta)
    assert sm.encoding_of(meta) == encoding
    lstm, clip = lstm_bounds(keras_reference)
    loaded = tf.saved_model.load(str(keras_reference))
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
    report(f"golden.json vs reloaded models/{keras_reference.name}", result.summary())
    report(f"golden.json vs reloaded models/{keras_reference.name}: max |embedding diff| (largest diff/bound)",
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


@pytest.mark.parametrize("encoding", sm.ENCODINGS)
def test_fixed_model_is_finite_on_identical_strings(encoding):
    sm.set_deterministic(3)
    siamese = sm.build_fixed(sm.make_spec(encoding))
    texts = ["hello", "a", "😀", "𠀋", "x" * 250, "same same", "東京", "􏿿"]
    d = np.asarray(siamese.model([sm.encode_batch(texts), sm.encode_batch(texts)]))[:, 0]
    assert np.isfinite(d).all()
    # Identical strings: cos = 1 up to float32 rounding (even 1 + ulp), clipped to 1 - eps, so the distance is
    # acos(1 - eps) / pi up to the rounding bounds.py derives (the cosine may round below 1 - eps).
    exact = bounds.Lstm.from_weights(siamese.weights(), siamese.spec)
    for text, distance in zip(texts, d):
        env = bounds.envelope(exact.embed(text), exact.embed(text), sm.DEFAULT_CLIP_EPSILON)
        assert env.distance == pytest.approx(math.acos(np.float32(1 - sm.DEFAULT_CLIP_EPSILON)) / math.pi)
        assert env.low <= distance <= env.high, f"{text!r}: {distance} outside [{env.low}, {env.high}]"


def test_keras_file_reloads_without_custom_objects(keras_reference, encoding, tmp_path, report):
    """The fixed model of each encoding is built from standard layers and keras.ops only: its .keras file reloads
    with load_model and no custom objects, and computes what the model it was saved from computes."""
    weights, meta = export_weights(keras_reference)
    siamese = sm.build_fixed(sm.spec_of(meta))
    siamese.set_weights(weights)
    siamese.model.save(tmp_path / "model.keras")
    reloaded = sm.from_keras_model(keras.saving.load_model(tmp_path / "model.keras"), meta)
    assert {k: v.tolist() for k, v in reloaded.weights().items()} == {k: v.tolist() for k, v in weights.items()}
    pairs = [(p["left"], p["right"]) for p in read_json(keras_reference / "golden.json")["pairs"]]
    left, right = sm.encode_batch([a for a, _ in pairs]), sm.encode_batch([b for _, b in pairs])
    before = np.asarray(siamese.model.predict([left, right], verbose=0))[:, 0]
    after = np.asarray(reloaded.model.predict([left, right], verbose=0))[:, 0]
    # The same layers and weights on the same machine: the same float32 computation, so the same numbers; within
    # the envelopes regardless, should a reloaded graph fuse its ops differently.
    lstm, clip = lstm_bounds(keras_reference)
    result = bounds.compare(before, after, bounds.pair_envelopes(lstm, pairs, clip), pairs)
    report(f"{encoding}: .keras reloaded without custom objects vs the model saved", result.summary())
    assert not result.violations, "\n".join(result.violations)


def test_hashed_reference_follows_the_contract():
    """docs/encoding-calibration.md, "The contract of the hashed encoding": the metadata keys Java rebuilds the graph
    from, and the weights' names and shapes."""
    reference = KERAS_REFERENCES[sm.HASHED]
    meta = sm.read_metadata(reference)
    assert {k: meta[k] for k in ("formatVersion", "encoding", "hashModuli", "embeddingDimension", "units")} == \
        {"formatVersion": 2, "encoding": "hashed", "hashModuli": [1031, 1087], "embeddingDimension": 8, "units": 24}
    assert "inputCenter" not in meta and "inputScale" not in meta
    assert "pooling" not in meta and sm.pooling_of(meta) == sm.LAST   # written before mean-bag: absent = last
    shapes = {v.name: v.shape.as_list() for v in tf.saved_model.load(str(reference)).variables}
    assert shapes == {"code_point_embedding/embeddings:0": [2118, 8], "lstm/lstm_cell/kernel:0": [8, 96],
                      "lstm/lstm_cell/recurrent_kernel:0": [24, 96], "lstm/lstm_cell/bias:0": [96],
                      "seed_generator/seed_generator_state:0": [2]}


def test_hashed_features_are_the_contract_formula_at_the_ends_of_unicode():
    """tanh(T[c mod 1031] + T[1031 + c mod 1087]) for code points at the moduli's edges and the last one, U+10FFFF:
    the float32 ops in the Keras graph against the formula in float64, within bounds.HashedInput's e_x."""
    weights, meta = export_weights(KERAS_REFERENCES[sm.HASHED])
    siamese = sm.build_fixed(sm.spec_of(meta))
    siamese.set_weights(weights)
    cps = [1, 96, 1030, 1031, 1032, 1086, 1087, 1088, 1031 * 1087 - 1, 0xFFFF, 0x10000, 0x10FFFF]
    raw = np.array(cps, np.float32).reshape(1, -1, 1)
    got = np.asarray(sm.features(raw, siamese.spec, siamese.table))[0]
    table = weights[sm.TABLE_WEIGHT].astype(np.float64)
    exact = np.tanh(table[[c % 1031 for c in cps]] + table[[1031 + c % 1087 for c in cps]])
    _, error = bounds.HashedInput(weights[sm.TABLE_WEIGHT], meta["hashModuli"])(cps)
    assert (np.abs(got - exact) <= error).all()
    # A row off by one in either table is far outside: the check sees the offsets.
    shifted = np.tanh(table[[c % 1031 for c in cps]] + table[[1031 + (c + 1) % 1087 for c in cps]])
    assert (np.abs(shifted - exact) > error).any(axis=1).all()


def test_folded_reference_follows_the_contract():
    """graph/InputEncoding.Folded: the metadata keys Java rebuilds the graph from (everything else is fixed by the
    kind), and one table of J + 71 + 1214 = 3403 rows: the fold is a graph constant, not a variable. It pools
    mean-bag, the default model's architecture: the embed signature gives units + d = 40 components, and no weight
    beyond last's."""
    reference = KERAS_REFERENCES[sm.FOLDED]
    meta = sm.read_metadata(reference)
    keys = ("formatVersion", "encoding", "hashModuli", "embeddingDimension", "units", "pooling")
    assert {k: meta[k] for k in keys} == {"formatVersion": 2, "encoding": "folded", "hashModuli": [1031, 1087],
                                          "embeddingDimension": 16, "units": 24, "pooling": "mean-bag"}
    assert "inputCenter" not in meta and "inputScale" not in meta
    embed = tf.saved_model.load(str(reference)).signatures["embed"]
    assert embed(text=tf.constant(sm.encode_batch(["ab", ""])))[sm.EMBEDDING].shape == (2, 40)
    shapes = {v.name: v.shape.as_list() for v in tf.saved_model.load(str(reference)).variables}
    assert shapes == {"code_point_embedding/embeddings:0": [3403, 16], "lstm/lstm_cell/kernel:0": [16, 96],
                      "lstm/lstm_cell/recurrent_kernel:0": [24, 96], "lstm/lstm_cell/bias:0": [96],
                      "seed_generator/seed_generator_state:0": [2]}


# Hand-computed from graph/InputEncoding.Folded, moduli (1031, 1087): J = 2118; rows [c' mod 1031, 1031 + c' mod 1087,
# 2118 + L, 2138 + V, 2160 + T, 2189 + c mod 1214], c' = the fold (or U+AC00 for a syllable); L, V, T = 19, 21, 28
# for a code point that is not a Hangul syllable.
FOLDED_IDS = {
    0xC9: [101, 1132, 2137, 2159, 2188, 2390],      # É -> e (0x65 = 101) per the TSV; 201 mod 1214 = 201
    0x436: [122, 1153, 2137, 2159, 2188, 3267],     # ж -> z (ISO 9 ž without its caron); 1078 mod 1214 = 1078
    0x3B8: [116, 1147, 2137, 2159, 2188, 3141],     # θ -> t (ELOT 743 "th"); 952 mod 1214 = 952
    0x1F00: [97, 1128, 2137, 2159, 2188, 2841],     # ἀ -> a, near the table's end; 7936 - 6 * 1214 = 652
    0xD55C: [730, 1583, 2136, 2138, 2164, 3393],    # 한: s = 10588 = 18 * 588 + 0 * 28 + 4 (ㅎ ㅏ ㄴ); 44032 =
                                                    # 42 * 1031 + 730 = 40 * 1087 + 552; 54620 - 44 * 1214 = 1204
    0x6771: [706, 1424, 2137, 2159, 2188, 3176],    # 東: not folded; 26481 = 25 * 1031 + 706 = 24 * 1087 + 393,
                                                    # 26481 - 21 * 1214 = 987
    0x2000: [975, 1614, 2137, 2159, 2188, 3097],    # the first code point past the table folds to itself: 8192 =
                                                    # 7 * 1031 + 975 = 7 * 1087 + 583 = 6 * 1214 + 908
    -5: [1026, 2113, 2137, 2159, 2188, 3398],       # floor mod: -5 mod 1031 = 1026, mod 1087 = 1082, mod 1214 = 1209
    10 ** 9: [108, 1250, 2137, 2159, 2188, 2467],   # exact in float32 (5^9 2^9); mod 1031 = 108, 1087: 219, 1214: 278
}


def test_folded_ids_are_the_contracts_for_hand_computed_code_points():
    """The Keras graph's table rows (float32 ops on the fold table read from code-point-fold.tsv) and bounds.py's
    integer statement of the contract both give the hand-computed rows."""
    spec = sm.make_spec(sm.FOLDED)
    cps = list(FOLDED_IDS)
    raw = np.array(cps, np.float32).reshape(1, -1, 1)
    got = np.asarray(sm.table_ids(raw, spec))[0]
    assert {c: row.tolist() for c, row in zip(cps, got)} == FOLDED_IDS
    assert bounds.folded_ids(cps, spec["hashModuli"], sm.fold_table()).tolist() == list(FOLDED_IDS.values())


def test_fold_table_is_read_from_the_tsv_java_reads():
    fold = sm.fold_table()
    assert fold.dtype == np.float32 and fold.shape == (sm.FOLD_SIZE,)
    # Lines of code-point-fold.tsv: 0041 -> 0061, 00C9 -> 0065, 0436 -> 007A, 03B8 -> 0074; unlisted code points
    # (digits, lower-case ASCII, the Georgian letters) fold to themselves.
    assert [int(fold[c]) for c in (0x41, 0xC9, 0x436, 0x3B8, 0x31, 0x61, 0x10D0)] == \
        [0x61, 0x65, 0x7A, 0x74, 0x31, 0x61, 0x10D0]
    with open(sm.FOLD_FILE, encoding="utf-8") as f:
        lines = [line.split() for line in f if line.strip() and not line.startswith("#")]
    assert len(lines) > 1000
    assert all(int(fold[int(a, 16)]) == int(b, 16) for a, b in lines)


def test_a_bad_fold_table_line_is_a_clear_error(tmp_path):
    path = tmp_path / "fold.tsv"
    path.write_text("# comment\n0041\t0061\n2000\t0061\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"fold\.tsv, line 3: expected 'XXXX<TAB>YYYY' .*found '2000\\t0061'"):
        sm.fold_table(str(path))


def test_folded_features_are_the_contract_formula_at_its_edges():
    """tanh of the sum of the K + 4 rows at the fold table's and the Hangul block's edges, U+10FFFF: the float32
    ops in the Keras graph against bounds.FoldedInput's float64, within its e_x; the detail row off by one falls
    outside."""
    weights, meta = export_weights(KERAS_REFERENCES[sm.FOLDED])
    siamese = sm.build_fixed(sm.spec_of(meta))
    siamese.set_weights(weights)
    cps = [1, 0x41, 0xC9, 0x1FFF, 0x2000, 0xABFF, 0xAC00, 0xAC01, 0xD55C, 0xD7A3, 0xD7A4, 0xFFFF, 0x10FFFF]
    raw = np.array(cps, np.float32).reshape(1, -1, 1)
    got = np.asarray(sm.features(raw, siamese.spec, siamese.table))[0]
    inputs = bounds.FoldedInput(weights[sm.TABLE_WEIGHT], meta["hashModuli"], sm.fold_table())
    exact, error = inputs(cps)
    assert (np.abs(got - exact) <= error).all()
    table = weights[sm.TABLE_WEIGHT].astype(np.float64)
    ids = inputs.ids(np.array(cps))
    shifted = ids.copy()
    shifted[:, -1] = 2189 + (shifted[:, -1] - 2189 + 1) % 1214
    assert (np.abs(np.tanh(table[shifted].sum(axis=1)) - exact) > error).any(axis=1).all()


def test_a_spec_without_pooling_pools_last_and_an_unknown_pooling_is_a_clear_error():
    """Metadata written before mean-bag has no "pooling" key: it pools last (the contract), and the spec says so;
    make_spec's default is train's: windows for the table encodings, last for scalar."""
    meta = sm.read_metadata(KERAS_REFERENCES[sm.HASHED])
    assert sm.spec_of(meta)["pooling"] == sm.LAST
    assert [sm.make_spec(e)["pooling"] for e in sm.ENCODINGS] == [sm.LAST, sm.WINDOWS, sm.WINDOWS]
    assert sm.embedding_size(sm.make_spec(sm.FOLDED)) == 24 + 16
    assert sm.embedding_size(sm.make_spec(sm.SCALAR, pooling=sm.MEAN_BAG)) == 10 + 1
    with pytest.raises(ValueError, match=r"unknown pooling 'mean'.*'last', 'mean-bag'.*absent means 'last'"):
        sm.spec_of({**meta, "pooling": "mean"})


@pytest.mark.parametrize("encoding", sm.ENCODINGS)
def test_mean_bag_is_the_contracts_formula_for_every_encoding(encoding):
    """The Keras mean-bag graph (masked LSTM with return_sequences, the masked means of h_t and of the features):
    each string of a padded batch, one of them empty, against bounds.py's float64 concat(mean h_t, mean x_t) over
    its own steps, within its float32 bound; the empty string's embedding is exactly zero (distance 1/2)."""
    sm.set_deterministic(5)
    siamese = sm.build_fixed(sm.make_spec(encoding, pooling=sm.MEAN_BAG))
    texts = ["hello", "", "a", "Ærøskøbing", "東京", "한국어", "x" * 40]
    got = np.asarray(siamese.encode(sm.encode_batch(texts)))
    exact = bounds.Lstm.from_weights(siamese.weights(), siamese.spec)
    assert got.shape == (len(texts), sm.embedding_size(siamese.spec))
    for text, e in zip(texts, got):
        bound = exact.embed(text)
        assert (np.abs(e - bound.value) <= bound.error).all(), (text, np.abs(e - bound.value) / bound.error)
    assert not got[1].any()
    d = np.asarray(siamese.model([sm.encode_batch(["", "a"]), sm.encode_batch(["a", ""])]))[:, 0]
    assert d.tolist() == [0.5, 0.5]
