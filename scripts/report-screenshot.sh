#!/usr/bin/env bash
# Takes a screenshot of a Planesearch report in headless Chromium: the picture in docs/report-example.png.
#
#   scripts/report-screenshot.sh [REPORT_DIR [OUT.png]]
#
# REPORT_DIR  a folder written by 'planesearch report' or 'planesearch train --report' (holds index.html).
#             Without it, the script first trains four methods on the bundled digits data (a 64-32-10
#             tanh network, 150 iterations, 20% held out for test metrics every 5 iterations) and builds
#             their comparison report in a temporary folder: the example in docs/.
# OUT.png     where the screenshot goes (default: docs/report-example.png).
#
# Needs a build (mvn -q -DskipTests package) and Chromium (Debian: apt-get install chromium).
#   CHROMIUM      the browser's binary (default: chromium, chromium-browser or google-chrome on the PATH)
#   WIDTH, HEIGHT the browser window, in pixels (default 1400 x 2600: the whole example page)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$here/docs/report-example.png}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$chromium" ]; then
  echo "report-screenshot: no Chromium found; install it (Debian: apt-get install chromium) or set CHROMIUM" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
  report="$1"
  if [ ! -f "$report/index.html" ]; then
    echo "report-screenshot: $report has no index.html (give a folder written by 'planesearch report')" >&2
    exit 2
  fi
else
  runs=()
  for method in gd+ps:per-layer gd+ps gd+lo adam+lo; do
    run="${method//[+:]/-}"
    echo "training $method ..." >&2
    (cd "$work" && "$here/bin/planesearch" train --data digits --standardize --model mlp --hidden 32 --method "$method" \
      --test-fraction 0.2 --test-every 5 --max-iter 150 --threads 1 --out "$run" --quiet)
    runs+=("$run")
  done
  report="$work/report"
  (cd "$work" && "$here/bin/planesearch" report "${runs[@]}" --f-star best \
    --title "Four methods on digits (a 64-32-10 tanh network, 150 iterations)" --out report)
fi

page="$(cd "$report" && pwd)/index.html"
mkdir -p "$(dirname "$out")"
"$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size="${WIDTH:-1400},${HEIGHT:-2600}" --screenshot="$out" \
  "file://$page" 2>/dev/null
echo "wrote $out" >&2
