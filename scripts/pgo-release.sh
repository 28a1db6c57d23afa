#!/usr/bin/env bash
# `make release`: the release binary .build/release/datamarket, optimised with a profile of its
# own workloads (LLVM's IR-level profile-guided optimisation, the way CPython's
# --enable-optimizations builds are made):
#   1. an instrumented release build, in its own folder (.build/pgo-instrumented);
#   2. training, when that binary, this script or its scenarios changed: the market benchmarks at a tenth
#      (`bench market --quick`: the national data market with and without versions, the Shapley
#      values, the double auction), the baseline scenario with its CSVs and report, every
#      canonical scenario, and an order stream exported, timed and replayed; then, apart, the
#      kernel and matching benchmarks at a tenth. The instrumented binary counts which branches
#      and calls are taken (10–15 seconds);
#   3. the counts merged by the toolchain's llvm-profdata into .build/pgo/datamarket.profdata,
#      the first set weighted 5 to 1 (see below);
#   4. the release build compiled with that profile (.build/release/datamarket);
#   5. a check that the profiled binary writes, for every canonical scenario, the very bytes the
#      instrumented (unprofiled) build wrote in step 2.
# The profile decides which code is laid out, inlined and predicted as hot. It changes no
# arithmetic (no reassociation, no fused multiply-adds), so every output is the plain build's;
# step 5 checks it on each build.
#
# The weights: trained on the first set alone, the kernel's hold rows run about 8% slower than
# with the kernel benchmarks in the training; with those in at equal weight, the national
# data-market row ran 2–3% slower (median ratios 1.022 and 1.027 over 10 and 12 alternated
# rounds), presumably through code both use (the event calendar, the matching engine). At 5 to 1
# both keep their gain (national row 1.006 over 10 rounds; hold-1000 −8%).
#
# PGO=0, a toolchain without llvm-profdata or the profile runtime, or any failure on the way
# builds the plain release binary instead (saying why).
set -euo pipefail
script=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$script")/.."
swift=${SWIFT:-swift}
# The compiler keeps an object file whose Swift-level code is unchanged, whatever the LLVM options
# (a profile, or none); every build here regenerates each object of the modules it compiles, so
# that a binary is never a mix of profiled and unprofiled objects.
fresh=(-Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen)
plain() {
  echo "$1: building the plain release binary" >&2
  exec $swift build -c release --product datamarket "${fresh[@]}"
}
command -v "$swift" > /dev/null || { echo "error: SWIFT is '$swift', which is not a command; expected the Swift toolchain's swift" >&2; exit 2; }
case "${PGO:-1}" in
  0) plain "PGO=0" ;;
  1) ;;
  *) echo "error: PGO is '$PGO'; expected 0 (the plain release build) or 1 (profile-guided, the default)" >&2; exit 2 ;;
esac

# the toolchain's own llvm-profdata and profile runtime (a profile is read only by the LLVM that
# wrote its format), found from the compiler's resource folder <toolchain>/usr/lib/swift, so
# that a version manager's shims on PATH do not hide them
resources=$($swift -print-target-info 2>/dev/null | sed -n 's/.*"runtimeResourcePath": "\(.*\)".*/\1/p' | head -1 || true)
[ -n "$resources" ] || plain "the compiler did not name its resource folder (swift -print-target-info)"
toolchain=$(dirname "$(dirname "$resources")")   # …/usr
profdata=$toolchain/bin/llvm-profdata
runtime=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.profile-"$(uname -m)".a 2>/dev/null | head -1 || true)
[ -x "$profdata" ] || plain "no llvm-profdata in $toolchain/bin"
[ -n "$runtime" ] || plain "no profile runtime (libclang_rt.profile) in $toolchain/lib/clang"

pgo=$PWD/.build/pgo
raw=$pgo/raw
profile=$pgo/datamarket.profdata
reference=$pgo/canonical   # the instrumented build's outputs of the canonical scenarios
instrumented=.build/pgo-instrumented/release/datamarket
bin=.build/release/datamarket

