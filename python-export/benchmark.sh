#!/usr/bin/env bash
# The Java vs Keras benchmark: makes sure the jar and python-export/.venv exist, then runs benchmark.py, which
# writes BENCHMARKS.md (its bench section) and benchmarks.json at the repository root.
#   python-export/benchmark.sh [--quick]                                  (scalar encoding, units 10 and 32)
#   python-export/benchmark.sh --encoding folded --units 24 [--quick]    (the default model: section bench-folded,
#                                                                          benchmarks-folded.json)
#   python-export/benchmark.sh --encoding folded --units 24 --serve-only 3
#       (batch-1024 scoring only, Java and SavedModel alternated 3 times: benchmarks-serve-folded.json)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
# The jar, and the test classes that hold the `bench` developer tool (compiled by `package` even with -DskipTests).
if [[ ! -f "$root/target/siamese-angular.jar" || ! -d "$root/target/test-classes/org/siameseangular/dev" ]]; then
  (cd "$root" && mvn -B -q package -DskipTests)
fi
if [[ ! -x "$here/.venv/bin/python" ]]; then
  bash "$here/check.sh" --co -q >/dev/null   # creates the venv from requirements.lock, collects tests only
fi
export TF_CPP_MIN_LOG_LEVEL=2
exec "$here/.venv/bin/python" "$here/benchmark.py" "$@"
