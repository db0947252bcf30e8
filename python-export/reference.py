"""Keras reference for siamese-angular: train (fixed, either encoding, or --naive), export a SavedModel, write golden
vectors.

  python reference.py dataset --out pairs.csv [--seed 7]            # tiny deterministic typo data set
  python reference.py train --data pairs.csv [--encoding folded|hashed|scalar] [--naive] [--epochs 3]
                            [--batch-size 32] [--units 24 (folded, hashed) / 10 (scalar)]
                            [--embedding-dimension 16 (folded) / 8 (hashed)]
                            [--pooling words (folded, hashed) / last (scalar) | mean-bag | windows] [--optimizer sgd|adam]
                            [--learning-rate 0.01] [--seed 42] [--out DIR]   # --out: export + metadata + golden.json
"""
import argparse
import csv
import json
import os
import random
import sys

import numpy as np

import bounds
import siamese_model as sm

import keras  # noqa: E402  (after siamese_model set TF_CPP_MIN_LOG_LEVEL)
import tensorflow as tf  # noqa: E402


def read_pairs(path):
    """CSV with header left,right,label (RFC 4180, UTF-8)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or set(rows[0]) != {"left", "right", "label"}:
        raise ValueError(f"{path}: expected header left,right,label")
    return [r["left"] for r in rows], [r["right"] for r in rows], [int(r["label"]) for r in rows]


def typo_dataset(n_pairs, seed):
    """Half similar pairs (a word and a one-edit typo, label 1), half different words (label 0)."""
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    syllables = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"]
    words = sorted({"".join(rnd.choice(syllables) for _ in range(rnd.randint(1, 4))) for _ in range(3000)})

    def typo(w):
        i = rnd.randrange(len(w))
        kind = rnd.randrange(4)
        if kind == 0:
            return w[:i] + rnd.choice(letters) + w[i + 1:]
        if kind == 1:
            return w[:i] + rnd.choice(letters) + w[i:]
        if kind == 2 and len(w) > 1:
            return w[:i] + w[i + 1:]
        j = min(i + 1, len(w) - 1)
        return w[:i] + w[j] + w[i] + w[j + 1:] if j > i else w + rnd.choice(letters)

    pairs = []
    for k in range(n_pairs):
        a = rnd.choice(words)
        if k % 2 == 0:
            pairs.append((a, typo(a), 1))
        else:
            b = rnd.choice(words)
            while b == a:
                b = rnd.choice(words)
            pairs.append((a, b, 0))
    rnd.shuffle(pairs)
    return pairs


def golden_pairs():
    """~50 pairs: typical, similar, dissimilar, single characters, long (200+), non-ASCII, astral planes."""
    long_a = "the quick brown fox jumps over the lazy dog " * 6
    long_b = long_a[:150] + "X" + long_a[151:]
    return [
        ("hello", "hello"), ("hello", "helo"), ("hello", "world"), ("kitten", "sitting"),
        ("color", "colour"), ("receive", "recieve"), ("apple", "orange"), ("siamese", "siamese!"),
        ("network", "netwrok"), ("tensorflow", "tensorfow"), ("keras", "java"), ("abc", "xyz"),
        ("abc", "abd"), ("abc", "cba"), ("Paris", "paris"), ("New York", "new york"),
        ("12345", "12354"), ("2024-01-01", "2024-01-02"), ("same same", "same same"), ("a b c", "abc"),
        ("a", "a"), ("a", "b"), ("a", "z"), ("Z", "z"), ("~", "!"), ("x", "xyz"), (" ", "a"),
        (long_a, long_a), (long_a, long_b), (long_a, "fox"), (long_a[:201], long_a[:201][::-1]),
        ("café", "cafe"), ("naïve", "naive"), ("straße", "strasse"), ("Ærøskøbing", "Aeroskobing"),
        ("Москва", "Moskva"), ("Ελλάδα", "Hellas"), ("東京", "東京都"), ("日本語", "中文"),
        ("한국어", "한국"), ("😀", "😀"), ("😀", "😃"), ("smile 😀", "smile"), ("𠀋", "𠀋"),
        ("𠀋𠀋", "𠀋"), ("e\u0301", "é"), ("\u00a0", " "), ("tab\there", "tab here"),
        ("I ❤ NY", "I love NY"), ("🇫🇷", "France"),
        # Every script issue 10 names: the scalar encoding maps all of these to nearly one point.
        ("東京", "大阪"), ("Петров", "Иванов"), ("αβγ", "ωψχ"), ("محمد", "محمود"), ("שלום", "שלומי"),
        ("नमस्ते", "नमस्कार"), ("กรุงเทพ", "กรุงเทพฯ"), ("ひらがな", "カタカナ"), ("서울", "부산"),
        ("თბილისი", "ტბილისი"), ("Երևան", "Երեվան"), ("José García", "Jose Garcia"),
    ]


def export(siamese, out_dir):
    """SavedModel with endpoints serving_default (left, right -> distance) and embed (text -> embedding), and the
    metadata file with the model's spec (the keys Java needs to rebuild the graph for --init-from)."""
    spec = tf.TensorSpec([None, None, 1], tf.float32)
    model = siamese.model

    def serve(left, right):
        return {sm.DISTANCE: model([left, right], training=False)}

    def embed(text):
        return {sm.EMBEDDING: siamese.encode(text)}

    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint("serving_default", serve,
                         input_signature=[tf.TensorSpec(spec.shape, spec.dtype, name=sm.LEFT),
                                          tf.TensorSpec(spec.shape, spec.dtype, name=sm.RIGHT)])
    archive.add_endpoint("embed", embed, input_signature=[tf.TensorSpec(spec.shape, spec.dtype, name=sm.TEXT)])
    archive.write_out(out_dir, verbose=False)
    with open(os.path.join(out_dir, sm.METADATA_FILE), "w", encoding="utf-8") as f:
        json.dump({"formatVersion": sm.METADATA_FORMAT_VERSION, **siamese.spec, "producer": "keras-reference"}, f,
                  indent=2)
        f.write("\n")


