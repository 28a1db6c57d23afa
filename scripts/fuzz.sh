#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer options...]
#
#   orderstream   the order-stream reader and processor (Tests/Fuzz/OrderStream/main.swift):
#                 whole-file vs small-window streaming must agree; ASan and Swift traps catch
#                 memory errors, overflows and failed preconditions.
#
# The target is compiled with `swiftc -sanitize=fuzzer,address` together with the library
# sources it needs (no SwiftPM target, so `swift build` and `make test` are unaffected) into
# .build/fuzz/. It starts from the committed seed corpus (Tests/Fuzz/<Target>/corpus/) plus the
# inputs found by earlier runs (.build/fuzz/<target>-corpus/); crashing inputs are written to
# .build/fuzz/<target>-artifacts/. Exit status: libFuzzer's (0: nothing found).
set -euo pipefail

target=${1:?usage: scripts/fuzz.sh orderstream [SECONDS] [libFuzzer options...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build/fuzz"
mkdir -p "$out"

case "$target" in
  orderstream)
    modules=(Output Matching)
    main="$root/Tests/Fuzz/OrderStream/main.swift"
    seeds="$root/Tests/Fuzz/OrderStream/corpus"
    ;;
  *) echo "error: unknown fuzz target '$target' (expected: orderstream)" >&2; exit 2 ;;
esac

flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)
objects=()
for m in "${modules[@]}"; do
  echo "compiling $m (instrumented)…" >&2
  swiftc "${flags[@]}" -wmo -module-name "$m" -I "$out" -emit-module -emit-module-path "$out/$m.swiftmodule" \
    -c "$root"/Sources/"$m"/*.swift -o "$out/$m.o" 2> >(grep -v "warning: Cannot export" >&2)
  objects+=("$out/$m.o")
done
echo "linking fuzz-$target…" >&2
swiftc "${flags[@]}" -module-name "Fuzz$target" -I "$out" "$main" "${objects[@]}" -o "$out/fuzz-$target" \
  2> >(grep -v "warning: Cannot export" >&2)

corpus="$out/$target-corpus"
artifacts="$out/$target-artifacts"
mkdir -p "$corpus" "$artifacts"
echo "fuzzing $target for $seconds s…" >&2
exec "$out/fuzz-$target" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/" \
  -timeout=10 "$@" "$corpus" "$seeds"
