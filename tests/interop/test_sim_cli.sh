#!/usr/bin/env bash
# The kalshi-sim executable: --print-ports lists every listener and the CA file, openssl s_client
# verifies a TLS listener against that CA, stdin commands answer, SIGTERM stops it with exit 0 and
# removes the CA file; bad usage and a bad markets file fail clearly. Every wait is bounded.
set -euo pipefail
sim="${KALSHI_BUILD_DIR:?}/tools/kalshi-sim"
[[ -x "$sim" ]] || { echo "kalshi-sim not built"; exit 77; }
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Usage errors: exit 2; a markets file that does not load: exit 1 with the reason.
set +e
"$sim" --no-such-flag >/dev/null 2>&1; [[ $? == 2 ]] || { echo "bad flag: expected exit 2"; exit 1; }
echo '{"markets": 7}' >"$work/bad.json"
timeout 20 "$sim" --markets "$work/bad.json" --no-tls </dev/null >/dev/null 2>"$work/err"
rc=$?
set -e
[[ $rc == 1 ]] || { echo "bad markets file: expected exit 1, got $rc"; exit 1; }
grep -q "sim.markets_file" "$work/err"

mkfifo "$work/in"
timeout 60 "$sim" --print-ports --seed 3 --key "k1=$KALSHI_SOURCE_DIR/tests/data/keys/rsa_pub.pem" \
  --fault "fix.nr:k1=reject_logon go away" <"$work/in" >"$work/out" 2>"$work/stderr" &
pid=$!
exec 3>"$work/in"
for _ in $(seq 200); do
  grep -qx ready "$work/out" 2>/dev/null && break
  sleep 0.05
done
grep -qx ready "$work/out" || { echo "no ready line"; cat "$work/stderr"; exit 1; }
for ep in fix.nr fix.rt fix.dc fix.pt fix.rfq fix.md perps.fix.nr perps.fix.rt perps.fix.dc perps.fix.md; do
  grep -Eq "^$ep [0-9]+$" "$work/out" || { echo "no port for $ep"; exit 1; }
  grep -Eq "^$ep.tls [0-9]+$" "$work/out" || { echo "no port for $ep.tls"; exit 1; }
done
grep -Eq '^member k1 [0-9]+$' "$work/out"
ca="$(sed -n 's/^ca //p' "$work/out")"
[[ -s "$ca" ]] || { echo "CA file missing"; exit 1; }

# An independent TLS client verifies the listener's certificate against the CA for 127.0.0.1.
port="$(sed -n 's/^fix.nr.tls //p' "$work/out")"
echo | timeout 20 openssl s_client -connect "127.0.0.1:$port" -CAfile "$ca" -verify_return_error \
  -verify_ip 127.0.0.1 >"$work/sclient" 2>&1 || { cat "$work/sclient"; exit 1; }
grep -q "Verify return code: 0 (ok)" "$work/sclient"

# Each command answers one "ok ..." / "error ..." line; $reply gets the answer.
answers=0
reply=""
ask() {
  echo "$1" >&3
  answers=$((answers + 1))
  for _ in $(seq 200); do
    [[ $(grep -Ec '^(ok|error)' "$work/out") -ge $answers ]] && break
    sleep 0.05
  done
  reply="$(grep -E '^(ok|error)' "$work/out" | sed -n "${answers}p")"
}
ask status && [[ "$reply" == "ok sessions 0 clock "* ]]
ask "market HIGHNY-26NOV21-T50 paused" && [[ "$reply" == ok ]]
ask "settle NO-SUCH-MARKET yes" && [[ "$reply" == "error KALSHI_ERR_NOT_FOUND"* ]]
ask "fault fix.zz drop" && [[ "$reply" == "error KALSHI_ERR_NOT_FOUND"* ]]
ask "advance -5" && [[ "$reply" == "error usage"* ]]
ask "balance 999999" && [[ "$reply" == "error KALSHI_ERR_NOT_FOUND"* ]]

kill -TERM "$pid"
set +e
wait "$pid"
rc=$?
set -e
pid=""
[[ $rc == 0 ]] || { echo "SIGTERM: expected exit 0, got $rc"; cat "$work/stderr"; exit 1; }
[[ ! -e "$ca" ]] || { echo "CA file left behind"; exit 1; }
echo "kalshi-sim CLI ok"
