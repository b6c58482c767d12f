#!/usr/bin/env bash
# Installs what yunwang needs and is missing; quiet and idempotent.
# Usage: scripts/install-deps.sh [--browser]
set -euo pipefail

packages=(pkg-config libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-utils libxlsxwriter-dev jq git)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium fonts-wqy-microhei)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "yunwang: missing system packages: ${missing[*]}" >&2
    echo "yunwang: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "yunwang: installing ${missing[*]} …" >&2
  export DEBIAN_FRONTEND=noninteractive
  # apt and debconf talk on standard error even with -qq: keep it, show it only on failure.
  log=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "yunwang: installing ${missing[*]} failed" >&2
    exit 1
  fi
  rm -f "$log"
fi

# The test suite validates JSON Schema output with Python's jsonschema.
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "yunwang: installing python jsonschema …" >&2
  python3 -m pip install -q jsonschema >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages jsonschema >/dev/null
fi

# The spreadsheet tests fill the template and read the ledger with Python's openpyxl.
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  echo "yunwang: installing python openpyxl …" >&2
  python3 -m pip install -q openpyxl >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages openpyxl >/dev/null
fi
# The CI-template tests check .pre-commit-hooks.yaml with pre-commit itself.
if ! command -v pre-commit >/dev/null 2>&1 && ! python3 -m pre_commit --version >/dev/null 2>&1; then
  echo "yunwang: installing python pre-commit …" >&2
  python3 -m pip install -q pre-commit >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages pre-commit >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "yunwang: swift is not on PATH (expected the Swift 6 toolchain, e.g. /opt/swift/usr/bin)" >&2
  exit 1
fi
