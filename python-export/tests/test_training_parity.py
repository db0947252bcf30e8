"""Java's SGD steps (the trace developer tool) against Keras train_on_batch, from the same weights on the same batches.

The steps start from the committed Keras reference's trained weights (models/keras-reference), at Keras's default
learning rate 0.01. Not from a fresh initialisation: there most embeddings are nearly parallel, dissimilar pairs
sit at distance ~1e-3 where one float32 ulp of the cosine moves the distance by ~1 %, and BCE's 1/p and acos's
1/sqrt(1 - cos^2) make the 50-step trajectory chaotic (a 1e-7 change of the start moved Keras's own step-50 loss
by 5-85 %, and that spread itself varied 18x across CPU settings). From trained weights the distances are spread
over (0, 1) and a one-ulp difference in the weights stays a few ulps over the steps, which the test checks.

1. Each step's loss, from the trace: Java records its weights after every step, so the loss it reports for step t
   is the loss of known weights on a known batch; bounds.loss_envelope gives the interval in which every float32
   implementation's loss for them lies (derived in bounds.py). A wrong forward pass or loss fails here.
2. The trajectory: Keras replays the steps from the same start. Java and Keras round each update differently: per
   step, each weight of one is within 2 ulps of the other's (half an ulp for each side's rounding of w - lr g,
   and lr times the gradient's rounding difference, below an ulp of the weight at lr 0.01). How far a one-ulp
   difference carries is measured here, not assumed: SEEDS Keras replays start one ulp away from the start in
   random directions. A difference injected at every step adds up to at most (t + 1) times 2 times the largest
   spread seen up to step t. A wrong gradient or learning rate fails here (a 1 % error of the learning rate moves
   the weights by 1 % of their displacement, which the test checks is above the bound).
"""
import numpy as np
import pytest

import bounds
import siamese_model as sm
from conftest import KERAS_REFERENCE, dev_tool, read_json

pytestmark = pytest.mark.numeric

STEPS, BATCH, LEARNING_RATE = 50, 32, 0.01
SEEDS = (1, 2, 3)
ULPS_PER_STEP = 2


@pytest.fixture(scope="module")
def trace(dataset_csv, tmp_path_factory):
    out = tmp_path_factory.mktemp("trace") / "trace.json"
    dev_tool("trace", "--data", dataset_csv, "--steps", STEPS, "--batch-size", BATCH, "--units", 10,
         "--init-from", KERAS_REFERENCE, "--learning-rate", LEARNING_RATE, "--out", out)
    trace = read_json(out)
    assert len(trace["steps"]) == STEPS and trace["batchSize"] == BATCH
    return trace


def float32_weights(record):
    return {k: np.asarray(record[k], np.float32) for k in sm.WEIGHT_NAMES}


def keras_replay(trace, initial):
    """Keras fixed model from initial, one train_on_batch per traced batch: (losses, weights after each step)."""
    model, lstm = sm.build_from_metadata(trace)
    sm.compile_sgd(model, float(trace["learningRate"]))
    sm.set_lstm_weights(lstm, initial)
    losses, weights = [], []
    for step in trace["steps"]:
        model.reset_metrics()   # Keras 3 train_on_batch returns the running mean of the loss tracker
        loss = model.train_on_batch([sm.encode_batch(step["left"]), sm.encode_batch(step["right"])],
                                    sm.y_true(step["label"]))   # the loss of the forward pass before the update
        losses.append(float(np.asarray(loss).reshape(-1)[0]))
        weights.append(sm.lstm_weights(lstm))
    return np.array(losses), weights


def one_ulp_away(weights, seed):
    rng = np.random.default_rng(seed)
    toward = {k: np.where(rng.random(w.shape) < 0.5, -np.inf, np.inf).astype(np.float32) for k, w in weights.items()}
    return {k: np.nextafter(w, toward[k]) for k, w in weights.items()}


def max_diff(a, b):
    return max(float(np.max(np.abs(np.asarray(a[k], np.float64) - np.asarray(b[k], np.float64))))
               for k in sm.WEIGHT_NAMES)


