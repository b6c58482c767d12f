#!/usr/bin/env bash
# `make bench`: province-scale numbers in one run, each against libyaml's own
# single-threaded parse of the same files (the floor):
#   1. load + validate   (bench/bench-load.sh)
#   2. check, all built-in rules
#   3. CEL: three typical rules over every terminal, one core (yunwang-bench; bench/bench-cel.sh alone)
#   4. site: yunwang site against Hugo on the same pages (bench/bench-site.sh)
#   5. spreadsheets: import of a 200,000-row terminal sheet, the province xlsx ledger (bench/bench-xlsx.sh)
#
#   make bench                 # SCALE=1: 5,000 units, 200,000 terminals, 1,000,000 events (~172 MB)
#   SCALE=0.3 make bench       # quicker
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export SCALE=${SCALE:-1}
RUNS=${RUNS:-3}
DATA=$ROOT/bench-data
mkdir -p "$DATA"

swift build -c release --product yunwang >"$DATA/build.log" 2>&1 || { tail -30 "$DATA/build.log"; exit 1; }
swift build -c release --product yunwang-bench >>"$DATA/build.log" 2>&1 || { tail -30 "$DATA/build.log"; exit 1; }

# 1. Load (generates and caches the inventory and the floor program).
SKIP_BUILD=1 RUNS=$RUNS bash bench/bench-load.sh | tee "$DATA/load.txt"
INV=$DATA/inventory-s$SCALE
FLOOR=$DATA/yaml-parse
floor=$(grep -m1 -o '| [0-9.]* s (' "$DATA/load.txt" | head -1 | awk '{print $2}')
[[ -n "$floor" ]] || floor=$("$FLOOR" "$INV" | awk '/^seconds:/ {print $2}')

# 2. Check with every built-in rule (exit 1 is expected: the inventory has violations).
best=""; cpu=""; rss=""
for i in $(seq 1 "$RUNS"); do
    start=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$DATA/check.time" .build/release/yunwang check "$INV" --format json --output "$DATA/findings.json" || [[ $? == 1 ]]
    end=$(date +%s%N)
    t=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
        best=$t
        read -r rss cpu < <(tail -1 "$DATA/check.time" | awk '{print $1, $2 + $3}')
    fi
    echo "bench: check run $i/$RUNS: ${t}s" >&2
done
findings=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['findings']))" "$DATA/findings.json")
bytes=$(du -sb "$INV" | cut -f1)
echo
echo "## check — all built-in rules, scale $SCALE, $findings findings"
echo
echo "| libyaml parse | yunwang check | ratio | check CPU | peak RSS | RSS / input |"
echo "|---:|---:|---:|---:|---:|---:|"
awk -v f="$floor" -v t="$best" -v c="$cpu" -v r="$rss" -v b="$bytes" 'BEGIN {
    printf "| %.3f s | %.3f s | %.2fx | %.2f s | %.0f MB | %.1fx |\n", f, t, t / f, c, r / 1024, (r * 1024) / b
    printf "\nratio check / libyaml-parse: %.2fx\n", t / f
}'
echo
echo "## check — the slowest rules (one run, --timings)"
.build/release/yunwang check "$INV" --format json --output /dev/null --timings 2>"$DATA/timings.txt" || true
head -8 "$DATA/timings.txt" | sed 's/^/    /'

# 3. CEL through the inventory bridge, one core.
echo
echo "## CEL — typical rules over every terminal, one core"
echo
YUNWANG_BENCH_RUNS=$RUNS .build/release/yunwang-bench cel "$INV"

# 4. The site: yunwang site against Hugo on the same pages (bench/bench-site.sh).
SKIP_BUILD=1 RUNS=2 bash bench/bench-site.sh | tee "$DATA/site.txt"

# 5. Spreadsheets: import against validate of the same data, the ledger against the load.
SKIP_BUILD=1 RUNS=2 bash bench/bench-xlsx.sh | tee "$DATA/xlsx.txt"

# 6. One table of the ratios measured above, against issue #8's targets.
load_ratio=$(grep -o 'ratio load+validate / libyaml-parse: [0-9.]*' "$DATA/load.txt" | awk '{print $NF}')
load_rss=$(grep -m1 '^| [0-9.]* MB |' "$DATA/load.txt" | awk -F'|' '{print $7}' | tr -d ' MB')
read -r site_whole site_steps < <(grep -o 'pages per second: [0-9.]*x (whole command), [0-9.]*x (site steps)' "$DATA/site.txt" \
    | sed 's/.*second: \([0-9.]*\)x (whole command), \([0-9.]*\)x.*/\1 \2/') || true
echo
echo "## Summary — scale $SCALE, $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg) now), $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of YAML, libyaml parse $floor s (1 thread)"
echo
echo "| measure | result | target | met |"
echo "|---|---:|---:|:-:|"
awk -v f="$floor" -v t="$best" -v c="$cpu" -v r="$rss" -v b="$bytes" -v lr="$load_ratio" -v lrss="$load_rss" -v sw="${site_whole:-0}" -v ss="${site_steps:-0}" 'BEGIN {
    printf "| load + validate / libyaml parse | %.2fx | ≤ 2x | %s |\n", lr, (lr <= 2 ? "yes" : "no")
    printf "| check (all built-in rules) / libyaml parse | %.2fx | ≤ 3x (stretch 2x) | %s |\n", t / f, (t / f <= 3 ? "yes" : "no")
    printf "| check CPU time (all threads) / libyaml parse: the work, whatever the cores | %.2fx | | |\n", c / f
    printf "| check peak RSS / input size | %.2fx (%.0f MB) | ≤ 4x | %s |\n", (r * 1024) / b, r / 1024, ((r * 1024) / b <= 4 ? "yes" : "no")
    if (lrss != "") printf "| load + validate peak RSS / input size | %.2fx (%s MB) | ≤ 4x | %s |\n", lrss * 1e6 / b, lrss, (lrss * 1e6 / b <= 4 ? "yes" : "no")
    printf "| site pages/s / Hugo pages/s (site steps) | %.2fx | ≥ 1x (aim 3x) | %s |\n", ss, (ss >= 1 ? "yes" : "no")
    printf "| site pages/s / Hugo pages/s (whole command: load, check, site) | %.2fx | | |\n", sw
}'
