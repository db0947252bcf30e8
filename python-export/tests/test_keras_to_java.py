"""Keras -> Java, shown in the test command's output: the Java CLI scores each committed Keras export
(models/keras-reference, scalar; models/keras-reference-hashed; written by reference.py with Keras 3
ExportArchive) and reproduces its golden.json. The JUnit KerasReferenceTest asserts the same (and the embeddings)
without Python for the scalar one; this prints the numbers."""
import numpy as np
import pytest

import bounds
from conftest import java, lstm_bounds, read_json

pytestmark = pytest.mark.numeric


def test_java_score_reproduces_keras_golden_distances(keras_reference, report):
    # Java scores through the SavedModel's serving_default signature alone (SimilarityModel), whatever the encoding
    # inside the graph. The stdin format is left<TAB>right lines: pairs holding a tab or line break are left to the
    # JUnit test.
    golden = [p for p in read_json(keras_reference / "golden.json")["pairs"]
              if not any(c in p["left"] + p["right"] for c in "\t\r\n")]
    stdin = "".join(f"{p['left']}\t{p['right']}\n" for p in golden)
    # Java prints the shortest decimal that identifies its float32; np.float32 recovers that float exactly.
    got = [float(np.float32(line)) for line in java("score", "--model", keras_reference, stdin=stdin).splitlines()]
    assert len(got) == len(golden)
    lstm, clip = lstm_bounds(keras_reference)
    texts = [(p["left"], p["right"]) for p in golden]
    # Keras (golden.json) and Java (BlockLSTMV2) are two float32 implementations: bounds.py's Envelopes; distances
    # compared from bounds.NEAR_ZERO up, cos(pi d) below.
    result = bounds.compare([p["distance"] for p in golden], got, bounds.pair_envelopes(lstm, texts, clip), texts)
    report(f"Keras -> Java: Java score on models/{keras_reference.name} vs Keras golden.json", result.summary())
    assert not result.violations, "\n".join(result.violations)
