"""The siamese angular-distance LSTM in Keras 3: the fixed model (either input encoding), the naive original, helpers.

The fixed model computes exactly the function of the Java model (see README.md):
  mask   = raw != 0                                  (U+0000 is padding, never text)
  x      = encoding(raw)                             (in-graph, per step; see below)
  h_t    = LSTM(units)(x, mask)                      (keras/src/layers/rnn/lstm.py: gates i, f, c, o;
                                                      zero state; masked steps carry the state forward)
  emb    = pooling(h, x, mask)                       (see below)
  cos    = Dot(axes=1, normalize=True)([embL, embR]) (keras/src/layers/merging/dot.py, Keras 3.6-3.15:
                                                      x * min(rsqrt(sum x^2), 1e7); Java uses
                                                      tf.math.l2_normalize = x * rsqrt(max(sum x^2, 1e-12)).
                                                      Both are x/||x|| for ||x|| >= 1e-6; they differ only
                                                      for smaller norms, and both map a zero vector to 0)
  dist   = arccos(clip(cos, -1 + eps, 1 - eps)) / pi (eps = clipEpsilon; the clip keeps acos and its
                                                      gradient -1/sqrt(1 - x^2) finite)
  loss   = binary_crossentropy(y_true = 1 - label, y_pred = dist)   (keras/src/losses/losses.py)

The three input encodings (the Java side: graph/InputEncoding, graph/CodePointEncoder, graph/CodePointFold):
  scalar: x = (raw - inputCenter) / inputScale       one feature per step (the Keras original's input, scaled)
  hashed: id_k = mod(raw, m_k) + offset_k            moduli m = hashModuli (1031, 1087), offset_k = m_0 + ... +
                                                      m_(k-1); floor mod on float32 is exact (integers < 2^24)
          x = tanh(sum_k T[id_k])                    T = Embedding(sum of moduli, embeddingDimension), one table
                                                      named code_point_embedding; tanh bounds every feature
  folded: graph/InputEncoding.Folded's contract (issue 10), all arithmetic float32 on integers < 2^24, so exact:
          f   = FOLD[raw] for 0 <= raw < 8192, else raw     FOLD: src/main/resources/org/siameseangular/graph/
                                                      code-point-fold.tsv (read, never re-derived): case,
                                                      diacritics, Cyrillic/Greek to the Latin letter
          s   = raw - 0xAC00; a Hangul syllable (0 <= s < 11172) gets f = 0xAC00 and its jamo
                L = s // 588, V = (s % 588) // 28, T = s % 28; any other code point L, V, T = 19, 21, 28
          ids = [mod(f, m_k) + offset_k for each k] + [J + L, J + 20 + V, J + 42 + T, J + 71 + mod(raw, 1214)]
                                                      J = sum of moduli; the last are the "detail" rows,
                                                      which keep every code point distinct
          x   = tanh(sum of the K + 4 rows E[id])      E = Embedding(J + 71 + 1214, d), code_point_embedding;
                                                      detail rows start at U(-0.05, 0.05), the rest U(-0.5, 0.5)
          The fold is ops.take of a numpy constant (a graph constant, as on the Java side, not a variable).
The poolings (graph/SiameseGraph on the Java side; metadata key "pooling", absent = "last"):
  last:     emb = h at the last unmasked step (zeros for an empty string): LSTM(units), return_sequences=False;
            the Keras original's, and every model written before the key existed. Embedding size units.
  mean-bag: m_t = 1 for a real step (raw != 0), n = max(sum_t m_t, 1),
            emb = concat(sum_t m_t h_t / n, sum_t m_t x_t / n)   (LSTM part first)
            the mean LSTM output and the mean of the LSTM's inputs (a "bag of characters"); no weights beyond
            last's. LSTM(units, return_sequences=True): keras/src/layers/rnn/rnn.py gives masked steps some
            output (the carried state or zeros), which m zeroes. An empty string gives zeros, like last.
            Embedding size units + width (width = 1 scalar, embeddingDimension hashed/folded). The default of
            the table encodings (Java's train) before words; scalar keeps last, the Keras original's architecture.
  words:    the LSTM reads each WORD alone, from the zero state, so the order of the words cannot change the
            embedding. sep_t = raw_t in SEPARATORS, letter_t = raw_t != 0 and not sep_t; the words are the maximal
            runs of letters; n = max(sum_t letter_t, 1);
            emb = concat(sum_k sum_j h^k_j / n, sum_t letter_t x_t / n)   (h^k: the LSTM over word k alone)
            The default of the table encodings (Java's train) between mean-bag and windows.
            Separators only split words: they enter neither the LSTM nor the bag. A string without separators
            pools exactly as mean-bag (the same formula), one of separators only (or empty) gives zeros. Same
            weights and size as mean-bag. In standard Keras (words_embedding below): the words are laid out as a
            grid [W, L] (every word of the batch a row, L the longest, padded and masked), the LSTM runs over the
            grid, the per-word sums are gathered back to their strings; W and L are dynamic (ops.nonzero).
  windows:  for each letter t, the LSTM reads the last run_t <= WINDOW (3) letters of its word up to t (a window)
            from the zero state: h'_t its last state; emb = concat(sum_t letter_t h'_t / n, sum_t letter_t x_t / n).
            A learned bag of character n-grams of each word: word order cannot change it, and a separator changes
            only the windows of the (up to WINDOW - 1) letters after it. The default of the table encodings
            (Java's train, ModelSpec.defaultPooling, since word11 at 14f8996). LSTM(units), return_sequences=False, over the
            [B T, WINDOW] windows (windows_embedding below; only static sizes). Same weights and size as mean-bag.
Only built-in layers and keras.ops are used on KerasTensors (tf.math.acos cannot take one in Keras 3), so a saved
.keras file reloads with keras.saving.load_model and no custom objects.

A model's spec is the dict of its metadata keys (siamese-angular.json, as the Java ModelMetadata writes them):
units, clipEpsilon, encoding, pooling, and inputCenter/inputScale (scalar) or hashModuli/embeddingDimension
(hashed, folded: everything else of the folded encoding is fixed by its kind). A file without "encoding" is scalar
(every model written before the hashed encoding); one without "pooling" pools "last" (every model written before
mean-bag).
"""
import functools
import json
import math
import os
from dataclasses import dataclass

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

