#!/usr/bin/env bash
# Opens a training report in headless Chromium and checks that it renders without errors (issue: the report
# must open offline). Not part of the default test run (it installs Debian's chromium when missing):
#   .ci/check-report.sh [models/siamese-lstm/report.html]
set -euo pipefail
cd "$(dirname "$0")/.."
report="$(realpath "${1:-models/siamese-lstm/report.html}")"
[[ -f "$report" ]] || { echo "check-report: $report not found; run the README's first command first" >&2; exit 2; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "check-report: installing Debian's chromium"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --enable-logging=stderr --v=0)

# 1. The DOM as Chromium built it: the title, the four charts as data: images, and the tables must be there.
chromium "${flags[@]}" --dump-dom "file://$report" > "$work/dom.html" 2> "$work/dom.err"
grep -q "<title>" "$work/dom.html" || { echo "check-report: no <title> in the rendered DOM" >&2; exit 1; }
images=$(grep -o '<img[^>]*src="data:image/png;base64,' "$work/dom.html" | wc -l)
[[ $images -ge 2 ]] || { echo "check-report: expected the charts as data: images, found $images" >&2; exit 1; }
# 2. Nothing the page asked for failed to load (it asks for nothing: everything is inline).
if grep -E "Failed to load resource|ERR_FILE_NOT_FOUND|Refused to|Uncaught" "$work/dom.err"; then
  echo "check-report: Chromium reported errors while loading the report (above)" >&2
  exit 1
fi
# 3. A screenshot that is a real picture, not a blank page.
chromium "${flags[@]}" --window-size=1200,2400 --screenshot="$work/shot.png" "file://$report" 2>/dev/null
size=$(stat -c %s "$work/shot.png")
[[ $size -gt 50000 ]] || { echo "check-report: the screenshot is only $size bytes" >&2; exit 1; }
cp "$work/shot.png" "${2:-/tmp/report-screenshot.png}"
echo "check-report: $report rendered in headless Chromium: $images charts, no load errors, screenshot $size bytes"
