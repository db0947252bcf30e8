#!/usr/bin/env bash
# Python interop checks: creates python-export/.venv from requirements.lock (every package pinned, with hashes;
# made again whenever the lock changes) and runs pytest against the Java jar, which `mvn package` must have built
# first. Arguments go to pytest (e.g. `-m numeric`). Works from any cwd. The tests run the jar with
# $JAVA_HOME/bin/java (Maven passes the JDK it runs on), or with `java` from PATH when JAVA_HOME is unset.
#
# `check.sh --numeric-isa ISA [ARGS]` (what `mvn verify` runs) also runs the numeric tests again with
# ONEDNN_MAX_CPU_ISA=ISA (`pytest -m numeric`), alongside the first run rather than after it: a run alone leaves
# a second core idle much of the time (JVM start-ups, single-threaded Python and Keras steps), so on 2 cores the
# two together take far less than one after the other. The second run has its own temporary directory and its own
# log, printed when both are done; the script fails when either run fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
lock="$here/requirements.lock"
jar="$root/target/siamese-angular.jar"

if [[ ! -f "$jar" ]]; then
  echo "check.sh: $jar not found; build it first with 'mvn package' in $root" >&2
  exit 2
fi

want="$(sha256sum "$lock" | cut -d' ' -f1)"
have="$(cat "$venv/.requirements.sha256" 2>/dev/null || true)"
if [[ "$want" != "$have" ]]; then
  echo "check.sh: creating $venv from requirements.lock"
  rm -rf "$venv"
  python3 -m venv "$venv"
  # --require-hashes: every file must match the lock's hashes; --no-deps: the lock already lists every package.
  if ! "$venv/bin/python" -m pip install --disable-pip-version-check -q --require-hashes --no-deps -r "$lock"; then
    echo "check.sh: pip install -r $lock failed" >&2
    rm -rf "$venv"
    exit 1
  fi
  echo "$want" > "$venv/.requirements.sha256"
fi

export TF_CPP_MIN_LOG_LEVEL=2
cd "$root"
pytest=("$venv/bin/python" -m pytest -v -s -p no:cacheprovider "$here/tests")
if [[ "${1:-}" != "--numeric-isa" ]]; then
  exec "${pytest[@]}" "$@"
fi
if [[ $# -lt 2 || -z "$2" ]]; then
  echo "check.sh: --numeric-isa needs a oneDNN ISA name (e.g. SSE41)" >&2
  exit 2
fi
isa="$2"
shift 2
log="$root/target/pytest-numeric-$isa.log"
ONEDNN_MAX_CPU_ISA="$isa" "${pytest[@]}" --basetemp "$root/target/pytest-numeric-$isa" -m numeric "$@" \
  > "$log" 2>&1 &
rerun=$!
# The rerun is this script's child: it does not outlive an interrupted first run.
trap 'kill "$rerun" 2> /dev/null || true' EXIT
status=0
"${pytest[@]}" "$@" || status=$?
rerun_status=0
wait "$rerun" || rerun_status=$?
trap - EXIT
echo
echo "check.sh: the numeric tests again with ONEDNN_MAX_CPU_ISA=$isa (run alongside the run above; $log):"
cat "$log"
if [[ $status -ne 0 || $rerun_status -ne 0 ]]; then
  echo "check.sh: pytest exited $status; pytest -m numeric with ONEDNN_MAX_CPU_ISA=$isa exited $rerun_status" >&2
  exit 1
fi
