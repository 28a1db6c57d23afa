#!/usr/bin/env bash
# `make report-check`: renders five reports in headless Chromium — the baseline data market, a
# double auction, a sweep, a calibration and a Sobol sensitivity analysis — and fails on a page the browser cannot parse, a blank screenshot,
# or fewer charts than the page must have. Installs Chromium from Debian's packages if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/datamarket
out=results/report-check
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "report-check: installing chromium (Debian package)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi
mkdir -p "$out"
"$bin" run scenarios/baseline.json --out "$out/baseline" --report --quiet --force
"$bin" run scenarios/canonical/gs1.json --trades --out "$out/gs1" --report --quiet --force
"$bin" sweep scenarios/sweeps/zi-strategies.json --out "$out/zi-strategies" --report --quiet --force
"$bin" calibrate scenarios/calibration/mm1-recovery.json5 --out "$out/mm1-recovery" --quiet --force
"$bin" report "$out/mm1-recovery" >/dev/null
"$bin" sweep scenarios/testfunctions/ishigami-sobol.json --out "$out/ishigami-sobol" --quiet --force
"$bin" analyze "$out/ishigami-sobol" >/dev/null
"$bin" report "$out/ishigami-sobol" >/dev/null
fail=0
check() {  # page, minimum number of charts
  local page=$1 want=$2 png=${1%.html}.png
  local dom
  dom=$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$PWD/$page" 2>/dev/null)
  if grep -q "This page contains the following errors" <<<"$dom"; then echo "report-check: $page does not parse"; fail=1; return; fi
  local charts
  charts=$(grep -o '<svg' <<<"$dom" | wc -l)
  if [ "$charts" -lt "$want" ]; then echo "report-check: $page has $charts charts, expected at least $want"; fail=1; fi
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,2400 \
    --screenshot="$PWD/$png" "file://$PWD/$page" >/dev/null 2>&1
  local size
  size=$(stat -c %s "$png" 2>/dev/null || echo 0)
  # a blank 1400×2400 page compresses to a few kilobytes; charts and tables make it far larger
  if [ "$size" -lt 40000 ]; then echo "report-check: $png looks blank ($size bytes)"; fail=1; fi
  echo "report-check: $page: $charts charts, screenshot $png ($size bytes)"
}
check "$out/baseline/report.html" 8
check "$out/gs1/report.html" 3
check "$out/zi-strategies/report.html" 2
check "$out/mm1-recovery/report.html" 3
check "$out/ishigami-sobol/report.html" 1
exit $fail
