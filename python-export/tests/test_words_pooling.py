"""Poolings "words" and "windows" (siamese_model.words_embedding, windows_embedding; bounds.Lstm, the float64
reference): each word (words), or each letter's window of at most 3 letters of its word (windows), through the shared
LSTM alone, from the zero state, so the order of the words cannot change the embedding."""
import re

import keras
import numpy as np
import pytest

import bounds
import siamese_model as sm
from conftest import KERAS_REFERENCES, REPO_ROOT, export_weights, read_json

pytestmark = pytest.mark.numeric

# Words split by every kind of separator, separators at the ends, doubled, alone; an apostrophe (a letter); scripts
# with their own commas, full stops and dashes; a word longer than the others; strings without separators.
TEXTS = ["John Smith", "Smith, John", "", " ,", "\u3001", "abc", "x" * 40, " leading and trailing. ",
         "a--b", "O'Brien", "Jean-Luc Picard", "東京、大阪", "محمد، علي", "Երևան\u058aՀայաստան", "שלום\u05beעולם",
         "«guillemets»", "カタカナ\u30fbひらがな", "tab\there\nnewline", "(12345) 6789", "한국어 문장"]


def _folded(pooling):
    """A model of the pooling with the folded reference's trained weights (realistic state sizes), and its float64
    bounds."""
    weights, meta = export_weights(KERAS_REFERENCES["folded"])
    siamese = sm.build_fixed({**sm.spec_of(meta), "pooling": pooling})
    siamese.set_weights(weights)
    return siamese, bounds.Lstm.from_weights(weights, siamese.spec)


@pytest.fixture(scope="module", params=(sm.WORDS, sm.WINDOWS))
def folded(request):
    return _folded(request.param)


def _within(got, exact, factor=1.0):
    """|got - exact value| <= factor * bound, per component; the largest ratio."""
    ratio = np.abs(np.asarray(got, np.float64) - exact.value) / np.maximum(factor * exact.error, 1e-300)
    assert (ratio <= 1).all(), ratio.max()
    return float(ratio.max())


@pytest.mark.parametrize("encoding, pooling", [(e, sm.WORDS) for e in sm.ENCODINGS] + [(sm.FOLDED, sm.WINDOWS)])
def test_words_is_the_contracts_formula_for_every_encoding(encoding, pooling, report):
    """The Keras words graph (the [W, L] grid, the LSTM over it, the sums gathered back): each string of one padded
    batch against bounds.py's float64 concat(sum_k sum_j h^k_j / n, sum_t letter_t x_t / n), each word run alone,
    within its float32 bound; the windows graph against concat(sum_t h'_t / n, ...), each window run alone."""
    sm.set_deterministic(5)
    siamese = sm.build_fixed(sm.make_spec(encoding, pooling=pooling))
    got = np.asarray(siamese.encode(sm.encode_batch(TEXTS)))
    exact = bounds.Lstm.from_weights(siamese.weights(), siamese.spec)
    assert got.shape == (len(TEXTS), sm.embedding_size(siamese.spec))
    worst = max(_within(g, exact.embed(t)) for t, g in zip(TEXTS, got))
    report(f"{encoding} {pooling}: Keras vs float64 reference, {len(TEXTS)} strings in one batch, diff / bound",
           worst)


def test_trained_weights_words_embeddings_are_the_contracts_formula(folded, report):
    siamese, exact = folded
    texts = sorted({t for p in read_json(KERAS_REFERENCES["folded"] / "golden.json")["pairs"]
                    for t in (p["left"], p["right"])} | set(TEXTS))
    got = np.asarray(siamese.encode(sm.encode_batch(texts)))
    worst = max(_within(g, exact.embed(t)) for t, g in zip(texts, got))
    report(f"folded {siamese.spec['pooling']}, trained weights: Keras vs float64 reference, {len(texts)} strings, "
           "diff / bound", worst)


def test_swapped_words_give_the_same_embedding(folded):
    """The reference's values are the same sums in another order (equal to 1e-15); Keras's two float32 embeddings (computed in other grid rows) lie within twice its bound of each other."""
    siamese, exact = folded
    for a, b in (("John Smith", "Smith, John"), ("Jean-Luc Picard", "Picard Jean-Luc"), ("東京、大阪", "大阪 東京")):
        assert np.allclose(exact.embed(a).value, exact.embed(b).value, rtol=0, atol=1e-15)
        assert np.allclose(exact.embed(a).error, exact.embed(b).error, rtol=1e-12, atol=0)
        got = np.asarray(siamese.encode(sm.encode_batch([a, b])))
        _within(got[0], bounds.Embedding(got[1], exact.embed(a).error), factor=2.0)
        distance = float(np.asarray(siamese.model([sm.encode_batch([a]), sm.encode_batch([b])]))[0, 0])
        assert distance <= bounds.envelope(exact.embed(a), exact.embed(b), 1e-6).high


