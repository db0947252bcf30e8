"""Feasibility probe for issue 10's code-point encodings on the Keras side (phase 1; not part of the test suite).

Builds the model with each encoding from standard Keras layers and keras.ops only:
  hashed:   rows = mod(raw, moduli) + offsets; Embedding(sum(moduli), d)(cast(rows, int32)); sum over the K rows;
            optionally tanh of the sum (bounded)
  periodic: a = mod(raw, periods) * (2 pi / periods); concatenate(sin a, cos a)
  combined: concatenate(hashed, periodic)
and checks, for each:
  1. .keras save -> keras.saving.load_model with no custom objects -> same distances;
  2. model.export -> tf.saved_model.load -> same distances (plain model.export names the output output_0;
     the Java contract's names come from keras.export.ExportArchive, as reference.py writes them);
  3. a Java export of the same encoding (KerasInteropProbe export) -> tf.saved_model.load -> Java's distances,
     and the Keras model rebuilt from the Java checkpoint (code_point_embedding/embeddings, lstm/*) -> the same;
  4. that rebuilt Keras model exported for the Java side (KerasInteropProbe import), with its distances.

  python encoding_probe.py WORKDIR [NAME...]   (after `KerasInteropProbe export WORKDIR/<name>/java ...` for each
                                                name of ENCODINGS checked; all of them by default)
"""
import json
import math
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras import ops  # noqa: E402

import siamese_model as sm  # noqa: E402

TABLE = "code_point_embedding"

PERIODS = [7, 11, 13, 17, 19, 23, 256, 4096, 65536]
ENCODINGS = {
    "hashed": dict(moduli=[1031, 1087], dim=16, periods=None, bounded=False),
    "hashed-small-tanh": dict(moduli=[101, 103, 109], dim=16, periods=None, bounded=True),
    "recommended": dict(moduli=[101, 103, 109], dim=8, periods=None, bounded=True),
    "periodic": dict(moduli=None, dim=0, periods=PERIODS, bounded=False),
    "combined": dict(moduli=[1031, 1087], dim=8, periods=PERIODS, bounded=False),
}


def features(raw, moduli, dim, periods, table, bounded):
    """raw code points [b, t, 1] -> [b, t, width], as graph/CodePointEncoder computes them."""
    parts = []
    if moduli:
        offsets = np.cumsum([0] + moduli[:-1]).astype("float32")
        rows = ops.mod(raw, np.asarray(moduli, "float32")) + offsets     # [b, t, K]
        summed = ops.sum(table(ops.cast(rows, "int32")), axis=2)        # [b, t, K, d] -> [b, t, d]
        parts.append(ops.tanh(summed) if bounded else summed)
    if periods:
        p = np.asarray(periods, "float64")
        angles = ops.mod(raw, p.astype("float32")) * (2 * np.pi / p).astype("float32")
        parts += [ops.sin(angles), ops.cos(angles)]
    return parts[0] if len(parts) == 1 else ops.concatenate(parts, axis=-1)


def build(units, moduli, dim, periods, bounded, clip_epsilon=sm.DEFAULT_CLIP_EPSILON):
    left = keras.Input(shape=(None, 1), name=sm.LEFT)
    right = keras.Input(shape=(None, 1), name=sm.RIGHT)
    table = keras.layers.Embedding(sum(moduli), dim, name=TABLE) if moduli else None
    lstm = keras.layers.LSTM(units, name=sm.LSTM_NAME)

    def encode(raw):
        mask = ops.not_equal(ops.squeeze(raw, axis=-1), 0.0)
        return lstm(features(raw, moduli, dim, periods, table, bounded), mask=mask)

    cos = keras.layers.Dot(axes=1, normalize=True)([encode(left), encode(right)])
    distance = ops.arccos(ops.clip(cos, -1.0 + clip_epsilon, 1.0 - clip_epsilon)) / math.pi
    return keras.Model([left, right], distance, name="siamese_angular"), table, lstm, encode


