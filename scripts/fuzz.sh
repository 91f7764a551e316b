#!/usr/bin/env bash
# Runs every libFuzzer harness of a KALSHI_FUZZ=ON build for N seconds each, starting from its
# seed corpus (new inputs go to a scratch copy, never into the repo).
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DKALSHI_FUZZ=ON && ninja -C build-fuzz
#   scripts/fuzz.sh build-fuzz 60            # all harnesses, 60 s each
#   scripts/fuzz.sh build-fuzz 600 decimal   # one harness
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: fuzz.sh BUILD_DIR SECONDS [TARGET...]}"
seconds="${2:?usage: fuzz.sh BUILD_DIR SECONDS [TARGET...]}"
shift 2
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for f in "$root"/fuzz/fuzz_*.cpp; do
    t="$(basename "$f" .cpp)"
    targets+=("${t#fuzz_}")
  done
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for t in "${targets[@]}"; do
  bin="$dir/fuzz/fuzz_$t"
  [[ -x "$bin" ]] || { echo "fuzz: $bin not built" >&2; status=1; continue; }
  mkdir -p "$scratch/$t"
  cp -r "$root/fuzz/corpora/$t/." "$scratch/$t/" 2>/dev/null || true
  echo "fuzz: $t for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -print_final_stats=0 -artifact_prefix="$scratch/$t-" \
      "$scratch/$t" >"$scratch/$t.log" 2>&1; then
    tail -40 "$scratch/$t.log"
    cp "$scratch/$t"-* "$root/" 2>/dev/null || true
    echo "fuzz: $t FAILED (artifacts copied to the repo root)" >&2
    status=1
  fi
done
exit $status
