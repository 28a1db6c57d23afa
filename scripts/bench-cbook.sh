#!/usr/bin/env bash
# `make bench-cbook`: the matching workloads (core, deep, multi) in a tight C book
# (scripts/cbook/cbook.c: array-indexed levels, intrusive FIFO queues, free-list pool) and in
# datamarket, side by side on this machine, runs interleaved (the machine is shared and noisy),
# medians of N (default 5). The workloads are exported once with `bench matching --export-orders`
# into .bench-cbook/ (not committed; about 1.7 GB). Needs a C compiler (cc).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dir=.bench-cbook
mkdir -p "$dir"
cc -O2 -march=native -o "$dir/cbook" scripts/cbook/cbook.c
bin=.build/release/datamarket
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-8s %12s %12s %12s %14s %14s\n' workload "C dense ns" "ours ns" "ours/C" "C hashed ns" "ours file ns"
for w in core deep multi; do
  [ -s "$dir/$w.csv" ] || "$bin" bench matching --export-orders "$dir/$w.csv" --workload "$w" >/dev/null
  case $w in core) window=4096;; deep) window=32768;; multi) window=1024;; esac
  cd_=(); ch_=(); ours=(); file=()
  for i in $(seq "$runs"); do
    c=$("$dir/cbook" "$dir/$w.csv" 1 "$window")
    cd_+=("$(echo "$c" | grep '^dense' | cut -d, -f4)")
    ch_+=("$(echo "$c" | grep '^hashed' | cut -d, -f4)")
    ours+=("$("$bin" bench matching --workload "$w" --csv | grep "matching,$w," | cut -d, -f7)")
    file+=("$("$bin" bench --orders "$dir/$w.csv" --csv | grep 'orders-file' | cut -d, -f7)")
  done
  a=$(median "${cd_[@]}"); b=$(median "${ours[@]}"); h=$(median "${ch_[@]}"); f=$(median "${file[@]}")
  awk -v w="$w" -v a="$a" -v b="$b" -v h="$h" -v f="$f" \
    'BEGIN { printf "%-8s %12.1f %12.1f %11.2fx %14.1f %14.1f (%.2fx)\n", w, a, b, b / a, h, f, f / h }'
done
