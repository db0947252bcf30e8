"""The first 50 SGD steps of Java training = Keras train_on_batch from the same initial weights."""
import numpy as np

import siamese_model as sm
from conftest import SEED, UNITS, java, read_json

STEPS, BATCH = 50, 16


def test_fifty_sgd_steps_match_keras(dataset_csv, tmp_path, report):
    trace_file = tmp_path / "trace.json"
    java("trace", "--data", dataset_csv, "--steps", STEPS, "--batch-size", BATCH, "--units", UNITS,
         "--seed", SEED, "--learning-rate", 0.01, "--out", trace_file)
    trace = read_json(trace_file)
    assert len(trace["steps"]) == STEPS

    model, lstm = sm.build_from_metadata(trace)
    sm.compile_sgd(model, float(trace["learningRate"]))
    sm.set_lstm_weights(lstm, trace["initialWeights"])

    java_loss, keras_loss = [], []
    for step in trace["steps"]:
        model.reset_metrics()   # Keras 3 train_on_batch returns the running mean of the loss tracker
        loss = model.train_on_batch([sm.encode_batch(step["left"]), sm.encode_batch(step["right"])],
                                    sm.y_true(step["label"]))
        keras_loss.append(float(np.asarray(loss).reshape(-1)[0]))
        java_loss.append(float(step["loss"]))
    java_loss, keras_loss = np.array(java_loss), np.array(keras_loss)
    loss_rel = float(np.max(np.abs(keras_loss - java_loss) / np.abs(java_loss)))
    weight_diff = {name: float(np.max(np.abs(np.asarray(trace["finalWeights"][name]) - value)))
                   for name, value in sm.lstm_weights(lstm).items()}

    # Both sides run the same float32 formulas (Keras LSTM vs the fused BlockLSTMV2 in Java); they differ only in
    # summation order (fused gate matmul, Grappler/oneDNN), i.e. ~1e-7 relative per op. Through arccos near
    # cos = 1 (gradient up to 1/sqrt(2*eps) = 707) such rounding grows, hence 1e-4 rather than 1e-6 tolerances.
    report(f"training parity, {STEPS} steps x batch {BATCH}: loss java first/last",
           f"{java_loss[0]:.7f} / {java_loss[-1]:.7f}; keras {keras_loss[0]:.7f} / {keras_loss[-1]:.7f}")
    report("training parity: max relative loss diff", loss_rel)
    report("training parity: max |final weight diff|", weight_diff)
    assert np.isfinite(java_loss).all()
    assert loss_rel <= 1e-4
    assert max(weight_diff.values()) <= 1e-4
