# yunwang — the two commands: `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE := .build/release/yunwang
DEMO_OUT ?= out/baotou

.PHONY: deps demo test build release bench bench-load clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@$(SWIFT) build

release: deps
	@$(SWIFT) build -c release --product yunwang

# Build, then check the Baotou example.
demo: release
	@$(BIN_RELEASE) validate examples/baotou

# Build and run every test (unit, end-to-end CLI, docs examples).
test: deps
	@$(SWIFT) build --build-tests
	@$(SWIFT) test

bench-load: deps
	@bash bench/bench-load.sh

bench: bench-load

clean:
	@rm -rf .build out bench-data
