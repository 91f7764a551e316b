#!/usr/bin/env bash
# The demo from a fresh clone: installs dependencies, builds, and runs `kalshi demo`, which prints
# the version, loads a key (KALSHI_PRIVATE_KEY[_PATH]) or generates one, signs a REST request,
# completes a TLS handshake with a local peer (openssl s_server with a CA made here), then starts
# kalshi-sim in-process and logs on over FIX (TLS, verified against the simulator's test CA):
# market-data snapshot, an order placed and canceled, an order that fills, the account after it,
# and the live book while the simulator's other participants trade.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup-deps.sh build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build -j "$(nproc)" kalshi_cli kalshi-sim >/dev/null

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway CA and a certificate for 127.0.0.1 / localhost, so the demo verifies for real.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=libkalshi demo CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
  -CAcreateserial -days 1 -extfile "$work/san.ext" -out "$work/server.pem" 2>/dev/null
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl s_server -quiet -accept "127.0.0.1:$port" -cert "$work/server.pem" -key "$work/server.key" \
  -tls1_2 -rev </dev/null >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

build/tools/kalshi demo --tls-host localhost --tls-port "$port" --ca "$work/ca.pem"