echo "profile-guided release build: 1/4 the instrumented build (.build/pgo-instrumented)" >&2
$swift build -c release --product datamarket --scratch-path .build/pgo-instrumented "${fresh[@]}" \
  -Xswiftc -Xfrontend -Xswiftc "-ir-profile-generate=$raw/%p.profraw" \
  -Xlinker "$runtime" -Xlinker -u -Xlinker __llvm_profile_runtime || plain "the instrumented build failed"

# Step 2: the workloads, each counted into its own raw profile (%p: the process id).
train() {
  local work=$pgo/training
  rm -rf "$raw" "$work" "$reference" "$pgo/stamp"; mkdir -p "$raw/market" "$raw/engine" "$work" "$reference"
  export LLVM_PROFILE_FILE="$raw/market/%p.profraw"
  "$instrumented" bench market --quick > "$work/bench.txt" || return 1
  "$instrumented" run scenarios/baseline.json --out "$work/baseline" --report > /dev/null || return 1
  for scenario in scenarios/canonical/*.json; do
    "$instrumented" run "$scenario" --trades --quiet --out "$reference/$(basename "$scenario" .json)" || return 1
  done
  "$instrumented" bench matching --export-orders "$work/orders.csv" --commands 200000 > /dev/null || return 1
  "$instrumented" bench matching --orders "$work/orders.csv" > /dev/null || return 1
  "$instrumented" replay "$work/orders.csv" --out "$work/trades.csv" --events "$work/events.csv" --quiet || return 1
  export LLVM_PROFILE_FILE="$raw/engine/%p.profraw"
  "$instrumented" bench kernel --quick > /dev/null || return 1
  "$instrumented" bench matching --quick > /dev/null || return 1
  unset LLVM_PROFILE_FILE
  rm -rf "$work"
}

# the profile (and the reference outputs) are remade only when the instrumented binary, this
# script or the scenarios it runs changed (the training is deterministic)
stamp="$(cksum < "$instrumented") $(cksum < "$script") $(cat scenarios/baseline.json scenarios/canonical/*.json | cksum)"
if [ -f "$profile" ] && [ -d "$reference" ] && [ "$(cat "$pgo/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "profile-guided release build: 2/4 and 3/4 skipped (the profile is that of this code)" >&2
else
  echo "profile-guided release build: 2/4 training (10–15 seconds)" >&2
  train || plain "the training run failed"
  echo "profile-guided release build: 3/4 merging the counts ($profile)" >&2
  inputs=()
  for f in "$raw"/market/*.profraw; do inputs+=("-weighted-input=5,$f"); done
  for f in "$raw"/engine/*.profraw; do inputs+=("-weighted-input=1,$f"); done
  "$profdata" merge -o "$profile.tmp" "${inputs[@]}" || plain "llvm-profdata could not merge the counts"
  mv "$profile.tmp" "$profile"
  rm -rf "$raw"
  echo "$stamp" > "$pgo/stamp"
fi

# The build reads the profile through a name that carries its checksum: the build system tracks
# flags, not the files they name, so a new profile must be a new flag for every module to be
# compiled with it.
used=$pgo/datamarket-$(cksum < "$profile" | cut -d' ' -f1).profdata
[ -f "$used" ] || { rm -f "$pgo"/datamarket-*.profdata; cp "$profile" "$used"; }
echo "profile-guided release build: 4/4 the release build with the profile (.build/release)" >&2
$swift build -c release --product datamarket "${fresh[@]}" -Xswiftc -Xfrontend -Xswiftc "-ir-profile-use=$used" \
  || plain "the profile-guided build failed"

# Step 5: the profiled binary must write what the unprofiled one wrote, byte for byte.
rm -rf "$pgo/check"
for scenario in scenarios/canonical/*.json; do
  name=$(basename "$scenario" .json)
  "$bin" run "$scenario" --trades --quiet --out "$pgo/check/$name" --check "$reference/$name" > /dev/null 2>&1 \
    || plain "warning: the profile-guided binary's $name outputs differ from the unprofiled build's (a compiler fault: please report it)"
done
rm -rf "$pgo/check"
echo "profile-guided release build: done; $bin writes what the unprofiled build writes for every canonical scenario" >&2
