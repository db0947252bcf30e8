"""Side-by-side benchmark: the Java model (TensorFlow Java 1.1.0) vs its Keras reference, on this machine.

  python-export/.venv/bin/python python-export/benchmark.py [--quick]      (or python-export/benchmark.sh)
  python-export/benchmark.sh --encoding folded --units 24 [--quick]      (the default model)

Writes BENCHMARKS.md (only the part between <!-- bench:start --> and <!-- bench:end -->) and benchmarks.json at
the repository root. --encoding scalar|hashed|folded and --units (comma list) pick the model both sides build
(default: scalar, units 10 and 32, the Keras original's input); another encoding writes its own section,
<!-- bench-ENCODING:start --> ... <!-- bench-ENCODING:end -->, and benchmarks-ENCODING.json (--section and --json
change that), so the scalar section stays. Every measurement runs in its own child process (the Java ones through the `bench` developer
tool, org.siameseangular.dev.DevTools in target/test-classes, run with the jar's class path), so each child's peak RSS is its own (read with os.wait4). Both sides get
the same data (the embedded data set, written by `java -jar ... dataset`), the same batches in the same order
(consecutive slices of the file, at most 256 distinct ones, cycled), the same optimizer and learning rate, the
same number of steps; one untimed repetition is run first on both sides; medians and min-max over the repetitions.
"""
import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JAR = os.path.join(ROOT, "target", "siamese-angular.jar")
# The `bench` tool is a test class, not in the jar (org.siameseangular.dev.DevTools).
TEST_CLASSES = os.path.join(ROOT, "target", "test-classes")
SCALAR, ENCODINGS = "scalar", ("scalar", "hashed", "folded")   # siamese_model.ENCODINGS (no TF import here)
DEFAULT_POOLING = {"scalar": "last", "hashed": "windows", "folded": "windows"}   # siamese_model.DEFAULT_POOLING

# Batch-1024 scoring, Java vs SavedModel: batch_warmup untimed calls, then `repeats` repetitions of batch_calls
# timed ones, the same on both sides. A JVM scores its first few hundred batches slower (JIT, TensorFlow's
# allocator); the rate of both sides against the number of calls made is in BENCHMARKS.md ("Batch-1024 scoring:
# the steady-state protocol"): by call 300 neither side is still rising, so 500 warm-up calls leave a margin. The
# Keras call and predict figures keep the earlier short form (keras_batch_calls warm-up and timed calls: at a few
# thousand pairs/s a steady-state run of them would take minutes). Until 2026-11-27 the full mode used 20 warm-up
# and 20 timed calls for every side (the "short form": a JVM's first second).
FULL = dict(units=[10, 32], batch_sizes=[1, 32, 256], steps=[400, 100, 20], repeats=5, calls=2000,
            batch_warmup=500, batch_calls=200, keras_batch_calls=20, cold_repeats=5)
QUICK = dict(units=[10, 32], batch_sizes=[1, 32, 256], steps=[60, 15, 3], repeats=3, calls=200,
             batch_warmup=30, batch_calls=30, keras_batch_calls=3, cold_repeats=1)
SHORT_FORM = 20   # the earlier full mode's batch calls: warm-up and each timed repetition
OPTIMIZER, LEARNING_RATE, SEED, SERVE_BATCH = "adam", 0.005, 42, 1024
MAX_DISTINCT_BATCHES = 256  # the same rule as org.siameseangular.dev.JavaBench
# Features per LSTM step, and the encoding's own FLOPs per step (python-export/siamese_model.py `features`):
# scalar (c - center) / scale = 2; hashed tanh of the sum of K = 2 table rows of d = 8; folded tanh of the sum of
# K + 4 = 6 rows (2 hashed fold rows, 3 jamo rows, 1 detail row) of d = 16. Table look-ups are counted as 0 FLOPs.
ENCODING_COST = {"scalar": (1, 2), "hashed": (8, 1 * 8 + 8), "folded": (16, 5 * 16 + 16)}


def markers(section):
    return f"<!-- {section}:start -->", f"<!-- {section}:end -->"


# ---------------------------------------------------------------- children (run in their own processes)

def read_pairs(path):
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [(r["left"], r["right"], int(r["label"])) for r in rows]


