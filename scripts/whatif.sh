#!/usr/bin/env bash
# `make whatif`: runs the what-if sweeps W1–W6, the cross runs and M3's versioning (scenarios/whatif/, 40 seeds
# each, common random numbers) and prints each effect against its reference point with a paired
# 95% CI, for the metrics each sweep file names on its first line (`// metrics: …`).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/datamarket
for f in ${WHATIF:-scenarios/whatif/*.json}; do
  name=$(basename "$f" .json)
  metrics=$(sed -n '1s|^// metrics: ||p' "$f")
  rm -rf "results/whatif/$name"   # a fresh folder: never resume results of an older build
  "$bin" sweep "$f" --out "results/whatif/$name" --quiet
  echo
  echo "### $name"
  echo
  # the reference's point number (a reference equal to a design point is that point, run once)
  ref=$(sed -n 's/^  "reference": \([0-9]*\),$/\1/p' "results/whatif/$name/sweep.json")
  awk -v metrics="$metrics" -v ref="$ref" '
    # split one RFC 4180 record into f[1..nf] (quoted fields may hold commas)
    function splitcsv(line,    i, c, q, cur) {
      nf = 0; cur = ""; q = 0
      for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0 } else cur = cur c }
        else if (c == "\"") q = 1
        else if (c == ",") { f[++nf] = cur; cur = "" }
        else cur = cur c
      }
      f[++nf] = cur
    }
    { splitcsv($0) }
    NR == 1 { for (i = 1; i <= nf; i++) col[f[i]] = i; n = split(metrics, m, " ")
              printf "| point |"; for (k = 1; k <= n; k++) printf " %s |", m[k]; printf "\n|---|"; for (k = 1; k <= n; k++) printf "---|"; printf "\n"; next }
    {
      label = ""; for (i = 2; i < col["runs"]; i++) label = label (label == "" ? "" : ", ") f[i]
      printf "| %s |", label
      for (k = 1; k <= n; k++) {
        mean = f[col[m[k] "_mean"]]; d = f[col[m[k] "_diff_mean"]]; lo = f[col[m[k] "_diff_ci95_low"]]; hi = f[col[m[k] "_diff_ci95_high"]]
        if (f[1] == ref) printf " %.4g (reference) |", mean
        else printf " %.4g (Δ %+.3g [%+.3g, %+.3g]) |", mean, d, lo, hi
      }
      printf "\n"
    }' "results/whatif/$name/aggregate.csv"
done