SCALAR, HASHED, FOLDED = "scalar", "hashed", "folded"
ENCODINGS = (SCALAR, HASHED, FOLDED)
TABLE_ENCODINGS = (HASHED, FOLDED)           # the encodings with a code_point_embedding table
DEFAULT_UNITS = {SCALAR: 10, HASHED: 24, FOLDED: 24}   # the Keras original's LSTM(10); the Java defaults
DEFAULT_INPUT_CENTER = 96.0
DEFAULT_INPUT_SCALE = 32.0
DEFAULT_HASH_MODULI = (1031, 1087)           # coprime, product > U+10FFFF: no two code points share both rows
DEFAULT_EMBEDDING_DIMENSION = 8             # hashed
DEFAULT_EMBEDDING_DIMENSIONS = {HASHED: DEFAULT_EMBEDDING_DIMENSION, FOLDED: 16}
TABLE_INIT_LIMIT = 0.5                       # U(-0.5, 0.5), as Java's KerasInitializers (docs/encoding-calibration.md)
# The folded encoding (graph/InputEncoding.Folded, v1): constants fixed by the kind, identical on the Java side.
FOLD_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src", "main", "resources", "org",
                         "siameseangular", "graph", "code-point-fold.tsv")
FOLD_SIZE = 0x2000                           # code points 0 .. 8191 are looked up; from 8192 up FOLD[c] = c
HANGUL_BASE, HANGUL_COUNT = 0xAC00, 11172    # U+AC00..U+D7A3 = 19 x 21 x 28 syllables (Unicode ch. 3.12)
HANGUL_V_T, HANGUL_T = 588, 28               # 21 x 28 syllables per leading consonant, 28 per vowel
JAMO_NONE = (19, 21, 28)                     # L, V, T of a code point that is not a syllable
JAMO_OFFSETS = (0, 20, 42)                   # rows J + offset: 20 L rows, 22 V rows, 29 T rows
JAMO_ROWS = 71
DETAIL_MODULUS = 1214                        # the detail rows J + 71 + mod(raw, 1214)
DETAIL_INIT_LIMIT = 0.05                     # U(-0.05, 0.05): the fold dominates at the start
DEFAULT_CLIP_EPSILON = 1e-6
LAST, MEAN_BAG, WORDS, WINDOWS = "last", "mean-bag", "words", "windows"
POOLINGS = (LAST, MEAN_BAG, WORDS, WINDOWS)
STEP_POOLINGS = (MEAN_BAG, WORDS, WINDOWS)    # embedding units + width: the mean h, then the mean features
SEQUENCE_POOLINGS = (MEAN_BAG, WORDS)         # LSTM(return_sequences=True); last and windows take the last state
WINDOW = 3                                    # pooling windows: the longest window (Java: graph/Pooling.WINDOW;
                                              # 3 since word11's calibration, WAVE6 update 08:35)
