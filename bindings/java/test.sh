#!/bin/sh
# Builds the Java binding with Maven and runs its JUnit 5 tests against the installed libkalshi.
# Expects (from the project's test command): KALSHI_LIB=<stage>/lib/libkalshi.so,
# LD_LIBRARY_PATH=<stage>/lib, PKG_CONFIG_PATH=<stage>/lib/pkgconfig.
# Debian packages: openjdk-17-jdk-headless maven openssl pkg-config. Maven downloads JNA, JUnit and
# the plugins from Maven Central (cached in ~/.m2). Extra arguments go to Maven (-Dtest=KeyTest).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${KALSHI_LIB:?KALSHI_LIB must name the libkalshi.so under test}"
libdir=$(dirname "$KALSHI_LIB")
# The source tree whose headers the binding must match (HeaderSyncTest).
: "${KALSHI_SOURCE_DIR:=$(cd "$here/../.." && pwd)}"; export KALSHI_SOURCE_DIR
cd "$here"
reports=target/surefire-reports
rm -rf "$reports"
mkdir -p target
rc=0
mvn -B -q -Dstyle.color=never -Dkalshi.library.path="$libdir" "$@" test > target/mvn-test.log 2>&1 || rc=$?
sed 's/\x1b\[[0-9;]*m//g' target/mvn-test.log |
  grep -v -E '^\s*$|^\[ERROR\] *$|Please refer to|-> \[Help|Re-run Maven|To see the full stack|For more information about|\[Help 1\] http' || true

# One line per test class and a final "N passed, N failed" from Surefire's XML reports.
passed=0
failed=0
for f in "$reports"/TEST-*.xml; do
  [ -f "$f" ] || continue
  head=$(grep -m1 '<testsuite' "$f")
  attr() { printf '%s\n' "$head" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(attr tests); fl=$(attr failures); e=$(attr errors); s=$(attr skipped)
  bad=$((fl + e))
  name=$(basename "$f" .xml | sed 's/^TEST-//')
  echo "$name: $((t - bad - s)) passed, $bad failed, $s skipped"
  passed=$((passed + t - bad - s))
  failed=$((failed + bad))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # build or fork failure
echo "$passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
