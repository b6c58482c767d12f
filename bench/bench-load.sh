#!/usr/bin/env bash
# Load benchmark: `yunwang validate` (parse + decode + cross-check, all cores)
# against libyaml's bare single-threaded event parse of the same files.
#
#   bash bench/bench-load.sh            # SCALE=0.3 (~52 MB of YAML)
#   SCALE=1 bash bench/bench-load.sh    # province scale (~172 MB)
#
# Environment: SCALE (default 0.3), SEED (default 1), RUNS (default 3),
# BUILD_RETRIES (default 10), BUILD_WAIT seconds between retries (default 30),
# SKIP_BUILD=1 to use the existing .build/release/yunwang as is.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SCALE=${SCALE:-0.3}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
BUILD_RETRIES=${BUILD_RETRIES:-10}
BUILD_WAIT=${BUILD_WAIT:-30}
DATA=$ROOT/bench-data
BIN=$ROOT/.build/release/yunwang
mkdir -p "$DATA"

say() { printf '%s\n' "$*" >&2; }

# 1. The release binary. Others build in the same tree: a failed build may be
#    someone's half-written module, so wait and try again.
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    attempt=1
    until swift build -c release --product yunwang >"$DATA/build.log" 2>&1; do
        if (( attempt >= BUILD_RETRIES )); then
            say "bench-load: release build failed $attempt times; last log:"
            tail -40 "$DATA/build.log" >&2
            exit 1
        fi
        say "bench-load: release build failed (attempt $attempt/$BUILD_RETRIES), retrying in ${BUILD_WAIT}s …"
        tail -5 "$DATA/build.log" >&2
        sleep "$BUILD_WAIT"
        attempt=$((attempt + 1))
    done
fi
[[ -x "$BIN" ]] || { say "bench-load: $BIN is missing"; exit 1; }

# 2. The inventory, cached under bench-data/ by the generator's sha256, the scale and the seed.
GEN_SHA=$(sha256sum bench/generate.py | cut -c1-16)
KEY="gen=$GEN_SHA scale=$SCALE seed=$SEED"
INV=$DATA/inventory-s$SCALE
if [[ ! -f "$INV/.bench-key" || "$(cat "$INV/.bench-key")" != "$KEY" ]]; then
    say "bench-load: generating the inventory ($KEY) …"
    rm -rf "$INV.tmp"
    gen_start=$(date +%s%N)
    python3 bench/generate.py --scale "$SCALE" --seed "$SEED" --out "$INV.tmp"
    gen_end=$(date +%s%N)
    printf '%s\n' "$KEY" >"$INV.tmp/.bench-key"
    rm -rf "$INV"
    mv "$INV.tmp" "$INV"
    say "bench-load: generated in $(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN{printf "%.2f", (b-a)/1e9}')s"
fi

# 3. The floor program, rebuilt when its source changes.
FLOOR=$DATA/yaml-parse
FLOOR_SHA=$(sha256sum bench/yaml-parse.c | cut -c1-16)
if [[ ! -x "$FLOOR" || ! -f "$FLOOR.sha" || "$(cat "$FLOOR.sha")" != "$FLOOR_SHA" ]]; then
    # shellcheck disable=SC2046
    cc -O2 bench/yaml-parse.c $(pkg-config --cflags --libs yaml-0.1) -o "$FLOOR"
    printf '%s\n' "$FLOOR_SHA" >"$FLOOR.sha"
fi

# 4. Peak RSS: GNU time if present (install the `time` package quietly if not), else poll /proc.
TIME_BIN=
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    TIME_BIN=/usr/bin/time
elif command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    { apt-get install -y -qq time || { apt-get update -qq && apt-get install -y -qq time; }; } >/dev/null 2>&1 || true
    [[ -x /usr/bin/time ]] && TIME_BIN=/usr/bin/time
fi