# The separators of pooling "words" (issue 10, wave 6 contract; Java: graph/WordSplit): whitespace, quotes,
# brackets, commas (Arabic, ideographic, fullwidth too), hyphens and dashes (Armenian, Hebrew too), full stops,
# slash, colon, semicolon, middle dots, Hebrew gershayim (U+05F4, added on word11 at b0e55ad). Not the apostrophe.
# Code points, in Java's order (ascending). Pooling windows splits words by the same list.
SEPARATORS = (0x0009, 0x000A, 0x000D, 0x0020, 0x0022, 0x0028, 0x0029, 0x002C, 0x002D, 0x002E, 0x002F, 0x003A,
              0x003B, 0x00A0, 0x00AB, 0x00B7, 0x00BB, 0x058A, 0x05BE, 0x05F4, 0x060C, 0x2010, 0x2011, 0x2013,
              0x2014, 0x201C, 0x201D, 0x201E, 0x3000, 0x3001, 0x3002, 0x300C, 0x300D, 0x30FB, 0xFF0C)
DEFAULT_POOLING = {SCALAR: LAST, HASHED: WINDOWS, FOLDED: WINDOWS}   # Java's train: the Keras original's for scalar
METADATA_FILE = "siamese-angular.json"
# The metadata layout with "encoding" (Java model/ModelMetadata.VERSION 2; version 1 files have no encoding key).
METADATA_FORMAT_VERSION = 2

# Names that are API: identical on the Java side.
LEFT, RIGHT, DISTANCE = "left", "right", "distance"
TEXT, EMBEDDING = "text", "embedding"
LSTM_NAME = "lstm"
TABLE_NAME = "code_point_embedding"          # its weight: code_point_embedding/embeddings
WEIGHT_NAMES = ("kernel", "recurrent_kernel", "bias")
TABLE_WEIGHT = "embeddings"
ENCODING_KEYS = {SCALAR: ("inputCenter", "inputScale"), HASHED: ("hashModuli", "embeddingDimension"),
                 FOLDED: ("hashModuli", "embeddingDimension")}


def make_spec(encoding=FOLDED, units=None, clip_epsilon=DEFAULT_CLIP_EPSILON, hash_moduli=DEFAULT_HASH_MODULI,
              embedding_dimension=None, pooling=None):
    """The metadata keys of a model (see the module comment); units, embedding dimension and pooling default by
    encoding (DEFAULT_POOLING)."""
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {ENCODINGS}, found {encoding!r}")
    pooling = pooling or DEFAULT_POOLING[encoding]
    if pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {POOLINGS}, found {pooling!r}")
    spec = {"units": int(units or DEFAULT_UNITS[encoding]), "encoding": encoding}
    if encoding == SCALAR:
        spec.update(inputCenter=DEFAULT_INPUT_CENTER, inputScale=DEFAULT_INPUT_SCALE)
    else:
        spec.update(hashModuli=[int(m) for m in hash_moduli],
                    embeddingDimension=int(embedding_dimension or DEFAULT_EMBEDDING_DIMENSIONS[encoding]))
    spec["clipEpsilon"] = float(clip_epsilon)
    spec["pooling"] = pooling
    return spec


def encoding_of(spec):
    return spec.get("encoding", SCALAR)


def pooling_of(spec):
    """The spec's pooling: absent means "last" (every model written before mean-bag)."""
    return spec.get("pooling", LAST)