def batches(pairs, size):
    count = min(MAX_DISTINCT_BATCHES, len(pairs) // size)
    return [pairs[b * size:(b + 1) * size] for b in range(count)]


def child_keras_train(args):
    """Keras model.fit on the fixed reference model: epoch 0 is the warm-up, epochs 1..repeats are timed."""
    sys.path.insert(0, HERE)
    import siamese_model as sm
    import keras
    import numpy as np
    import tensorflow as tf
    pairs = read_pairs(args.data)
    out = []
    for size, steps in zip(args.batch_sizes, args.steps):
        keras.utils.set_random_seed(args.seed)
        # The model the Java `bench` tool builds for the same --encoding and --units (the encoding's default
        # pooling: windows for hashed and folded, last for scalar).
        model = sm.build_fixed(sm.make_spec(args.encoding, args.units[0])).model
        opt = (keras.optimizers.Adam(learning_rate=args.learning_rate) if args.optimizer == "adam"
               else keras.optimizers.SGD(learning_rate=args.learning_rate))
        model.compile(optimizer=opt, loss="binary_crossentropy")
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

        class Timer(keras.callbacks.Callback):
            def __init__(self):
                super().__init__()
                self.seconds = []

            def on_epoch_begin(self, epoch, logs=None):
                self.t0 = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                self.seconds.append(time.perf_counter() - self.t0)

        timer = Timer()
        hist = model.fit(ds, epochs=args.repeats + 1, steps_per_epoch=steps, verbose=0, callbacks=[timer])
        seconds = timer.seconds[1:]
        out.append(dict(units=args.units[0], encoding=args.encoding, batchSize=size, steps=steps, warmupSteps=steps,
                        seconds=seconds,
                        pairsPerSecond=[size * steps / s for s in seconds],
                        lastLoss=float(hist.history["loss"][-1])))
    print(json.dumps(dict(train=out)))


def child_python_serve(args):
    """tf.saved_model.load(dir).signatures['serving_default'] and the Keras model (same weights) called directly."""
    sys.path.insert(0, HERE)
    import numpy as np
    import siamese_model as sm
    import tensorflow as tf
    from rebuild_keras import rebuild
    pairs = read_pairs(args.data)
    f = tf.saved_model.load(args.model).signatures["serving_default"]
    model = rebuild(args.model).model   # the keras.Model of the rebuilt siamese_model.Siamese

    def saved_model(ls, rs):
        return f(left=tf.constant(sm.encode_batch(ls)), right=tf.constant(sm.encode_batch(rs)))["distance"].numpy()

    def keras_call(ls, rs):
        return model([sm.encode_batch(ls), sm.encode_batch(rs)], training=False).numpy()

    def keras_predict(ls, rs):
        return model.predict([sm.encode_batch(ls), sm.encode_batch(rs)], batch_size=len(ls), verbose=0)

    def latency(fn, calls):
        nxt = 0
        for _ in range(calls):  # warm-up: as many calls as are timed
            fn([pairs[nxt % len(pairs)][0]], [pairs[nxt % len(pairs)][1]])
            nxt += 1
        p50, p99 = [], []
        for _ in range(args.repeats):
            ns = []
            for _ in range(calls):
                p = pairs[nxt % len(pairs)]
                t0 = time.perf_counter_ns()
                fn([p[0]], [p[1]])
                ns.append(time.perf_counter_ns() - t0)
                nxt += 1
            ns.sort()
            p50.append(ns[math.ceil(0.5 * calls) - 1] / 1e6)
            p99.append(ns[math.ceil(0.99 * calls) - 1] / 1e6)
        return dict(singleCalls=calls, p50Ms=p50, p99Ms=p99)

    chunks = [pairs[s:s + args.batch] for s in range(0, len(pairs) - args.batch + 1, args.batch)][:8]

    def throughput(fn, warmup, calls):
        """warmup untimed calls, then args.repeats repetitions of calls timed ones (JavaBench.serve's rule);
        returns the pairs/s of each repetition, every call's own seconds (warm-up first), and the process's CPU
        seconds (all threads) of each repetition and of each call."""
        seconds, call_cpu, out, cpu, call = [], [], [], [], 0

        def one():
            nonlocal call
            c = chunks[call % len(chunks)]
            c0 = time.process_time()
            t0 = time.perf_counter()
            fn([p[0] for p in c], [p[1] for p in c])
            seconds.append(time.perf_counter() - t0)
            call_cpu.append(time.process_time() - c0)
            call += 1

        for _ in range(warmup):
            one()
        for _ in range(args.repeats):
            c0 = time.process_time()
            t0 = time.perf_counter()
            for _ in range(calls):
                one()
            out.append(args.batch * calls / (time.perf_counter() - t0))
            cpu.append(time.process_time() - c0)
        return out, seconds, cpu, call_cpu

    first = chunks[0][:4]
    result = {}
    fns = (("savedModel", saved_model, args.calls, args.batch_warmup, args.batch_calls),
           ("kerasCall", keras_call, max(20, args.calls // 20) if args.calls else 0, args.keras_batch_calls,
            args.keras_batch_calls),
           ("kerasPredict", keras_predict, 0, args.keras_batch_calls, args.keras_batch_calls))
    for name, fn, calls, warmup, batch_calls in fns:
        if name not in args.serve_fns.split(","):
            continue
        r = latency(fn, calls) if calls else {}
        r["batch"] = args.batch
        r["batchWarmup"] = warmup
        r["batchCalls"] = batch_calls
        (r["batchPairsPerSecond"], r["batchCallSeconds"], r["batchCpuSeconds"],
         r["batchCallCpuSeconds"]) = throughput(fn, warmup, batch_calls)
        r["firstDistances"] = [float(x) for x in np.ravel(fn([p[0] for p in first], [p[1] for p in first]))]
        result[name] = r
    print(json.dumps(dict(serve=result)))


def child_cold(args):
    """Process start to first scored pair, the Python way: import TF, load the SavedModel, score one pair."""
    import numpy as np
    import tensorflow as tf
    f = tf.saved_model.load(args.model).signatures["serving_default"]

    def enc(s):
        return tf.constant(np.array([[[ord(c)] for c in s]], np.float32))
    print(float(f(left=enc(args.pair[0]), right=enc(args.pair[1]))["distance"].numpy()[0, 0]))


# ---------------------------------------------------------------- the driver

def run_child(cmd, env=None):
    """Runs cmd; returns (stdout, wall seconds, peak RSS in MiB of that child, from its own rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if p.returncode != 0:
        sys.exit(f"benchmark: {' '.join(cmd)} failed with exit code {p.returncode}:\n{stderr[-3000:]}")
    return stdout, wall, usage.ru_maxrss / 1024.0


def java(*args):
    return ["java", "-jar", JAR, *args]


def dev_tool(*args):
    return ["java", "-cp", JAR + os.pathsep + TEST_CLASSES, "org.siameseangular.dev.DevTools", *args]


def me(*args):
    return [sys.executable, os.path.abspath(__file__), *args]


def env_with(level):
    env = dict(os.environ)
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    if level is not None:
        env["TF_CPP_MIN_LOG_LEVEL"] = level
    return env


def stats(values):
    return dict(median=statistics.median(values), min=min(values), max=max(values), n=len(values))


def machine():
    info = dict(cores=os.cpu_count(), platform=platform.platform(), python=platform.python_version())
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        fields = dict(l.split(":", 1) for l in lscpu.splitlines() if ":" in l)
        info["cpu"] = fields.get("Model name", "?").strip()
        flags = fields.get("Flags", "").split()
    except OSError:
        flags = []
    mhz = None
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("cpu MHz"):
                mhz = float(line.split(":")[1])
                break
    info["mhz"] = mhz
    info["simd"] = "avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags else "sse"
    info["fma"] = "fma" in flags
    lanes = {"avx512f": 16, "avx2": 8, "sse": 4}[info["simd"]]
    # Assumption: 2 vector FMA units per core (Intel Xeon since Skylake-SP, incl. this Sapphire/Emerald Rapids
    # model 207), 1 FMA = 2 FLOPs, at the nominal frequency from /proc/cpuinfo (no turbo visible in the VM).
    fma_units = 2 if info["fma"] else 1
    info["peakFlopsPerCycle"] = lanes * 2 * fma_units if info["fma"] else lanes * fma_units
    info["peakGflops"] = info["cores"] * (mhz or 0) / 1000 * info["peakFlopsPerCycle"]
    import importlib.metadata as md
    for pkg in ("tensorflow-cpu", "keras", "numpy"):
        try:
            info[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            info[pkg] = None
    info["javaVersionLine"] = subprocess.run(["java", "-version"], capture_output=True,
                                             text=True).stderr.splitlines()[0]
    return info


def flops(units, lengths_l, lengths_r, encoding=SCALAR):
    """FLOPs of the forward pass for one pair: both strings through the LSTM, then the angular head.

    Per LSTM step and string (D input features: 1 scalar, the table's d otherwise; u units, one FMA = 2 FLOPs):
      gates  z = [x, h] @ [W; U] + b : 2 (D + u) 4u + 4u
      3 sigmoids, 2 tanh (1 FLOP each, as counted by convention) : 5u
      c = f c + i g ; h = o tanh(c)   : 4u
    The encoding (ENCODING_COST) and the head (2 norms, dot, acos: ~6u + 10) are included; training = 3x forward
    (backward ~ 2x forward), the usual rule.
    """
    u = units
    width, encode = ENCODING_COST[encoding]
    per_step = 2 * (width + u) * 4 * u + 4 * u + 5 * u + 4 * u + encode
    head = 6 * u + 10
    return per_step * (lengths_l + lengths_r) + head


def run_all(cfg, quick, encoding, command):
    if not os.path.isfile(JAR) or not os.path.isdir(os.path.join(TEST_CLASSES, "org", "siameseangular", "dev")):
        sys.exit(f"benchmark: {JAR} or the developer tools in {TEST_CLASSES} not found; build them with"
                 " 'mvn -B -q package -DskipTests' (or run benchmark.sh)")
    began = time.perf_counter()
    load_before = os.getloadavg()
    env2 = env_with("2")
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    tmp = tempfile.mkdtemp(prefix="siamese-bench-")
    try:
        data = os.path.join(tmp, "pairs.csv")
        run_child(java("dataset", "--out", data), env2)
        pairs = read_pairs(data)
        sizes = ",".join(map(str, cfg["batch_sizes"]))
        steps = ",".join(map(str, cfg["steps"]))
        common = ["--data", data, "--repeats", str(cfg["repeats"])]
        result = dict(mode="quick" if quick else "full", command=command, encoding=encoding,
                      pooling=DEFAULT_POOLING[encoding],
                      loadAverageBefore=list(load_before), machine=machine(), config=dict(
            optimizer=OPTIMIZER, learningRate=LEARNING_RATE, batchSizes=cfg["batch_sizes"], steps=cfg["steps"],
            repeats=cfg["repeats"], singleCalls=cfg["calls"], serveBatch=SERVE_BATCH,
            serveBatchCalls=cfg["batch_calls"], serveBatchWarmup=cfg["batch_warmup"],
            kerasBatchCalls=cfg["keras_batch_calls"], coldRepeats=cfg["cold_repeats"], pairs=len(pairs)), units={})
        for units in cfg["units"]:
            u = str(units)
            print(f"benchmark: units {units}: Java training", file=sys.stderr, flush=True)
            out, _, rss_jt = run_child(dev_tool("bench", "--part", "train", "--units", u, "--encoding", encoding,
                                                "--optimizer", OPTIMIZER,
                                            "--learning-rate", str(LEARNING_RATE), "--batch-sizes", sizes,
                                            "--steps", steps, *common), env2)
            jt = json.loads(out)
            result["javaEnvironment"] = jt["environment"]
            print(f"benchmark: units {units}: Keras training", file=sys.stderr, flush=True)
            out, _, rss_kt = run_child(me("--child", "keras-train", "--units", u, "--encoding", encoding,
                                          "--optimizer", OPTIMIZER,
                                          "--learning-rate", str(LEARNING_RATE), "--batch-sizes", sizes,
                                          "--steps", steps, *common), env2)
            kt = json.loads(out)
            model = os.path.join(tmp, f"model-{units}")
            run_child(dev_tool("bench", "--part", "export", "--units", u, "--encoding", encoding, "--model", model,
                               "--data", data), env2)
            serve_args = ["--model", model, "--calls", str(cfg["calls"]), "--batch-calls", str(cfg["batch_calls"]),
                          "--batch-warmup", str(cfg["batch_warmup"]), "--batch", str(SERVE_BATCH), *common]
            print(f"benchmark: units {units}: Java serving", file=sys.stderr, flush=True)
            out, _, rss_js = run_child(dev_tool("bench", "--part", "serve", *serve_args), env2)
            js = json.loads(out)["serve"]
            print(f"benchmark: units {units}: Python serving", file=sys.stderr, flush=True)
            out, _, rss_ps = run_child(me("--child", "python-serve", *serve_args, "--keras-batch-calls",
                                          str(cfg["keras_batch_calls"])), env2)
            ps = json.loads(out)["serve"]
            result["units"][u] = dict(javaTrain=jt["train"], kerasTrain=kt["train"], javaServe=js,
                                      pythonServe=ps, rssMiB=dict(javaTrain=rss_jt, kerasTrain=rss_kt,
                                                                  javaServe=rss_js, pythonServe=rss_ps))
        print("benchmark: cold starts", file=sys.stderr, flush=True)
        model = os.path.join(tmp, f"model-{cfg['units'][-1]}")
        cold = dict(javaLogLevelSet=[], javaRelaunch=[], pythonSavedModel=[])
        for _ in range(cfg["cold_repeats"]):
            cold["javaLogLevelSet"].append(run_child(java("score", "--model", model, "colour", "color"), env2)[1])
            cold["javaRelaunch"].append(run_child(java("score", "--model", model, "colour", "color"),
                                                  env_with(None))[1])
            cold["pythonSavedModel"].append(run_child(me("--child", "cold", "--model", model, "--pair", "colour",
                                                         "color"), env2)[1])
        result["coldStartSeconds"] = cold
        ll = [len(p[0]) for p in pairs]
        rl = [len(p[1]) for p in pairs]
        result["data"] = dict(meanLeftLength=statistics.mean(ll), meanRightLength=statistics.mean(rl),
                              paddedLengths={str(b): padded(pairs, b) for b in cfg["batch_sizes"] + [SERVE_BATCH]})
        result["wallSeconds"] = time.perf_counter() - began
        result["loadAverageAfter"] = list(os.getloadavg())
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_serve_only(cfg, encoding, units, rounds):
    """Batch-1024 scoring only, Java vs SavedModel, alternated for `rounds` rounds (the load of a shared machine
    changes by the minute, so each side gets its turns): the full mode's protocol, no single-pair part, on one
    export of the model both sides build (Keras-initialised weights, as in the full mode). Returns raw results."""
    tmp = tempfile.mkdtemp(prefix="siamese-bench-")
    env2 = env_with("2")
    try:
        data = os.path.join(tmp, "pairs.csv")
        run_child(java("dataset", "--out", data), env2)
        model = os.path.join(tmp, "model")
        run_child(dev_tool("bench", "--part", "export", "--units", str(units), "--encoding", encoding,
                           "--model", model, "--data", data), env2)
        serve_args = ["--model", model, "--data", data, "--calls", "0", "--batch-warmup", str(cfg["batch_warmup"]),
                      "--batch-calls", str(cfg["batch_calls"]), "--batch", str(SERVE_BATCH),
                      "--repeats", str(cfg["repeats"])]
        out = []
        for i in range(rounds):
            row = dict(loadBefore=list(os.getloadavg()))
            row["java"] = json.loads(run_child(dev_tool("bench", "--part", "serve", *serve_args), env2)[0])["serve"]
            row["loadBetween"] = list(os.getloadavg())
            row["savedModel"] = json.loads(run_child(me("--child", "python-serve", "--serve-fns", "savedModel",
                                                        *serve_args), env2)[0])["serve"]["savedModel"]
            row["loadAfter"] = list(os.getloadavg())
            j, p = med(row["java"]["batchPairsPerSecond"]), med(row["savedModel"]["batchPairsPerSecond"])
            jc, pc = per_cpu_second(row["java"]), per_cpu_second(row["savedModel"])
            js, ps = short_form(row["java"]), short_form(row["savedModel"])
            print(f"round {i + 1}: Java {j:,.0f}, SavedModel {p:,.0f} pairs/s: {j / p:.2f}x"
                  + f"; per CPU-second {med(jc):,.0f} / {med(pc):,.0f}: {med(jc) / med(pc):.2f}x"
                  + (f"; short form {med(js):,.0f} / {med(ps):,.0f}: {med(js) / med(ps):.2f}x" if js and ps else "")
                  + f" (load {row['loadBefore'][0]:.1f} / {row['loadBetween'][0]:.1f} / {row['loadAfter'][0]:.1f})",
                  file=sys.stderr, flush=True)
            out.append(row)
        return dict(encoding=encoding, units=units, config=dict(batchWarmup=cfg["batch_warmup"],
                                                                batchCalls=cfg["batch_calls"],
                                                                repeats=cfg["repeats"], batch=SERVE_BATCH),
                    machine=machine(), rounds=out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def padded(pairs, size):
    """Mean (left T + right T) per pair actually run, with padding to the longest string of each batch."""
    tot = 0
    bs = batches(pairs, size) if size <= len(pairs) else [pairs]
    for b in bs:
        tot += max(len(p[0]) for p in b) + max(len(p[1]) for p in b)
    return tot / len(bs)


# ---------------------------------------------------------------- the report

def fmt(x, digits=3):
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def cell(values, digits=3):
    s = stats(values)
    return f"{fmt(s['median'], digits)} ({fmt(s['min'], 2)}-{fmt(s['max'], 2)})"


def med(values):
    return statistics.median(values)


def per_cpu_second(serve):
    """Pairs per CPU-second of the scoring process (all its threads), per repetition: on a shared machine the
    steadier figure (a side that waits for a core uses no CPU meanwhile)."""
    return [serve["batch"] * serve["batchCalls"] / c for c in serve["batchCpuSeconds"]]


def short_form(serve):
    """The earlier full mode's batch-1024 figure, read from one steady-state run's per-call seconds: calls 21-120
    as 5 repetitions of 20 (the first 20 calls were its warm-up). None when the run made fewer calls."""
    seconds = serve.get("batchCallSeconds", [])
    if len(seconds) < 6 * SHORT_FORM:
        return None
    return [serve["batch"] * SHORT_FORM / sum(seconds[k * SHORT_FORM:(k + 1) * SHORT_FORM]) for k in range(1, 6)]


def model_words(r):
    """The section's title and the words for the model both sides built."""
    enc, units = r.get("encoding", SCALAR), [int(u) for u in r["units"]]
    unit_words = "units " + " and ".join(map(str, units))
    if enc == SCALAR:
        return "Java vs Keras: side-by-side benchmark", f"Same model (scalar encoding, {unit_words})"
    shape = {"hashed": "hashed(1031x1087, d8)", "folded": "folded(1031x1087, jamo, detail 1214, d16)"}[enc]
    title = ("Java vs Keras: the default folded model" if enc == "folded" and units == [24]
             else f"Java vs Keras: the {enc} encoding")
    return title, (f"Same model ({shape} encoding, LSTM, {unit_words}, {r.get('pooling', 'last')} pooling; the "
                   "encoding runs inside the graph on both sides)")


def summarize(r, section=None):
    """Adds the derived figures (medians, ratios, FLOP fractions) and returns the markdown section."""
    start, end = markers(section or "bench")
    title, model_sentence = model_words(r)
    enc = r.get("encoding", SCALAR)
    width, encode = ENCODING_COST[enc]
    m = r["machine"]
    peak = m["peakGflops"] * 1e9
    d = r["data"]
    useful_len = d["meanLeftLength"] + d["meanRightLength"]
    rows, targets, flop_rows = [], [], []
    summary = {}
    for u, x in r["units"].items():
        units = int(u)
        enc = r.get("encoding", SCALAR)
        fwd_useful = flops(units, d["meanLeftLength"], d["meanRightLength"], enc)
        for jt, kt in zip(x["javaTrain"], x["kerasTrain"]):
            b = jt["batchSize"]
            j, k = med(jt["pairsPerSecond"]), med(kt["pairsPerSecond"])
            rows.append((f"training, batch {b} (pairs/s)", u, cell(jt["pairsPerSecond"]),
                         cell(kt["pairsPerSecond"]) + " Keras fit", f"{j / k:.2f}x"))
            summary[f"train_b{b}_u{u}"] = dict(java=j, keras=k, ratio=j / k)
            fwd_run = flops(units, d["paddedLengths"][str(b)] / 2, d["paddedLengths"][str(b)] / 2, enc)
            flop_rows.append((f"training, batch {b}", u, 3 * fwd_useful, 3 * fwd_run, j * 3 * fwd_run / peak,
                              k * 3 * fwd_run / peak))
        js, ps = x["javaServe"], x["pythonServe"]
        sm, kc, kp = ps["savedModel"], ps["kerasCall"], ps["kerasPredict"]
        for q in ("p50Ms", "p99Ms"):
            rows.append((f"single pair, {q[:3]} latency (ms)", u, cell(js[q]),
                         cell(sm[q]) + " SavedModel; " + cell(kc[q]) + " Keras call",
                         f"{med(sm[q]) / med(js[q]):.2f}x; {med(kc[q]) / med(js[q]):.2f}x"))
        jb = med(js["batchPairsPerSecond"])
        rows.append((f"scoring, batch {js['batch']} (pairs/s)", u, cell(js["batchPairsPerSecond"]),
                     cell(sm["batchPairsPerSecond"]) + " SavedModel; " + cell(kc["batchPairsPerSecond"])
                     + " Keras call; " + cell(kp["batchPairsPerSecond"]) + " predict",
                     f"{jb / med(sm['batchPairsPerSecond']):.2f}x; {jb / med(kc['batchPairsPerSecond']):.2f}x; "
                     f"{jb / med(kp['batchPairsPerSecond']):.2f}x"))
        if "batchCpuSeconds" in js and "batchCpuSeconds" in sm:
            jc, pc = per_cpu_second(js), per_cpu_second(sm)
            rows.append((f"scoring, batch {js['batch']}, per CPU-second of the scoring process (pairs)", u, cell(jc),
                         cell(pc) + " SavedModel", f"{med(jc) / med(pc):.2f}x"))
        js_short, sm_short = short_form(js), short_form(sm)
        if js_short and sm_short:
            rows.append((f"scoring, batch {js['batch']}, short form (pairs/s): calls {SHORT_FORM + 1}-"
                         f"{6 * SHORT_FORM} of the same runs as 5 x {SHORT_FORM}", u, cell(js_short),
                         cell(sm_short) + " SavedModel", f"{med(js_short) / med(sm_short):.2f}x"))
        fwd_1024 = flops(units, d["paddedLengths"][str(SERVE_BATCH)] / 2, d["paddedLengths"][str(SERVE_BATCH)] / 2,
                         enc)
        flop_rows.append((f"scoring, batch {SERVE_BATCH}", u, fwd_useful, fwd_1024, jb * fwd_1024 / peak,
                          med(sm["batchPairsPerSecond"]) * fwd_1024 / peak))
        flop_rows.append(("scoring, single pair (p50)", u, fwd_useful, fwd_useful,
                          fwd_useful / (med(js["p50Ms"]) / 1e3) / peak, fwd_useful / (med(sm["p50Ms"]) / 1e3) / peak))
        rss = x["rssMiB"]
        rows.append(("peak RSS, training child (MiB)", u, fmt(rss["javaTrain"]), fmt(rss["kerasTrain"]) + " Keras",
                     f"{rss['kerasTrain'] / rss['javaTrain']:.2f}x"))
        rows.append(("peak RSS, serving child (MiB)", u, fmt(rss["javaServe"]),
                     fmt(rss["pythonServe"]) + " SavedModel + Keras in one process",
                     f"{rss['pythonServe'] / rss['javaServe']:.2f}x"))
        summary[f"serve_u{u}"] = dict(javaP50=med(js["p50Ms"]), savedModelP50=med(sm["p50Ms"]),
                                      javaBatch=jb, savedModelBatch=med(sm["batchPairsPerSecond"]))
        summary[f"agree_u{u}"] = max(abs(a - b) for a, b in zip(js["firstDistances"], sm["firstDistances"]))
    c = r["coldStartSeconds"]
    rows.append(("cold start to first score (s)", list(r["units"])[-1],
                 cell(c["javaLogLevelSet"]) + " TF_CPP_MIN_LOG_LEVEL=2; "
                 + cell(c["javaRelaunch"]) + " unset (relaunch)", cell(c["pythonSavedModel"]) + " SavedModel script",
                 f"{med(c['pythonSavedModel']) / med(c['javaLogLevelSet']):.2f}x; "
                 f"{med(c['pythonSavedModel']) / med(c['javaRelaunch']):.2f}x"))
    r["summary"] = summary

    def mark(ok):
        return "met" if ok else "**missed**"

    for u in r["units"]:
        s1, s256, sv = summary[f"train_b1_u{u}"], summary[f"train_b256_u{u}"], summary[f"serve_u{u}"]
        targets += [
            (f"Java training >= 5x Keras at batch 1 (units {u})", f"{s1['ratio']:.2f}x", mark(s1["ratio"] >= 5)),
            (f"Java training >= 2x Keras at batch 256 (units {u})", f"{s256['ratio']:.2f}x",
             mark(s256["ratio"] >= 2)),
            (f"Java single-pair p50 <= 0.25 ms (units {u})", f"{sv['javaP50']:.3f} ms", mark(sv["javaP50"] <= 0.25)),
            (f"Java batch-1024 scoring >= 100,000 pairs/s (units {u})", f"{sv['javaBatch']:,.0f}",
             mark(sv["javaBatch"] >= 100_000)),
            (f"Java batch-1024 scoring >= 2x SavedModel in Python (units {u})",
             f"{sv['javaBatch'] / sv['savedModelBatch']:.2f}x", mark(sv["javaBatch"] >= 2 * sv["savedModelBatch"])),
        ]
    je = r.get("javaEnvironment", {})
    cfg = r["config"]
    command = r.get("command") or ("python-export/benchmark.sh" + (" --quick" if r["mode"] == "quick" else ""))
    load = ""
    if "loadAverageBefore" in r:
        b, a = r["loadAverageBefore"], r["loadAverageAfter"]
        load = (f" Load average (1, 5, 15 min) {b[0]:.2f}, {b[1]:.2f}, {b[2]:.2f} before and {a[0]:.2f}, {a[1]:.2f}, "
                f"{a[2]:.2f} after, on {m['cores']} cores: "
                + ("other work ran throughout, so every cell is noisy and both sides were slowed by it."
                   if max(b[0], a[0], a[1]) > 0.5 * m["cores"] else "the machine was mostly idle."))
    lines = [
        start,
        f"## {title}",
        "",
        f"Written by `{command}` "
        f"({r['mode']} mode, {r['wallSeconds']:.0f} s). Machine: {m['cpu']}, **{m['cores']} cores** "
        f"(shared with other work while measured: numbers are noisy, hence medians), {m['mhz']:.0f} MHz, {m['simd']}; "
        f"{m['platform']}. Java: {m['javaVersionLine']} ({je.get('javaVm')}), TensorFlow Java "
        f"{je.get('tensorflowJava')} = TF runtime {je.get('tensorflowRuntime')}. Python {m['python']}, "
        f"tensorflow-cpu {m['tensorflow-cpu']}, keras {m['keras']}, numpy {m['numpy']}.{load}",
        "",
        f"{model_sentence}, same data (the embedded {cfg['pairs']:,} pairs, in file order), same batches "
        f"(consecutive slices, cycled), {cfg['optimizer']} lr {cfg['learningRate']} on both sides, steps per "
        f"repetition {dict(zip(cfg['batchSizes'], cfg['steps']))} by batch size, one untimed repetition first, "
        f"then {cfg['repeats']} timed ones. Cells: median (min-max). Java training = the Trainer's own step "
        "(strings to tensors, forward, backward, update, fetch loss, per-pair losses and gradient norm); Keras = "
        "`model.fit` on a `tf.data` generator of the same pre-padded batches. Scoring: Java "
        "`SimilarityModel.distance`/`distances` vs `tf.saved_model.load(dir).signatures[\"serving_default\"]` on "
        "the same Java export, and the Keras model with the same weights called directly; string-to-tensor "
        f"conversion is inside the timing on every side; {cfg['singleCalls']} single calls per repetition, "
        f"batches of {cfg['serveBatch']}: {cfg.get('serveBatchWarmup', cfg['serveBatchCalls'])} untimed calls, "
        f"then {cfg['serveBatchCalls']} timed calls per repetition, the same on the Java and SavedModel sides "
        "(Java sorts a call's pairs by length and scores them in runs of 256, as `distances` does for every user; "
        "the SavedModel gets the whole padded batch, as a Python user calls it); the Keras call and predict "
        f"figures: {cfg.get('kerasBatchCalls', cfg['serveBatchCalls'])} warm-up and timed calls. Ratio = "
        "Java's advantage (Java/Python for throughput, Python/Java for latency, memory and time; > 1 = Java better).",
        "",
        "| measure | units | Java | Python | Java advantage |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c_} | {d_} | {e} |" for a, b, c_, d_, e in rows]
    lines += [
        "",
        f"**Compute ceiling.** Peak assumed: {m['cores']} cores x {m['mhz']:.0f} MHz x {m['peakFlopsPerCycle']} "
        f"FLOP/cycle ({m['simd']}: {m['peakFlopsPerCycle'] // 4} fp32 lanes x 2 FMA units x 2 FLOP) = "
        f"**{m['peakGflops']:.0f} GFLOP/s** (nominal clock, no turbo). Forward FLOPs per string step: "
        f"2({width}+u)4u (gate matmul, {width} input feature{'s' if width > 1 else ''}) + 4u (bias) + 5u "
        f"(3 sigmoid, 2 tanh) + 4u (cell/hidden update) + {encode} ("
        + ("input scaling" if enc == SCALAR else "the table rows summed, tanh; look-ups counted as 0") + "), "
        f"times the steps of both strings (mean {useful_len:.1f} code points per pair; the fused LSTM and Keras "
        "both run every batch to its longest string, so executed FLOPs count the padding), plus the head "
        "(6u + 10); training = 3x forward.",
        "",
        "| workload | units | useful FLOPs/pair | executed FLOPs/pair (padded) | Java % of peak | Python % of peak |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c_:,.0f} | {d_:,.0f} | {100 * e:.3f} % | {100 * f:.3f} % |"
              for a, b, c_, d_, e, f in flop_rows]
    lines += ["", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c_} |" for a, b, c_ in targets]
    lines += ["", f"Java and Python distances on the same export agree to "
              f"{max(v for k, v in summary.items() if k.startswith('agree_')):.1e} (first pairs of the batch).",
              "", f"Raw timings of every repetition: `{r.get('jsonName', 'benchmarks.json')}`.", end]
    return "\n".join(lines) + "\n"


def write_markdown(section, path, name="bench"):
    """Replaces the marked section `name` of the file at path (appends it when absent); nothing else changes."""
    start, end = markers(name)
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n\n"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def units_list(text):
    try:
        values = [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LSTM units as a comma list of integers (e.g. 24 or 10,32), "
                                         f"found {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"units must be at least 1, found {text!r}")
    return values


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer steps and repetitions (under 2 minutes)")
    ap.add_argument("--out-dir", default=ROOT, help="where BENCHMARKS.md and benchmarks.json go")
    ap.add_argument("--encoding", choices=ENCODINGS, default=SCALAR,
                    help="the input encoding both sides build (default scalar, the Keras original's input)")
    ap.add_argument("--units", type=units_list, default=None,
                    help="LSTM units, comma list (default 10,32 for scalar, 24 otherwise: the Java defaults)")
    ap.add_argument("--section", help="the marked section of BENCHMARKS.md to write: <!-- NAME:start --> ... "
                    "<!-- NAME:end --> (default bench for scalar, bench-ENCODING otherwise)")
    ap.add_argument("--markdown", default="BENCHMARKS.md", help="file name in --out-dir (default BENCHMARKS.md)")
    ap.add_argument("--json", help="raw results file name in --out-dir (default benchmarks.json for scalar, "
                    "benchmarks-ENCODING.json otherwise)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    for name in ("--data", "--model", "--optimizer"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    for name, default in (("--repeats", 5), ("--calls", 2000), ("--batch-calls", 20), ("--batch-warmup", 20),
                          ("--keras-batch-calls", 20), ("--batch", 1024), ("--seed", SEED)):
        ap.add_argument(name, type=int, default=default, help=argparse.SUPPRESS)
    ap.add_argument("--learning-rate", type=float, default=LEARNING_RATE, help=argparse.SUPPRESS)
    ap.add_argument("--batch-sizes", type=lambda s: [int(v) for v in s.split(",")], help=argparse.SUPPRESS)
    ap.add_argument("--steps", type=lambda s: [int(v) for v in s.split(",")], help=argparse.SUPPRESS)
    ap.add_argument("--pair", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--serve-fns", default="savedModel,kerasCall,kerasPredict", help=argparse.SUPPRESS)
    ap.add_argument("--serve-only", type=int, metavar="ROUNDS",
                    help="only batch-1024 scoring, Java vs the SavedModel, alternated ROUNDS times with the full "
                    "mode's protocol (--quick: the quick one); writes the raw results to --json (default "
                    "benchmarks-serve-ENCODING.json) and nothing to BENCHMARKS.md")
    args = ap.parse_args()
    if args.child:
        {"keras-train": child_keras_train, "python-serve": child_python_serve, "cold": child_cold}[args.child](args)
        return
    cfg = dict(QUICK if args.quick else FULL)
    if args.units:
        cfg["units"] = args.units
    elif args.encoding != SCALAR:
        cfg["units"] = [24]   # siamese_model.DEFAULT_UNITS: the Java default model's LSTM(24)
    if args.serve_only:
        if not os.path.isfile(JAR) or not os.path.isdir(os.path.join(TEST_CLASSES, "org", "siameseangular", "dev")):
            sys.exit(f"benchmark: {JAR} or the developer tools in {TEST_CLASSES} not found; build them with"
                     " 'mvn -B -q package -DskipTests' (or run benchmark.sh)")
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        result = run_serve_only(cfg, args.encoding, cfg["units"][0], args.serve_only)
        name = args.json or f"benchmarks-serve-{args.encoding}.json"
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
        print(f"benchmark: wrote {name} in {args.out_dir}", file=sys.stderr)
        return
    section_name = args.section or ("bench" if args.encoding == SCALAR else f"bench-{args.encoding}")
    json_name = args.json or ("benchmarks.json" if args.encoding == SCALAR else f"benchmarks-{args.encoding}.json")
    command = " ".join(["python-export/benchmark.sh", *sys.argv[1:]])
    result = run_all(cfg, args.quick, args.encoding, command)
    result["jsonName"] = json_name
    section = summarize(result, section_name)
    with open(os.path.join(args.out_dir, json_name), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    write_markdown(section, os.path.join(args.out_dir, args.markdown), section_name)
    print(section)
    print(f"benchmark: wrote {args.markdown} ({section_name}) and {json_name} in {args.out_dir} "
          f"({result['wallSeconds']:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
