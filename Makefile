# DataMarketSim — the two commands a fresh machine needs are `make run` and `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/datamarket
SCENARIO ?= scenarios/baseline.json

.PHONY: run test build release bench bench-peers bench-c canonical-table whatif clean

## Build a release binary and run the baseline scenario into results/.
run: release
	$(RELEASE_BIN) run $(SCENARIO)

## Build and run every test (unit, property, golden, end-to-end).
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product datamarket

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

## Every canonical market over 30 seeds: the README's efficiency table.
canonical-table: release
	bash scripts/canonical-table.sh

## The what-if table of the README: W1–W5 over 20 seeds each with paired 95% CIs (a few minutes).
whatif: release
	bash scripts/whatif.sh

clean:
	rm -rf .build
