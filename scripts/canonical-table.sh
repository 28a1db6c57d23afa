#!/usr/bin/env bash
# `make canonical-table`: runs every canonical market over 30 seeds (sweep files in
# scenarios/sweeps/canonical-*.json) and prints the README's table: ours — efficiency mean with its
# Student-t 95% CI, the mean price of the last period, Smith's α in the first and last period, and
# (Cliff's markets) the period from which the mean price stays within ±5% of its target (P₀ = 200
# for ZIP, Cliff's predicted mean price for ZI-C) — next to what the papers report.
# Per-period prices come from re-running each sweep run (same seed, same overrides) with `run`.
# BIN=path overrides the binary (default the release build); SWEEPS="file …" the sweep files.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release/datamarket}

# What the papers report, per sweep and strategy: Gode & Sunder (1993) Table 2; Cliff (1997).
paper() {
  case "$1/$2" in
    gs1/zic) echo "Table 2 ZI-C 99.9" ;; gs1/ziu) echo "Table 2 ZI-U 90.0" ;;
    gs2/zic) echo "Table 2 ZI-C 99.2" ;; gs2/ziu) echo "Table 2 ZI-U 90.0" ;;
    gs3/zic) echo "Table 2 ZI-C 99.0" ;; gs3/ziu) echo "Table 2 ZI-U 76.7" ;;
    gs4/zic) echo "Table 2 ZI-C 98.2" ;; gs4/ziu) echo "Table 2 ZI-U 48.8" ;;
    gs5/zic) echo "Table 2 ZI-C 97.1" ;; gs5/ziu) echo "Table 2 ZI-U 86.0" ;;
    smith1962/zip) echo "ZIP converges to 200 (Cliff 1997)" ;;
    cliff-symmetric/zip | cliff-flat-supply/zip) echo "ZIP → 200 typically within the first 4 days; efficiency often ≈ 100%" ;;
    cliff-excess-demand/zip | cliff-excess-supply/zip) echo "ZIP → 200 from below, more slowly; efficiency often ≈ 100%" ;;
    cliff-symmetric/zic) echo "ZI-C mean price 200 (predicted)" ;;
    cliff-flat-supply/zic) echo "ZI-C mean price 233⅓ (predicted)" ;;
    cliff-excess-demand/zic) echo "ZI-C mean price 125 (predicted)" ;;
    cliff-excess-supply/zic) echo "ZI-C mean price 260 (predicted)" ;;
    *) echo "" ;;
  esac
}
# The price a Cliff market's mean price should settle at: P₀ for ZIP, Cliff's prediction for ZI-C.
target() {
  case "$1/$2" in
    cliff-*/zip | cliff-symmetric/zic) echo 200 ;;
    cliff-flat-supply/zic) echo 233.3333 ;;
    cliff-excess-demand/zic) echo 125 ;;
    cliff-excess-supply/zic) echo 260 ;;
    *) echo "" ;;
  esac
}

# Re-runs every row of a sweep's runs.csv (its seed and parameter values) and appends
# "point,period,trades,mean_price" for each period to $2.
period_prices() {
  local sweep=$1 out=$2 base tmp
  base="scenarios/sweeps/$(sed -n 's/^ *base: *"\([^"]*\)".*/\1/p' "scenarios/sweeps/$(basename "$sweep").json")"
  tmp=$(mktemp -d)
  awk -F, 'NR == 1 { for (i = 4; i <= NF; i++) if ($i ~ /\./) keys[i] = $i; next }
    { line = $1 " " $3; for (i in keys) line = line " --set " keys[i] "=" $i; print line }' "$sweep/runs.csv" |
  while read -r point seed sets; do
    # shellcheck disable=SC2086  # $sets holds "--set key=value" words
    "$bin" run "$base" --seed "$seed" $sets --out "$tmp/run" --quiet
    awk -F, -v point="$point" 'NR > 1 { print point "," $1 "," $3 "," $4 }' "$tmp/run/periods.csv" >>"$out"
  done
  rm -rf "$tmp"
}

printf '| market | traders | CE P₀, Q₀ | efficiency mean [95%% CI] | mean price, last period | α first → last (%%) | within ±5%% of target from period | reported |\n'
printf '|---|---|---|---|---|---|---|---|\n'
# Gode & Sunder's markets first, then the others (Cliff's, Smith's) in name order.
all=$(ls scenarios/sweeps/canonical-gs*.json; ls scenarios/sweeps/canonical-*.json | grep -v '/canonical-gs')
for f in ${SWEEPS:-$all}; do
  name=$(basename "$f" .json)
  market=${name#canonical-}
  rm -rf "results/$name"   # a fresh folder: never resume results of an older build
  "$bin" sweep "$f" --out "results/$name" --quiet
  prices="results/$name/period-prices.csv"
  period_prices "results/$name" "$prices"
  # One table row per sweep point (aggregate.csv), its per-period prices averaged over the seeds.
  awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { print $col["point"], $col["market.strategy"], $col["ce_price_low_mean"], $col["ce_price_high_mean"], $col["ce_quantity_mean"],
        $col["efficiency_mean"], $col["efficiency_ci95_low"], $col["efficiency_ci95_high"],
        $col["alpha_first_period_pct_mean"], $col["alpha_last_period_pct_mean"] }' "results/$name/aggregate.csv" |
  while read -r point strategy plow phigh q eff lo hi a1 a2; do
    awk -F, -v point="$point" -v target="$(target "$market" "$strategy")" -v market="$market" -v strategy="$strategy" \
        -v plow="$plow" -v phigh="$phigh" -v q="$q" -v eff="$eff" -v lo="$lo" -v hi="$hi" -v a1="$a1" -v a2="$a2" \
        -v paper="$(paper "$market" "$strategy")" '
      $1 == point && $3 > 0 { sum[$2] += $4; n[$2]++; if ($2 > last) last = $2 }
      END {
        from = "—"
        if (target == "") from = ""
        else for (p = last; p >= 1 && n[p] > 0 && (sum[p] / n[p] - target) ^ 2 <= (0.05 * target) ^ 2; p--) from = p
        ce = (plow == phigh) ? sprintf("%g", plow) : sprintf("%g–%g", plow, phigh)
        ci = (lo == hi) ? "(every seed)" : sprintf("[%.1f, %.1f]", 100 * lo, 100 * hi)
        who = strategy == "zic" ? "ZI-C" : strategy == "ziu" ? "ZI-U" : toupper(strategy)
        printf "| %s | %s | %s, %g | %.1f%% %s | %.1f | %.1f → %.1f | %s | %s |\n", market, who, ce, q,
          100 * eff, ci, (n[last] > 0 ? sum[last] / n[last] : 0), a1, a2, from, paper
      }' "$prices"
  done
done
