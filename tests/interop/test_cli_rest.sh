#!/usr/bin/env bash
# The kalshi CLI's exchange commands (markets, book, order, cancel, balance, positions, watch):
# against the in-process simulator it starts by default, and with --connect against a running
# kalshi-sim (plain and TLS) so that state carries from one command to the next (an order shows
# in the book, cancel removes it, a fill moves the balance and the position). Bad usage exits 2,
# exchange errors 1. Every wait is bounded.
set -euo pipefail
cli="${KALSHI_BUILD_DIR:?}/tools/kalshi"
sim="$KALSHI_BUILD_DIR/tools/kalshi-sim"
[[ -x "$cli" && -x "$sim" ]] || { echo "kalshi or kalshi-sim not built"; exit 77; }
keys="$KALSHI_SOURCE_DIR/tests/data/keys"
# The test key (no key generation per run); the simulator registers its public half.
export KALSHI_PRIVATE_KEY_PATH="$keys/rsa_pkcs8.pem"
unset KALSHI_PRIVATE_KEY KALSHI_DEMO
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$work"/out "$work"/err; do [[ -f $f ]] && cat "$f"; done; exit 1; }
# run EXPECTED_STATUS ARGS...: runs the CLI (bounded), output in $work/out and $work/err.
run() {
  local want=$1
  shift
  set +e
  timeout 60 "$cli" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  set -e
  [[ $got == "$want" ]] || fail "kalshi $* exited $got, expected $want"
}
# check_usage PATTERN ARGS...: bad usage exits 2 with a message matching PATTERN.
check_usage() {
  local pattern=$1
  shift
  run 2 "$@"
  grep -q -- "$pattern" "$work/err" || fail "kalshi $*: no \"$pattern\" in the message"
}

run 0 --help
for word in markets book order cancel balance positions watch --kalshi --connect --json; do
  grep -q -- "$word" "$work/out" || fail "--help does not mention $word"
done

# ---- the default target: a kalshi-sim inside the CLI process ----
run 0 markets
for t in HIGHNY-26NOV21-T50 HIGHNY-26NOV21-T55 KXFEDDECISION-26DEC-H0 KXNBAGAME-26NOV21NYKCLE-NYK; do
  grep -q "^$t " "$work/out" || fail "markets does not list $t"
done
grep -q "^TICKER .*YES BID .*YES ASK" "$work/out" || fail "markets: no table header"
grep -Eq '^[0-9]+ markets \(1 page\)$' "$work/out" || fail "markets: no summary"
[[ ! -s "$work/err" ]] || fail "markets wrote to stderr without a terminal"

# Small pages: the listing walks the cursor; --max-pages stops it and says so.
run 0 markets --limit 2
grep -Eq '^[0-9]+ markets \([2-9] pages\)$' "$work/out" || fail "markets --limit 2: not paginated"
run 0 markets --limit 2 --max-pages 1
grep -qx "2 markets (1 page, stopped at --max-pages)" "$work/out" || fail "--max-pages not applied"
run 0 markets --series HIGHNY
[[ $(grep -c '^HIGHNY-' "$work/out") == 2 && $(grep -c '^KX' "$work/out" || true) == 0 ]] ||
  fail "--series HIGHNY"

# --json: one JSON body per page, parsed by an independent parser.
run 0 markets --json --limit 3
python3 -c '
import json, sys
pages = [json.loads(line) for line in open(sys.argv[1])]
tickers = [m["ticker"] for p in pages for m in p["markets"]]
assert len(pages) >= 2, pages
assert "HIGHNY-26NOV21-T50" in tickers, tickers
' "$work/out" || fail "markets --json"

run 0 book HIGHNY-26NOV21-T50 --depth 3
grep -q "^ *BID  *SIZE  *ASK  *SIZE$" "$work/out" || fail "book: no header"
rows=$(grep -Ec '^ +0\.[0-9]+ +[0-9.]+' "$work/out" || true)
[[ $rows -ge 1 && $rows -le 3 ]] || fail "book --depth 3 printed $rows rows"

run 0 balance
grep -qx 'balance \$1000.00' "$work/out" || fail "balance"
run 0 positions
grep -qx "no positions" "$work/out" || fail "positions on a fresh account"

run 0 order HIGHNY-26NOV21-T50 yes buy 10 0.05 --client-order-id cli-test-1
grep -Eq '^order [0-9a-f-]+ \(client order id cli-test-1\): buy 10 yes @ 0.05$' "$work/out" ||
  fail "order line"
grep -qx "  filled 0, resting 10" "$work/out" || fail "resting order"
run 0 order HIGHNY-26NOV21-T50 yes buy 2 0.99 --tif ioc
grep -Eq "filled 2, resting 0, average fill price 0\.[0-9]+" "$work/out" || fail "crossing order"
# A fractional count is exact on our side; this market trades whole contracts: the exchange says.
run 1 order HIGHNY-26NOV21-T50 yes buy 2.5 0.99
grep -q "KALSHI_ERR_BAD_REQUEST.*whole number of contracts" "$work/err" || fail "fractional count"
run 0 order HIGHNY-26NOV21-T50 no sell 1 0.5 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["order_id"]' "$work/out" ||
  fail "order --json"

