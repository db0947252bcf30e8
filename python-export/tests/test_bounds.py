"""bounds.py itself: a float32 implementation written here lies inside its bounds, and a semantic mistake does not.

Not marked numeric: nothing here runs a TensorFlow kernel (bounds.py and the float32 implementation below are numpy;
the references' weights are only read), so ONEDNN_MAX_CPU_ISA cannot change a number, and the rerun on other oneDNN
kernels (mvn verify) would repeat this file's checks unchanged."""
import math

import numpy as np
import pytest

import bounds
import siamese_model as sm
from conftest import KERAS_REFERENCES, lstm_bounds, read_json


def _float32_input(inputs, code_point, row_shift=0, bounded=True):
    """The encoding of one code point in float32 (numpy's own tanh); row_shift and bounded=False make the
    mistakes of a wrong table offset and of a forgotten tanh."""
    f32 = np.float32
    if isinstance(inputs, bounds.ScalarInput):
        return np.array([(f32(code_point) - f32(inputs.center)) / f32(inputs.scale)], f32)
    table = inputs.table.astype(f32)
    s = np.zeros(inputs.width, f32)
    for row in inputs.ids(np.array([code_point]))[0]:    # hashed: the K moduli's rows; folded: K + 4 rows
        s = s + table[(row + row_shift) % len(table)]
    return np.tanh(s) if bounded else s


def _float32_embed(lstm, text, gate_order=(0, 1, 2, 3), pooling=None, **mistake):
    """A float32 LSTM in numpy (its own summation order, numpy's float32 tanh and exp), gates permuted as given,
    pooled as the model pools (lstm.pooling) or as `pooling` says: "last", "mean-bag", "words", or the mistakes
    "bag-first" (the two parts swapped), "last-bag" (the last state instead of the mean one), "words-carried" (the
    state carried from word to word), "mean-bag" for a words model (separators read as letters)."""
    n, f32 = lstm.units, np.float32
    kernel, recurrent, bias = (a.astype(f32) for a in (lstm.kernel, lstm.recurrent, lstm.bias))
    h, c = np.zeros(n, f32), np.zeros(n, f32)
    sum_h, sum_x = np.zeros(n, f32), np.zeros(lstm.inputs.width, f32)
    pooling = pooling or lstm.pooling
    if pooling.startswith("windows"):
        # "windows": each letter's window of its word's last <= WINDOW letters from the zero state, its last state;
        # the mistake "windows-long" reads one letter more.
        size = sm.WINDOW + (pooling == "windows-long")
        words = bounds.split_words([ord(ch) for ch in text], sm.SEPARATORS)
        windows = ["".join(map(chr, w[max(0, t + 1 - size):t + 1])) for w in words for t in range(len(w))]
        sum_h = sum((_float32_embed(lstm, w, gate_order, "last", **mistake) for w in windows), np.zeros(n, f32))
        sum_x = sum((_float32_embed(lstm, "".join(map(chr, w)), gate_order, "sums", **mistake)[1] for w in words),
                    np.zeros(lstm.inputs.width, f32))
        count = f32(max(len(windows), 1))
        return np.concatenate([sum_h / count, sum_x / count])
    if pooling.startswith("words"):
        # "words": each word from the zero state; the mistake "words-carried" carries the state across words.
        words = bounds.split_words([ord(ch) for ch in text], sm.SEPARATORS)
        parts = [_float32_embed(lstm, "".join(map(chr, w)), gate_order, "sums", **mistake) for w in words]
        if pooling == "words-carried":
            parts = [_float32_embed(lstm, "".join(chr(c) for w in words for c in w), gate_order, "sums",
                                    **mistake)]
        count = f32(max(sum(len(w) for w in words), 1))
        sum_h = sum((p[0] for p in parts), np.zeros(n, f32))
        sum_x = sum((p[1] for p in parts), np.zeros(lstm.inputs.width, f32))
        return np.concatenate([sum_h / count, sum_x / count])
    for ch in text:
        x = _float32_input(lstm.inputs, ord(ch), **mistake)
        z = x @ kernel + h @ recurrent + bias
        gates = [z[k * n:(k + 1) * n] for k in gate_order]
        with np.errstate(over="ignore"):   # exp(-g) = inf for g << 0 gives the float32 sigmoid's 0
            i, f, o = (f32(1) / (f32(1) + np.exp(-g)) for g in (gates[0], gates[1], gates[3]))
        c = f * c + i * np.tanh(gates[2])
        h = o * np.tanh(c)
        sum_h, sum_x = sum_h + h, sum_x + x
    count = f32(max(len(text), 1))
    return {"last": lambda: h,
            "mean-bag": lambda: np.concatenate([sum_h / count, sum_x / count]),
            "bag-first": lambda: np.concatenate([sum_x / count, sum_h / count]),
            "last-bag": lambda: np.concatenate([h, sum_x / count]),
            "sums": lambda: (sum_h, sum_x)}[pooling]()


