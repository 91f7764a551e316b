#!/usr/bin/env bash
# The whole test suite from a fresh clone: dependencies, a -Werror build with ctest, the same under
# ASan+UBSan, the libFuzzer build (clang) with short fuzz runs, the installed library consumed via
# pkg-config and find_package, and every binding's own tests. Ends with "total: N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jobs="${KALSHI_JOBS:-$(nproc)}"
export PATH="$PATH:$HOME/.cargo/bin:/usr/local/go/bin"

scripts/setup-deps.sh test || exit 1

passed=0
failed=0
failures=()
step() {  # step NAME COMMAND...
  local name="$1"
  shift
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - start)) s)"
  fi
}

configure_build() {  # dir, extra cmake args...
  local dir="$1"
  shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; return 1; }
  ninja -C "$dir" -j "$jobs" >"$dir.build.log" 2>&1 || { grep -E -B2 -A12 'error|FAILED' "$dir.build.log" | head -80; return 1; }
}
run_ctest() {
  (cd "$1" && ctest -j "$jobs" --output-on-failure --timeout 600 "${@:2}")
}

mkdir -p build
step "build (gcc, -Werror)" configure_build build
step "ctest (gcc)" run_ctest build
step "build (ASan+UBSan)" configure_build build-asan -DKALSHI_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  step "ctest (ASan+UBSan)" run_ctest build-asan
if command -v clang++ >/dev/null; then
  configure_fuzz() { CC=clang CXX=clang++ configure_build build-fuzz -DKALSHI_FUZZ=ON; }
  step "build (clang libFuzzer)" configure_fuzz
  step "fuzz smoke runs" scripts/fuzz.sh build-fuzz 10
fi

stage="$root/build/stage"
rm -rf "$stage"
step "install" cmake --install build --prefix "$stage"
export PKG_CONFIG_PATH="$stage/lib/pkgconfig" LD_LIBRARY_PATH="$stage/lib"
export KALSHI_LIB="$stage/lib/libkalshi.so" KALSHI_SOURCE_DIR="$root"
# The independent FIX peer the bindings' FIX tests log on to (tests/qf).
export KALSHI_QF_ACCEPTOR="$root/build/tests/tools/kalshi-qf-acceptor"
for b in rust go csharp java; do
  if [[ -f "bindings/$b/test.sh" ]]; then
    step "bindings/$b" bash "bindings/$b/test.sh"
  fi
done

echo
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "total: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
