#!/usr/bin/env bash
# Rewrites the golden folders results/canonical/<name>/ from scenarios/canonical/<name>.json with
# the debug binary (`swift build` first). Pass names to regenerate only those (default: the data
# market's, dm-*). Review `git diff --stat results/canonical` and say in the commit why they changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/debug/datamarket
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in scenarios/canonical/dm-*.json; do names+=("$(basename "$f" .json)"); done
fi
for n in "${names[@]}"; do
  rm -rf "results/canonical/$n"
  "$bin" run "scenarios/canonical/$n.json" --trades --quiet --out "results/canonical/$n"
  rm -f "results/canonical/$n/run.json" "results/canonical/$n/.datamarket"
done
