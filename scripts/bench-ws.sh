#!/usr/bin/env bash
# WebSocket decode benchmark: our typed decoder against plain simdjson On-Demand in one binary.
#   scripts/bench-ws.sh [BUILD_DIR]      (default build-bench)
# 1. builds bench_ws_decode (-DKALSHI_BENCH=ON, RelWithDebInfo = -O2);
# 2. runs Google Benchmark with 5 repetitions and prints the medians (CPU time, allocations per
#    message) and the plain / ours ratios;
# 3. counts instructions per message for every case under valgrind --tool=callgrind: each case
#    runs N1 and N2 messages (KALSHI_BENCH_CASE / KALSHI_BENCH_ITERS) and the difference is
#    divided by N2 - N1, so start-up and set-up cancel out.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build-bench}"
bin="$dir/bench/bench_ws_decode"

cmake -S "$root" -B "$dir" -G Ninja -DKALSHI_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$dir" bench_ws_decode >/dev/null

json="$(mktemp)"
trap 'rm -f "$json"' EXIT
echo "== Google Benchmark (median of 5; CPU time per message)"
"$bin" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json >/dev/null 2>&1
python3 - "$json" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"]
med = {b["run_name"]: b for b in runs}
for name, b in med.items():
    print(f"  {name:28s} {b['cpu_time']:9.1f} {b['time_unit']}   allocs/msg {b.get('allocs_per_msg', 0):.1f}")
for op in ("delta", "snapshot100"):
    plain, ours = med.get(op + "/simdjson_plain"), med.get(op + "/ours")
    if plain and ours:
        print(f"  {op}: plain / ours = {plain['cpu_time'] / ours['cpu_time']:.2f}x")
    path = med.get(op + "/ours_simdjson_path")
    if path and ours:
        print(f"  {op}: ours without / with the fast book scanner = {path['cpu_time'] / ours['cpu_time']:.2f}x")
PY

if ! command -v valgrind >/dev/null; then
  echo "valgrind is not installed (apt-get install valgrind); skipping instruction counts"
  exit 0
fi
echo "== instructions per message (callgrind)"
n1=1000
n2=11000
collected() {
  KALSHI_BENCH_CASE="$1" KALSHI_BENCH_ITERS="$2" valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$bin" 2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
for case in $("$bin" --benchmark_list_tests=true); do
  a="$(collected "$case" "$n1")"
  b="$(collected "$case" "$n2")"
  echo "  $case $(( (b - a) / (n2 - n1) ))"
done
