#!/usr/bin/env bash
# `make canonical-table`: runs every canonical market over 30 seeds (sweep files in
# scenarios/sweeps/canonical-*.json) and prints the efficiency / Smith's alpha table of the README.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/datamarket
printf '| market | traders | CE P, Q | efficiency mean [95%% CI] | α first → last period (%%) |\n|---|---|---|---|---|\n'
for f in scenarios/sweeps/canonical-*.json; do
  name=$(basename "$f" .json)
  rm -rf "results/$name"   # a fresh folder: never resume results of an older build
  "$bin" sweep "$f" --out "results/$name" --quiet
  awk -F, -v market="${name#canonical-}" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
      printf "| %s | %s | %s, %s | %.4f [%.4f, %.4f] | %.1f → %.1f |\n", market, $col["market.strategy"],
        $col["ce_price_low_mean"], $col["ce_quantity_mean"], $col["efficiency_mean"], $col["efficiency_ci95_low"],
        $col["efficiency_ci95_high"], $col["alpha_first_period_pct_mean"], $col["alpha_last_period_pct_mean"]
    }' "results/$name/aggregate.csv"
done
