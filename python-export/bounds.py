"""Float32 error bounds for comparing two implementations of the model, derived from the arithmetic.

Any two conforming float32 implementations (Keras's while-loop LSTM, Java's fused BlockLSTMV2, another CPU's
kernels, another batch composition) differ only in how they round. This module bounds, for one string or one pair,
how far ANY of them can be from the exact (real-arithmetic) value; two implementations then differ by at most the
sum of two such bounds. The same derivation is written in Java in src/test/java/org/siameseangular/FloatBounds.java.

Model of one float32 implementation (first order in the unit roundoff u = 2^-24; products of two error terms,
O(u^2), are dropped):
  - A sum of m products (a matrix-vector product, a dot, a sum of squares), in any order, blocked or vectorised,
    with or without fused multiply-add, is within gamma(m) * sum |products|, gamma(m) = m u / (1 - m u)
    (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.1, eq. 3.4).
  - An elementwise function (sigmoid, tanh, rsqrt, acos, log) is within FUNCTION_ULPS ulps of the exact value of
    its float32 argument. FUNCTION_ULPS = 5: Eigen's float logistic is within 4.5 ulps (exhaustively tested, per
    the comment in Eigen/src/Core/functors/UnaryFunctors.h, scalar_logistic_op<float>), its rational tanh within
    "a couple of ulp" (Eigen/src/Core/MathFunctionsImpl.h, generic_fast_tanh_float); the C library's and
    Eigen's acos, log and rsqrt are within 2. One ulp of y is at most 2 u |y|.
  - +, -, *, / round once (u relative).

Input encoding (siamese_model.py, graph/CodePointEncoder), per code point c, the LSTM's input x (width d):
  - scalar: x = (c - 96) / 32 is exact in float32 (integers below 2^24, a power-of-two divisor): no error;
  - hashed: x = tanh(s), s = sum_k T[id_k] over the K moduli. The ids are exact (floor mod and + offset on float32
    integers below 2^24, cast to int32), the gathered rows are the table's float32 values, so the only roundings
    are the K-term sum, within gamma(K - 1) sum_k |T[id_k]| (Higham eq. 3.4; K = 2: one addition), and tanh,
    within FUNCTION_ULPS ulps of tanh of its float32 argument. First order, through tanh' = 1 - x^2:
        |x32 - x| <= e_x = (1 - x^2) gamma(K - 1) sum_k |T[id_k]| + FUNCTION_REL |x|   (+ TINY)
    per component. This input error is not the LSTM's own rounding: it enters each gate pre-activation through
    the kernel, |K^T| e_x, on top of the matrix product's gamma.
  - folded: x = tanh(s) as hashed, s now a sum of K + 4 rows (the K moduli's rows of the folded code point, the
    three jamo rows and the detail row; graph/InputEncoding.Folded, siamese_model.py). The ids are exact again (a
    table lookup, where, floor mod and floor division of float32 integers below 2^24; the quotients of the Hangul
    split lie at least 1/588 from an integer, far above an ulp), so the same derivation with K + 4 terms:
        |x32 - x| <= e_x = (1 - x^2) gamma(K + 3) sum_k |E[id_k]| + FUNCTION_REL |x|   (+ TINY)
    (the float64 sum of the six float32 rows here is not exact, but within 5 * 2^-53 of it: 1e-16, nothing
    beside the float32 terms).

LSTM (keras/src/layers/rnn/lstm.py; gates i, f, c, o): z = x K + h U + b sums d + n + 1 terms (d = input width: 1
scalar, 8 hashed, 16 folded), so each gate pre-activation is within gamma(d + n + 1) sum|terms| + |K^T| e_x; then
the gate functions, c' = f c + i g (gamma(2)), tanh(c'), h' = o tanh(c'). These are the local errors l_t of step t,
given the exact state before it. A state error propagates to the end through the exact Jacobians of the steps, so
the error of the final h is at most sum_t |J_T ... J_{t+1}| l_t (componentwise; the Jacobian product is formed
exactly, then its absolute value, so the contraction of the real recurrence is kept: the product of absolute values
grows like 1e14 over 264 steps, this stays near 1e-6). Running the recurrence in float64 gives the exact trajectory
to 1e-16.

Pooling (siamese_model.py, graph/SiameseGraph). "last": the embedding is the final h, with the error above.
"mean-bag": emb = concat(sum_t m_t h_t / n, sum_t m_t x_t / n) over the n real steps (m_t = 1, exact products;
padding steps add exact zeros). Each h_t's error is the state error carried to step t, sum_{s<=t} P_{t,s} dl_s
(P_{t,s} = J_t ... J_{s+1}, P_{s,s} = I, dl_s the actual local error, |dl_s| <= l_s), so the error of the sum is
sum_s (sum_{t>=s} P_{t,s}) dl_s, at most
    sum_s |Q_s| l_s,   Q_s = the h rows of sum_{t>=s} P_{t,s}:  Q_{T-1} = H,  Q_s = H + Q_{s+1} J_{s+1}
(H selects the h rows; the absolute value of the exact sum again keeps the contraction). On top of that the float32
sum of the n terms rounds within gamma(n - 1) sum_t |h_t| (Higham eq. 3.4; additions of the padding's zeros are
exact), and the division by n (an exact integer in float32) once, or twice where an implementation multiplies by
a rounded 1/n: 2 u |mean|. So, per component,
    e_mean_h = (sum_s |Q_s| l_s + gamma(n - 1) sum_t |h_t|) / n + 2 u |mean h|
    e_mean_x = (sum_t e_x,t + gamma(n - 1) sum_t |x_t|) / n + 2 u |mean x|        (e_x,t the input error above)
An empty string: all zeros, exactly. The head then takes the units + width components as one vector.
"words": the same sums, over the words: word k (a maximal run of letters, letter_t = c_t != 0 and not a separator;
split_words) runs through the LSTM alone from the zero state, with its own local errors and Jacobians, so the
carried error of sum_j h^k_j is sum_s |Q^k_s| l^k_s as above, within word k; the words' carried errors add up. The
float32 sum of all n = sum_k len_k terms (over letters, then words, or in any other order or tree: padding and
separators add exact zeros) rounds within gamma(n - 1) sum_k sum_j |h^k_j|, the division as before:
    e_h = (sum_k sum_s |Q^k_s| l^k_s + gamma(n - 1) sum_k sum_j |h^k_j|) / n + 2 u |mean h|
    e_x = (sum_t letter_t e_x,t + gamma(n - 1) sum_t letter_t |x_t|) / n + 2 u |mean x|
n = max(letters, 1); no letter (empty, separators only): all zeros, exactly. Without separators this is mean-bag's.
"windows": for each letter t, h'_t is the last state of the LSTM over the window of the last run_t <= 3 letters of
its word up to t, from the zero state: its error is the "last" bound of that window, e_t = sum_s |J ... J| l_s
(within the window); the sum over the n letters adds gamma(n - 1) sum_t |h'_t|, the division as before:
    e_h = (sum_t e_t + gamma(n - 1) sum_t |h'_t|) / n + 2 u |mean h'|,   e_x as for "words".

Head (l2 normalisation, dot, clip, acos / pi), given one implementation's float32 embeddings:
  - normalising v: sum of squares gamma(n), rsqrt FUNCTION_ULPS, one product: v/|v| (1 + eta)(1 + delta_k) with
    |eta| <= gamma(n)/2 + 2 A u, |delta_k| <= u;
  - the dot of the two normalised vectors: gamma(n) on top, so the float32 cosine is within
    HEAD(n) = 2 gamma(n) + (4 A + 2) u of the cosine of the float32 embeddings (42 u = 2.5e-6 for n = 10);
  - embedding errors e_a, e_b (norms of the componentwise bounds) turn each embedding by at most
    asin(|e| / |v|), so the angle moves by at most the sum of those (the angle is a metric on the sphere);
  - the clip is monotone and 1-Lipschitz (its bound 1 - eps rounds to float32, in float or double arithmetic);
  - acos, the float32 pi and the division: relative (2 A + 2) u on the distance.
Every conforming implementation's distance lies in [low, high]; so |d1 - d2| <= high - low, and
|cos(pi d1) - cos(pi d2)| <= cos(pi low) - cos(pi high), the same interval seen through the cosine. Far from
distance 0 that is ~ (2 HEAD + angle terms) / (pi sin(pi d)) in d; near 0, acos turns the cosine's rounding into
sqrt-sized distance changes, so the tests compare cosines there (NEAR_ZERO).
"""
import math
from dataclasses import dataclass

