# yunwang — the two commands: `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE := .build/release/yunwang
DEMO_OUT ?= out/baotou
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: deps demo test build release install bench bench-load clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@$(SWIFT) build

release: deps
	@$(SWIFT) build -c release --product yunwang

# Install the release binary and its bash, zsh and fish completions
# (PREFIX=/usr/local by default; DESTDIR for staged installs, e.g. packaging).
install: release
	@install -d "$(DESTDIR)$(PREFIX)/bin"
	@install -m 0755 $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)/bin/yunwang"
	@bash scripts/install-completions.sh $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)"
	@echo "yunwang: installed $(DESTDIR)$(PREFIX)/bin/yunwang and completions" >&2

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