# run_timed OUTFILE CMD... → prints "WALL_SECONDS RSS_KB CPU_SECONDS" and leaves the
# command's output in OUTFILE; fails if CMD fails. CPU is user+sys (0 without GNU time).
run_timed() {
    local out=$1; shift
    local start end rss cpu=0 status
    if [[ -n "$TIME_BIN" ]]; then
        start=$(date +%s%N)
        set +e
        "$TIME_BIN" -f '%M %U %S' -o "$out.time" "$@" >"$out" 2>&1
        status=$?
        set -e
        end=$(date +%s%N)
        read -r rss cpu < <(tail -1 "$out.time" | awk '{print $1, $2 + $3}')
    else
        start=$(date +%s%N)
        "$@" >"$out" 2>&1 &
        local pid=$! hwm=0 v
        while kill -0 "$pid" 2>/dev/null; do
            v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm=$v
            sleep 0.02
        done
        set +e
        wait "$pid"
        status=$?
        set -e
        end=$(date +%s%N)
        rss=$hwm
    fi
    if (( status != 0 )); then
        say "bench-load: '$*' exited $status:"
        tail -30 "$out" >&2
        return 1
    fi
    awk -v a="$start" -v b="$end" -v r="$rss" -v c="$cpu" 'BEGIN{printf "%.3f %d %.2f\n", (b-a)/1e9, r, c}'
}

lt() { awk -v a="$1" -v b="$2" 'BEGIN{exit !(a<b)}'; }

say "bench-load: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other builds skew the numbers)"
best_floor=""; best_yw=""; best_cpu=""; peak_rss=0
for i in $(seq 1 "$RUNS"); do
    "$FLOOR" "$INV" >"$DATA/floor.out"
    f=$(awk '/^seconds:/ {print $2}' "$DATA/floor.out")
    [[ -n "$best_floor" ]] && ! lt "$f" "$best_floor" || best_floor=$f
    timing=$(run_timed "$DATA/yunwang.out" "$BIN" validate "$INV") || exit 1
    read -r t rss cpu <<<"$timing"
    [[ -n "$best_yw" ]] && ! lt "$t" "$best_yw" || best_yw=$t
    [[ -n "$best_cpu" ]] && ! lt "$cpu" "$best_cpu" || best_cpu=$cpu
    (( rss > peak_rss )) && peak_rss=$rss
    say "bench-load: run $i/$RUNS: libyaml ${f}s, yunwang ${t}s wall / ${cpu}s cpu, peak rss $((rss / 1024)) MB"
done

bytes=$(awk '/^bytes:/ {print $2}' "$DATA/floor.out")
files=$(awk '/^files:/ {print $2}' "$DATA/floor.out")
events=$(awk '/^events:/ {print $2}' "$DATA/floor.out")
cores=$(nproc 2>/dev/null || echo "?")
counts=$(tail -1 "$DATA/yunwang.out" | sed 's/^ *//')

echo
echo "yunwang load benchmark — scale $SCALE, $files files, $events libyaml events, $cores cores"
echo "  $counts"
awk -v bytes="$bytes" -v f="$best_floor" -v y="$best_yw" -v c="$best_cpu" -v rss="$peak_rss" -v runs="$RUNS" 'BEGIN {
    mb = bytes / 1e6; rmb = rss / 1024
    printf "\n"
    printf "| input | libyaml parse (1 thread) | yunwang load+validate | ratio | yunwang CPU (user+sys) | yunwang peak RSS | RSS / input |\n"
    printf "|---:|---:|---:|---:|---:|---:|---:|\n"
    printf "| %.1f MB | %.3f s (%.0f MB/s) | %.3f s (%.1f MB/s) | %.2fx | %.2f s | %.0f MB | %.1fx |\n", mb, f, mb / f, y, mb / y, y / f, c, rmb, rmb / mb
    printf "\n(best of %d runs each; RSS is the peak over the runs)\n", runs
    printf "ratio load+validate / libyaml-parse: %.2fx\n", y / f
    if (c > 0) printf "ratio cpu(load+validate) / libyaml-parse: %.2fx\n", c / f
}'