def spec_of(meta):
    """The model keys of a metadata dict (or a golden.json / trace), checked: expected vs found."""
    encoding = encoding_of(meta)
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}: expected one of {ENCODINGS}")
    keys = ("units", *ENCODING_KEYS[encoding], "clipEpsilon")
    missing = [k for k in keys if k not in meta]
    if missing:
        raise ValueError(f"a {encoding} model needs the keys {list(keys)}; missing {missing}; found {sorted(meta)}")
    pooling = pooling_of(meta)
    if pooling not in POOLINGS:
        raise ValueError(f"unknown pooling {pooling!r}: expected one of {POOLINGS} (absent means {LAST!r})")
    return {"encoding": encoding, **{k: meta[k] for k in keys}, "pooling": pooling}


def width(spec):
    """Features per step: the LSTM kernel's input size."""
    return 1 if encoding_of(spec) == SCALAR else int(spec["embeddingDimension"])


def embedding_size(spec):
    """Components of the embedding: units (last); units + width (mean-bag, words: the mean h, then the mean
    features)."""
    return int(spec["units"]) + (width(spec) if pooling_of(spec) in STEP_POOLINGS else 0)


def table_rows(spec):
    """Rows of code_point_embedding: the moduli's (hashed); those, the jamo rows and the detail rows (folded)."""
    rows = sum(int(m) for m in spec["hashModuli"])
    return rows + JAMO_ROWS + DETAIL_MODULUS if encoding_of(spec) == FOLDED else rows


@functools.lru_cache(maxsize=2)
def fold_table(path=FOLD_FILE):
    """FOLD as float32 [FOLD_SIZE]: c itself, except the lines "XXXX<TAB>YYYY" (hex) of FOLD_FILE ('#': comment).
    Read from the file Java reads (graph/CodePointFold), never derived here, so both sides fold alike whatever
    Unicode version their runtime has. Every value is an integer < 2^24, exact in float32."""
    table = np.arange(FOLD_SIZE, dtype=np.float32)
    path = os.path.normpath(path)
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            try:
                source, target = (int(x, 16) for x in fields)
            except ValueError:
                source = target = -1
            if len(fields) != 2 or not 0 <= source < FOLD_SIZE or not 0 <= target < 2 ** 24:
                raise ValueError(f"{path}, line {number}: expected 'XXXX<TAB>YYYY' (hex, code point below "
                                 f"{FOLD_SIZE:X}), found {line!r}")
            table[source] = target
    table.setflags(write=False)
    return table


def weight_shapes(spec):
    """{name: shape} of every weight, in the Java checkpoint's layout (= Keras's)."""
    u = int(spec["units"])
    shapes = {"kernel": [width(spec), 4 * u], "recurrent_kernel": [u, 4 * u], "bias": [4 * u]}
    if encoding_of(spec) in TABLE_ENCODINGS:
        shapes = {TABLE_WEIGHT: [table_rows(spec), width(spec)], **shapes}
    return shapes


def _f32(value):
    return np.asarray(value, np.float32)


def table_ids(raw, spec):
    """raw code points [b, t, 1] float32 -> the rows of code_point_embedding each step sums, int32 [b, t, K]
    (hashed) or [b, t, K + 4] (folded; module comment). Every value is an integer below 2^24, so each float32 op
    is exact: floor mod and floor division as TF's FloorMod / FloorDiv (keras ops.mod, ops.floor_divide)."""
    moduli = [int(m) for m in spec["hashModuli"]]
    offsets = _f32(np.cumsum([0] + moduli[:-1]))
    if encoding_of(spec) == HASHED:
        return ops.cast(ops.mod(raw, _f32(moduli)) + offsets, "int32")               # [b, t, K]
    in_table = ops.logical_and(ops.greater_equal(raw, _f32(0)), ops.less(raw, _f32(FOLD_SIZE)))
    index = ops.cast(ops.clip(raw, 0.0, float(FOLD_SIZE - 1)), "int32")
    folded = ops.where(in_table, ops.take(fold_table(), index), raw)
    s = raw - _f32(HANGUL_BASE)
    syllable = ops.logical_and(ops.greater_equal(s, _f32(0)), ops.less(s, _f32(HANGUL_COUNT)))
    folded = ops.where(syllable, _f32(HANGUL_BASE), folded)    # all syllables share their identity rows
    lead = ops.where(syllable, ops.floor_divide(s, _f32(HANGUL_V_T)), _f32(JAMO_NONE[0]))
    vowel = ops.where(syllable, ops.floor_divide(ops.mod(s, _f32(HANGUL_V_T)), _f32(HANGUL_T)), _f32(JAMO_NONE[1]))
    trail = ops.where(syllable, ops.mod(s, _f32(HANGUL_T)), _f32(JAMO_NONE[2]))
    j = sum(moduli)
    ids = ops.concatenate([ops.mod(folded, _f32(moduli)) + offsets,
                           lead + _f32(j + JAMO_OFFSETS[0]), vowel + _f32(j + JAMO_OFFSETS[1]),
                           trail + _f32(j + JAMO_OFFSETS[2]),
                           ops.mod(raw, _f32(DETAIL_MODULUS)) + _f32(j + JAMO_ROWS)], axis=-1)
    return ops.cast(ids, "int32")                                                    # [b, t, K + 4]


