#!/usr/bin/env bash
# Python interop checks: creates python-export/.venv from requirements.lock (every package pinned, with hashes;
# made again whenever the lock changes) and runs pytest against the Java jar, which `mvn package` must have built
# first. Arguments go to pytest (e.g. `-m numeric`). Works from any cwd. The tests run the jar with
# $JAVA_HOME/bin/java (Maven passes the JDK it runs on), or with `java` from PATH when JAVA_HOME is unset.
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
exec "$venv/bin/python" -m pytest -v -s -p no:cacheprovider "$here/tests" "$@"
