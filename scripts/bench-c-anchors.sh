#!/usr/bin/env bash
# `make bench-c`: datamarket beside the C anchors of issues 2 and 3, on this machine, runs
# interleaved (the machine is shared and noisy), medians of N runs (default 5):
#   kernel   — hold-1000 and hold-100000 vs scripts/c-anchors/heap.c (plain C binary heap);
#   matching — core, deep, multi vs scripts/c-anchors/book.c (tight C book, engine-assigned ids),
#              and `bench --orders` (64-bit ids through the order-stream processor) vs the same
#              C book with a hashed id table ("hashed"), with the hashed table plus the set of
#              every accepted id the order-stream contract needs ("history", equal work), and
#              with that work's id lookups prefetched 32 rows ahead ("prefetched", equal work and
#              equal latency hiding).
# The matching workloads are exported once into .bench-c/ (not committed; about 1.7 GB).
# Needs a C compiler (cc). Usage: scripts/bench-c-anchors.sh [N] [kernel|matching|all] [WORKLOADS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
only=${2:-all}
workloads=${3:-core deep multi}
dir=.bench-c
mkdir -p "$dir"
cc -O2 -o "$dir/heap" scripts/c-anchors/heap.c -lm
cc -O2 -march=native -o "$dir/book" scripts/c-anchors/book.c
bin=.build/release/datamarket
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

if [ "$only" != matching ]; then
  printf '%-12s %12s %12s %10s\n' benchmark "C heap ns" "ours ns" "ours/C"
  for p in 1000 100000; do
    c=(); ours=()
    for i in $(seq "$runs"); do
      c+=("$("$dir/heap" "$p" 10000000 | cut -d, -f3 | cut -d' ' -f1)")
      ours+=("$("$bin" bench kernel --csv | grep "kernel,hold-$p," | cut -d, -f7)")
    done
    a=$(median "${c[@]}"); b=$(median "${ours[@]}")
    awk -v w="hold-$p" -v a="$a" -v b="$b" 'BEGIN { printf "%-12s %12.1f %12.1f %9.2fx\n", w, a, b, b / a }'
  done
fi

if [ "$only" != kernel ]; then
  printf '%-8s %11s %9s %8s %10s %11s %11s %10s %12s\n' workload "C dense ns" "ours ns" "ours/C" "C hashed" "C history" "C prefetch" "ours file" "ours/C pref"
  for w in $workloads; do
    [ -s "$dir/$w.csv" ] || "$bin" bench matching --export-orders "$dir/$w.csv" --workload "$w" >/dev/null
    case $w in core) window=4096;; deep) window=32768;; multi) window=1024;; esac
    cd_=(); ch_=(); cy_=(); cp_=(); ours=(); file=()
    for i in $(seq "$runs"); do
      c=$("$dir/book" "$dir/$w.csv" 1 "$window")
      cd_+=("$(echo "$c" | grep '^dense' | cut -d, -f4)")
      ch_+=("$(echo "$c" | grep '^hashed' | cut -d, -f4)")
      cy_+=("$(echo "$c" | grep '^history' | cut -d, -f4)")
      cp_+=("$(echo "$c" | grep '^prefetched' | cut -d, -f4)")
      ours+=("$("$bin" bench matching --workload "$w" --csv | grep "matching,$w," | cut -d, -f7)")
      file+=("$("$bin" bench --orders "$dir/$w.csv" --csv | grep 'orders-file' | cut -d, -f7)")
    done
    a=$(median "${cd_[@]}"); b=$(median "${ours[@]}"); h=$(median "${ch_[@]}"); y=$(median "${cy_[@]}"); p=$(median "${cp_[@]}"); f=$(median "${file[@]}")
    awk -v w="$w" -v a="$a" -v b="$b" -v h="$h" -v y="$y" -v p="$p" -v f="$f" \
      'BEGIN { printf "%-8s %11.1f %9.1f %7.2fx %10.1f %11.1f %11.1f %10.1f %11.2fx\n", w, a, b, b / a, h, y, p, f, f / p }'
  done
fi
