#!/bin/sh
# Builds the Java binding with Maven and runs its JUnit 5 tests against the installed libkalshi.
# Expects (from the project's test command): KALSHI_LIB=<stage>/lib/libkalshi.so,
# LD_LIBRARY_PATH=<stage>/lib, PKG_CONFIG_PATH=<stage>/lib/pkgconfig.
# Debian packages: openjdk-17-jdk-headless maven openssl pkg-config. Maven downloads JNA, JUnit and
# the plugins from Maven Central (cached in ~/.m2).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${KALSHI_LIB:?KALSHI_LIB must name the libkalshi.so under test}"
libdir=$(dirname "$KALSHI_LIB")
cd "$here"
exec mvn -B -q -Dkalshi.library.path="$libdir" -Dsurefire.printSummary=true "$@" test
