#!/usr/bin/env bash
# `make bench-anchored`: the national data-market benchmark (`datamarket bench market`, the
# `market,national` row: CPU ns per buyer arrival) beside a pinned reference build, the two run
# alternately on this machine, so that the figure can be read at a known machine speed.
#
# Why: this benchmark reads hundreds of megabytes at random, and the shared machine's speed for
# it drifts by half from day to day (the reference build measured 2.82 µs per arrival on
# 2026-12-03 and 4.4 µs on 2026-12-04, unchanged). One day's absolute figure says little; the
# ratio to the reference run beside it carries over. The reference is commit 93d8376, the build
# that measured 2.82 µs (median of 3, `bench market --repeat 3`, 2026-12-03); its source is
# exported from this repository's history into .bench-anchor/ (not committed) and built once.
#
# Each round runs both builds once, in alternating order (drift within a round then biases
# neither); the script prints each build's median, the median of the per-round ratios
# current / reference, and that ratio times 2,820 ns: the current build's figure at the
# reference day's machine speed.
#
# Usage: scripts/bench-market-anchored.sh [ROUNDS (default 7)] [REFERENCE COMMIT] [ITS NS PER ARRIVAL]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
ref=${2:-93d8376}
refNs=${3:-2820}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "error: ROUNDS is '$rounds'; expected a whole number ≥ 1" >&2; exit 2; }
[[ "$refNs" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: the reference's ns per arrival is '$refNs'; expected a positive number" >&2; exit 2; }
sha=$(git rev-parse --verify --quiet "$ref^{commit}") || { echo "error: commit $ref is not in this clone's history (a shallow clone? git fetch --unshallow)" >&2; exit 2; }
dir=.bench-anchor/$sha   # the full hash: a directory name whatever the reference was called
refBin=$dir/.build/release/datamarket
bin=.build/release/datamarket

if [ ! -x "$refBin" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  git archive "$sha" | tar -x -C "$dir"
  echo "building the reference $ref in $dir (release; a few minutes)" >&2
  (cd "$dir" && swift build -c release --product datamarket >&2)
fi
[ -x "$bin" ] || { echo "error: $bin is missing; run make release" >&2; exit 2; }

nsPerArrival() { "$1" bench market --csv | awk -F, '$1 == "market" && $2 == "national" { print $7 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

refs=(); ours=(); ratios=()
for i in $(seq "$rounds"); do
  if [ $((i % 2)) -eq 1 ]; then r=$(nsPerArrival "$refBin"); o=$(nsPerArrival "$bin")
  else o=$(nsPerArrival "$bin"); r=$(nsPerArrival "$refBin"); fi
  refs+=("$r"); ours+=("$o"); ratios+=("$(awk -v o="$o" -v r="$r" 'BEGIN { printf "%.4f", o / r }')")
  printf 'round %d: reference %s ns, current %s ns, ratio %s\n' "$i" "$r" "$o" "${ratios[-1]}"
done
ratio=$(median "${ratios[@]}")
printf 'reference %s: median %s ns per arrival (%s rounds; %s ns on 2026-12-03)\n' "$ref" "$(median "${refs[@]}")" "$rounds" "$refNs"
printf 'current:      median %s ns per arrival\n' "$(median "${ours[@]}")"
printf 'ratio current / reference: median %s (%s .. %s)\n' "$ratio" "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)"
awk -v q="$ratio" -v n="$refNs" 'BEGIN { printf "current at the reference day'"'"'s machine speed: %.0f ns per arrival\n", q * n }'
