#!/bin/sh
# Builds the C# binding and its tests with Mono's mcs and runs them against the installed
# libkalshi. Expects (from the project's test command): LD_LIBRARY_PATH=<stage>/lib,
# KALSHI_LIB=<stage>/lib/libkalshi.so, PKG_CONFIG_PATH=<stage>/lib/pkgconfig.
# Debian packages: mono-mcs mono-runtime libmono-system-core4.0-cil openssl pkg-config.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${KALSHI_CSHARP_OUT:-$here/out}
mkdir -p "$out"

: "${KALSHI_LIB:?KALSHI_LIB must name the libkalshi.so under test}"
# The source tree whose headers the binding must match (HeaderSyncTests).
: "${KALSHI_SOURCE_DIR:=$(cd "$here/../.." && pwd)}"; export KALSHI_SOURCE_DIR
# Resolve KALSHI_LIB to the real file so the loader tests can copy it.
KALSHI_LIB=$(readlink -f "$KALSHI_LIB"); export KALSHI_LIB

MCS="mcs -langversion:7.2 -nologo -warnaserror+ -debug"
# shellcheck disable=SC2086
$MCS -target:library -out:"$out/Kalshi.dll" -doc:"$out/Kalshi.xml" -nowarn:1591 "$here"/src/*.cs
cp "$here/Kalshi.dll.config" "$out/Kalshi.dll.config"
# shellcheck disable=SC2086
$MCS -target:exe -out:"$out/KalshiTests.exe" -r:"$out/Kalshi.dll" -r:System.Core "$here"/tests/*.cs

cd "$out"
exec mono --debug KalshiTests.exe "$@"
