#!/usr/bin/env bash
# Installs the library into a scratch prefix and builds examples/quickstart.c against the
# INSTALLED copy twice — through pkg-config and through CMake's find_package — and runs both.
set -euo pipefail
build="${KALSHI_BUILD_DIR:?}"
src="${KALSHI_SOURCE_DIR:?}"
[[ "${KALSHI_SANITIZE:-0}" == 1 ]] && { echo "skipped in the sanitizer build"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir="$work/prefix/lib"
[[ -f "$libdir/pkgconfig/kalshi.pc" ]] || { echo "kalshi.pc not installed"; exit 1; }
[[ -f "$libdir/cmake/kalshi/kalshiConfig.cmake" ]] || { echo "CMake package not installed"; exit 1; }
[[ -f "$work/prefix/include/kalshi/kalshi.h" ]] || { echo "headers not installed"; exit 1; }

# 1. pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -Werror -o "$work/quickstart-pc" "$src/examples/quickstart.c" \
  $(pkg-config --cflags --libs kalshi)
pkg-config --static --libs kalshi | grep -q -- '-luv' || { echo "Requires.private missing"; exit 1; }
out=$(LD_LIBRARY_PATH="$libdir" "$work/quickstart-pc")
echo "$out"
grep -q "^libkalshi " <<<"$out"
grep -q "^echo ok" <<<"$out"
LD_LIBRARY_PATH="$libdir" ldd "$work/quickstart-pc" | grep -q "$libdir/libkalshi.so" || { echo "not linked to the installed copy"; exit 1; }

# 2. find_package
cmake -S "$src/examples/cmake-consumer" -B "$work/cm" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DQUICKSTART_SOURCE="$src/examples/quickstart.c" >/dev/null
ninja -C "$work/cm" >/dev/null
out=$("$work/cm/quickstart")   # RPATH from the imported target
grep -q "^echo ok" <<<"$out"
echo "ok: pkg-config and find_package consumers built and ran"