def test_words_pool_as_mean_bag_without_separators_and_windows_as_words_with_short_words(folded):
    """The same formulas: words without separators is mean-bag; windows, where no word exceeds a window (3 letters), is words
    (each window is the whole word up to its letter). The reference's values are the other pooling's (to 1e-15:
    other summation orders), its bounds too for words, and for windows no smaller (each window's last-state bound
    takes the absolute value of each Jacobian product alone, words of their sum); the two Keras graphs within twice
    the bound of each other."""
    siamese, exact = folded
    windows = siamese.spec["pooling"] == sm.WINDOWS
    bag = sm.build_fixed({**siamese.spec, "pooling": sm.WORDS if windows else sm.MEAN_BAG})
    bag.set_weights(siamese.weights())
    bag_exact = bounds.Lstm.from_weights(siamese.weights(), bag.spec)
    texts = (["ab cd", "Jon Li", "東京、大阪", "한국어", "a-b-c", "O'B"] if windows
             else ["abc", "x" * 40, "O'Brien", "東京都", "한국어", "Ærøskøbing"])
    words, means = (np.asarray(s.encode(sm.encode_batch(texts))) for s in (siamese, bag))
    for text, w, m in zip(texts, words, means):
        assert np.allclose(exact.embed(text).value, bag_exact.embed(text).value, rtol=0, atol=1e-15)
        if windows:
            assert (exact.embed(text).error >= bag_exact.embed(text).error * (1 - 1e-12)).all()
        else:
            assert np.allclose(exact.embed(text).error, bag_exact.embed(text).error, rtol=1e-12, atol=0)
        _within(w, bounds.Embedding(m, exact.embed(text).error), factor=2.0)


def test_empty_and_separator_only_strings_give_exact_zeros(folded):
    siamese, exact = folded
    texts = ["", " ", " ,", "\t\n", "\u3000\u3001\u3002", "-\u2014-", "a"]
    got = np.asarray(siamese.encode(sm.encode_batch(texts)))
    assert not got[:-1].any() and got[-1].any()
    assert all(not exact.embed(t).value.any() and not exact.embed(t).error.any() for t in texts[:-1])
    d = np.asarray(siamese.model([sm.encode_batch([" ,", "a"]), sm.encode_batch(["a", ""])]))[:, 0]
    assert d.tolist() == [0.5, 0.5]


@pytest.mark.parametrize("pooling", sm.POOLINGS)
def test_an_empty_batch_gives_an_empty_embedding_and_distances(pooling):
    """B = 0 through a function traced for any batch and length, as reference.export serves the model: [0, embedding]
    and [0, 1], words as the other poolings. (Eager Keras fails on B = 0 in every pooling: its add reads the
    LSTM cell's [0, 4u] product as a bias, keras/src/backend/tensorflow/numpy.py add.)"""
    import tensorflow as tf

    siamese = sm.build_fixed(sm.make_spec(sm.FOLDED, pooling=pooling))
    spec = tf.TensorSpec([None, None, 1], tf.float32)
    embed = tf.function(siamese.encode, input_signature=[spec])
    distance = tf.function(lambda left, right: siamese.model([left, right]), input_signature=[spec, spec])
    empty = np.zeros((0, 3, 1), np.float32)
    assert np.asarray(embed(empty)).shape == (0, sm.embedding_size(siamese.spec))
    assert np.asarray(distance(empty, empty)).shape == (0, 1)


def test_a_words_embedding_does_not_depend_on_padding_or_batch(folded):
    """A string alone (no padding) and in batches with longer, shorter, wordier and empty strings: within twice its
    bound."""
    siamese, exact = folded
    text = "Jean-Luc Picard"
    alone = np.asarray(siamese.encode(sm.encode_batch([text])))[0]
    for batch in (["", text], [text, "a much longer string of many more words than it has, padding it"],
                  ["x", "y z", text, "東京、大阪"], [text] * 3):
        got = np.asarray(siamese.encode(sm.encode_batch(batch)))
        for row in (k for k, t in enumerate(batch) if t == text):
            _within(got[row], bounds.Embedding(alone, exact.embed(text).error), factor=2.0)
    padded = np.zeros((1, 30, 1), np.float32)
    padded[0, :len(text), 0] = sm.code_points(text)
    _within(np.asarray(siamese.encode(padded))[0], bounds.Embedding(alone, exact.embed(text).error), factor=2.0)


