#!/usr/bin/python3
"""Interop: an independent REST client (Python http.client, signatures by Python `cryptography`)
against the kalshi-sim executable's REST front end, plain HTTP and HTTPS (verified against the
simulator's CA for 127.0.0.1), several requests on one keep-alive connection.

Checks: public reads (exchange status, markets with cursor pagination, order book); a signed
order create answers 201 and the order is listed, amended, decreased and cancelled; the
balance reads in the spec's shape; a request without signature and one with a bad signature
are refused with 401 and an ErrorResponse body; a not-simulated operation answers 501
{"code": "not_simulated"}; a malformed request gets 400 and the server keeps serving.

Run by ctest (interop.sim_rest) with KALSHI_BUILD_DIR and KALSHI_SOURCE_DIR set. Exit 77 (skip)
when cryptography is missing or kalshi-sim is not built. Every wait is bounded.
"""
import base64
import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
except ImportError:
    print("python3-cryptography missing; skipping")
    sys.exit(77)

BUILD = os.environ.get("KALSHI_BUILD_DIR", "")
SOURCE = os.environ.get("KALSHI_SOURCE_DIR", "")
SIM = os.path.join(BUILD, "tools", "kalshi-sim")
KEYS = os.path.join(SOURCE, "tests", "data", "keys")
KEY_ID = "pyrest-0000-4000-8000-000000000001"
TICKER = "HIGHNY-26NOV21-T50"
BASE = "/trade-api/v2"
WAIT = 20  # seconds, a bound on every wait


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


with open(os.path.join(KEYS, "rsa_pkcs8.pem"), "rb") as f:
    PRIVATE = serialization.load_pem_private_key(f.read(), password=None)


def sign_headers(method, path, ts_ms=None, key_id=KEY_ID, corrupt=False):
    ts = str(ts_ms if ts_ms is not None else int(time.time() * 1000))
    msg = (ts + method + path.split("?")[0]).encode()
    sig = PRIVATE.sign(msg, padding.PSS(mgf=padding.MGF1(hashes.SHA256()),
                                        salt_length=padding.PSS.DIGEST_LENGTH), hashes.SHA256())
    if corrupt:
        sig = bytes([sig[0] ^ 1]) + sig[1:]
    return {"KALSHI-ACCESS-KEY": key_id, "KALSHI-ACCESS-TIMESTAMP": ts,
            "KALSHI-ACCESS-SIGNATURE": base64.b64encode(sig).decode()}