import numpy as np

U = 2.0 ** -24                       # float32 unit roundoff
FUNCTION_ULPS = 5                    # see the module comment
FUNCTION_REL = 2 * FUNCTION_ULPS * U  # FUNCTION_ULPS ulps of y, relative to |y|
NEAR_ZERO = 0.01                     # below this distance the tests compare cos(pi d) instead of d
TINY = float(np.finfo(np.float32).tiny)  # absolute floor of every rounding: TensorFlow flushes denormals to 0
# keras/src/backend/config.py epsilon() = 1e-7: binary_crossentropy clips p to [eps, 1 - eps], float32 constants
# (1 - 1e-7 rounds to 1 - 2^-23).
LOSS_CLIP_LOW, LOSS_CLIP_HIGH = float(np.float32(1e-7)), float(np.float32(1 - 1e-7))


def gamma(m):
    """Higham's gamma_m: relative error bound of any m-term float32 sum of products."""
    return m * U / (1 - m * U)


def _sigmoid(z):
    """1 / (1 + exp(-z)) without cancellation: exp(z) / (1 + exp(z)) for negative z (tiny values stay accurate)."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@dataclass(frozen=True)
class Embedding:
    value: np.ndarray   # exact (float64) embedding
    error: np.ndarray   # per component: any float32 implementation is within this of value


@dataclass(frozen=True)
class Envelope:
    """Where every conforming float32 implementation's distance of one pair lies: [low, high]."""
    distance: float     # exact
    low: float
    high: float

    @property
    def distance_tolerance(self):
        return self.high - self.low

    @property
    def cosine_tolerance(self):
        return math.cos(math.pi * self.low) - math.cos(math.pi * self.high)