def _float32_distance(a, b, clip_epsilon):
    f32 = np.float32
    a, b = a * (f32(1) / np.sqrt(np.sum(a * a))), b * (f32(1) / np.sqrt(np.sum(b * b)))
    cos = np.clip(np.sum(a * b), f32(-1 + clip_epsilon), f32(1 - clip_epsilon))
    return float(np.arccos(cos) / f32(math.pi))


@pytest.fixture(scope="module", params=tuple(KERAS_REFERENCES))
def golden(request):
    """The bounds of each committed Keras reference (its weights and encoding) and its golden pairs."""
    reference = KERAS_REFERENCES[request.param]
    lstm, clip = lstm_bounds(reference)
    return lstm, clip, [(p["left"], p["right"]) for p in read_json(reference / "golden.json")["pairs"]]


def test_a_numpy_float32_implementation_lies_within_the_bounds(golden):
    lstm, clip, pairs = golden
    for left, right in pairs:
        a, b = _float32_embed(lstm, left), _float32_embed(lstm, right)
        for text, e in ((left, a), (right, b)):
            exact = lstm.embed(text)
            assert (np.abs(e - exact.value) <= exact.error).all(), text
        env = bounds.envelope(lstm.embed(left), lstm.embed(right), clip)
        assert env.low <= _float32_distance(a, b, clip) <= env.high, (left, right)


def test_swapped_gates_fall_outside_the_bounds(golden):
    lstm, clip, pairs = golden
    envelopes = bounds.pair_envelopes(lstm, pairs, clip)
    right_order = [_float32_distance(_float32_embed(lstm, a), _float32_embed(lstm, b), clip) for a, b in pairs]
    swapped = [_float32_distance(_float32_embed(lstm, a, (1, 0, 2, 3)), _float32_embed(lstm, b, (1, 0, 2, 3)), clip)
               for a, b in pairs]
    assert not bounds.compare(right_order, [e.distance for e in envelopes], envelopes).violations
    assert len(bounds.compare(swapped, [e.distance for e in envelopes], envelopes).violations) > len(pairs) // 2


@pytest.mark.parametrize("encoding", ["hashed", "folded"])
@pytest.mark.parametrize("mistake", [{"row_shift": 1}, {"bounded": False}], ids=["table-row-off-by-one", "no-tanh"])
def test_a_wrong_table_encoding_falls_outside_the_bounds(mistake, encoding):
    """A table encoding's two likely mistakes (a wrong row offset, tanh left out) move the distances of the
    reference's golden pairs far outside their envelopes."""
    lstm, clip = lstm_bounds(KERAS_REFERENCES[encoding])
    pairs = [(p["left"], p["right"]) for p in read_json(KERAS_REFERENCES[encoding] / "golden.json")["pairs"]]
    envelopes = bounds.pair_envelopes(lstm, pairs, clip)
    wrong = [_float32_distance(_float32_embed(lstm, a, **mistake), _float32_embed(lstm, b, **mistake), clip)
             for a, b in pairs]
    assert len(bounds.compare(wrong, [e.distance for e in envelopes], envelopes).violations) > len(pairs) // 2


def test_another_clip_epsilon_falls_outside_the_bounds_of_identical_strings(golden):
    lstm, clip, _ = golden
    env = bounds.envelope(lstm.embed("hello"), lstm.embed("hello"), clip)
    assert env.low <= math.acos(np.float32(1 - clip)) / math.pi <= env.high
    assert not env.low <= math.acos(np.float32(1 - 1e-7)) / math.pi <= env.high


def test_the_bounds_widen_where_acos_is_ill_conditioned(golden):
    # One ulp of the cosine moves d by ~u / (pi sin(pi d)): the envelope of a near-identical pair is far wider in
    # distance than that of a far pair, and narrower in cosine.
    lstm, clip, _ = golden
    hello = lstm.embed("hello")
    # A near pair at an angle of 0.01 rad (distance 0.0032) from the embedding of "hello", with its error bound: the
    # models place real pairs differently (the hashed reference has no typo pair below distance 0.06).
    other = np.roll(hello.value, 1)
    other -= (other @ hello.value) / (hello.value @ hello.value) * hello.value
    turned = hello.value + 0.01 * np.linalg.norm(hello.value) / np.linalg.norm(other) * other
    near = bounds.envelope(hello, bounds.Embedding(turned, hello.error), clip)
    far = bounds.envelope(hello, lstm.embed("world"), clip)
    assert near.distance < bounds.NEAR_ZERO <= far.distance
    assert near.distance_tolerance > 2 * far.distance_tolerance
    assert near.cosine_tolerance < far.cosine_tolerance


