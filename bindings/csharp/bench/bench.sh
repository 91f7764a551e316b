#!/bin/sh
# Builds the binding and its REST bench with mcs and runs it against the libkalshi named by
# KALSHI_LIB (with LD_LIBRARY_PATH set as for test.sh). Argument: calls per round trip (1000).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${KALSHI_CSHARP_OUT:-$here/out}
mkdir -p "$out"
: "${KALSHI_LIB:?KALSHI_LIB must name the libkalshi.so under test}"
: "${KALSHI_SOURCE_DIR:=$(cd "$here/../.." && pwd)}"; export KALSHI_SOURCE_DIR
MCS="mcs -langversion:7.2 -nologo -warnaserror+ -optimize+"
# shellcheck disable=SC2086
$MCS -target:library -out:"$out/Kalshi.dll" -nowarn:1591 "$here"/src/*.cs
cp "$here/Kalshi.dll.config" "$out/Kalshi.dll.config"
# shellcheck disable=SC2086
$MCS -target:exe -out:"$out/KalshiRestBench.exe" -r:"$out/Kalshi.dll" "$here"/bench/*.cs
cd "$out"
exec mono KalshiRestBench.exe "$@"
