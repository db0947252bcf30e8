"""The naive Keras original goes NaN on the embedded data; the Java model trains at batch size 1 with finite loss."""
import math

import keras
import numpy as np

import reference
import siamese_model as sm
from conftest import SEED, UNITS, java, java_encoding_args, numbers_under, read_json

MAX_STEPS = 2000   # the naive model has gone NaN within a few dozen steps for every seed tried


class FirstNaN(keras.callbacks.Callback):
    """Records the first step whose (running mean) loss is not finite and stops; also bounds the run."""

    def __init__(self):
        super().__init__()
        self.step = None
        self.steps_run = 0

    def on_train_batch_end(self, batch, logs=None):
        self.steps_run = batch + 1
        if not math.isfinite(float(logs["loss"])):
            self.step = batch + 1
        if self.step is not None or self.steps_run >= MAX_STEPS:
            self.model.stop_training = True


def test_naive_keras_goes_nan_and_java_does_not(dataset_csv, tmp_path, report):
    sm.set_deterministic(SEED)
    lefts, rights, labels = reference.read_pairs(dataset_csv)
    model, _ = sm.build_naive(UNITS)
    sm.compile_model(model)   # SGD(0.01), the original's
    first_nan = FirstNaN()
    model.fit([sm.encode_batch(lefts), sm.encode_batch(rights)], sm.y_true(labels), batch_size=1, epochs=1,
              validation_split=0.1, shuffle=True, callbacks=[first_nan, keras.callbacks.TerminateOnNaN()],
              verbose=0)

    out = tmp_path / "java-bs1"
    java("train", "--data", dataset_csv, "--out", out, *java_encoding_args("scalar"), "--units", UNITS,
         "--optimizer", "sgd", "--batch-size", 1, "--epochs", 1, "--seed", SEED, "--quiet")
    meta = read_json(out / sm.METADATA_FILE)
    losses = numbers_under(meta, lambda k: "loss" in k.lower())

    table = ("\n  model                          | batch | steps run | first NaN step | final loss"
             f"\n  naive Keras (raw, no clip)     |     1 | {first_nan.steps_run:9d} | {first_nan.step!s:>14} | nan"
             f"\n  Java (mask, scale, clip cos)   |     1 | {len(labels) - len(labels) // 10:9d} | {'none':>14} | "
             + ", ".join(f"{k}={v:.6g}" for k, v in losses))
    report("naive Keras vs Java at batch size 1, SGD, 1 epoch", table)
    assert first_nan.step is not None, f"the naive model stayed finite for {first_nan.steps_run} steps"
    assert losses, f"no loss metrics found in {out / sm.METADATA_FILE}: keys {sorted(meta)}"
    assert all(np.isfinite(v) for _, v in losses)