@pytest.mark.parametrize("pooling", ["bag-first", "last-bag"])
def test_a_wrong_mean_bag_pooling_falls_outside_the_embedding_bounds(pooling):
    """The folded reference pools mean-bag (the default model's architecture): its parts swapped, or the last LSTM
    state where the mean one belongs, put the golden texts' embeddings outside their bounds. (Swapped parts leave
    every distance as it is, a permutation of both sides' components; the embed signature shows them.)"""
    lstm, _ = lstm_bounds(KERAS_REFERENCES["folded"])
    assert lstm.pooling == "mean-bag"
    texts = sorted({t for p in read_json(KERAS_REFERENCES["folded"] / "golden.json")["pairs"]
                    for t in (p["left"], p["right"])})
    right = [_float32_embed(lstm, t) for t in texts]
    wrong = [_float32_embed(lstm, t, pooling=pooling) for t in texts]
    exact = lstm.embed_all(texts)
    assert all((np.abs(e - x.value) <= x.error).all() for e, x in zip(right, exact))
    outside = sum(not (np.abs(e - x.value) <= x.error).all() for e, x in zip(wrong, exact))
    assert outside > len(texts) // 2, f"{outside} of {len(texts)}"   # one character: its last state is the mean


def test_the_last_state_in_place_of_the_mean_one_moves_the_distances_outside_their_envelopes():
    lstm, clip = lstm_bounds(KERAS_REFERENCES["folded"])
    pairs = [(p["left"], p["right"]) for p in read_json(KERAS_REFERENCES["folded"] / "golden.json")["pairs"]]
    envelopes = bounds.pair_envelopes(lstm, pairs, clip)
    wrong = [_float32_distance(_float32_embed(lstm, a, pooling="last-bag"),
                               _float32_embed(lstm, b, pooling="last-bag"), clip) for a, b in pairs]
    assert len(bounds.compare(wrong, [e.distance for e in envelopes], envelopes).violations) > len(pairs) // 2


def test_the_mean_bag_bound_covers_padding_and_an_empty_string():
    """mean-bag embeddings of a batch of strings of different lengths, one empty: each is its string's alone (the
    padding adds nothing, its bound neither), and the empty string's is exactly zero."""
    lstm, _ = lstm_bounds(KERAS_REFERENCES["folded"])
    texts = ["", "a", "hello world", "東京"]
    batch = lstm._embed_batch([[ord(ch) for ch in t] for t in texts])
    for k, text in enumerate(texts):
        value, error = lstm._embed_batch([[ord(ch) for ch in text]])
        assert np.allclose(batch[0][k], value[0], rtol=1e-12, atol=1e-15), text
        assert np.allclose(batch[1][k], error[0], rtol=1e-9, atol=1e-30), text
    assert batch[0][0].tolist() == [0.0] * (lstm.units + lstm.inputs.width) and not batch[1][0].any()


WORDY = ["John Smith", "Smith, John", "Jean-Luc Picard", "New York", "2024-01-01", "a b c", "東京、大阪", "I ❤ NY",
         "José García", " leading and trailing. ", "tab\there", "O'Brien & Co."]


@pytest.fixture(scope="module")
def words_bounds():
    """The folded reference's weights pooled by words (bounds.Lstm, the float64 reference)."""
    lstm, _ = lstm_bounds(KERAS_REFERENCES["folded"])
    return bounds.Lstm(lstm.kernel, lstm.recurrent, lstm.bias, lstm.inputs, "words")


@pytest.fixture(scope="module")
def windows_bounds():
    """The folded reference's weights pooled by windows (bounds.Lstm, the float64 reference)."""
    lstm, _ = lstm_bounds(KERAS_REFERENCES["folded"])
    return bounds.Lstm(lstm.kernel, lstm.recurrent, lstm.bias, lstm.inputs, "windows")


@pytest.mark.parametrize("pooling", ["words", "windows"])
def test_a_float32_implementation_lies_within_the_bounds_of_its_word_pooling(pooling, request, report):
    lstm = request.getfixturevalue(f"{pooling}_bounds")
    exact = lstm.embed_all(WORDY)
    ratio = max(float((np.abs(_float32_embed(lstm, t) - x.value) / x.error).max()) for t, x in zip(WORDY, exact))
    report(f"float32 numpy {pooling} vs bounds.py {pooling} (folded reference weights), diff / bound", ratio)
    assert ratio <= 1


@pytest.mark.parametrize("pooling", ["words-carried", "mean-bag"])
def test_a_wrong_words_pooling_falls_outside_the_words_bounds(words_bounds, pooling):
    """The state carried from one word into the next, or the separators read as letters (mean-bag), put every
    string of several words outside its bound."""
    exact = words_bounds.embed_all(WORDY)
    outside = [t for t, x in zip(WORDY, exact)
               if not (np.abs(_float32_embed(words_bounds, t, pooling=pooling) - x.value) <= x.error).all()]
    assert outside == WORDY


@pytest.mark.parametrize("pooling", ["windows-long", "words"])
def test_a_wrong_windows_pooling_falls_outside_the_windows_bounds(windows_bounds, pooling):
    """Windows one letter longer, or whole words, put every string with a word longer than a window outside its
    bound."""
    long = [t for t in WORDY if any(len(w) > sm.WINDOW for w in bounds.split_words([ord(c) for c in t], sm.SEPARATORS))]
    exact = windows_bounds.embed_all(long)
    outside = [t for t, x in zip(long, exact)
               if not (np.abs(_float32_embed(windows_bounds, t, pooling=pooling) - x.value) <= x.error).all()]
    assert len(long) >= 6 and outside == long