def test_a_words_keras_file_reloads_without_custom_objects(folded, tmp_path, report):
    siamese, _ = folded
    siamese.model.save(tmp_path / "words.keras")
    reloaded = sm.from_keras_model(keras.saving.load_model(tmp_path / "words.keras"), siamese.spec)
    assert {k: v.tolist() for k, v in reloaded.weights().items()} == \
        {k: v.tolist() for k, v in siamese.weights().items()}
    left, right = sm.encode_batch(TEXTS), sm.encode_batch(TEXTS[::-1])
    before = np.asarray(siamese.model.predict([left, right], verbose=0))
    after = np.asarray(reloaded.model.predict([left, right], verbose=0))
    report(f"folded {siamese.spec['pooling']}: .keras reloaded without custom objects vs the model saved, max |d "
           "diff|", float(np.abs(before - after).max()))
    assert np.array_equal(before, after)
    assert reloaded.describe().endswith(f"LSTM(24) {siamese.spec['pooling']}")


def test_words_are_the_maximal_runs_of_letters():
    """bounds.split_words (the reference's) on hand-split strings; the apostrophe is a letter, U+0000 padding."""
    def split(text):
        return ["".join(map(chr, w)) for w in bounds.split_words(sm.code_points(text), sm.SEPARATORS)]
    assert split("Smith, John") == ["Smith", "John"]
    assert split(" leading and trailing. ") == ["leading", "and", "trailing"]
    assert split("O'Brien\u00a0&\u00a0Co") == ["O'Brien", "&", "Co"]
    assert split("東京、大阪。京都・奈良") == ["東京", "大阪", "京都", "奈良"]
    assert split("a\u2013b\u2014c\u2010d\u2011e") == list("abcde")
    assert split("abc\0\0") == ["abc"] and split("") == [] and split(" ,.;:/") == []


def _java_separators():
    """The separator code points of the Java side's one constant (graph/WordSplit.java or graph/Pooling.java),
    as written there (hex literals, in order); None when this checkout's Java side has no words pooling."""
    for name in ("WordSplit.java", "Pooling.java"):
        path = REPO_ROOT / "src" / "main" / "java" / "org" / "siameseangular" / "graph" / name
        if path.exists():
            found = re.search(r"SEPARATORS\s*=\s*[^{;]*\{([^}]*)\}", path.read_text(encoding="utf-8"))
            if found:
                return [int(x, 16) for x in re.findall(r"0x([0-9A-Fa-f]+)", found.group(1))]
    return None


def test_the_separators_are_the_contracts_and_javas():
    """35 code points (the contract's 34 and U+05F4, added on word11 at b0e55ad), ascending, no apostrophe; the same
    list as the Java constant where this checkout has one."""
    assert len(sm.SEPARATORS) == len(set(sm.SEPARATORS)) == 35
    assert list(sm.SEPARATORS) == sorted(sm.SEPARATORS) and ord("'") not in sm.SEPARATORS
    assert {ord(c) for c in " \t\n\r,.-/:;\"()"} <= set(sm.SEPARATORS)
    java = _java_separators()
    if java is None:
        pytest.skip("this checkout's Java side has no SEPARATORS constant for pooling words yet")
    assert java == list(sm.SEPARATORS)


def test_java_scores_a_keras_words_or_windows_export(folded, tmp_path, report):
    """Keras -> Java: the words or windows model (the folded reference's weights) exported as reference.py exports it, scored
    by the Java CLI through the SavedModel's signature, against Keras's distances of the golden pairs (one padded
    batch): within the envelopes of two float32 implementations. (reference.golden, each pair alone, is what
    `reference.py train --pooling words` writes; the batch above is the same within the bounds, tested above.)"""
    import reference
    from conftest import java

    siamese, exact = folded
    out = tmp_path / ("keras-" + siamese.spec["pooling"])
    reference.export(siamese, str(out))
    assert sm.read_metadata(out)["pooling"] == siamese.spec["pooling"]
    pairs = [p for p in reference.golden_pairs() if not any(c in p[0] + p[1] for c in "\t\r\n")]   # TSV lines
    keras_d = np.asarray(siamese.model.predict([sm.encode_batch([a for a, _ in pairs]),
                                                sm.encode_batch([b for _, b in pairs])], verbose=0))[:, 0]
    stdin = "".join(f"{a}\t{b}\n" for a, b in pairs)
    # Java prints the shortest decimal that identifies its float32; np.float32 recovers that float exactly.
    got = [float(np.float32(line)) for line in java("score", "--model", out, stdin=stdin).splitlines()]
    assert len(got) == len(pairs)
    result = bounds.compare(keras_d, got, bounds.pair_envelopes(exact, pairs, siamese.spec["clipEpsilon"]), pairs)
    report(f"Keras {siamese.spec['pooling']} export -> Java score vs Keras, golden pairs", result.summary())
    assert not result.violations, "\n".join(result.violations)
