"""Shared fixtures: the Java jar, the embedded English data set, a small Java model and the committed Keras reference
of each input encoding, and a numbers report."""
import functools
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

PYTHON_EXPORT = Path(__file__).resolve().parents[1]
REPO_ROOT = PYTHON_EXPORT.parent
sys.path.insert(0, str(PYTHON_EXPORT))

JAR = REPO_ROOT / "target" / "siamese-angular.jar"
# The developer tools (trace, bench) are test classes, not in the jar: `mvn package` compiles them here.
TEST_CLASSES = REPO_ROOT / "target" / "test-classes"
DEV_TOOLS = "org.siameseangular.dev.DevTools"
# The committed Keras references (python-export/README.md says how each was made): models/keras-reference is the
# Keras original's architecture (LSTM(10) on (c - 96) / 32, no "encoding" key: scalar), as first committed;
# models/keras-reference-hashed is the hashed code-point encoding (docs/encoding-calibration.md), LSTM(24);
# models/keras-reference-folded the folded one (graph/InputEncoding.Folded: fold table, Hangul jamo, detail rows; d 16),
# LSTM(24), the default.
KERAS_REFERENCES = {"scalar": REPO_ROOT / "models" / "keras-reference",
                    "hashed": REPO_ROOT / "models" / "keras-reference-hashed",
                    "folded": REPO_ROOT / "models" / "keras-reference-folded"}
ENCODINGS = tuple(KERAS_REFERENCES)
UNITS = 10        # the scalar models' LSTM size (the Keras original's); hashed and folded use the Java default, 24
SEED = 17

_measurements = []


def java_executable():
    """The JDK of the Maven run (the exec plugin passes JAVA_HOME), else `java` from PATH (check.sh by hand)."""
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else "java"


def pytest_configure(config):
    config.addinivalue_line("markers", "numeric: cross-implementation numeric checks (run again with "
                                       "ONEDNN_MAX_CPU_ISA=SSE41 by mvn verify)")


def pytest_report_header(config):
    knobs = [f"{k}={os.environ[k]}" for k in ("ONEDNN_MAX_CPU_ISA", "TF_ENABLE_ONEDNN_OPTS") if k in os.environ]
    return [f"java for the jar: {java_executable()}", "oneDNN settings: " + (", ".join(knobs) or "defaults")]


def run_java(*args, stdin=None):
    """java -jar target/siamese-angular.jar ARGS; returns the CompletedProcess (stdout as text)."""
    if not JAR.is_file():
        pytest.fail(f"{JAR} not found: build it first with 'mvn package' in {REPO_ROOT}")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run([java_executable(), "-jar", str(JAR), *map(str, args)], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)


