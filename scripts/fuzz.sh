#!/usr/bin/env bash
# Build the libFuzzer targets (AddressSanitizer + libFuzzer coverage) and run
# each for FUZZ_SECONDS (docs/hardening.md). Exit 1 if any target found a
# crash, a hang, a leak of memory over the limit or a broken invariant; the
# input is saved under $FUZZ_OUT/<target>/ and its path printed.
#
#   scripts/fuzz.sh                     every target, FUZZ_SECONDS=300 each
#   FUZZ_SECONDS=20 scripts/fuzz.sh     the smoke run of `make test`
#   scripts/fuzz.sh cel yaml            some targets only
#
# Environment: FUZZ_SECONDS (per target, default 300), FUZZ_CONFIG
# (release|debug, default release), FUZZ_SCRATCH (build folder, default
# .build-fuzz; the growing working corpus lives in it too), FUZZ_OUT (crash
# inputs and logs, default out/fuzz), FUZZ_FLAGS (more libFuzzer flags, e.g.
# "-jobs=2 -workers=2").
#
# Why not `-sanitize=fuzzer`: it links libFuzzer with its own `main` into
# every executable, including the build-tool plugin's `embed-resources`, which
# then fails to link (and SwiftPM's `--sanitize fuzzer` adds -parse-as-library
# to that tool's top-level code). So every module gets the same coverage
# instrumentation `-sanitize=fuzzer` would add, and only the fuzz targets pull
# libFuzzer in (they alone call LLVMFuzzerRunDriver from libclang_rt.fuzzer_no_main).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-300}
CONFIG=${FUZZ_CONFIG:-release}
SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
OUT=${FUZZ_OUT:-out/fuzz}
SWIFT=${SWIFT:-swift}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(yaml inventory cel policy walk templates)

for t in "${TARGETS[@]}"; do
    case "$t" in yaml|inventory|cel|policy|walk|templates) ;; *) echo "fuzz: unknown target '$t' (yaml, inventory, cel, policy, walk, templates)" >&2; exit 2 ;; esac
done

# libFuzzer from the Swift toolchain's own clang (compiler-rt).
bindir=$(dirname "$(readlink -f "$(command -v "$SWIFT")")")
resource=$("$bindir/clang" -print-resource-dir 2>/dev/null || true)
arch=$(uname -m)
libfuzzer=""
for candidate in "$resource/lib/linux/libclang_rt.fuzzer_no_main-$arch.a" \
                 "$resource/lib/$arch-unknown-linux-gnu/libclang_rt.fuzzer_no_main.a"; do
    if [ -f "$candidate" ]; then libfuzzer=$candidate; break; fi
done
if [ -z "$libfuzzer" ]; then
    echo "fuzz: libclang_rt.fuzzer_no_main not found under '$resource' (the Swift toolchain's clang); install a toolchain with compiler-rt" >&2
    exit 2
fi

flags=(-c "$CONFIG" --scratch-path "$SCRATCH"
       -Xswiftc -sanitize=address
       -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
       -Xswiftc -DFUZZING
       -Xlinker "$libfuzzer" -Xlinker -lstdc++)

mkdir -p "$OUT"
start=$(date +%s)
for t in "${TARGETS[@]}"; do
    # gold warns about every ASan helper symbol it cannot export; nothing to act on.
    if ! "$SWIFT" build "${flags[@]}" --product "fuzz-$t" > "$OUT/build.log" 2>&1; then
        grep -v "Cannot export local symbol" "$OUT/build.log" >&2 || true
        echo "fuzz: building fuzz-$t failed" >&2
        exit 2
    fi
done
bin=$("$SWIFT" build "${flags[@]}" --show-bin-path)
echo "fuzz: built ${TARGETS[*]} ($CONFIG, ASan + libFuzzer) in $(( $(date +%s) - start )) s; $SECONDS_EACH s each" >&2

declare -A maxlen=([yaml]=8192 [inventory]=8192 [cel]=4096 [policy]=8192 [walk]=4096 [templates]=4096)
failed=0
for t in "${TARGETS[@]}"; do
    work="$SCRATCH/fuzz-corpus/$t"
    artifacts="$OUT/$t"
    log="$OUT/$t.log"
    mkdir -p "$work" "$artifacts" Tests/Fuzz/regressions/$t
    # crash-, timeout-, oom- and leak- inputs are failures; slow-unit- ones (over 10 s but
    # under -timeout, as when the machine stalls) are only reported.
    findings() { ls "$artifacts" | { grep -E '^(crash|timeout|oom|leak)-' || true; } | wc -l; }
    before=$(findings)
    set +e
    # SWIFT_BACKTRACE: Swift's backtracer would hold each crash for seconds; libFuzzer reports it.
    # detect_leaks=0: Swift's lazily initialised globals look like leaks to LeakSanitizer.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=0 \
        "$bin/fuzz-$t" "$work" "Tests/Fuzz/corpus/$t" "Tests/Fuzz/regressions/$t" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len="${maxlen[$t]}" \
        -dict="Tests/Fuzz/dict/$t.dict" -artifact_prefix="$artifacts/" -detect_leaks=0 \
        -print_final_stats=1 ${FUZZ_FLAGS:-} > "$log" 2>&1
    code=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corpus=$(ls "$work" | wc -l)
    after=$(findings)
    slow=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -1)
    if [ "${slow:-0}" -ge 10 ]; then
        echo "fuzz-$t: note: the slowest input took ${slow} s (saved as $artifacts/slow-unit-*; rerun it to see whether it is slow or the machine stalled)" >&2
    fi
    if [ "$code" -eq 0 ] && [ "$after" -eq "$before" ]; then
        echo "fuzz-$t: ${runs:-?} runs, ${rate:-?}/s, coverage ${cov:-?}, corpus $corpus: no crash" >&2
    else
        failed=1
        echo "fuzz-$t: FAILED (exit $code) after ${runs:-?} runs; log: $log" >&2
        grep -E "^(==[0-9]+==ERROR|SUMMARY|.*Fatal error|ALARM|.*Test unit written)" "$log" | head -8 >&2 || true
        for f in $(ls -t "$artifacts" | { grep -E '^(crash|timeout|oom|leak)-' || true; } | head -$(( after - before ))); do
            echo "fuzz-$t: crashing input: $artifacts/$f (reproduce: $bin/fuzz-$t $artifacts/$f;" \
                 "after the fix, copy it to Tests/Fuzz/regressions/$t/)" >&2
        done
    fi
done
exit $failed
