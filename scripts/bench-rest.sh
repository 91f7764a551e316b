#!/usr/bin/env bash
# REST benchmarks: submit -> first byte written for a V2 order against the in-process simulator
# over loopback, signed inline vs presigned (bench_rest_submit), plus the signing micro-benchmark
# (bench_rest_sign) and a JSON decode benchmark when one exists (bench/bench_json*.cpp).
#   scripts/bench-rest.sh [BUILD_DIR]      (default build-bench)
# Builds with -DKALSHI_BENCH=ON (RelWithDebInfo = -O2 for a new directory; an existing directory
# keeps its build type) and prints the medians of 5 repetitions.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build-bench}"

if [ -f "$dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$dir" -DKALSHI_BENCH=ON >/dev/null
else
  cmake -S "$root" -B "$dir" -G Ninja -DKALSHI_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
targets=(bench/bench_rest_submit bench/bench_rest_sign)
for src in "$root"/bench/bench_json*.cpp; do
  [ -e "$src" ] && targets+=("bench/$(basename "${src%.cpp}")")
done
ninja -C "$dir" "${targets[@]}" >/dev/null

json="$(mktemp)"
trap 'rm -f "$json"' EXIT
for t in "${targets[@]}"; do
  echo "== $(basename "$t") (median of 5 repetitions)"
  "$dir/$t" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$json" --benchmark_out_format=json >/dev/null 2>&1
  python3 - "$json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    extra = "".join(f"  {k}={b[k]:.1f}" for k in ("median_us", "p99_us", "presign_hits", "inline_signed") if k in b)
    print(f"  {b['run_name']:60s} {b['real_time']:10.1f} {b['time_unit']}{extra}")
PY
done