class ScalarInput:
    """x = (c - center) / scale: exact in float32 (module comment)."""
    width = 1

    def __init__(self, center, scale):
        self.center, self.scale = float(center), float(scale)

    def __call__(self, cps):
        """code points [rows] -> (x [rows, 1], error bound [rows, 1])."""
        x = ((np.asarray(cps, np.float64) - self.center) / self.scale)[:, None]
        return x, np.zeros_like(x)


class HashedInput:
    """x = tanh(sum_k T[mod(c, m_k) + offset_k]), with its float32 error bound e_x (module comment)."""

    def __init__(self, table, moduli):
        self.table = np.asarray(table, np.float64)
        self.moduli = [int(m) for m in moduli]
        self.offsets = np.cumsum([0] + self.moduli[:-1])
        self.width = self.table.shape[1]
        if self.table.shape[0] != self.rows():
            raise ValueError(f"table of {self.table.shape[0]} rows for a {type(self).__name__} of moduli "
                             f"{self.moduli}: expected {self.rows()}")

    def rows(self):
        return sum(self.moduli)

    def ids(self, cps):
        """code points [n] (int64) -> table rows [n, K]."""
        return np.mod(cps[:, None], self.moduli) + self.offsets

    def __call__(self, cps):
        rows = self.table[self.ids(np.asarray(cps, np.int64))]     # [n, terms, d]
        terms = rows.shape[1]
        x = np.tanh(rows.sum(axis=1))   # K = 2 float32 values sum exactly in float64; more within 1e-16 (above)
        error = (1 - x * x) * gamma(terms - 1) * np.abs(rows).sum(axis=1) + FUNCTION_REL * np.abs(x) + TINY
        return x, error


# The folded encoding's constants (graph/InputEncoding.Folded v1; siamese_model.py names each).
FOLD_SIZE, HANGUL_BASE, HANGUL_COUNT, DETAIL_MODULUS, JAMO_ROWS = 0x2000, 0xAC00, 11172, 1214, 71


