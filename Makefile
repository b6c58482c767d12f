# yunwang — the two commands: `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE := .build/release/yunwang
DEMO_OUT ?= out/baotou
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: deps deps-browser demo test build release install deb bench bench-load bench-xlsx fuzz clean

deps:
	@bash scripts/install-deps.sh

# deps plus headless Chromium and a Chinese font for the browser tests
# (Tests/CLITests/BrowserTests.swift); quiet and a no-op when present.
deps-browser:
	@bash scripts/install-deps.sh --browser

build: deps
	@$(SWIFT) build

# Linked with the Swift runtime inside (no Swift toolchain needed where it runs).
release: deps
	@$(SWIFT) build -c release --product yunwang --static-swift-stdlib

# Install the release binary and its bash, zsh and fish completions
# (PREFIX=/usr/local by default; DESTDIR for staged installs, e.g. packaging).
install: release
	@install -d "$(DESTDIR)$(PREFIX)/bin"
	@install -m 0755 $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)/bin/yunwang"
	@bash scripts/install-completions.sh $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)"
	@bash scripts/man-pages.sh $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)/share/man/man1"
	@echo "yunwang: installed $(DESTDIR)$(PREFIX)/bin/yunwang, completions and man pages" >&2

# out/deb/yunwang_<version>_amd64.deb: the release binary, completions, man pages; Depends
# computed from the libraries it loads (libyaml, cmark-gfm, libc); docs in README.
deb: deps
	@SWIFT=$(SWIFT) bash scripts/build-deb.sh out/deb

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
# (FUZZ_SMOKE_SECONDS per target, 6 targets; docs/hardening.md).
FUZZ_SMOKE_SECONDS ?= 16
# The .deb is built first (a release build): DebPackageTests installs and runs it, and a
# build inside `swift test` would wait for the lock `swift test` holds on .build.
test: deps-browser
	@$(SWIFT) build --build-tests
	@mkdir -p .build/deb-test
	@SWIFT=$(SWIFT) bash scripts/build-deb.sh .build/deb-test >.build/deb-test/path 2>.build/deb-test/log \
		|| { tail -40 .build/deb-test/log; exit 1; }
	@YUNWANG_DEB=$$(tail -1 .build/deb-test/path) $(SWIFT) test
	@SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) bash scripts/fuzz.sh

# libFuzzer with AddressSanitizer on the YAML loader, the inventory decoder,
# CEL, the policy loader, the directory walk and the templates, FUZZ_SECONDS each (FUZZ_TARGETS="cel yaml" for
# some); crashing inputs are saved under out/fuzz/ (docs/hardening.md).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?=
fuzz: deps
	@SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh $(FUZZ_TARGETS)

bench-load: deps
	@bash bench/bench-load.sh

# Spreadsheets alone (SCALE=0.3 by default): import of a terminal sheet, the xlsx ledger.
bench-xlsx: deps
	@bash bench/bench-xlsx.sh

# Province scale (SCALE=1 by default): load, check and CEL against libyaml's own parse.
bench: deps
	@bash bench/bench.sh

clean:
	@rm -rf .build out bench-data