def export_named(model, encode, out_dir):
    """As reference.py exports: serving_default (left, right -> distance) and embed (text -> embedding)."""
    spec = tf.TensorSpec([None, None, 1], tf.float32)
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint("serving_default", lambda left, right: {sm.DISTANCE: model([left, right], training=False)},
                         input_signature=[tf.TensorSpec(spec.shape, spec.dtype, name=sm.LEFT),
                                          tf.TensorSpec(spec.shape, spec.dtype, name=sm.RIGHT)])
    archive.add_endpoint("embed", lambda text: {sm.EMBEDDING: encode(text)},
                         input_signature=[tf.TensorSpec(spec.shape, spec.dtype, name=sm.TEXT)])
    archive.write_out(out_dir, verbose=False)


def main(workdir, names):
    failures = []
    for name, enc in ENCODINGS.items():
        if names and name not in names:
            continue
        probe = json.load(open(os.path.join(workdir, name, "probe-pairs.json"), encoding="utf-8"))
        java_dir = os.path.join(workdir, name, "java")
        units = int(json.load(open(os.path.join(java_dir, sm.METADATA_FILE)))["units"])
        left, right = sm.encode_batch(probe["left"]), sm.encode_batch(probe["right"])
        java_d = np.asarray(probe["javaDistance"], np.float32)

        # 3. Java export -> tf.saved_model.load
        loaded = tf.saved_model.load(java_dir).signatures["serving_default"]
        d_loaded = loaded(left=tf.constant(left), right=tf.constant(right))[sm.DISTANCE].numpy()[:, 0]
        # ... and the Keras model rebuilt from the Java checkpoint
        model, table, lstm, encode = build(units, **enc)
        reader = tf.train.load_checkpoint(os.path.join(java_dir, "variables", "variables"))
        shapes = {k: v for k, v in reader.get_variable_to_shape_map().items()}
        if table is not None:
            table.set_weights([reader.get_tensor(f"{TABLE}/embeddings")])
        lstm.set_weights([reader.get_tensor(f"{sm.LSTM_NAME}/{w}") for w in sm.WEIGHT_NAMES])
        d_keras = np.asarray(model.predict([left, right], verbose=0))[:, 0]

        # 1. .keras round trip without custom objects
        path = os.path.join(workdir, name, "model.keras")
        model.save(path)
        reloaded = keras.saving.load_model(path)
        d_reloaded = np.asarray(reloaded.predict([left, right], verbose=0))[:, 0]

        # 2. model.export -> tf.saved_model.load
        export_dir = os.path.join(workdir, name, "keras-plain")
        model.export(export_dir, verbose=False)
        d_export = tf.saved_model.load(export_dir).signatures["serving_default"](
            left=tf.constant(left), right=tf.constant(right))
        d_export = list(d_export.values())[0].numpy()[:, 0]
        # 4. the Java contract's names (ExportArchive, as reference.py does), for KerasInteropProbe import
        export_named(model, encode, os.path.join(workdir, name, "keras"))
        probe["kerasDistance"] = [float(x) for x in d_keras]
        json.dump(probe, open(os.path.join(workdir, name, "probe-keras.json"), "w", encoding="utf-8"))

        far = java_d >= 0.01
        rows = {
            "Java export via tf.saved_model.load vs Java": np.max(np.abs(d_loaded - java_d)),
            "Keras rebuilt from Java checkpoint vs Java (d >= 0.01)": np.max(np.abs(d_keras - java_d)[far]),
            "Keras rebuilt vs Java, cos": np.max(np.abs(np.cos(np.pi * d_keras) - np.cos(np.pi * java_d))),
            ".keras reloaded (no custom objects) vs Keras": np.max(np.abs(d_reloaded - d_keras)),
            "model.export via tf.saved_model.load vs Keras": np.max(np.abs(d_export - d_keras)),
        }
        print(f"== {name}: Java checkpoint keys {sorted(shapes)}; Keras weights "
              f"{[(w.path, tuple(w.shape)) for w in model.weights]}")
        print(f"   distinct distances: {len(set(np.round(java_d, 6)))} of {len(java_d)}; "
              f"東京/大阪 {java_d[-6]:.4f}, Петров/Иванов {java_d[-5]:.4f}, αβγ/ωψχ {java_d[-4]:.4f}")
        for what, diff in rows.items():
            print(f"   {what}: max diff {float(diff):.3g}")
            if not diff <= 1e-5:
                failures.append(f"{name}: {what} {diff}")
    print("FAILURES:" if failures else "all checks within 1e-5", *failures, sep="\n  ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
