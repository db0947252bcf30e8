"""Keras training speed with the scalar and a hashed encoding, interleaved (issue 10 phase 1; not a test).

  python encoding_speed_probe.py PAIRS.csv [REPEATS]

As benchmark.py times Keras (model.fit on a tf.data generator of pre-padded consecutive batches, Adam lr 0.005),
for units 10 and 32 at batch 1 (400 steps) and 256 (20 steps), alternating the two encodings each repetition so
that both see the same machine load. Prints the median pairs/s per encoding; the Java side's numbers come from
SpeedComparison, the ratio tells whether BENCHMARKS.md's "Java >= 5x Keras at batch 1, >= 2x at 256" can hold.
"""
import json
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

import encoding_probe as ep  # noqa: E402
import siamese_model as sm  # noqa: E402
from benchmark import batches, read_pairs  # noqa: E402


def fit_function(model, pairs, size):
    data = [({"left": sm.encode_batch([p[0] for p in b]), "right": sm.encode_batch([p[1] for p in b])},
             sm.y_true([p[2] for p in b])) for b in batches(pairs, size)]

    def gen():
        i = 0
        while True:
            yield data[i % len(data)]
            i += 1

    spec = tf.TensorSpec((None, None, 1), tf.float32)
    ds = tf.data.Dataset.from_generator(
        gen, output_signature=({"left": spec, "right": spec}, tf.TensorSpec((None, 1), tf.float32)))
    return lambda steps: model.fit(ds, epochs=1, steps_per_epoch=steps, verbose=0)


def main(path, repeats):
    pairs = read_pairs(path)
    results = {}
    for units in (10, 32):
        for size, steps in ((1, 400), (256, 20)):
            runs = {}
            for name in ("scalar", "hashed-small-tanh"):
                keras.utils.set_random_seed(42)
                model = (sm.build_fixed(units)[0] if name == "scalar"
                         else ep.build(units, **ep.ENCODINGS[name])[0])
                model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="binary_crossentropy")
                fit = fit_function(model, pairs, size)
                fit(steps)  # warm-up: traces the train function
                runs[name] = (fit, [])
            for _ in range(repeats):
                for name, (fit, rates) in runs.items():
                    t0 = time.perf_counter()
                    fit(steps)
                    rates.append(size * steps / (time.perf_counter() - t0))
            for name, (_, rates) in runs.items():
                results[f"units {units}, batch {size}, {name}"] = round(statistics.median(rates), 1)
                print(f"units {units} batch {size} {name}: {statistics.median(rates):.1f} pairs/s "
                      f"({', '.join(f'{r:.0f}' for r in rates)})", flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