def features(raw, spec, table):
    """raw code points [b, t, 1] -> LSTM inputs [b, t, width(spec)], as graph/CodePointEncoder computes them."""
    if encoding_of(spec) == SCALAR:
        return (raw - float(spec["inputCenter"])) / float(spec["inputScale"])
    return ops.tanh(ops.sum(table(table_ids(raw, spec)), axis=2))    # [b, t, ids, d] -> [b, t, d]


def words_embedding(raw, x, lstm):
    """Pooling "words" (module comment) in standard Keras ops, dynamic batch B, steps T, words W and word length L:
    raw code points [B, T, 1], their features x [B, T, d], the shared LSTM(return_sequences=True) -> [B, u + d].

    1. letter_t, and start_t = letter_t and not letter_{t-1} (a word's first letter), [B, T] int32.
    2. rows, cols = ops.nonzero(start): one entry per word of the batch, row-major (word k); ops.nonzero is the one
       standard op whose output length depends on the values (keras/src/ops/numpy.py Nonzero: compute_output_spec
       (None,); keras/src/backend/tensorflow/numpy.py nonzero: tf.where). ops.arange, ops.reshape, ops.slice,
       ops.scatter and ops.repeat take their sizes as attributes, fixed when the graph is built (Arange's
       compute_output_spec needs a number), so every dynamic size here comes from ops.nonzero or a gather. An
       empty word (row 0, column 0, never valid) is appended so that gathers from `cols` and the grid have a row
       even when the batch has no letter at all.
    3. word_t = (words in earlier strings) + cumsum(start)_t - 1, pos_t = t - cols[word_t]: the word of each
       letter and its place there; L = max(pos_t + 1, 1); j = 0..L-1 as ops.nonzero(step < L), step = 0..T-1.
    4. The grid [W + 1, L, d]: x at (rows_k, cols_k + j) gathered from x reshaped [B T, d] (a static reshape) and
       one zero step appended (a row to gather from when B = 0, which gives [0, u + d] as the other poolings do),
       valid where that step is a letter of word k (its word_t = k). The LSTM runs over it with mask = valid, each
       word from the zero state (keras/src/layers/rnn/lstm.py); masked steps (a word's padding) carry the state
       and are zeroed, as in mean-bag.
    5. The per-word sums of h are gathered back to each word's first letter and summed over t, then / n; the bag
       part is mean-bag's over the letters only. No reshape to [B, T]: only gathers, whose output shapes follow
       their indices. Every op is in keras.ops, so a saved .keras reloads without custom objects."""
    letter = letters(raw)                                                       # [B, T] int32
    start = letter * (1 - _shift(letter, 1))                                    # [B, T] a word's first letter
    rows, cols = ops.nonzero(start)                                             # [W] each, row-major
    empty = np.zeros(1, np.int32)
    rows, cols = ops.concatenate([rows, empty]), ops.concatenate([cols, empty])  # [W + 1]: the empty word W
    counts = ops.sum(start, axis=1)                                             # [B] words per string
    word = (ops.cumsum(counts) - counts)[:, None] + ops.cumsum(start, axis=1) - 1   # [B, T] (letters only)
    word = ops.maximum(word, 0)
    t = ops.cumsum(ops.ones_like(letter), axis=1) - 1                          # [B, T] the step index
    pos = (t - ops.take(cols, word, axis=0)) * letter                           # [B, T] place in its word
    step = ops.cumsum(ops.ones_like(ops.sum(letter, axis=0))) - 1              # [T]: 0 .. T - 1, also for B = 0
    steps = ops.size(step)                                                      # T
    longest = ops.max(pos + letter, initial=1)                                  # L (1 for B = 0)
    j = ops.nonzero(ops.less(step, longest))[0]                                 # [L]: 0 .. L - 1
    col = cols[:, None] + j[None, :]                                            # [W + 1, L]
    flat = ops.minimum(rows[:, None] * steps + col, ops.size(letter))          # in [B T + 1]; clipped: invalid
    k = ops.cumsum(ops.ones_like(rows)) - 1                                     # [W + 1]: 0 .. W
    # The gathers read the B T steps and one step after them (zero: not a letter), so that they have a row to read
    # even when the batch is empty (B = 0).
    letter_at = ops.take(ops.concatenate([ops.reshape(letter, (-1,)), empty]), flat, axis=0)   # [W + 1, L]
    word_at = ops.take(ops.concatenate([ops.reshape(word, (-1,)), empty]), flat, axis=0)       # [W + 1, L]
    valid = ops.logical_and(ops.less(col, steps),
                            ops.logical_and(ops.equal(letter_at, 1), ops.equal(word_at, k[:, None])))
    v = ops.cast(valid, "float32")[..., None]                                   # [W + 1, L, 1]
    x_steps = ops.concatenate([ops.reshape(x, (-1, x.shape[-1])), np.zeros((1, x.shape[-1]), np.float32)])
    grid = ops.take(x_steps, flat, axis=0) * v                                  # [W + 1, L, d]
    per_word = ops.sum(lstm(grid, mask=valid) * v, axis=1)                      # [W + 1, u]
    m = ops.cast(letter, "float32")[..., None]                                  # [B, T, 1]
    n = ops.maximum(ops.sum(m, axis=1), 1.0)                                    # [B, 1]
    first = ops.cast(start, "float32")[..., None]
    h_sum = ops.sum(ops.take(per_word, word, axis=0) * first, axis=1)           # [B, u]
    return ops.concatenate([h_sum / n, ops.sum(x * m, axis=1) / n], axis=-1)


