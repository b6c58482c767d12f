#!/usr/bin/env bash
# The CEL section of `make bench` on its own: three typical rules (BT-42-8's remote-software
# match, date + addMonths, and a case-insensitive match with lowerAscii and cel.bind) over
# every terminal of the generated inventory, through the inventory bridge, on one core.
#
#   bash bench/bench-cel.sh                  # SCALE=1: 200,000 terminals; best of RUNS=3
#   SCALE=0.1 RUNS=5 bash bench/bench-cel.sh # quicker
#   SKIP_BUILD=1 bash bench/bench-cel.sh     # reuse .build/release/yunwang-bench
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1}
RUNS=${RUNS:-3}
INV=bench-data/inventory-s$SCALE
[[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product yunwang-bench
[[ -d "$INV" ]] || python3 bench/generate.py --scale "$SCALE" --out "$INV"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
YUNWANG_BENCH_RUNS=$RUNS .build/release/yunwang-bench cel "$INV"
