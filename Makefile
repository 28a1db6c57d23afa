# DataMarketSim — the two commands a fresh machine needs are `make run` and `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/datamarket
SCENARIO ?= scenarios/baseline.json

.PHONY: run test build release calibrate bench bench-peers bench-c bench-anchored canonical-table sensitivity whatif fuzz test-sanitize report-check clean

## Build a release binary and run the baseline scenario into results/.
run: release
	$(RELEASE_BIN) run $(SCENARIO) --report

## Build and run every test (unit, property, golden, end-to-end).
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build:
	$(SWIFT) build

## The release binary, optimised with a profile of its own workloads (scripts/pgo-release.sh: an
## instrumented build, 10–15 seconds of training, the profiled build, then every canonical scenario
## checked byte for byte against the unprofiled build's outputs). PGO=0 builds the plain binary.
release:
	SWIFT="$(SWIFT)" bash scripts/pgo-release.sh

## Calibrate the national baseline against the published figures (docs/calibration.md): at most 400
## evaluations × 8 seeds (release build; 400 evaluations took 29 minutes on 2 cores on
## 2026-12-04, docs/calibration.md §6). Starts afresh (a journal of an
## older model would otherwise be reused); RESUME=1 resumes an interrupted run of the same model.
## Copy results/national-calibration/calibrated.json's fitted values into scenarios/baseline.json.
calibrate: release
	@if [ -z "$(RESUME)" ]; then rm -rf results/national-calibration; fi
	$(RELEASE_BIN) calibrate scenarios/calibration/national.json5 --jobs 2 --out results/national-calibration --progress

## Benchmarks (release build, CPU time).
bench: release
	$(RELEASE_BIN) bench all --repeat 3

## Our hold model next to SimPy's, installed from PyPI into a local virtual environment.
bench-peers: release
	bash scripts/bench-peers.sh

## The kernel and the matching engine next to the C anchors of issues 2 and 3 (needs cc; about
## 15 minutes, 1.7 GB of exported workloads in .bench-c/).
bench-c: release
	bash scripts/bench-c-anchors.sh

## The national data-market benchmark beside the build that measured 2.82 µs per arrival on
## 2026-12-03 (commit 93d8376, exported into .bench-anchor/ and built once), run alternately:
## the ratio, and the figure at that day's machine speed (about 3 minutes, plus the first build).
bench-anchored: release
	bash scripts/bench-market-anchored.sh

## The canonical markets of Gode & Sunder (1993), Smith (1962) and Cliff (1997) over 30 seeds
## each: the README's efficiency and convergence table (about a minute).
canonical-table: release
	bash scripts/canonical-table.sh

## Sobol sensitivity of the data market to six levers (2,048 runs: about 2 minutes on 2 idle cores), then
## the indices with bootstrap 95% CIs: results/sensitivity-levers/sensitivity.csv.
sensitivity: release
	$(RELEASE_BIN) sweep scenarios/sweeps/sensitivity-levers.json --out results/sensitivity-levers --quiet --force
	$(RELEASE_BIN) analyze results/sensitivity-levers

## The what-if table of the README: W1–W6, the cross runs W1 × W2, W1 × network effects, W4 × verification, and M3's versions, 40 seeds
## each, paired 95% CIs (about 2 minutes on 2 cores).
whatif: release
	bash scripts/whatif.sh

## Reports checked in a real browser: headless Chromium (installed from Debian's packages if
## missing) renders a data-market run, a double auction, a sweep, a calibration and a sensitivity analysis; fails on a page that does not
## parse, a blank screenshot or a missing chart.
report-check: release
	bash scripts/report-check.sh

## Coverage-guided fuzzing (libFuzzer + AddressSanitizer, built with swiftc from the sources; not
## part of make test): each target for FUZZ_SECONDS; findings in .build/fuzz/<target>-artifacts/.
FUZZ_SECONDS ?= 300
fuzz:
	bash scripts/fuzz.sh orderstream $(FUZZ_SECONDS)
	for t in scenario sweepspec designcsv journal; do bash scripts/fuzz-inputs.sh $$t $(FUZZ_SECONDS) || exit 1; done

## The whole test suite under ThreadSanitizer (the parallel sweep runner) and AddressSanitizer,
## each in its own build folder (a clean build each: tens of minutes on 2 cores). Leak detection is
## off under ASan: Foundation and the test runner hold memory at exit, and a sweep stopped by
## Ctrl-C exits with its workers' buffers live; memory errors are still caught.
test-sanitize:
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan

clean:
	rm -rf .build
