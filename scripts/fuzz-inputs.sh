#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of the input readers of issue 15:
#
#   scripts/fuzz-inputs.sh TARGET SECONDS      TARGET: scenario | sweepspec | designcsv | journal
#
# Builds Tests/Fuzz/<Target>/main.swift together with the sources of every layer it needs as one
# module (the `import Output`-style lines between layers are stripped from temporary copies), then
# runs the fuzzer for SECONDS on a working corpus seeded from Tests/Fuzz/<Target>/corpus/.
# Crashes are written to .build/fuzz-inputs/<target>/crash-*; the exit code is the fuzzer's (0: no crash).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz-inputs.sh scenario|sweepspec|designcsv|journal SECONDS}"
seconds="${2:-60}"
case "$target" in
  scenario) dir=Scenario ;;
  sweepspec) dir=SweepSpec ;;
  designcsv) dir=DesignCSV ;;
  journal) dir=Journal ;;
  *) echo "error: unknown fuzz target '$target' (scenario, sweepspec, designcsv, journal)" >&2; exit 2 ;;
esac
work=".build/fuzz-inputs/$target"
src="$work/src"
rm -rf "$src" && mkdir -p "$src" "$work/corpus"
layers="Output Simulation Matching Market Scenario Experiments"
for layer in $layers; do
  for f in Sources/"$layer"/*.swift; do
    # one module: drop imports of our own layers; prefix file names (swiftc refuses repeated base names)
    sed -E "/^(@testable )?import ($(echo "$layers" | tr ' ' '|'))$/d" "$f" > "$src/${layer}_$(basename "$f")"
  done
done
cp "Tests/Fuzz/$dir/main.swift" "$src/FuzzMain.swift"
cp -n "Tests/Fuzz/$dir/corpus/"* "$work/corpus/" 2>/dev/null || true
bin="$work/fuzz-$target"
if [ ! -x "$bin" ] || [ -n "$(find Sources Tests/Fuzz -newer "$bin" -name '*.swift' | head -1)" ]; then
  echo "building $bin …" >&2
  swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name FuzzInputs -O \
    "$src"/*.swift -o "$bin" 2> "$work/build.log" || { tail -30 "$work/build.log" >&2; exit 1; }
fi
cd "$work"
# No leak checking: Foundation's file reading (readBytesFromFile, under String(contentsOfFile:) and
# FileManager.contents) leaks a 4 KB buffer on an empty file, which LeakSanitizer reports at exit;
# that is not ours, and memory errors are still caught.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
exec "./fuzz-$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -detect_leaks=0 -print_final_stats=1 corpus
