#!/usr/bin/env bash
# The kalshi CLI: version, keygen (0600 secret file), and a REST signature that the openssl CLI
# verifies independently; bad usage fails with a clear message.
set -euo pipefail
cli="${KALSHI_BUILD_DIR:?}/tools/kalshi"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$cli" version | grep -qx "libkalshi $(awk '/define KALSHI_VERSION_MAJOR/{a=$3} /define KALSHI_VERSION_MINOR/{b=$3} /define KALSHI_VERSION_PATCH/{c=$3} END{print a"."b"."c}' "$KALSHI_SOURCE_DIR/include/kalshi/version.h")"

"$cli" keygen rsa --out "$work/key.pem" >"$work/pub.pem"
[[ "$(stat -c %a "$work/key.pem")" == 600 ]] || { echo "private key file is not mode 0600"; exit 1; }
grep -q "BEGIN PUBLIC KEY" "$work/pub.pem"

KALSHI_PRIVATE_KEY_PATH="$work/key.pem" KALSHI_KEY_ID=test-key \
  "$cli" sign GET '/trade-api/v2/portfolio/orders?limit=5' --ts 1703123456789 >"$work/headers"
grep -qx "KALSHI-ACCESS-KEY: test-key" "$work/headers"
grep -qx "KALSHI-ACCESS-TIMESTAMP: 1703123456789" "$work/headers"
sed -n 's/^KALSHI-ACCESS-SIGNATURE: //p' "$work/headers" | base64 -d >"$work/sig.bin"
printf '1703123456789GET/trade-api/v2/portfolio/orders' >"$work/msg.bin"
openssl dgst -sha256 -verify "$work/pub.pem" -sigopt rsa_padding_mode:pss \
  -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 -signature "$work/sig.bin" "$work/msg.bin"

# The query string is not signed: a signature over it must NOT verify.
printf '1703123456789GET/trade-api/v2/portfolio/orders?limit=5' >"$work/msg-query.bin"
if openssl dgst -sha256 -verify "$work/pub.pem" -sigopt rsa_padding_mode:pss \
  -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 -signature "$work/sig.bin" \
  "$work/msg-query.bin" >/dev/null 2>&1; then
  echo "signature unexpectedly covers the query string"
  exit 1
fi

if "$cli" frobnicate 2>"$work/err"; then echo "unknown command succeeded"; exit 1; fi
grep -q 'unknown command "frobnicate"' "$work/err"
if KALSHI_PRIVATE_KEY_PATH="$work/missing.pem" "$cli" sign GET /trade-api/v2/x 2>"$work/err"; then
  echo "missing key file succeeded"
  exit 1
fi
grep -q KALSHI_ERR_IO "$work/err"
echo "ok: cli"
