#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need. As root it runs apt-get;
# otherwise it prints the exact command and fails. Usage: scripts/setup-deps.sh [build|test]
set -euo pipefail
what="${1:-test}"

build_pkgs=(build-essential cmake ninja-build pkg-config libuv1-dev libmbedtls-dev
  libsimdjson-dev libsodium-dev libcmocka-dev zlib1g-dev openssl ca-certificates)
test_pkgs=(clang libclang-rt-14-dev python3 python3-cryptography python3-websockets stunnel4
  libquickfix-dev libbenchmark-dev mono-mcs mono-runtime libmono-system-core4.0-cil
  default-jdk-headless maven)
test_pkgs+=(python3-yaml)  # r2: PyYAML for scripts/gen_rest_catalog.py (REST operation catalog)
pkgs=("${build_pkgs[@]}")
[[ "$what" == test ]] && pkgs+=("${test_pkgs[@]}")
# Rust and Go come from the machine's toolchains when present, else from Debian.
if [[ "$what" == test ]]; then
  export PATH="$PATH:$HOME/.cargo/bin:/usr/local/go/bin"
  command -v cargo >/dev/null || pkgs+=(cargo)
  command -v go >/dev/null || pkgs+=(golang-go)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages; run as root:" >&2
  echo "  apt-get update && $cmd" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
