#!/usr/bin/env bash
# Spreadsheet benchmark (DESIGN §10, issue #17):
#   1. `yunwang import` of a filled template with a terminal sheet of 200,000 x SCALE rows,
#      against `yunwang validate` of the YAML it wrote (the same data's YAML load time);
#   2. `check --format xlsx` (the rectification ledger) of the province inventory that
#      bench/bench-load.sh generates, against `check --format json` and the load.
# Peak RSS (GNU time) is stated against the input size.
#
#   bash bench/bench-xlsx.sh            # SCALE=0.3
#   SCALE=1 bash bench/bench-xlsx.sh    # 200,000 terminal rows, the province ledger
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCALE=${SCALE:-0.3}
RUNS=${RUNS:-2}
DATA=$ROOT/bench-data
BIN=$ROOT/.build/release/yunwang
mkdir -p "$DATA"
[[ "${SKIP_BUILD:-0}" == 1 ]] || swift build -c release --product yunwang >"$DATA/build.log" 2>&1 || { tail -30 "$DATA/build.log"; exit 1; }
python3 -c 'import openpyxl' 2>/dev/null || { echo "bench-xlsx: python openpyxl is missing (make deps installs it)" >&2; exit 1; }

rows=$(awk -v s="$SCALE" 'BEGIN{printf "%d", 200000 * s}')
BOOK=$DATA/terminals-$rows.xlsx
if [[ ! -s "$BOOK" ]]; then
    echo "bench-xlsx: writing $BOOK ($rows terminal rows) …" >&2
    python3 bench/generate-xlsx.py "$BOOK" "$rows"
fi

# best wall time of RUNS, with that run's peak RSS (KB): "seconds rss"
best() {
    local b="" r=""
    for _ in $(seq 1 "$RUNS"); do
        local start end t
        start=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$DATA/xlsx.time" "$@" >/dev/null 2>"$DATA/xlsx.err" || [[ $? == 1 ]] || { cat "$DATA/xlsx.err" >&2; exit 1; }
        end=$(date +%s%N)
        t=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", (b-a)/1e9}')
        if [[ -z "$b" ]] || awk -v a="$t" -v c="$b" 'BEGIN{exit !(a<c)}'; then b=$t; r=$(tail -1 "$DATA/xlsx.time"); fi
    done
    echo "$b $r"
}

rm -rf "$DATA/imported"
read -r imp imp_rss < <(best "$BIN" import "$BOOK" --output "$DATA/imported")
read -r val val_rss < <(best "$BIN" validate "$DATA/imported")
book_bytes=$(stat -c %s "$BOOK")
yaml_bytes=$(du -sb "$DATA/imported" | cut -f1)
echo
echo "## import — $rows terminal rows, $(awk -v b="$book_bytes" 'BEGIN{printf "%.1f", b/1e6}') MB xlsx → $(awk -v b="$yaml_bytes" 'BEGIN{printf "%.1f", b/1e6}') MB YAML"
echo
echo "| yunwang validate (the YAML) | yunwang import (the xlsx) | ratio | import peak RSS | RSS / xlsx | RSS / YAML written |"
echo "|---:|---:|---:|---:|---:|---:|"
awk -v v="$val" -v i="$imp" -v r="$imp_rss" -v x="$book_bytes" -v y="$yaml_bytes" 'BEGIN {
    printf "| %.3f s | %.3f s | %.2fx | %.0f MB | %.1fx | %.1fx |\n", v, i, i / v, r / 1024, r * 1024 / x, r * 1024 / y
    printf "\nratio import / validate: %.2fx\n", i / v
}'

INV=$DATA/inventory-s$SCALE
if [[ ! -d "$INV" ]]; then
    SKIP_BUILD=1 RUNS=1 SCALE=$SCALE bash bench/bench-load.sh >/dev/null
fi
read -r load load_rss < <(best "$BIN" validate "$INV")
read -r json json_rss < <(best "$BIN" check "$INV" --format json --output "$DATA/findings.json")
read -r xlsx xlsx_rss < <(best "$BIN" check "$INV" --format xlsx --output "$DATA/ledger.xlsx")
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$DATA/findings.json")
inv_bytes=$(du -sb "$INV" | cut -f1)
echo
echo "## ledger — check --format xlsx, scale $SCALE, $findings findings, $(awk -v b="$(stat -c %s "$DATA/ledger.xlsx")" 'BEGIN{printf "%.1f", b/1e6}') MB ledger"
echo
echo "| validate (load) | check --format json | check --format xlsx | xlsx / load | xlsx − json | xlsx peak RSS | RSS / input |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
awk -v l="$load" -v j="$json" -v x="$xlsx" -v r="$xlsx_rss" -v b="$inv_bytes" 'BEGIN {
    printf "| %.3f s | %.3f s | %.3f s | %.2fx | %.3f s | %.0f MB | %.1fx |\n", l, j, x, x / l, x - j, r / 1024, r * 1024 / b
    printf "\nratio ledger / load: %.2fx\n", x / l
}'
