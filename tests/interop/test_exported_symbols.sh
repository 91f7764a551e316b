#!/usr/bin/env bash
# The shared library exports the C ABI and nothing else, carries the major version in its
# SONAME, and does not leak C++ or dependency symbols.
set -euo pipefail
lib="${KALSHI_LIB:?}"
defined=$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | sort -u)
bad=$(printf '%s\n' "$defined" | grep -v '^kalshi_' | grep -v '^$' || true)
if [[ -n "$bad" ]]; then
  echo "exported symbols outside kalshi_*:"
  printf '%s\n' "$bad" | head -20
  exit 1
fi
count=$(printf '%s\n' "$defined" | grep -c '^kalshi_')
[[ $count -ge 50 ]] || { echo "only $count kalshi_* symbols exported"; exit 1; }
# Every function the headers declare is exported.
declared=$(grep -ho 'KALSHI_API [^(]*(' "$KALSHI_SOURCE_DIR"/include/kalshi/*.h \
  | grep -o 'kalshi_[a-z0-9_]*($' | tr -d '(' | sort -u)
missing=$(comm -23 <(printf '%s\n' "$declared") <(printf '%s\n' "$defined"))
if [[ -n "$missing" ]]; then
  echo "declared but not exported:"
  printf '%s\n' "$missing"
  exit 1
fi
soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
major=$(awk '/#define KALSHI_VERSION_MAJOR/ {print $3}' "$KALSHI_SOURCE_DIR/include/kalshi/version.h")
[[ "$soname" == "libkalshi.so.$major" ]] || { echo "SONAME $soname, want libkalshi.so.$major"; exit 1; }
echo "ok: $count kalshi_* symbols, nothing else; SONAME $soname"
