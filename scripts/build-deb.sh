#!/usr/bin/env bash
# Builds yunwang_<version>_amd64.deb: the release binary linked with --static-swift-stdlib
# (no Swift runtime on the target), stripped, with bash/zsh/fish completions and man pages.
# Depends is computed from the binary: every shared library ldd names, mapped to its Debian
# package by dpkg -S, so it stays right when a system library is added or dropped.
# Usage: scripts/build-deb.sh [OUTPUT-DIR]   (default: out/deb; `make deb`)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/deb}
swift=${SWIFT:-swift}

# SCRATCH: another build folder (the tests use one, since `swift test` holds .build's lock).
scratch=${SCRATCH:-.build}
"$swift" build -c release --product yunwang --static-swift-stdlib --scratch-path "$scratch" >&2
bin=$scratch/release/yunwang
version=$("$bin" --version | sed -n 's/^yunwang \([^ ]*\) .*/\1/p')
[[ -n $version ]] || { echo "build-deb: cannot read the version from $bin --version" >&2; exit 1; }
arch=$(dpkg --print-architecture)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/doc/yunwang" "$root/usr/share/man/man1"
install -m 0755 "$bin" "$root/usr/bin/yunwang"
strip --strip-unneeded "$root/usr/bin/yunwang"
bash scripts/install-completions.sh "$root/usr/bin/yunwang" "$root/usr" >&2
bash scripts/man-pages.sh "$root/usr/bin/yunwang" "$root/usr/share/man/man1" >&2
gzip -9n "$root"/usr/share/man/man1/*.1
install -m 0644 README.md "$root/usr/share/doc/yunwang/README.md"
install -d "$root/usr/share/doc/yunwang/examples"
cp -r examples/baotou "$root/usr/share/doc/yunwang/examples/baotou"
find "$root/usr/share" -type d -exec chmod 0755 {} + && find "$root/usr/share" -type f -exec chmod 0644 {} +

# Depends: the packages owning the libraries the binary loads (libc6, libgcc-s1 and
# libstdc++6 come with every Debian system, but are named all the same).
depends=$(ldd "$root/usr/bin/yunwang" | awk '/=> \// { print $3 }' | while read -r lib; do
  real=$(readlink -f "$lib")
  dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || dpkg -S "/usr$real" 2>/dev/null \
    || { echo "build-deb: no Debian package owns $lib" >&2; exit 1; }
done | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g')
if ldd "$root/usr/bin/yunwang" | grep -qi swift; then
  echo "build-deb: the binary still loads a Swift library:" >&2
  ldd "$root/usr/bin/yunwang" >&2
  exit 1
fi
size=$(du -sk "$root/usr" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: yunwang
Version: $version
Architecture: $arch
Maintainer: yunwang maintainers <yunwang@example.gov.cn>
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: 云网 — checks government extranet inventories against policy rules
 yunwang checks YAML inventories (台账) of Chinese government extranets,
 information systems and government clouds against the rules of policy
 documents, and renders CI output (text, JSON, SARIF, JUnit, CSV, Markdown),
 a quarterly report and an offline static audit site.
EOF
mkdir -p "$out"
deb="$out/yunwang_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >&2
echo "$deb"