def golden(siamese):
    """Each pair alone (batch 1, no padding); then all padded in one batch must agree (proves the mask)."""
    model, records = siamese.model, []
    for left, right in golden_pairs():
        l, r = sm.encode_batch([left]), sm.encode_batch([right])
        records.append({
            "left": left, "right": right,
            "leftCodePoints": sm.code_points(left), "rightCodePoints": sm.code_points(right),
            "distance": float(np.asarray(model([l, r], training=False))[0, 0]),
            "leftEmbedding": np.asarray(siamese.encode(l))[0].tolist(),
            "rightEmbedding": np.asarray(siamese.encode(r))[0].tolist(),
        })
    # Padded batch vs alone: two float32 computations (batched matmuls round differently), so embeddings within
    # twice bounds.py's running error bound and distances within the pairs' envelopes (cosines near 0); a mask
    # that lets padding steps through moves them by 1e-2 or more.
    lefts, rights = [g["left"] for g in records], [g["right"] for g in records]
    batched = np.asarray(model([sm.encode_batch(lefts), sm.encode_batch(rights)], training=False))[:, 0]
    exact = bounds.Lstm.from_weights(siamese.weights(), siamese.spec)
    emb = np.asarray(siamese.encode(sm.encode_batch(lefts)))
    emb_diff = np.abs(emb - np.array([g["leftEmbedding"] for g in records]))
    emb_bad = [t for t, d in zip(lefts, emb_diff) if (d > bounds.embedding_tolerance(exact, t)).any()]
    result = bounds.compare([g["distance"] for g in records], batched,
                            bounds.pair_envelopes(exact, list(zip(lefts, rights)), siamese.spec["clipEpsilon"]),
                            lefts)
    print(f"golden: padded batch vs alone: max |embedding diff| = {emb_diff.max():.3g}; {result.summary()}")
    if emb_bad or result.violations:
        raise AssertionError(f"padding changes the result: the mask does not work: {emb_bad} {result.violations}")
    return {**siamese.spec, "pairs": records}


def train(args):
    if args.naive and args.out:
        sys.exit("--out exports only the fixed model")
    if args.naive and args.pooling not in (None, sm.LAST):
        sys.exit("--naive is the Keras original: its pooling is last")
    sm.set_deterministic(args.seed)
    lefts, rights, labels = read_pairs(args.data)
    if args.naive:
        model, _ = sm.build_naive(args.units or sm.DEFAULT_UNITS[sm.SCALAR])
        siamese = None
    else:
        if args.embedding_dimension and args.encoding == sm.SCALAR:
            sys.exit("--embedding-dimension applies to the folded and hashed encodings only")
        siamese = sm.build_fixed(sm.make_spec(args.encoding, args.units, embedding_dimension=args.embedding_dimension,
                                              pooling=args.pooling))
        model = siamese.model
    sm.compile_model(model, args.optimizer, args.learning_rate)
    history = model.fit([sm.encode_batch(lefts), sm.encode_batch(rights)], sm.y_true(labels),
                        batch_size=args.batch_size, epochs=args.epochs, validation_split=0.1,
                        shuffle=True, callbacks=[keras.callbacks.TerminateOnNaN()], verbose=2)
    print("history:", {k: [round(float(v), 6) for v in vs] for k, vs in history.history.items()})
    if args.out:
        export(siamese, args.out)
        records = golden(siamese)   # before the file is opened: a failed check leaves no empty golden.json
        with open(os.path.join(args.out, "golden.json"), "w", encoding="utf-8") as f:
            json.dump(records, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print("exported", args.out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dataset", help="write a small deterministic typo data set")
    d.add_argument("--out", required=True)
    d.add_argument("--pairs", type=int, default=4000)
    d.add_argument("--seed", type=int, default=7)
    t = sub.add_parser("train", help="train with Keras fit (validation_split=0.1, shuffle)")
    t.add_argument("--data", required=True)
    t.add_argument("--naive", action="store_true", help="the original model: no mask, no scaling, no clip")
    t.add_argument("--encoding", choices=sm.ENCODINGS, default=sm.FOLDED,
                   help="the fixed model's input encoding (default folded, as Java's train)")
    t.add_argument("--units", type=int, help="LSTM units (default 24 folded and hashed, 10 scalar and naive)")
    t.add_argument("--embedding-dimension", type=int,
                   help="columns of the code-point table (default 16 folded, 8 hashed)")
    t.add_argument("--pooling", choices=sm.POOLINGS,
                   help="the embedding: the last LSTM state, the mean LSTM output and mean input features "
                        "(mean-bag), or those with the LSTM reading each word alone (words) or each letter's "
                        "window of at most 3 letters of its word (windows) "
                        "(default words folded and hashed, last scalar, as Java's train)")
    t.add_argument("--optimizer", choices=("sgd", "adam"), default="sgd")
    t.add_argument("--epochs", type=int, default=3)
    t.add_argument("--batch-size", type=int, default=32)
    t.add_argument("--learning-rate", type=float, default=0.01)
    t.add_argument("--seed", type=int, default=42)
    t.add_argument("--out", help="export directory (fixed model only)")
    args = p.parse_args()
    if args.cmd == "dataset":
        with open(args.out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(["left", "right", "label"])
            w.writerows(typo_dataset(args.pairs, args.seed))
    else:
        train(args)


if __name__ == "__main__":
    main()
