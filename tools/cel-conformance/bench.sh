#!/bin/sh
# Times typical CEL rules over 200,000 objects in a release build, one core.
# Builds Sources/CEL and bench-main.swift in a throw-away package under a temp dir
# (so it never touches the main package's build). Usage: tools/cel-conformance/bench.sh ['expr' ...]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${CEL_BENCH_DIR:-${TMPDIR:-/tmp}/yunwang-cel-bench}
mkdir -p "$work/Sources/celbench"
ln -sfn "$root/Sources/CEL" "$work/Sources/CEL"
cp "$root/tools/cel-conformance/bench-main.swift" "$work/Sources/celbench/main.swift"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "celbench",
    platforms: [.macOS(.v13)],
    targets: [
        .target(name: "CEL", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .executableTarget(name: "celbench", dependencies: ["CEL"]),
    ],
    swiftLanguageModes: [.v6]
)
SWIFT
cd "$work"
swift build -c release --product celbench >/dev/null
exec "$work/.build/release/celbench" "$@"
