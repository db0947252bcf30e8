"""benchmark.py's batch-scoring figures read from one run's raw timings (no TensorFlow, no Java needed)."""
import pytest

import benchmark


def serve(seconds, batch=1024, calls=200, cpu=(2.0,)):
    return dict(batch=batch, batchCalls=calls, batchCallSeconds=seconds, batchCpuSeconds=list(cpu))


def test_short_form_is_calls_21_to_120_as_five_repetitions_of_twenty():
    # Calls 1-20 (the short form's warm-up) take 1 s each, then repetition k's twenty calls take k/100 s each:
    # the warm-up must not count, and each repetition must be its own twenty calls.
    seconds = [1.0] * 20 + [k / 100 for k in range(1, 6) for _ in range(20)] + [9.0] * 50
    assert benchmark.short_form(serve(seconds)) == pytest.approx([1024 * 20 / (20 * k / 100) for k in range(1, 6)])


def test_short_form_of_a_run_shorter_than_120_calls_is_none():
    assert benchmark.short_form(serve([0.01] * 119)) is None


def test_pairs_per_cpu_second_counts_the_timed_calls_of_each_repetition():
    assert benchmark.per_cpu_second(serve([], batch=1024, calls=200, cpu=(2.0, 4.0))) == [102_400, 51_200]