def folded_ids(cps, moduli, fold):
    """The folded encoding's table rows of code points [n] (int64), in integer arithmetic: [n, K + 4]. An
    independent statement of the contract (graph/InputEncoding.Folded) to hold the float32 Keras graph against.
    fold: the fold table (siamese_model.fold_table(), read from code-point-fold.tsv)."""
    cps = np.asarray(cps, np.int64)
    moduli = [int(m) for m in moduli]
    j = sum(moduli)
    in_table = (cps >= 0) & (cps < FOLD_SIZE)
    f = np.where(in_table, np.asarray(fold, np.int64)[np.clip(cps, 0, FOLD_SIZE - 1)], cps)
    s = cps - HANGUL_BASE
    syllable = (s >= 0) & (s < HANGUL_COUNT)
    f = np.where(syllable, HANGUL_BASE, f)
    lead = np.where(syllable, s // 588, 19)
    vowel = np.where(syllable, s % 588 // 28, 21)
    trail = np.where(syllable, s % 28, 28)
    offsets = np.cumsum([0] + moduli[:-1])
    return np.concatenate([np.mod(f[:, None], moduli) + offsets,
                           np.stack([j + lead, j + 20 + vowel, j + 42 + trail,
                                     j + JAMO_ROWS + np.mod(cps, DETAIL_MODULUS)], axis=1)], axis=1)


def split_words(cps, separators):
    """Pooling "words": the words of code points cps, the maximal runs of letters (c != 0 and c not in separators),
    in order; each a list of code points. An independent statement of the contract to hold the Keras graph's
    [W, L] grid against (separators: siamese_model.SEPARATORS)."""
    separators, words, word = set(int(c) for c in separators), [], []
    for c in cps:
        if c != 0 and int(c) not in separators:
            word.append(int(c))
        elif word:
            words.append(word)
            word = []
    return words + ([word] if word else [])


def table_ids(cps, meta):
    """The code-point table's rows of code points [n] under a hashed or folded model's metadata: [n, K (+ 4)]."""
    cps = np.asarray(cps, np.int64)
    moduli = [int(m) for m in meta["hashModuli"]]
    if meta.get("encoding") == "folded":
        import siamese_model   # the fold table, read from the file the Java side reads
        return folded_ids(cps, moduli, siamese_model.fold_table())
    return np.mod(cps[:, None], moduli) + np.cumsum([0] + moduli[:-1])


class FoldedInput(HashedInput):
    """x = tanh(sum of the K + 4 rows E[folded_ids(c)]), with its float32 error bound e_x (module comment)."""

    def __init__(self, table, moduli, fold):
        self.fold = np.asarray(fold)
        super().__init__(table, moduli)

    def rows(self):
        return sum(self.moduli) + JAMO_ROWS + DETAIL_MODULUS

    def ids(self, cps):
        return folded_ids(cps, self.moduli, self.fold)


class Lstm:
    """The model's encoder (input encoding and LSTM) in float64, with the running error bound of any float32
    implementation."""

    POOLINGS = ("last", "mean-bag", "words", "windows")
    WINDOW = 3   # pooling windows: the longest window (graph/Pooling.WINDOW, siamese_model.WINDOW)

    def __init__(self, kernel, recurrent_kernel, bias, inputs, pooling="last", separators=None):
        """separators: the code points that split words (pooling "words"; default siamese_model.SEPARATORS)."""
        if pooling not in self.POOLINGS:
            raise ValueError(f"pooling must be one of {self.POOLINGS}, found {pooling!r}")
        self.pooling = pooling
        if pooling in ("words", "windows") and separators is None:
            import siamese_model   # the contract's separators, the one constant of the Python side
            separators = siamese_model.SEPARATORS
        self.separators = tuple(int(c) for c in separators or ())
        self.recurrent = np.asarray(recurrent_kernel, np.float64)
        self.units = self.recurrent.shape[0]
        self.kernel = np.asarray(kernel, np.float64).reshape(-1, 4 * self.units)    # [width, 4n]
        self.bias = np.asarray(bias, np.float64)
        self.inputs = inputs
        if self.kernel.shape[0] != inputs.width:
            raise ValueError(f"kernel of {self.kernel.shape[0]} input rows for an encoding of width {inputs.width}")
        self._cache = {}

    @classmethod
    def from_weights(cls, weights, meta):
        """weights: dict kernel / recurrent_kernel / bias (Keras layout) and embeddings (hashed, folded); meta: the
        model's metadata keys (encoding, inputCenter/inputScale or hashModuli, pooling; no encoding key = scalar, no
        pooling key = last)."""
        encoding = meta.get("encoding", "scalar")
        if encoding == "folded":
            import siamese_model   # the fold table, read from the file the Java side reads
            inputs = FoldedInput(weights["embeddings"], meta["hashModuli"], siamese_model.fold_table())
        elif encoding == "hashed":
            inputs = HashedInput(weights["embeddings"], meta["hashModuli"])
        else:
            inputs = ScalarInput(meta["inputCenter"], meta["inputScale"])
        return cls(weights["kernel"], weights["recurrent_kernel"], weights["bias"], inputs,
                   meta.get("pooling", "last"))

    def embed(self, text):
        return self.embed_all([text])[0]

    def embed_all(self, texts, chunk=32):
        """Embeddings of many texts, computed in batches of similar length (cached by text)."""
        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        embed_batch = {"words": self._embed_words, "windows": self._embed_windows}.get(self.pooling,
                                                                                      self._embed_batch)
        for k in range(0, len(todo), chunk):
            group = todo[k:k + chunk]
            for text, value, error in zip(group, *embed_batch([[ord(ch) for ch in t] for t in group])):
                self._cache[text] = Embedding(value, error)
        return [self._cache[t] for t in texts]

    def _embed_words(self, code_points):
        """Pooling "words": every word of every string through the LSTM alone (the step sums of mean-bag, per
        word), then each string's words summed and pooled as mean-bag pools its steps (module comment)."""
        words = [split_words(cps, self.separators) for cps in code_points]
        flat = [w for ws in words for w in ws]
        n, d = self.units, self.kernel.shape[0]
        per_word = self._step_sums(flat) if flat else None
        keys = ("h", "abs_h", "x", "abs_x", "e_x", "carried")
        sums = {key: np.zeros((len(code_points), n if key in ("h", "abs_h", "carried") else d)) for key in keys}
        first = 0
        for row, ws in enumerate(words):
            for key in keys:
                sums[key][row] = per_word[key][first:first + len(ws)].sum(axis=0) if ws else 0.0
            first += len(ws)
        return self._means(sums, np.array([sum(len(w) for w in ws) for ws in words]))

    def _embed_windows(self, code_points):
        """Pooling "windows": every letter's window (the last <= WINDOW letters of its word up to it) through the
        LSTM alone, its last state and "last" bound; summed per string with the letters' features and pooled as
        mean-bag pools its steps (module comment)."""
        n, d = self.units, self.kernel.shape[0]
        windows, owner, letters = [], [], []
        for row, cps in enumerate(code_points):
            for word in split_words(cps, self.separators):
                for t in range(len(word)):
                    windows.append(word[max(0, t + 1 - self.WINDOW):t + 1])
                    owner.append(row)
                    letters.append(word[t])
        keys = ("h", "abs_h", "x", "abs_x", "e_x", "carried")
        sums = {key: np.zeros((len(code_points), n if key in ("h", "abs_h", "carried") else d)) for key in keys}
        if windows:
            h, error = self._run(windows)                                    # last states and their bounds
            x, ex = self.inputs(letters)
            for key, value in (("h", h), ("abs_h", np.abs(h)), ("carried", error), ("x", x), ("abs_x", np.abs(x)),
                               ("e_x", ex)):
                np.add.at(sums[key], np.array(owner), value)
        return self._means(sums, np.bincount(np.array(owner, np.int64), minlength=len(code_points)))

    def _embed_batch(self, code_points):
        """One row per string, right-padded; a padding step leaves the state as it is (Jacobian I, no error)."""
        if self.pooling == "mean-bag":
            return self._means(self._step_sums(code_points), np.array([len(cps) for cps in code_points]))
        return self._run(code_points)

    def _step_sums(self, code_points):
        """Per string: the sums over its steps of h_t, |h_t|, x_t, |x_t|, e_x,t and the carried error of sum_t h_t
        (sum_s |Q_s| l_s, module comment): {key: [rows, n or d]}."""
        return self._run(code_points, sums_only=True)

    def _means(self, sums, lengths):
        """The mean-bag embeddings and bounds of step sums over `lengths` steps (module comment)."""
        count = np.maximum(lengths, 1)[:, None].astype(np.float64)
        g = np.array([gamma(max(k - 1, 0)) for k in lengths])[:, None]
        mean_h, mean_x = sums["h"] / count, sums["x"] / count
        error_h = (sums["carried"] + g * sums["abs_h"]) / count + 2 * U * np.abs(mean_h) + TINY
        error_x = (sums["e_x"] + g * sums["abs_x"]) / count + 2 * U * np.abs(mean_x) + TINY
        empty = (lengths == 0)[:, None]
        value = np.where(empty, 0.0, np.concatenate([mean_h, mean_x], axis=1))
        error = np.where(empty, 0.0, np.concatenate([error_h, error_x], axis=1))
        return value, error

    def _run(self, code_points, sums_only=False):
        n, rows = self.units, len(code_points)
        steps = max(len(cps) for cps in code_points)
        d = self.kernel.shape[0]
        h, c = np.zeros((rows, n)), np.zeros((rows, n))
        if steps == 0:
            if sums_only:
                return {k: np.zeros((rows, n if k in ("h", "abs_h", "carried") else d))
                        for k in ("h", "abs_h", "x", "abs_x", "e_x", "carried")}
            return np.zeros((rows, n)), np.zeros((rows, n))
        # mean-bag: the sums of h_t, x_t, |h_t|, |x_t| and e_x,t over the real steps (module comment).
        sums = {k: np.zeros((rows, n)) for k in ("h", "abs_h")}
        sums.update({k: np.zeros((rows, d)) for k in ("x", "abs_x", "e_x")})
        abs_k, abs_u, abs_b = np.abs(self.kernel), np.abs(self.recurrent), np.abs(self.bias)
        ut = self.recurrent.T                      # dz/dh
        u_i, u_f, u_g, u_o = ut[:n], ut[n:2 * n], ut[2 * n:3 * n], ut[3 * n:]
        diag = np.arange(n)
        jacobians = np.zeros((steps, rows, 2 * n, 2 * n))
        local = np.zeros((steps, rows, 2 * n))
        for t in range(steps):
            active = np.array([t < len(cps) for cps in code_points])
            x, ex = self.inputs([(cps[t] if t < len(cps) else 0) for cps in code_points])   # [rows, d] each
            z = x @ self.kernel + h @ self.recurrent + self.bias
            ez = gamma(d + n + 1) * (np.abs(x) @ abs_k + np.abs(h) @ abs_u + abs_b) + ex @ abs_k
            i, f = _sigmoid(z[:, :n]), _sigmoid(z[:, n:2 * n])
            g, o = np.tanh(z[:, 2 * n:3 * n]), _sigmoid(z[:, 3 * n:])
            di, df, dg, do = i * (1 - i), f * (1 - f), 1 - g * g, o * (1 - o)
            ei = di * ez[:, :n] + FUNCTION_REL * i
            ef = df * ez[:, n:2 * n] + FUNCTION_REL * f
            eg = dg * ez[:, 2 * n:3 * n] + FUNCTION_REL * np.abs(g)
            eo = do * ez[:, 3 * n:] + FUNCTION_REL * o
            c_next = f * c + i * g
            tc = np.tanh(c_next)
            h_next = o * tc
            lc = np.abs(c) * ef + i * eg + np.abs(g) * ei + gamma(2) * (np.abs(f * c) + np.abs(i * g))
            lh = o * ((1 - tc * tc) * lc + FUNCTION_REL * np.abs(tc)) + np.abs(tc) * eo + U * np.abs(h_next)
            # Exact Jacobian of (c', h') with respect to (c, h).
            dtc = o * (1 - tc * tc)
            dc_dh = (c * df)[:, :, None] * u_f + (i * dg)[:, :, None] * u_g + (g * di)[:, :, None] * u_i
            jac = jacobians[t]
            jac[:, diag, diag] = f
            jac[:, n + diag, diag] = dtc * f
            jac[:, :n, n:] = dc_dh
            jac[:, n:, n:] = dtc[:, :, None] * dc_dh + (tc * do)[:, :, None] * u_o
            jac[~active] = np.eye(2 * n)
            local[t] = np.where(active[:, None], np.concatenate([lc, lh], axis=1) + TINY, 0.0)
            h = np.where(active[:, None], h_next, h)
            c = np.where(active[:, None], c_next, c)
            real = active[:, None]
            for key, value in (("h", h), ("abs_h", np.abs(h)), ("x", x), ("abs_x", np.abs(x)), ("e_x", ex)):
                sums[key] += np.where(real, value, 0.0)
        if not sums_only:
            error = local[steps - 1].copy()
            product = np.broadcast_to(np.eye(2 * n), (rows, 2 * n, 2 * n))
            for t in range(steps - 2, -1, -1):
                product = product @ jacobians[t + 1]
                error += (np.abs(product) @ local[t][:, :, None])[:, :, 0]
            return h, error[:, n:]
        # mean-bag: Q_s = H active_s + Q_{s+1} J_{s+1} (padding steps: J = I, no h_t in the sum, no local error).
        lengths = np.array([len(cps) for cps in code_points])
        select = np.zeros((n, 2 * n))
        select[np.arange(n), n + np.arange(n)] = 1.0
        q = np.zeros((rows, n, 2 * n))
        error_h = np.zeros((rows, n))
        for t in range(steps - 1, -1, -1):
            if t < steps - 1:
                q = q @ jacobians[t + 1]
            q = q + np.where((t < lengths)[:, None, None], select, 0.0)
            error_h += (np.abs(q) @ local[t][:, :, None])[:, :, 0]
        return {**sums, "carried": error_h}


class Gru:
    """A Keras GRU encoder (keras/src/layers/rnn/gru.py, reset_after=True, the default: gates z, r, h; sigmoid
    and tanh) in float64, with the running error bound of any float32 implementation, on the model of Lstm above.
    Its inputs are the rows an Embedding looks up (lookup(code points) -> [steps, d]): gathered, so exact.
    Per step, given the exact state h before it (S = the sum of the absolute values of a sum's terms):
      a_z = (x K_z + b_z) + (h U_z + b'_z): two sums of d + 1 and n + 1 terms and their sum, within
            gamma(d + n + 3) S_z (gamma(a) + gamma(b) + u <= gamma(a + b + 1)); z = sigmoid(a_z) within
            z (1 - z) gamma(d + n + 3) S_z + FUNCTION_ULPS ulps; r the same;
      a_h = (x K_h + b_h) + r (h U_h + b'_h): within gamma(d + n + 4) (S_xh + r S_hh) + |h U_h + b'_h| e_r
            (the product and the sum each add one rounding); hh = tanh(a_h) within (1 - hh^2) e_ah + ulps;
      h'  = z h + (1 - z) hh (gru.py's last line): |h - hh| e_z + (1 - z) e_hh + gamma(4) (|z h| + |(1 - z) hh|)
            (1 - z, two products and a sum round once each).
    These local errors propagate through the exact Jacobians dh'/dh, as in Lstm; a masked step (padding) keeps
    the state (keras/src/backend/tensorflow/rnn.py) and adds nothing."""

    def __init__(self, kernel, recurrent_kernel, bias, lookup):
        self.kernel = np.asarray(kernel, np.float64)
        self.recurrent = np.asarray(recurrent_kernel, np.float64)
        bias = np.asarray(bias, np.float64)
        self.input_bias, self.recurrent_bias = bias[0], bias[1]
        self.units = self.recurrent.shape[0]
        self.lookup = lookup
        self._cache = {}

    def embed(self, text):
        return self.embed_all([text])[0]

    def embed_all(self, texts, chunk=32):
        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        for k in range(0, len(todo), chunk):
            group = todo[k:k + chunk]
            for text, value, error in zip(group, *self._embed_batch([[ord(ch) for ch in t] for t in group])):
                self._cache[text] = Embedding(value, error)
        return [self._cache[t] for t in texts]

    def _embed_batch(self, code_points):
        n, rows = self.units, len(code_points)
        d = self.kernel.shape[0]
        steps = max(len(cps) for cps in code_points)
        h = np.zeros((rows, n))
        if steps == 0:
            return h, np.zeros((rows, n))
        vectors = [np.asarray(self.lookup(cps), np.float64).reshape(len(cps), d) for cps in code_points]
        abs_k, abs_u = np.abs(self.kernel), np.abs(self.recurrent)
        abs_bi, abs_br = np.abs(self.input_bias), np.abs(self.recurrent_bias)
        ut = self.recurrent.T
        u_z, u_r, u_h = ut[:n], ut[n:2 * n], ut[2 * n:]
        diag = np.arange(n)
        g_zr, g_h = gamma(d + n + 3), gamma(d + n + 4)
        jacobians = np.zeros((steps, rows, n, n))
        local = np.zeros((steps, rows, n))
        for t in range(steps):
            active = np.array([t < len(cps) for cps in code_points])
            x = np.stack([v[t] if t < len(v) else np.zeros(d) for v in vectors])
            mx = x @ self.kernel + self.input_bias
            mh = h @ self.recurrent + self.recurrent_bias
            sx = np.abs(x) @ abs_k + abs_bi
            sh = np.abs(h) @ abs_u + abs_br
            z = _sigmoid(mx[:, :n] + mh[:, :n])
            r = _sigmoid(mx[:, n:2 * n] + mh[:, n:2 * n])
            rec_h = mh[:, 2 * n:]
            hh = np.tanh(mx[:, 2 * n:] + r * rec_h)
            h_next = z * h + (1 - z) * hh
            ez = z * (1 - z) * g_zr * (sx[:, :n] + sh[:, :n]) + FUNCTION_REL * z
            er = r * (1 - r) * g_zr * (sx[:, n:2 * n] + sh[:, n:2 * n]) + FUNCTION_REL * r
            eah = g_h * (sx[:, 2 * n:] + r * sh[:, 2 * n:]) + np.abs(rec_h) * er
            ehh = (1 - hh * hh) * eah + FUNCTION_REL * np.abs(hh)
            lh = np.abs(h - hh) * ez + (1 - z) * ehh + gamma(4) * (np.abs(z * h) + np.abs((1 - z) * hh))
            # Exact Jacobian dh'/dh.
            dz = (z * (1 - z))[:, :, None] * u_z
            dr = (r * (1 - r))[:, :, None] * u_r
            dhh = (1 - hh * hh)[:, :, None] * (r[:, :, None] * u_h + rec_h[:, :, None] * dr)
            jac = (h - hh)[:, :, None] * dz + (1 - z)[:, :, None] * dhh
            jac[:, diag, diag] += z
            jac[~active] = np.eye(n)
            jacobians[t] = jac
            local[t] = np.where(active[:, None], lh + TINY, 0.0)
            h = np.where(active[:, None], h_next, h)
        error = local[steps - 1].copy()
        product = np.broadcast_to(np.eye(n), (rows, n, n))
        for t in range(steps - 2, -1, -1):
            product = product @ jacobians[t + 1]
            error += (np.abs(product) @ local[t][:, :, None])[:, :, 0]
        return h, error


def head_rounding(units):
    """HEAD(n): the float32 cosine of two float32 embeddings is within this of their exact cosine."""
    return 2 * gamma(units) + (4 * FUNCTION_ULPS + 2) * U


def envelope(left, right, clip_epsilon):
    """The Envelope of the distance of a pair of Embeddings, for a model clipping the cosine at clip_epsilon."""
    a, b = left.value, right.value
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    eps32 = np.float32(clip_epsilon)
    # 1 - eps as float32: rounded from double (Keras) or computed in float (Java's 1f - eps); take both.
    highs = {float(np.float32(1.0 - clip_epsilon)), float(np.float32(1.0) - eps32)}
    lows = {-h for h in highs}
    if na == 0 or nb == 0:
        # l2-normalising a zero vector gives exactly 0 (the norm's floor), so the cosine is exactly 0.
        c_lo = c_hi = 0.0
        exact = 0.5
    elif min(na, nb) < 1e-6:
        # Below that norm Keras's and TensorFlow's normalisations differ (their floors, see siamese_model.py).
        raise ValueError(f"embedding norm {min(na, nb):.3g} below 1e-6: these bounds do not cover it")
    else:
        ua, ub = a / na, b / nb
        theta = 2 * math.atan2(np.linalg.norm(ua - ub), np.linalg.norm(ua + ub))
        turn = sum(math.asin(min(1.0, np.linalg.norm(e.error) / nv)) for e, nv in ((left, na), (right, nb)))
        head = head_rounding(len(a))
        c_lo = math.cos(min(math.pi, theta + turn)) - head
        c_hi = math.cos(max(0.0, theta - turn)) + head
        exact = math.acos(min(max(math.cos(theta), max(lows)), min(highs))) / math.pi
    lo_cos = min(max(min(c_lo, h), l) for h in highs for l in lows)
    hi_cos = max(max(min(c_hi, h), l) for h in highs for l in lows)
    rel = (2 * FUNCTION_ULPS + 2) * U
    return Envelope(exact, math.acos(hi_cos) / math.pi * (1 - rel), math.acos(lo_cos) / math.pi * (1 + rel))


def pair_envelopes(lstm, pairs, clip_epsilon):
    lstm.embed_all([t for pair in pairs for t in pair])
    return [envelope(lstm.embed(a), lstm.embed(b), clip_epsilon) for a, b in pairs]


def embedding_tolerance(lstm, text):
    """Per component: two float32 implementations' embeddings of text differ by at most this."""
    return 2 * lstm.embed(text).error


def _bce(p, target):
    p = min(max(p, LOSS_CLIP_LOW), LOSS_CLIP_HIGH)
    return -(target * math.log(p) + (1 - target) * math.log(1 - p))


def loss_envelope(envelopes, labels):
    """[low, high] of the Keras 3 mean binary cross-entropy (target 1 - label) of a batch, any float32
    implementation: each pair's loss is monotone in its distance, so it lies between the losses at the ends of
    the distance Envelope; log rounds by FUNCTION_ULPS and 1 - p once (u, absolute after the log); the batch sum
    is a gamma(B) sum, the division by B one more rounding (keras/src/losses/losses.py, binary_crossentropy;
    sum-over-batch-size reduction)."""
    lows, highs = [], []
    for env, label in zip(envelopes, labels):
        target = 1.0 - float(label)
        ends = (_bce(env.low, target), _bce(env.high, target))
        slack = FUNCTION_REL * max(ends) + U
        lows.append(min(ends) - slack)
        highs.append(max(ends) + slack)
    m = len(envelopes)
    total = gamma(m) * sum(highs) / m + U * sum(highs) / m
    return sum(lows) / m - total, sum(highs) / m + total


@dataclass
class Comparison:
    """Two implementations' distances of the same pairs, checked against their Envelopes."""
    pairs: int
    max_distance_diff: float      # over all pairs
    max_far_diff: float           # distance >= NEAR_ZERO
    max_near_cos_diff: float      # below NEAR_ZERO, |cos(pi d1) - cos(pi d2)|
    worst_ratio: float            # max over pairs of difference / tolerance (must be <= 1)
    violations: list

    def summary(self):
        return (f"{self.pairs} pairs: max |d diff| {self.max_distance_diff:.3g} (far: {self.max_far_diff:.3g}), "
                f"max |cos diff| near 0 {self.max_near_cos_diff:.3g}; largest diff/bound {self.worst_ratio:.3g}")


def compare(expected, got, envelopes, labels=None):
    """Distances where the Envelope's distance >= NEAR_ZERO, cos(pi d) below it."""
    far_diff, near_diff, ratio, violations = 0.0, 0.0, 0.0, []
    for k, (x, y, env) in enumerate(zip(expected, got, envelopes)):
        x, y = float(x), float(y)
        if env.distance >= NEAR_ZERO:
            diff, tol = abs(x - y), env.distance_tolerance
            far_diff = max(far_diff, diff)
        else:
            diff, tol = abs(math.cos(math.pi * x) - math.cos(math.pi * y)), env.cosine_tolerance
            near_diff = max(near_diff, diff)
        ratio = max(ratio, diff / tol)
        if not diff <= tol:
            name = labels[k] if labels else k
            violations.append(f"{name!r}: {x!r} vs {y!r} (exact {env.distance:.9g}): "
                              f"{'distance' if env.distance >= NEAR_ZERO else 'cosine'} differs by {diff:.3g} > "
                              f"bound {tol:.3g}")
    max_diff = max((abs(float(x) - float(y)) for x, y in zip(expected, got)), default=0.0)
    return Comparison(len(envelopes), max_diff, far_diff, near_diff, ratio, violations)
