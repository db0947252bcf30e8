"""Rebuild a Java export as a Keras model: read the checkpoint, set_weights, save a .keras file.

  python rebuild_keras.py --model JAVA_EXPORT_DIR --out model.keras

The Java checkpoint (TF1-style, keys = op names) holds lstm/kernel [width, 4u], lstm/recurrent_kernel [u, 4u] and
lstm/bias [4u] in Keras's layout and gate order (i, f, c, o), so they go into keras.layers.LSTM unchanged; a
hashed-encoding model also holds code_point_embedding/embeddings [sum of moduli, d], the Keras Embedding layer's
weight as it is (the rows of modulus k start at m_0 + ... + m_(k-1), as siamese_model.features gathers them); a
folded one the same variable with J + 71 + 1214 rows (J = the moduli's sum: then the jamo rows, then the detail
rows; the fold table is a graph constant on both sides, not in the checkpoint).
The pooling adds no weight (mean-bag: LSTM(return_sequences=True) and masked means; siamese_model.py).
The encoding, units, moduli and pooling come from the export's siamese-angular.json (no "pooling": last). Keys under optimizer/ (slot variables)
are ignored.
"""
import argparse
import os
import sys

import siamese_model as sm

import tensorflow as tf  # noqa: E402


def read_java_weights(model_dir, spec):
    """{embeddings (hashed, folded), kernel, recurrent_kernel, bias} from JAVA_EXPORT_DIR/variables/variables, shapes
    checked against the spec (expected vs found)."""
    path = os.path.join(model_dir, "variables", "variables")
    reader = tf.train.load_checkpoint(path)
    shapes = reader.get_variable_to_shape_map()
    keys = {name: f"{sm.TABLE_NAME if name == sm.TABLE_WEIGHT else sm.LSTM_NAME}/{name}"
            for name in sm.weight_shapes(spec)}
    found = {k: v for k, v in sorted(shapes.items()) if not k.startswith("optimizer/")}
    problems = [f"{keys[name]}: expected {shape}, found {shapes.get(keys[name], 'nothing')}"
                for name, shape in sm.weight_shapes(spec).items() if shapes.get(keys[name]) != shape]
    if problems:
        raise ValueError(f"checkpoint {path} does not match the model of {sm.METADATA_FILE} ({describe(spec)}):\n  "
                         + "\n  ".join(problems) + f"\nvariables found: {found}")
    return {name: reader.get_tensor(key) for name, key in keys.items()}


def describe(spec):
    return sm.Siamese(None, None, None, sm.spec_of(spec)).describe()


def rebuild(model_dir):
    """The fixed Keras model (a siamese_model.Siamese) with the Java export's metadata and weights."""
    meta = sm.read_metadata(model_dir)
    siamese = sm.build_fixed(meta)
    siamese.set_weights(read_java_weights(model_dir, siamese.spec))
    return siamese


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="directory written by the Java 'train' command")
    p.add_argument("--out", required=True, help="output .keras file")
    args = p.parse_args()
    if not args.out.endswith(".keras"):
        sys.exit("--out must end with .keras")
    try:
        model = rebuild(args.model).model
    except (ValueError, OSError, tf.errors.OpError) as e:
        sys.exit(f"rebuild_keras: {e}")
    model.save(args.out)
    print("saved", args.out)


if __name__ == "__main__":
    main()
