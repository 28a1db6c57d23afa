#!/usr/bin/env bash
# A Slurm job array that runs one shard of a DataMarketSim sweep per task, then merges.
#
#   sbatch --array=0-15 scripts/slurm-sweep.sh scenarios/sweeps/zi-strategies.json results/zi
#   # when every task has finished:
#   datamarket merge results/zi-shard*of16 --out results/zi
#
# Each task runs `--shard auto/N`, which takes K from SLURM_ARRAY_TASK_ID; N is the array size.
# A task that dies can simply be resubmitted: its shard folder resumes where it stopped.
#SBATCH --job-name=datamarket-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
sweep="$1"
out="${2:-results/$(basename "$sweep" .json)}"
n="${SLURM_ARRAY_TASK_COUNT:?run this script with sbatch --array=0-(N-1)}"
k="${SLURM_ARRAY_TASK_ID:?}"
bin="${DATAMARKET:-.build/release/datamarket}"
"$bin" sweep "$sweep" --shard "auto/$n" --jobs "${SLURM_CPUS_PER_TASK:-1}" --out "$out-shard${k}of${n}" --quiet
