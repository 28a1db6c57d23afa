#!/usr/bin/env bash
# `make bench-peers`: the hold model (1,000 pending events) in SimPy and in datamarket, side by
# side on this machine, with the ratio. SimPy comes from PyPI into .venv-peers/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-peers/bin/python ]; then
  python3 -m venv .venv-peers
  .venv-peers/bin/pip install --quiet simpy==4.1.2
fi
echo "SimPy (2,000,000 timeouts, 1,000 processes; 3 runs):"
simpy_rates=()
for i in 1 2 3; do
  line=$(.venv-peers/bin/python scripts/simpy_hold.py 1000 2000000)
  echo "  $line"
  simpy_rates+=("${line##*,}")
done
echo "datamarket (bench kernel hold-1000, 10,000,000 events; 3 runs):"
ours=()
for i in 1 2 3; do
  line=$(.build/release/datamarket bench kernel --csv | grep 'hold-1000,')
  echo "  $line"
  ours+=("$(echo "$line" | cut -d, -f6)")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
s=$(median "${simpy_rates[@]}"); o=$(median "${ours[@]}")
awk -v s="$s" -v o="$o" 'BEGIN { printf "median events/s (CPU): SimPy %.0f, datamarket %.0f, ratio %.1fx\n", s, o, o / s }'