class Sim:
    def __init__(self):
        if not os.access(SIM, os.X_OK):
            print("kalshi-sim not built; skipping")
            sys.exit(77)
        self.proc = subprocess.Popen(
            [SIM, "--print-ports", "--seed", "9", "--key",
             KEY_ID + "=" + os.path.join(KEYS, "rsa_pub.pem")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.ports = {}
        self.ca = None
        deadline = time.time() + WAIT
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            line = line.strip()
            if line == "ready":
                return
            m = re.match(r"^(\S+) (\d+)$", line)
            if m:
                self.ports[m.group(1)] = int(m.group(2))
            if line.startswith("ca "):
                self.ca = line[3:]
        fail("kalshi-sim did not become ready")

    def stop(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=WAIT)


def request(conn, method, path, body=None, signed=False, **sign_args):
    headers = {"Accept": "application/json"}
    if signed:
        headers.update(sign_headers(method, BASE + path, **sign_args))
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    conn.request(method, BASE + path, body=data, headers=headers)
    resp = conn.getresponse()
    raw = resp.read()
    return resp.status, (json.loads(raw) if raw else None), resp


def exercise(conn, label):
    status, body, _ = request(conn, "GET", "/exchange/status")
    check(status == 200 and body["trading_active"] is True, label + ": exchange status")

    # Every market once through the cursor loop, two per page.
    tickers, cursor, pages = [], "", 0
    while True:
        status, body, _ = request(conn, "GET", "/markets?limit=2" + ("&cursor=" + cursor if cursor else ""))
        check(status == 200, label + ": markets page")
        tickers += [m["ticker"] for m in body["markets"]]
        cursor = body["cursor"]
        pages += 1
        check(pages < 1000, label + ": pagination ends")
        if not cursor:
            break
    check(TICKER in tickers and len(tickers) == len(set(tickers)), label + ": every market once")

    # Signed order entry.
    client_id = "py-" + label + "-1"
    order = {"ticker": TICKER, "side": "bid", "price": "0.2100", "count": "4",
             "time_in_force": "good_till_canceled", "self_trade_prevention_type": "taker_at_cross",
             "client_order_id": client_id}
    status, body, _ = request(conn, "POST", "/portfolio/events/orders", order, signed=True)
    check(status == 201, label + ": create -> %d %s" % (status, body))
    order_id = body["order_id"]
    check(body["remaining_count"] == "4.00" and body["fill_count"] == "0.00", label + ": create body")

    status, body, _ = request(conn, "GET", "/markets/%s/orderbook" % TICKER)
    check(status == 200 and ["0.2100", "4.00"] in body["orderbook_fp"]["yes_dollars"],
          label + ": own bid in the book")

    status, body, _ = request(conn, "GET", "/portfolio/orders?ticker=" + TICKER, signed=True)
    check(status == 200 and any(o["order_id"] == order_id for o in body["orders"]),
          label + ": order listed")

    status, body, _ = request(conn, "POST", "/portfolio/events/orders/%s/amend" % order_id,
                              {"ticker": TICKER, "side": "bid", "price": "0.2200", "count": "5"},
                              signed=True)
    check(status == 200 and body["remaining_count"] == "5.00", label + ": amend")
    status, body, _ = request(conn, "POST", "/portfolio/events/orders/%s/decrease" % order_id,
                              {"reduce_to": "2"}, signed=True)
    check(status == 200 and body["remaining_count"] == "2.00", label + ": decrease")
    status, body, _ = request(conn, "DELETE", "/portfolio/events/orders/" + order_id, signed=True)
    check(status == 200 and body["reduced_by"] == "2.00", label + ": cancel")

    status, body, _ = request(conn, "GET", "/portfolio/balance", signed=True)
    check(status == 200 and isinstance(body["balance"], int) and "balance_dollars" in body,
          label + ": balance")

    status, body, _ = request(conn, "GET", "/portfolio/balance")
    check(status == 401 and "code" in body, label + ": unsigned -> 401")
    status, body, _ = request(conn, "GET", "/portfolio/balance", signed=True, corrupt=True)
    check(status == 401, label + ": bad signature -> 401")
    status, body, _ = request(conn, "GET", "/portfolio/balance", signed=True,
                              ts_ms=int(time.time() * 1000) - 10 * 60 * 1000)
    check(status == 401, label + ": stale timestamp -> 401")

    status, body, _ = request(conn, "GET", "/markets/%s/candlesticks" % TICKER)
    check(status in (404, 501), label + ": unknown path")
    status, body, _ = request(conn, "GET", "/series/HIGHNY/markets/%s/candlesticks?start_ts=1&end_ts=2&period_interval=1" % TICKER)
    check(status == 501 and body["code"] == "not_simulated", label + ": not simulated")


def malformed(port):
    """A raw socket sends a broken request line: 400 and close; a new connection is served."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as s:
        s.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    check(data.startswith(b"HTTP/1.1 400 "), "malformed request -> 400, got %r" % data[:40])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    status, _, _ = request(conn, "GET", "/exchange/status")
    check(status == 200, "server keeps serving after a malformed request")
    conn.close()


def main():
    sim = Sim()
    try:
        check("rest" in sim.ports and "rest.tls" in sim.ports, "REST ports printed")
        conn = http.client.HTTPConnection("127.0.0.1", sim.ports["rest"], timeout=WAIT)
        exercise(conn, "plain")
        conn.close()
        malformed(sim.ports["rest"])
        ctx = ssl.create_default_context(cafile=sim.ca)
        tconn = http.client.HTTPSConnection("127.0.0.1", sim.ports["rest.tls"], timeout=WAIT,
                                            context=ctx)
        exercise(tconn, "tls")
        tconn.close()
    finally:
        sim.stop()
    print("ok")


if __name__ == "__main__":
    main()