def letters(raw):
    """letter_t = raw_t != 0 and raw_t not in SEPARATORS, int32 [B, T] (pooling words and windows)."""
    code = ops.squeeze(raw, axis=-1)                                            # [B, T] float32
    separator = ops.any(ops.equal(code[..., None], _f32(SEPARATORS)), axis=-1)   # exact: integers < 2^24
    return ops.cast(ops.logical_and(ops.not_equal(code, 0.0), ops.logical_not(separator)), "int32")


def _shift(a, k):
    """a [B, T, ...] moved k steps later along T, zeros in front: a[:, t - k] (padding first, then slicing k off the
    end, so that it holds for T < k too)."""
    pad = [[0, 0], [k, 0]] + [[0, 0]] * (len(a.shape) - 2)
    return ops.pad(a, pad)[:, :-k]


def windows_embedding(raw, x, lstm):
    """Pooling "windows" (Java: graph/SiameseGraph.windows, WAVE6 update 08:20) in standard Keras ops: for each
    letter t, the LSTM reads the window of the last run_t <= WINDOW letters of its word up to t, from the zero
    state; h'_t is its last state (lstm: return_sequences=False, so masked steps carry it; keras/src/layers/rnn/
    rnn.py). emb = concat(sum_t letter_t h'_t / n, sum_t letter_t x_t / n), n = max(letters, 1).
    run_t = l_t + l_t l_(t-1) + ... + l_t ... l_(t-WINDOW+1) (static shifts, no dynamic size); window_t = the steps
    t - run_t + 1 .. t right-padded: element j is x shifted by run_t - 1 - j (one of WINDOW static shifts), valid
    for j < run_t. The windows [B, T, WINDOW, d] reshape to [B T, WINDOW, d] (static sizes); h' [B T, u] comes back
    to [B, T, u] by a gather at b T + t (T and b as tensors: no reshape with a dynamic size)."""
    letter = letters(raw)                                                       # [B, T] int32
    run, chain = ops.zeros_like(letter), letter
    for k in range(WINDOW):
        run = run + chain                                                       # letters ending at t, <= k + 1
        chain = chain * _shift(letter, k + 1)
    width_ = x.shape[-1]
    shifted = [x] + [_shift(x, k) for k in range(1, WINDOW)]                    # x[t - k], [B, T, d] each
    steps, valid = [], []
    for j in range(WINDOW):
        offset = run - 1 - j                                                    # window element j is x[t - offset]
        element = ops.zeros_like(x)
        for k in range(WINDOW):
            element = ops.where(ops.equal(offset, k)[..., None], shifted[k], element)
        steps.append(element)
        valid.append(ops.greater(run, j))
    windows = ops.reshape(ops.stack(steps, axis=2), (-1, WINDOW, width_))     # [B T, WINDOW, d]
    mask = ops.reshape(ops.stack(valid, axis=2), (-1, WINDOW))                 # [B T, WINDOW]
    last = lstm(windows * ops.cast(mask, "float32")[..., None], mask=mask)     # [B T, u]
    t = ops.cumsum(ops.ones_like(letter), axis=1) - 1                          # [B, T] the step index
    b = ops.cumsum(ops.ones_like(letter), axis=0) - 1                          # [B, T] the row index
    h = ops.take(last, b * (ops.max(t) + 1) + t, axis=0)                        # [B, T, u]
    m = ops.cast(letter, "float32")[..., None]
    n = ops.maximum(ops.sum(m, axis=1), 1.0)
    return ops.concatenate([ops.sum(h * m, axis=1) / n, ops.sum(x * m, axis=1) / n], axis=-1)