# ---- watch: the live book over the WebSocket (the simulator's participants keep trading) ----
run 0 watch HIGHNY-26NOV21-T50 --seconds 3 --depth 3
grep -qx "book HIGHNY-26NOV21-T50" "$work/out" || fail "watch: no book"
grep -Eq '^ +0\.[0-9]+ +[0-9.]+ ' "$work/out" || fail "watch: no book level"
grep -Eq '^top HIGHNY-26NOV21-T50 bid 0\.[0-9]+ x [0-9.]+ ask 0\.[0-9]+ x [0-9.]+$' "$work/out" ||
  fail "watch: no top-of-book line"
run 0 watch HIGHNY-26NOV21-T50 --seconds 3 --json
python3 -c '
import json, sys
msgs = [json.loads(line) for line in open(sys.argv[1])]
assert msgs and any(m["type"] == "orderbook_snapshot" for m in msgs), msgs[:3]
' "$work/out" || fail "watch --json"
run 1 watch NO-SUCH-MARKET --seconds 5
grep -q "unknown market" "$work/err" || fail "watch of an unknown market"
check_usage "wants one TICKER" watch
check_usage "--seconds wants a whole number" watch HIGHNY-26NOV21-T50 --seconds 0

# Ctrl-C ends it cleanly (exit 0) once the book is up.
timeout 60 "$cli" watch HIGHNY-26NOV21-T50 >"$work/watch.out" 2>"$work/watch.err" &
wpid=$!
for _ in $(seq 200); do
  grep -q "^top " "$work/watch.out" 2>/dev/null && break
  sleep 0.05
done
kill -INT "$wpid"
set +e
wait "$wpid"
wrc=$?
set -e
[[ $wrc == 0 ]] || { cat "$work/watch.err"; fail "watch after Ctrl-C exited $wrc"; }

# On a terminal (script(1) gives it one): the markets progress line on stderr, and the watch
# view redrawn in place (cursor up, clear line) rather than appended.
if command -v script >/dev/null; then
  timeout 60 script -qec "$cli markets --limit 2" /dev/null >"$work/tty" </dev/null ||
    fail "markets on a terminal"
  grep -q "fetching markets: 2 pages, 4 markets" "$work/tty" || fail "no progress line on a terminal"
  timeout 60 script -qec "$cli watch HIGHNY-26NOV21-T50 --seconds 3 --depth 2" /dev/null \
    >"$work/tty" </dev/null || fail "watch on a terminal"
  grep -q "HIGHNY-26NOV21-T50 live (Ctrl-C to stop)" "$work/tty" || fail "no live view"
  grep -Eq "(last trade|no trade yet).*; volume [0-9]" "$work/tty" || fail "no volume from the ticker channel"
  grep -q $'\033\[5A' "$work/tty" || fail "the live view is not redrawn in place"
fi

# ---- bad usage: exit 2 with a message naming the problem ----
check_usage 'unknown command "bogus"' bogus
check_usage "more than 6 decimal places" order HIGHNY-26NOV21-T50 yes buy 10 0.0000001
check_usage "more than 2 decimal places" order HIGHNY-26NOV21-T50 yes buy 1.005 0.5
check_usage "not a plain decimal" order HIGHNY-26NOV21-T50 yes buy 10 1e-2
check_usage "not a plain decimal" order HIGHNY-26NOV21-T50 yes buy 10 '$0.50'
check_usage "must be positive" order HIGHNY-26NOV21-T50 yes buy 0 0.5
check_usage "below 1 dollar" order HIGHNY-26NOV21-T50 yes buy 1 1.00
check_usage "side must be yes or no" order HIGHNY-26NOV21-T50 maybe buy 1 0.5
check_usage "action must be buy or sell" order HIGHNY-26NOV21-T50 yes hold 1 0.5
check_usage "wants TICKER yes|no buy|sell COUNT PRICE" order HIGHNY-26NOV21-T50 yes buy
check_usage "--tif wants" order HIGHNY-26NOV21-T50 yes buy 1 0.5 --tif forever
check_usage "wants one TICKER" book
check_usage "--depth wants a whole number" book HIGHNY-26NOV21-T50 --depth -1
check_usage "unknown option --frob" markets --frob
check_usage "--limit needs a value" markets --limit
check_usage "wants one ORDER_ID" cancel
check_usage "--connect wants HOST:PORT" markets --connect nowhere
check_usage "exclude each other" markets --kalshi --connect 127.0.0.1:1
check_usage "needs KALSHI_KEY_ID" balance --connect 127.0.0.1:1
check_usage "needs KALSHI_KEY_ID" watch HIGHNY-26NOV21-T50 --kalshi
# --kalshi reads the environment before any connection: a bad KALSHI_DEMO is refused (no
# connection leaves the machine in this test).
KALSHI_DEMO=maybe check_usage "KALSHI_DEMO" markets --kalshi
check_usage "go with --connect" balance --ws-port 5

