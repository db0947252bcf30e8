#!/usr/bin/env bash
# The find-matches benchmark (issue 11): 10,000 noisy queries against 1,000,000 generated names through the
# `match` command exactly as a user runs it, timed whole with /usr/bin/time; then recall against --exact on the
# saved index, the same queries against the saved index, single-query latency, index size, peak RSS, and
# brute-force normalised Damerau-Levenshtein on a sample. Writes the BENCHMARKS.md section between
# <!-- match:start --> and <!-- match:end --> and benchmarks-match.json at the repository root.
#
#   .ci/match-benchmark.sh [--model DIR] [--candidates N] [--queries N] [--recall-queries N] [--edit-sample N]
#                          [--cores N] [--work DIR] [--note TEXT] [--match-args "ARGS"] [--no-write] [--quick]
#
# --model: default models/siamese-lstm, trained with the README's `train` command when missing.
# --cores: the command runs on this many cores (taskset), default 2, the project's target machine.
# --match-args: extra options for the measured `match` command, e.g. "--hnsw-ef-construction 48 --ef 200".
# --quick: 100,000 candidates and 2,048 queries, to try the script (about a minute).
# --no-write: print the JSON but leave BENCHMARKS.md and benchmarks-match.json alone.
# Needs about 3 GiB of memory and, on 2 idle cores, about 5 minutes (plus ~2 for the edit-distance sample).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

model=models/siamese-lstm
candidates=1000000
queries=10000
recall_queries=2048
edit_sample=100
cores=2
work=target/match-benchmark
note="The machine was shared with other jobs during the run unless this says otherwise: wall times are upper bounds."
match_args=""
write=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --candidates) candidates="$2"; shift 2 ;;
    --queries) queries="$2"; shift 2 ;;
    --recall-queries) recall_queries="$2"; shift 2 ;;
    --edit-sample) edit_sample="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    --match-args) match_args="$2"; shift 2 ;;
    --no-write) write=0; shift ;;
    --quick) candidates=100000; queries=2048; recall_queries=512; edit_sample=20; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(( recall_queries > queries )) && recall_queries=$queries

# The jar, and the test classes that hold the match-data / match-report developer tools.
if [[ ! -f target/siamese-angular.jar || ! -f target/test-classes/org/siameseangular/dev/MatchReportCommand.class ]]; then
  mvn -B -q package -DskipTests
fi
export TF_CPP_MIN_LOG_LEVEL=2   # set before the JVM starts, so that `match` runs in one JVM (no relaunch)
if [[ ! -f "$model/saved_model.pb" ]]; then
  echo "match-benchmark: training the default model into $model" >&2
  java -jar target/siamese-angular.jar train --quiet --out "$model"
fi
command -v /usr/bin/time >/dev/null || { echo "match-benchmark: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
pin=()
if command -v taskset >/dev/null && (( $(nproc) > cores )); then
  pin=(taskset -c "0-$((cores - 1))")
fi
devtools=(java -cp "target/siamese-angular.jar:target/test-classes" org.siameseangular.dev.DevTools)

mkdir -p "$work"
rm -rf "$work/index"
"${devtools[@]}" match-data --out "$work" --candidates "$candidates" --queries "$queries"
head -n "$recall_queries" "$work/queries.txt" > "$work/recall-queries.txt"
load_before=$(cut -d' ' -f1 /proc/loadavg)

jar=target/siamese-angular.jar
shown="java -jar $jar match --model $model --candidates candidates.txt --queries queries.txt --save-index index${match_args:+ $match_args} > pipeline.tsv"
echo "match-benchmark: $shown" >&2
# shellcheck disable=SC2086  # match_args is a list of options
/usr/bin/time -v -o "$work/pipeline.time" "${pin[@]}" java -jar "$jar" match --model "$model" \
  --candidates "$work/candidates.txt" --queries "$work/queries.txt" --save-index "$work/index" $match_args \
  > "$work/pipeline.tsv" 2> "$work/pipeline.err"
cat "$work/pipeline.err" >&2

echo "match-benchmark: --exact on the saved index, $recall_queries queries" >&2
# shellcheck disable=SC2086
/usr/bin/time -v -o "$work/exact.time" "${pin[@]}" java -jar "$jar" match --model "$model" \
  --index "$work/index" --exact --queries "$work/recall-queries.txt" $match_args \
  > "$work/exact.tsv" 2> "$work/exact.err"
echo "match-benchmark: all queries on the saved index" >&2
# shellcheck disable=SC2086
/usr/bin/time -v -o "$work/loaded.time" "${pin[@]}" java -jar "$jar" match --model "$model" \
  --index "$work/index" --queries "$work/queries.txt" $match_args > /dev/null 2> "$work/loaded.err"

report=(--work "$work" --model "$model" --recall-queries "$recall_queries" --edit-sample "$edit_sample"
  --cores "$cores" --command "$shown" --note "$note" --load-before "$load_before")
if (( write )); then
  report+=(--json benchmarks-match.json --markdown BENCHMARKS.md)
fi
"${pin[@]}" "${devtools[@]}" match-report "${report[@]}"
