#!/usr/bin/env bash
# FIX codec benchmark: our codec against QuickFIX (Debian libquickfix-dev) in the same binary.
#   scripts/bench-fix.sh [BUILD_DIR]      (default build-bench)
# 1. builds bench_fix_codec (-DKALSHI_BENCH=ON, RelWithDebInfo = -O2; GCC 12's -O3 trips
#    -Wrestrict false positives elsewhere in the tree);
# 2. runs Google Benchmark with 5 repetitions and prints the medians (CPU time, allocations per
#    message) and the QuickFIX / ours ratios;
# 3. counts instructions per message for every case under valgrind --tool=callgrind: each case
#    runs N1 and N2 messages (KALSHI_BENCH_CASE / KALSHI_BENCH_ITERS, no Google Benchmark loop)
#    and the difference is divided by N2 - N1, so start-up and set-up cancel out.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build-bench}"
bin="$dir/bench/bench_fix_codec"

cmake -S "$root" -B "$dir" -G Ninja -DKALSHI_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$dir" bench_fix_codec >/dev/null

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
    print(f"  {name:24s} {b['cpu_time']:9.1f} {b['time_unit']}   allocs/msg {b.get('allocs_per_msg', 0):.1f}")
for op in ("decode_er", "encode_nos"):
    qf = med.get(op + "/quickfix")
    for layer in ("ours", "typed"):
        b = med.get(f"{op}/{layer}")
        if b and qf:
            print(f"  {op}: QuickFIX / {layer} = {qf['cpu_time'] / b['cpu_time']:.1f}x")
PY

if ! command -v valgrind >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y valgrind >/dev/null
  else
    echo "valgrind is not installed (apt-get install valgrind as root); skipping instruction counts"
    exit 0
  fi
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
