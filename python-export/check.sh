#!/usr/bin/env bash
# Python interop checks: creates python-export/.venv from requirements.txt (again when it changes) and runs
# the pytest suite against the Java jar, which `mvn package` must have built first. Works from any cwd.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
jar="$root/target/siamese-angular.jar"

if [[ ! -f "$jar" ]]; then
  echo "check.sh: $jar not found; build it first with 'mvn package' in $root" >&2
  exit 2
fi

want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
have="$(cat "$venv/.requirements.sha256" 2>/dev/null || true)"
if [[ "$want" != "$have" ]]; then
  echo "check.sh: creating $venv from requirements.txt"
  rm -rf "$venv"
  python3 -m venv "$venv"
  if ! "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$here/requirements.txt"; then
    echo "check.sh: pip install -r $here/requirements.txt failed" >&2
    rm -rf "$venv"
    exit 1
  fi
  echo "$want" > "$venv/.requirements.sha256"
fi

export TF_CPP_MIN_LOG_LEVEL=2
cd "$root"
exec "$venv/bin/python" -m pytest -v -s -p no:cacheprovider "$here/tests" "$@"
