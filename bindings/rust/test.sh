#!/usr/bin/env bash
# Builds and tests the Rust binding against an installed libkalshi.
#
# Expects (as set by the project's test command after a staging install):
#   PKG_CONFIG_PATH=<stage>/lib/pkgconfig  LD_LIBRARY_PATH=<stage>/lib
#   KALSHI_LIB=<stage>/lib/libkalshi.so    KALSHI_SOURCE_DIR=<repo>
# Needs cargo (looked for on PATH, then in ~/.cargo/bin) and crates.io for the `pkg-config` crate.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export KALSHI_SOURCE_DIR="${KALSHI_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"

if ! command -v cargo >/dev/null 2>&1; then
  for d in "${CARGO_HOME:-$HOME/.cargo}/bin" /root/.cargo/bin; do
    if [ -x "$d/cargo" ]; then PATH="$PATH:$d"; break; fi
  done
fi
command -v cargo >/dev/null 2>&1 || { echo "rust/test.sh: cargo not found" >&2; exit 1; }
command -v pkg-config >/dev/null 2>&1 || { echo "rust/test.sh: pkg-config not found" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A kalshi.pc whose prefix was fixed at configure time points elsewhere after
# `cmake --install --prefix <stage>`. When its libdir does not hold the library named by
# KALSHI_LIB, use a copy with the prefix of the staging install instead.
if ! pkg-config --exists kalshi; then
  echo "rust/test.sh: pkg-config cannot find kalshi (PKG_CONFIG_PATH=${PKG_CONFIG_PATH:-})" >&2
  exit 1
fi
libdir="$(pkg-config --variable=libdir kalshi)"
if [ -n "${KALSHI_LIB:-}" ] && [ ! -e "$libdir/$(basename "$KALSHI_LIB")" ]; then
  stage="$(cd "$(dirname "$KALSHI_LIB")/.." && pwd)"
  pc="$(pkg-config --path kalshi 2>/dev/null || true)"
  [ -n "$pc" ] || pc="$stage/lib/pkgconfig/kalshi.pc"
  sed "s|^prefix=.*|prefix=$stage|" "$pc" >"$tmp/kalshi.pc"
  export PKG_CONFIG_PATH="$tmp${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  echo "rust/test.sh: note: kalshi.pc libdir $libdir lacks the library; using prefix $stage" >&2
fi
if [ -n "${KALSHI_LIB:-}" ]; then
  export LD_LIBRARY_PATH="$(dirname "$KALSHI_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

cd "$here"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
cargo test --locked --workspace -j "$CARGO_BUILD_JOBS" "$@"
