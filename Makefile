# yunwang — the two commands: `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE := .build/release/yunwang
DEMO_OUT ?= out/baotou
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: deps deps-browser demo test build release install bench bench-load fuzz clean

deps:
	@bash scripts/install-deps.sh

# deps plus headless Chromium and a Chinese font for the browser tests
# (Tests/CLITests/BrowserTests.swift); quiet and a no-op when present.
deps-browser:
	@bash scripts/install-deps.sh --browser

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

# Build, then check the Baotou example: the findings on the terminal, and
# under $(DEMO_OUT)/ the quarterly report (Markdown and HTML), the offline
# audit site, findings.json, SARIF, a CSV for Excel/WPS and one rectification
# notice per unit. Last quarter's findings (examples/baotou/history/2026Q2.json)
# carry each finding's first-seen date forward, so deadlines and overdue work.
DEMO_PREVIOUS := --previous examples/baotou/history/2026Q2.json
demo: release
	@mkdir -p $(DEMO_OUT)
	@$(BIN_RELEASE) validate examples/baotou
	@$(BIN_RELEASE) check examples/baotou $(DEMO_PREVIOUS) --fail-on never
	@$(BIN_RELEASE) check examples/baotou $(DEMO_PREVIOUS) --format json --output $(DEMO_OUT)/findings.json --fail-on never
	@$(BIN_RELEASE) check examples/baotou $(DEMO_PREVIOUS) --format sarif --output $(DEMO_OUT)/findings.sarif --fail-on never
	@$(BIN_RELEASE) check examples/baotou $(DEMO_PREVIOUS) --format csv --output $(DEMO_OUT)/findings.csv --fail-on never
	@$(BIN_RELEASE) report examples/baotou --quarter 2026Q3 $(DEMO_PREVIOUS) --output $(DEMO_OUT)/report.md
	@$(BIN_RELEASE) report examples/baotou --quarter 2026Q3 $(DEMO_PREVIOUS) --output $(DEMO_OUT)/report.html
	@$(BIN_RELEASE) site examples/baotou --quarter 2026Q3 $(DEMO_PREVIOUS) --output $(DEMO_OUT)/site
	@$(BIN_RELEASE) notice examples/baotou --quarter 2026Q3 $(DEMO_PREVIOUS) --output $(DEMO_OUT)/notices
	@echo "yunwang: wrote $(DEMO_OUT)/report.md, report.html, site/index.html, notices/, findings.json, findings.sarif, findings.csv" >&2

# Build and run every test (unit, end-to-end CLI, docs examples, the site in
# headless Chromium, the bad-input corpus), then a short fuzzing smoke run
# (FUZZ_SMOKE_SECONDS per target, 4 targets; docs/hardening.md).
FUZZ_SMOKE_SECONDS ?= 25
test: deps-browser
	@$(SWIFT) build --build-tests
	@$(SWIFT) test
	@SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) bash scripts/fuzz.sh

# libFuzzer with AddressSanitizer on the YAML loader, the inventory decoder,
# CEL and the policy loader, FUZZ_SECONDS each (FUZZ_TARGETS="cel yaml" for
# some); crashing inputs are saved under out/fuzz/ (docs/hardening.md).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?=
fuzz: deps
	@SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh $(FUZZ_TARGETS)

bench-load: deps
	@bash bench/bench-load.sh

# Province scale (SCALE=1 by default): load, check and CEL against libyaml's own parse.
bench: deps
	@bash bench/bench.sh

clean:
	@rm -rf .build out bench-data