@dataclass
class Siamese:
    """The fixed model, its shared layers and its spec."""
    model: keras.Model
    lstm: keras.layers.LSTM
    table: object      # keras.layers.Embedding, or None for the scalar encoding
    spec: dict

    def encode(self, raw):
        """raw code points [b, t, 1] -> embedding [b, embedding_size(spec)]: mask, encoding, shared LSTM, pooling
        (module comment)."""
        mask = ops.not_equal(ops.squeeze(raw, axis=-1), 0.0)                     # [b, t]
        x = features(raw, self.spec, self.table)                                 # [b, t, width]
        if pooling_of(self.spec) == LAST:
            return self.lstm(x, mask=mask)
        if pooling_of(self.spec) == WORDS:
            return words_embedding(raw, x, self.lstm)
        if pooling_of(self.spec) == WINDOWS:
            return windows_embedding(raw, x, self.lstm)
        m = ops.cast(mask, "float32")[..., None]                                 # [b, t, 1]
        n = ops.maximum(ops.sum(m, axis=1), 1.0)                                 # [b, 1]
        hs = self.lstm(x, mask=mask)                                             # [b, t, units]
        return ops.concatenate([ops.sum(hs * m, axis=1) / n, ops.sum(x * m, axis=1) / n], axis=-1)

    def weights(self):
        """{embeddings (hashed, folded), kernel, recurrent_kernel, bias} as float32 arrays."""
        out = {name: np.asarray(w) for name, w in zip(WEIGHT_NAMES, self.lstm.get_weights())}
        if self.table is not None:
            out = {TABLE_WEIGHT: np.asarray(self.table.get_weights()[0]), **out}
        return out

    def set_weights(self, weights):
        """weights: dict as weights() returns. Checks names and shapes, expected vs found."""
        expected = weight_shapes(self.spec)
        arrays = {name: np.asarray(weights[name], np.float32) for name in expected if name in weights}
        problems = [f"'{name}': expected shape {shape}, found "
                    + (str(list(arrays[name].shape)) if name in arrays else "nothing")
                    for name, shape in expected.items()
                    if name not in arrays or list(arrays[name].shape) != shape]
        if problems:
            raise ValueError(f"weights for a {self.describe()} model: " + "; ".join(problems))
        self.lstm.set_weights([arrays[name] for name in WEIGHT_NAMES])
        if self.table is not None:
            self.table.set_weights([arrays[TABLE_WEIGHT]])

    def describe(self):
        s = self.spec
        encoding = encoding_of(s)
        if encoding == SCALAR:
            enc = f"scalar((c-{s['inputCenter']})/{s['inputScale']})"
        elif encoding == HASHED:
            enc = f"hashed({','.join(map(str, s['hashModuli']))},d{s['embeddingDimension']},tanh)"
        else:
            enc = (f"folded({','.join(map(str, s['hashModuli']))},jamo,detail{DETAIL_MODULUS},"
                   f"d{s['embeddingDimension']},tanh)")
        pooled = "" if pooling_of(s) == LAST else f" {pooling_of(s)}"
        return f"{enc} LSTM({s['units']}){pooled}"