# ---- exchange errors: exit 1 with the exchange's text ----
KALSHI_PRIVATE_KEY_PATH="$work/missing.pem" run 1 balance
grep -q "KALSHI_ERR_IO" "$work/err" || fail "a missing key file"
run 1 cancel no-such-order
grep -q "KALSHI_ERR_NOT_FOUND.*order not found" "$work/err" || fail "cancel of an unknown order"
run 1 book NO-SUCH-MARKET
grep -q "KALSHI_ERR_NOT_FOUND" "$work/err" || fail "book of an unknown market"
run 1 order NO-SUCH-MARKET yes buy 1 0.5
grep -q "KALSHI_ERR_NOT_FOUND" "$work/err" || fail "order in an unknown market"

# ---- a running kalshi-sim (--connect): state carries between commands ----
timeout 120 "$sim" --print-ports --seed 5 --key "cli=$keys/rsa_pub.pem" \
  --key "maker=$keys/rsa_pub.pem" --ca-out "$work/ca.pem" \
  </dev/null >"$work/ports" 2>"$work/sim.err" &
pid=$!
for _ in $(seq 200); do
  grep -qx ready "$work/ports" 2>/dev/null && break
  sleep 0.05
done
grep -qx ready "$work/ports" || { cat "$work/sim.err"; fail "kalshi-sim did not start"; }
rest="127.0.0.1:$(sed -n 's/^rest //p' "$work/ports")"
rest_tls="127.0.0.1:$(sed -n 's/^rest.tls //p' "$work/ports")"
export KALSHI_KEY_ID=cli
T=HIGHNY-26NOV21-T55

run 0 balance --connect "$rest"
grep -qx 'balance \$1000.00' "$work/out" || fail "--connect balance"
run 0 book "$T" --connect "$rest"
! grep -Eq '^ +0\.07 ' "$work/out" || fail "the book already has a 0.07 bid"

run 0 order "$T" yes buy 7 0.07 --connect "$rest"
order_id="$(sed -n 's/^order \([0-9a-f-]*\) .*/\1/p' "$work/out")"
[[ -n "$order_id" ]] || fail "no order id"
run 0 book "$T" --connect "$rest" --depth 100
grep -Eq '^ +0\.07 +7( |$)' "$work/out" || fail "the resting order is not in the book"
run 0 cancel "$order_id" --connect "$rest"
grep -qx "canceled $order_id: reduced by 7" "$work/out" || fail "cancel line"
run 0 book "$T" --connect "$rest" --depth 100
! grep -Eq '^ +0\.07 ' "$work/out" || fail "the canceled order is still in the book"
run 1 cancel "$order_id" --connect "$rest"

# A fill: another member (key "maker") offers 5 YES at 0.60, we buy 3 through it; cash goes
# down, the position shows 3. Over TLS verified against the simulator's CA.
KALSHI_KEY_ID=maker run 0 order "$T" yes sell 5 0.60 --connect "$rest"
run 0 order "$T" yes buy 3 0.99 --connect "$rest_tls" --ca "$work/ca.pem"
grep -q "filled 3, resting 0" "$work/out" || fail "the crossing order did not fill"
run 0 balance --connect "$rest_tls" --ca "$work/ca.pem"
balance="$(sed -n 's/^balance \$//p' "$work/out")"
[[ -n "$balance" && "$balance" != 1000.00 ]] || fail "balance did not change after a fill: $balance"
python3 -c 'import sys; from decimal import Decimal as D; assert D(sys.argv[1]) < D("1000")' \
  "$balance" || fail "balance $balance is not below 1000"
run 0 positions --connect "$rest"
grep -Eq "^$T +3 " "$work/out" || fail "positions does not show 3 in $T"

# watch over the running simulator's WebSocket shows a resting order in the book.
ws_port="$(sed -n 's/^ws //p' "$work/ports")"
run 0 order "$T" yes buy 4 0.08 --connect "$rest"
run 0 watch "$T" --seconds 2 --depth 50 --connect "$rest" --ws-port "$ws_port"
grep -Eq '^ +0\.08 +4 ' "$work/out" || fail "watch --connect: the resting order is not in the book"
ws_tls_port="$(sed -n 's/^ws.tls //p' "$work/ports")"
run 0 watch "$T" --seconds 2 --depth 50 --connect "$rest_tls" --ca "$work/ca.pem" --ws-port "$ws_tls_port"
grep -Eq '^ +0\.08 +4 ' "$work/out" || fail "watch over wss: the resting order is not in the book"

# A server that is not there: exit 1, quickly.
run 1 balance --connect "127.0.0.1:1"

echo "ok: cli rest"
