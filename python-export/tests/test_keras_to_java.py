"""Keras -> Java, shown in the test command's output: the Java CLI scores the committed Keras export
(models/keras-reference/, written by reference.py with Keras 3 model.export) and reproduces golden.json.
The JUnit KerasReferenceTest asserts the same (and the embeddings) without Python; this prints the numbers."""
import math

from conftest import KERAS_REFERENCE, java, read_json

# Below distance 0.01, acos is ill-conditioned in float32 (one ulp of the cosine moves the distance ~1e-5),
# so there the cosines are compared; see python-export/README.md, "Sensitivity near distance 0".
NEAR_ZERO = 0.01


def test_java_score_reproduces_keras_golden_distances(report):
    # The stdin format is left<TAB>right lines: pairs holding a tab or line break are left to the JUnit test.
    golden = [p for p in read_json(KERAS_REFERENCE / "golden.json")["pairs"]
              if not any(c in p["left"] + p["right"] for c in "\t\r\n")]
    stdin = "".join(f"{p['left']}\t{p['right']}\n" for p in golden)
    got = [float(line) for line in java("score", "--model", KERAS_REFERENCE, stdin=stdin).splitlines()]
    assert len(got) == len(golden)
    far = [abs(g - p["distance"]) for g, p in zip(got, golden) if p["distance"] >= NEAR_ZERO]
    near = [abs(math.cos(math.pi * g) - math.cos(math.pi * p["distance"]))
            for g, p in zip(got, golden) if p["distance"] < NEAR_ZERO]
    report(f"Keras -> Java: Java score on models/keras-reference vs Keras golden.json, {len(far)} pairs "
           f"(distance >= {NEAR_ZERO}): max |distance diff|", max(far))
    report(f"Keras -> Java: {len(near)} near-identical pairs: max |cosine diff|", max(near) if near else 0.0)
    assert max(far) <= 1e-5
    assert not near or max(near) <= 2.4e-7