def java(*args, stdin=None):
    proc = run_java(*args, stdin=stdin)
    if proc.returncode != 0:
        pytest.fail(f"java {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc.stdout


def dev_tool(*args):
    """A developer tool (trace, bench) from the test classes, with the jar's dependencies; returns stdout."""
    if not (TEST_CLASSES / "org" / "siameseangular" / "dev").is_dir():
        pytest.fail(f"{TEST_CLASSES} holds no developer tools: build them with 'mvn package' in {REPO_ROOT}")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    cmd = [java_executable(), "-cp", f"{JAR}{os.pathsep}{TEST_CLASSES}", DEV_TOOLS, *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)
    if proc.returncode != 0:
        pytest.fail(f"{DEV_TOOLS} {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc.stdout


# What the jar supports. Each table encoding's Java side (train --encoding, WeightsReader for the table, the trace
# tool's --encoding) came on its own branch (hashed: enc10j; folded: fold10): with a jar from before it, the checks
# that need it are skipped, saying so, and run as soon as the jar has it. A jar has an encoding when the help of
# `train` (or of the trace tool) names it beside --encoding.
def needs_java(encoding, command):
    return (f"needs the Java side of the {encoding} encoding: this jar's `{command} --help` does not offer "
            f"--encoding {encoding}")


@functools.lru_cache(maxsize=None)
def _usage(*command):
    """The picocli usage text of a jar command (or of a developer tool: command starts with DEV_TOOLS)."""
    if command[0] == DEV_TOOLS:
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
        proc = subprocess.run([java_executable(), "-cp", f"{JAR}{os.pathsep}{TEST_CLASSES}", *command, "--help"],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)
    else:
        proc = run_java(*command, "--help")
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(command)} --help exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc.stdout


def _offers(usage, encoding):
    """Whether a picocli usage text offers --encoding ENC (the hashed encoding came with the option itself)."""
    return "--encoding" in usage and (encoding in ("scalar", "hashed") or encoding in usage)


def java_has(encoding):
    """Whether the jar trains models of the encoding (train --encoding; every jar trains scalar ones)."""
    return encoding == "scalar" or _offers(_usage("train"), encoding)


def require_java(encoding):
    """Skips the calling test where the jar lacks the encoding (see needs_java)."""
    if not java_has(encoding):
        pytest.skip(needs_java(encoding, "train"))


def require_trace(encoding):
    """The trace tool starts from a reference (--init-from), whose metadata gives the encoding: it needs the jar's
    reading of the encoding's models (WeightsReader), which comes with train's --encoding."""
    require_java(encoding)


def java_encoding_args(encoding):
    """train's --encoding ENC where the jar has the option; an older jar trains only the scalar encoding, with no
    option for it."""
    if "--encoding" in _usage("train"):
        return ("--encoding", encoding)
    if encoding != "scalar":
        pytest.fail(needs_java(encoding, "train"))
    return ()


@pytest.fixture(scope="session")
def report():
    """report(name, value): printed now (pytest -s) and again in the terminal summary."""
    def add(name, value):
        print(f"\n  [measured] {name}: {value}")
        _measurements.append((name, value))
    return add


def pytest_terminal_summary(terminalreporter):
    if _measurements:
        terminalreporter.section("measured numbers")
        for name, value in _measurements:
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture(scope="session")
def dataset_csv(tmp_path_factory):
    """The Java embedded English typo data set (16,000 pairs; what the Keras references were trained on) as CSV."""
    path = tmp_path_factory.mktemp("data") / "pairs.csv"
    # `dataset --set english` once the default data set is the multi-script one (enc10j); before, plain `dataset`
    # writes the same 16,000 pairs.
    java("dataset", *(("--set", "english") if "--set" in _usage("dataset") else ()), "--out", path)
    return path


@pytest.fixture(scope="session", params=ENCODINGS)
def encoding(request):
    """Each check that takes this runs once per input encoding."""
    return request.param


@pytest.fixture(scope="session")
def keras_reference(encoding):
    """The committed Keras reference export of the encoding."""
    return KERAS_REFERENCES[encoding]


# What the session's Java models are trained with: small and quick; any weights serve the interop checks as long
# as the embeddings are far from degenerate (bounds.py refuses norms below 1e-6).
JAVA_TRAINING = {"scalar": ("--units", UNITS, "--epochs", 2, "--optimizer", "sgd"),
                 "hashed": ("--units", 24, "--epochs", 1, "--optimizer", "adam"),
                 "folded": ("--units", 24, "--epochs", 1, "--optimizer", "adam")}


@pytest.fixture(scope="session")
def java_model(tmp_path_factory, dataset_csv, encoding):
    """A small Java model of the encoding, trained once for the session on the English set (batch 32)."""
    require_java(encoding)
    out = tmp_path_factory.mktemp("java") / f"model-{encoding}"
    java("train", "--data", dataset_csv, "--out", out, *java_encoding_args(encoding), *JAVA_TRAINING[encoding],
         "--batch-size", 32, "--seed", SEED, "--quiet")
    return out


@pytest.fixture(scope="session", params=("words",))
def java_pooled_model(request, tmp_path_factory, dataset_csv):
    """A small Java folded model pooled by words (train --pooling words), trained once for the session like the
    folded java_model, which pools by train's default (windows since word11; mean-bag before), so that both meet
    Python in the interop checks; add "mean-bag" to params to check it too (about 45 s more). Skipped where the
    jar's train does not take --pooling P."""
    require_java("folded")
    out = tmp_path_factory.mktemp("java") / f"model-folded-{request.param}"
    proc = run_java("train", "--data", dataset_csv, "--out", out, *java_encoding_args("folded"),
                    *JAVA_TRAINING["folded"], "--pooling", request.param, "--batch-size", 32, "--seed", SEED,
                    "--quiet")
    if proc.returncode != 0 and "--pooling" in proc.stderr:
        pytest.skip(f"this jar has no pooling {request.param}: {proc.stderr.strip()[-300:]}")
    if proc.returncode != 0:
        pytest.fail(f"train --pooling {request.param} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return out


def export_weights(model_dir):
    """{embeddings (hashed, folded), kernel, recurrent_kernel, bias} of a Java or a Keras export, and its
    metadata."""
    import tensorflow as tf

    import rebuild_keras
    import siamese_model as sm
    meta = sm.read_metadata(model_dir)
    if meta.get("producer") == "keras-reference":
        # Keras model.export: variables by name (code_point_embedding/embeddings:0, lstm/lstm_cell/kernel:0, ...).
        found = {v.name.split("/")[-1].split(":")[0]: v.numpy() for v in tf.saved_model.load(str(model_dir)).variables}
        return {k: found[k] for k in sm.weight_shapes(sm.spec_of(meta))}, meta
    return rebuild_keras.read_java_weights(str(model_dir), sm.spec_of(meta)), meta


def lstm_bounds(model_dir):
    """bounds.Lstm (float64 encoder with float32 error bounds) for the weights of a Java or Keras export."""
    import bounds
    weights, meta = export_weights(model_dir)
    return bounds.Lstm.from_weights(weights, meta), float(meta["clipEpsilon"])


def numbers_under(obj, key_filter):
    """All numeric values in a JSON tree whose key passes key_filter (for metrics of unknown layout)."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and key_filter(k):
                found.append((k, float(v)))
            elif isinstance(v, str) and key_filter(k) and v.lower() in ("nan", "infinity", "-infinity"):
                found.append((k, math.nan))
            else:
                found += numbers_under(v, key_filter)
    elif isinstance(obj, list):
        for v in obj:
            found += numbers_under(v, key_filter)
    return found


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
