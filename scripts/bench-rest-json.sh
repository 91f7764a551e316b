#!/usr/bin/env bash
# REST JSON decoding benchmark: our typed decoder (src/json) against plain simdjson On-Demand with
# naive field extraction, in the same binary, on a 1,000-market page and a 100-level order book.
#   scripts/bench-rest-json.sh [BUILD_DIR]      (default build-bench)
# 1. builds bench_rest_json (-DKALSHI_BENCH=ON, RelWithDebInfo = -O2);
# 2. runs Google Benchmark with 5 repetitions and prints the medians (CPU time and allocations
#    per decode) and the naive / ours ratios;
# 3. counts instructions per decode for every case under valgrind --tool=callgrind: each case
#    runs N1 and N2 decodes (KALSHI_BENCH_CASE / KALSHI_BENCH_ITERS, no Google Benchmark loop)
#    and the difference is divided by N2 - N1, so start-up and set-up cancel out.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build-bench}"
bin="$dir/bench/bench_rest_json"

cmake -S "$root" -B "$dir" -G Ninja -DKALSHI_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$dir" bench_rest_json >/dev/null

json="$(mktemp)"
trap 'rm -f "$json"' EXIT
echo "== Google Benchmark (median of 5; CPU time per decode)"
"$bin" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json >/dev/null 2>&1
python3 - "$json" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"]
med = {b["run_name"]: b for b in runs}
for name, b in med.items():
    print(f"  {name:20s} {b['cpu_time']:11.1f} {b['time_unit']}   allocs/decode {b.get('allocs_per_decode', 0):.1f}")
for op in ("page_1000", "orderbook"):
    ours, naive = med.get(op + "/ours"), med.get(op + "/naive")
    if ours and naive:
        print(f"  {op}: naive / ours = {naive['cpu_time'] / ours['cpu_time']:.2f}x")
PY

if ! command -v valgrind >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y valgrind >/dev/null
  else
    echo "valgrind is not installed (apt-get install valgrind as root); skipping instruction counts"
    exit 0
  fi
fi
echo "== instructions per decode (callgrind)"
n1=5
n2=25
collected() {
  KALSHI_BENCH_CASE="$1" KALSHI_BENCH_ITERS="$2" valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$bin" 2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
for case in $("$bin" --benchmark_list_tests=true); do
  a="$(collected "$case" "$n1")"
  b="$(collected "$case" "$n2")"
  echo "  $case $(( (b - a) / (n2 - n1) ))"
done