def build_fixed(spec=None):
    """The masked, encoded, pooled, clipped model that matches the Java graph (default: the folded encoding, windows
    pooling). The table
    starts at U(-0.5, 0.5), the folded encoding's detail rows (from J + 71 on) at U(-0.05, 0.05), both drawn from
    keras's global seed (set_deterministic)."""
    spec = spec_of(spec or make_spec())
    left = keras.Input(shape=(None, 1), name=LEFT)
    right = keras.Input(shape=(None, 1), name=RIGHT)
    lstm = keras.layers.LSTM(int(spec["units"]), return_sequences=pooling_of(spec) in SEQUENCE_POOLINGS, name=LSTM_NAME)
    table = None
    if encoding_of(spec) in TABLE_ENCODINGS:
        table = keras.layers.Embedding(
            table_rows(spec), int(spec["embeddingDimension"]), name=TABLE_NAME,
            embeddings_initializer=keras.initializers.RandomUniform(-TABLE_INIT_LIMIT, TABLE_INIT_LIMIT))
    siamese = Siamese(None, lstm, table, spec)
    cos = keras.layers.Dot(axes=1, normalize=True)([siamese.encode(left), siamese.encode(right)])
    eps = float(spec["clipEpsilon"])
    distance = ops.arccos(ops.clip(cos, -1.0 + eps, 1.0 - eps)) / math.pi
    siamese.model = keras.Model([left, right], distance, name="siamese_angular")
    if encoding_of(spec) == FOLDED:
        # Set after building: an initializer of our own would be a custom object, which load_model would need.
        weights = np.array(table.get_weights()[0])
        detail = table_rows(spec) - DETAIL_MODULUS
        weights[detail:] = keras.initializers.RandomUniform(-DETAIL_INIT_LIMIT, DETAIL_INIT_LIMIT)(
            (DETAIL_MODULUS, weights.shape[1]))
        table.set_weights([weights])
    return siamese


def from_keras_model(model, spec):
    """The Siamese view of a model built by build_fixed and reloaded (e.g. keras.saving.load_model)."""
    spec = spec_of(spec)
    table = model.get_layer(TABLE_NAME) if encoding_of(spec) in TABLE_ENCODINGS else None
    return Siamese(model, model.get_layer(LSTM_NAME), table, spec)


def build_naive(units=DEFAULT_UNITS[SCALAR]):
    """The original from the question: raw code points, no mask, no scaling, no clip. Returns (model, lstm)."""
    left = keras.Input(shape=(None, 1), name=LEFT)
    right = keras.Input(shape=(None, 1), name=RIGHT)
    lstm = keras.layers.LSTM(units, name=LSTM_NAME)
    cos = keras.layers.Dot(axes=1, normalize=True)([lstm(left), lstm(right)])
    model = keras.Model([left, right], ops.arccos(cos) / math.pi, name="siamese_angular_naive")
    return model, lstm


def compile_model(model, optimizer="sgd", learning_rate=0.01):
    """binary_crossentropy on probabilities; SGD(0.01) is the Keras default (the original's optimizer)."""
    optimizers = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam}
    model.compile(optimizer=optimizers[optimizer](learning_rate=learning_rate), loss="binary_crossentropy")
    return model


def code_points(text):
    """Unicode code points (not UTF-16 units): a Python str iterates code points."""
    return [ord(c) for c in text]


def encode_batch(texts):
    """float32 [batch, time, 1] of code points, right-padded with 0 to the longest text (time >= 1)."""
    width_ = max([1] + [len(t) for t in texts])
    out = np.zeros((len(texts), width_, 1), np.float32)
    for row, text in enumerate(texts):
        out[row, :len(text), 0] = code_points(text)
    return out


def y_true(labels):
    """Label 1 = similar pair = wanted distance 0, so the BCE target is 1 - label."""
    return (1.0 - np.asarray(labels, np.float32)).reshape(-1, 1)


def read_metadata(model_dir):
    """siamese-angular.json of a model directory, with its spec keys checked."""
    path = os.path.join(model_dir, METADATA_FILE)
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    try:
        spec_of(meta)
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None
    return meta


def set_deterministic(seed):
    keras.utils.set_random_seed(seed)
    import tensorflow as tf
    tf.config.experimental.enable_op_determinism()
