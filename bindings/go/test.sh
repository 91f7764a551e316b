#!/usr/bin/env bash
# Builds and tests the Go binding against an installed libkalshi.
#
# Expects (as set by the project's test command after a staging install):
#   PKG_CONFIG_PATH=<stage>/lib/pkgconfig  LD_LIBRARY_PATH=<stage>/lib
#   KALSHI_LIB=<stage>/lib/libkalshi.so    KALSHI_SOURCE_DIR=<repo>
# Needs go >= 1.19 (looked for on PATH, then in /usr/local/go/bin), a C compiler for cgo, and
# pkg-config. The package uses only the standard library: nothing is downloaded.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export KALSHI_SOURCE_DIR="${KALSHI_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"

if ! command -v go >/dev/null 2>&1; then
  for d in /usr/local/go/bin "$HOME/go/bin" /usr/lib/go/bin; do
    if [ -x "$d/go" ]; then PATH="$PATH:$d"; break; fi
  done
fi
command -v go >/dev/null 2>&1 || { echo "go/test.sh: go not found" >&2; exit 1; }
command -v pkg-config >/dev/null 2>&1 || { echo "go/test.sh: pkg-config not found" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if ! pkg-config --exists kalshi; then
  echo "go/test.sh: pkg-config cannot find kalshi (PKG_CONFIG_PATH=${PKG_CONFIG_PATH:-})" >&2
  exit 1
fi
# A kalshi.pc with a prefix fixed at configure time points elsewhere after
# `cmake --install --prefix <stage>`: then use a copy with the staging prefix.
libdir="$(pkg-config --variable=libdir kalshi)"
if [ -n "${KALSHI_LIB:-}" ] && [ ! -e "$libdir/$(basename "$KALSHI_LIB")" ]; then
  stage="$(cd "$(dirname "$KALSHI_LIB")/.." && pwd)"
  pc="$(pkg-config --path kalshi 2>/dev/null || true)"
  [ -n "$pc" ] || pc="$stage/lib/pkgconfig/kalshi.pc"
  sed "s|^prefix=.*|prefix=$stage|" "$pc" >"$tmp/kalshi.pc"
  export PKG_CONFIG_PATH="$tmp${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  echo "go/test.sh: note: kalshi.pc libdir $libdir lacks the library; using prefix $stage" >&2
fi
if [ -n "${KALSHI_LIB:-}" ]; then
  export LD_LIBRARY_PATH="$(dirname "$KALSHI_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

# A clean environment may have no HOME (go needs a cache directory).
if [ -z "${HOME:-}" ] && [ -z "${GOCACHE:-}" ]; then
  export GOCACHE="$tmp/gocache" GOPATH="$tmp/gopath"
fi
export CGO_ENABLED=1 GOFLAGS="${GOFLAGS:--buildvcs=false}"

cd "$here"
go vet ./...
# -count=1: the test cache cannot see a rebuilt libkalshi.so.
go test -count=1 -p 2 -v "$@" ./...
