"""Rebuild a Java export as a Keras model: read the checkpoint, set_weights, save a .keras file.

  python rebuild_keras.py --model JAVA_EXPORT_DIR --out model.keras

The Java checkpoint (TF1-style, keys = op names) holds lstm/kernel [1, 4u], lstm/recurrent_kernel [u, 4u] and
lstm/bias [4u] in Keras's layout and gate order (i, f, c, o), so they go into keras.layers.LSTM unchanged.
Keys under optimizer/ (slot variables) are ignored.
"""
import argparse
import os
import sys

import siamese_model as sm

import tensorflow as tf  # noqa: E402


def read_java_weights(model_dir, units):
    """{kernel, recurrent_kernel, bias} from JAVA_EXPORT_DIR/variables/variables, shapes checked."""
    path = os.path.join(model_dir, "variables", "variables")
    reader = tf.train.load_checkpoint(path)
    shapes = reader.get_variable_to_shape_map()
    expected = {"kernel": [1, 4 * units], "recurrent_kernel": [units, 4 * units], "bias": [4 * units]}
    found = {k: v for k, v in sorted(shapes.items()) if not k.startswith("optimizer/")}
    problems = [f"{sm.LSTM_NAME}/{name}: expected {shape}, found {shapes.get(f'{sm.LSTM_NAME}/{name}', 'nothing')}"
                for name, shape in expected.items() if shapes.get(f"{sm.LSTM_NAME}/{name}") != shape]
    if problems:
        raise ValueError(f"checkpoint {path} does not match an LSTM({units}) (units from {sm.METADATA_FILE}):\n  "
                         + "\n  ".join(problems) + f"\nvariables found: {found}")
    return {name: reader.get_tensor(f"{sm.LSTM_NAME}/{name}") for name in expected}


def rebuild(model_dir):
    """The fixed Keras model with the Java export's metadata and weights."""
    meta = sm.read_metadata(model_dir)
    model, lstm = sm.build_from_metadata(meta)
    sm.set_lstm_weights(lstm, read_java_weights(model_dir, int(meta["units"])))
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="directory written by the Java 'train' command")
    p.add_argument("--out", required=True, help="output .keras file")
    args = p.parse_args()
    if not args.out.endswith(".keras"):
        sys.exit("--out must end with .keras")
    try:
        model = rebuild(args.model)
    except (ValueError, OSError, tf.errors.OpError) as e:
        sys.exit(f"rebuild_keras: {e}")
    model.save(args.out)
    print("saved", args.out)


if __name__ == "__main__":
    main()