def test_java_loss_of_each_step_is_the_loss_of_its_weights(trace, report):
    before = [trace["initialWeights"]] + [s["weights"] for s in trace["steps"][:-1]]
    worst = 0.0
    for t, (weights, step) in enumerate(zip(before, trace["steps"])):
        lstm = bounds.Lstm.from_weights(float32_weights(weights), trace)
        envelopes = bounds.pair_envelopes(lstm, list(zip(step["left"], step["right"])), trace["clipEpsilon"])
        low, high = bounds.loss_envelope(envelopes, step["label"])
        assert low <= step["loss"] <= high, f"step {t}: Java's loss {step['loss']} outside [{low}, {high}]"
        middle = (low + high) / 2
        worst = max(worst, abs(step["loss"] - middle) / (high - middle))
    report(f"parity: {STEPS} Java losses within their float32 loss envelopes; largest |loss - centre| / half-width",
           f"{worst:.3g}")


def test_fifty_sgd_steps_follow_keras_within_float32_noise(trace, report):
    start = float32_weights(trace["initialWeights"])
    java_loss = np.array([s["loss"] for s in trace["steps"]])
    java_final = float32_weights(trace["finalWeights"])
    keras_loss, keras_weights = keras_replay(trace, start)
    loss_spread, weight_spread = np.zeros(STEPS), 0.0
    for seed in SEEDS:
        losses, weights = keras_replay(trace, one_ulp_away(start, seed))
        loss_spread = np.maximum(loss_spread, np.abs(losses - keras_loss))
        weight_spread = max(weight_spread, *(max_diff(w, k) for w, k in zip(weights, keras_weights)))

    # Weights after the last step: a difference injected at each of the STEPS steps, each carried at most as far
    # as the largest spread seen at any step. The loss at step t: the forward rounding of that step (the loss envelope's width at Keras's weights) plus
    # the weight differences injected at steps 0 .. t-1.
    carried = ULPS_PER_STEP * np.arange(STEPS) * np.maximum.accumulate(loss_spread)
    widths = []
    for step, weights in zip(trace["steps"], [start] + keras_weights[:-1]):
        lstm = bounds.Lstm.from_weights(weights, trace)
        low, high = bounds.loss_envelope(
            bounds.pair_envelopes(lstm, list(zip(step["left"], step["right"])), trace["clipEpsilon"]), step["label"])
        widths.append(high - low)
    loss_bound = np.array(widths) + carried
    loss_diff = np.abs(java_loss - keras_loss)
    weight_bound = ULPS_PER_STEP * STEPS * weight_spread
    weight_diff = max_diff(java_final, keras_weights[-1])
    displacement = max_diff(keras_weights[-1], start)

    report(f"parity lr {LEARNING_RATE}, {STEPS} steps x batch {BATCH} from models/keras-reference: loss java "
           "first/last vs keras", f"{java_loss[0]:.7f}/{java_loss[-1]:.7f} vs {keras_loss[0]:.7f}/{keras_loss[-1]:.7f}")
    report("parity: max |loss diff| Java vs Keras / largest diff/bound",
           f"{loss_diff.max():.3g} / {np.max(loss_diff / loss_bound):.3g}")
    report(f"parity: final weights, Java vs Keras / Keras vs Keras from 1 ulp away (max of {len(SEEDS)} seeds) / "
           "bound / Keras's displacement", f"{weight_diff:.3g} / {weight_spread:.3g} / {weight_bound:.3g} / "
           f"{displacement:.3g}")
    assert np.isfinite(java_loss).all()
    # The premise: the trajectory is not chaotic, so the bound is small enough to see a 1 % learning-rate error.
    assert weight_bound < 0.01 * displacement, "the steps are too sensitive to float32 rounding to test parity"
    bad = [f"step {t}: Java {java_loss[t]:.7f}, Keras {keras_loss[t]:.7f}, bound {loss_bound[t]:.3g}"
           for t in range(STEPS) if loss_diff[t] > loss_bound[t]]
    assert not bad, f"{len(bad)} of {STEPS} losses apart by more than the bound: " + "; ".join(bad[:3])
    assert weight_diff <= weight_bound
