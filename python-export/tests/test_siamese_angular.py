"""The Python helper (siamese_angular.py): encode, load, and the README's "Use from Python" snippet as written."""
import re
import subprocess
import sys

import numpy as np
import pytest

import bounds
import siamese_angular as sa
from conftest import KERAS_REFERENCES, REPO_ROOT, lstm_bounds, read_json

KERAS_REFERENCE = KERAS_REFERENCES["scalar"]  # models/keras-reference: code points scaled, LSTM(10)


def test_encode_pads_code_points_with_zero_to_the_longest():
    batch = sa.encode(["ab", "c", ""])
    assert batch.dtype == np.float32 and batch.shape == (3, 2, 1)
    assert batch[:, :, 0].tolist() == [[97, 98], [99, 0], [0, 0]]


def test_encode_counts_code_points_not_utf16_units():
    assert sa.encode(["a\U0001F600"], np.int32, channel=False).tolist() == [[97, 0x1F600]]


def test_encode_refuses_the_padding_value_inside_text():
    with pytest.raises(ValueError, match="U\\+0000"):
        sa.encode(["a\0b"])


def test_encode_of_nothing_is_one_padding_step():
    assert sa.encode([]).shape == (0, 1, 1)


@pytest.mark.numeric
def test_loaded_model_reproduces_the_keras_golden_distances(report):
    golden = read_json(KERAS_REFERENCE / "golden.json")["pairs"]
    model = sa.load(KERAS_REFERENCE)
    got = model([p["left"] for p in golden], [p["right"] for p in golden])
    assert got.shape == (len(golden),)
    lstm, clip = lstm_bounds(KERAS_REFERENCE)
    texts = [(p["left"], p["right"]) for p in golden]
    result = bounds.compare([p["distance"] for p in golden], got, bounds.pair_envelopes(lstm, texts, clip), texts)
    report("siamese_angular.load(models/keras-reference) vs golden.json", result.summary())
    assert not result.violations, "\n".join(result.violations)


def test_one_pair_gives_a_float_the_same_as_in_a_list():
    model = sa.load(KERAS_REFERENCE)
    one = model("colour", "color")
    assert isinstance(one, float) and 0 <= one <= 1
    # The same single pair, run alone: the same graph on the same input.
    assert one == float(model(["colour"], ["color"])[0])


def test_embed_gives_one_row_of_units_per_text():
    model = sa.load(KERAS_REFERENCE)
    units = read_json(KERAS_REFERENCE / "siamese-angular.json")["units"]
    assert model.embed(["colour", "a"]).shape == (2, units)


def test_unknown_input_names_are_refused_with_the_names_found():
    with pytest.raises(ValueError, match="'left'"):
        sa.load(KERAS_REFERENCE, left="query")


def test_readme_use_from_python_snippet_runs_as_written():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert 0 < float(lines[0]) < 1
    assert "(1, 10)" in proc.stdout
