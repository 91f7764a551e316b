#!/usr/bin/python3
"""Interop: an independent WebSocket client (Python `websockets` 10, signing with Python
`cryptography`) against the kalshi-sim executable's WebSocket front end, plain (ws://) and TLS
(wss:// verified against the simulator's CA for 127.0.0.1).

Checks: the signed upgrade succeeds and a bad signature is refused with HTTP 401; subscribe to
orderbook_delta gives `subscribed` and an `orderbook_snapshot` (seq 1); an order placed through
the simulator's stdin `order` command arrives as an `orderbook_delta` (seq 2) with the spec's
FixedPointDollars / _fp strings; the owner's `user_order` arrives on user_orders;
list_subscriptions and unsubscribe answer in the spec's shapes; an unknown channel is error 8;
the server's keep-alive pings are answered by websockets itself.

Run by ctest (interop.sim_ws) with KALSHI_BUILD_DIR and KALSHI_SOURCE_DIR set. Exit 77 (skip)
when websockets or cryptography is missing or kalshi-sim is not built. Every wait is bounded.
"""
import asyncio
import base64
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import time

try:
    import websockets
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
except ImportError:
    print("python3-websockets or python3-cryptography missing; skipping")
    sys.exit(77)

BUILD = os.environ.get("KALSHI_BUILD_DIR", "")
SOURCE = os.environ.get("KALSHI_SOURCE_DIR", "")
SIM = os.path.join(BUILD, "tools", "kalshi-sim")
KEYS = os.path.join(SOURCE, "tests", "data", "keys")
KEY_ID = "pyws-0000-4000-8000-000000000001"
TICKER = "HIGHNY-26NOV21-T50"
WAIT = 20  # seconds; generous, never asserted


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


class Sim:
    """kalshi-sim with --print-ports; commands through stdin, answers read from stdout."""

    def __init__(self):
        self.proc = subprocess.Popen(
            [SIM, "--print-ports", "--seed", "5", "--key", KEY_ID + "=" + os.path.join(KEYS, "rsa_pub.pem")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.ports = {}
        self.member = None
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
            m = re.match(r"^member (\S+) (\d+)$", line)
            if m:
                self.member = int(m.group(2))
            if line.startswith("ca "):
                self.ca = line[3:]
        fail("kalshi-sim did not become ready: " + self.proc.stderr.read())

    def ask(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline().strip()
        if not line.startswith("ok"):
            fail(command + " -> " + line)
        return line

    def stop(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        try:
            self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def auth_headers(path="/trade-api/ws/v2", corrupt=False):
    with open(os.path.join(KEYS, "rsa_pkcs8.pem"), "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    ts = str(int(time.time() * 1000))
    sig = key.sign((ts + "GET" + path).encode(),
                   padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
    if corrupt:
        sig = bytes([sig[0] ^ 1]) + sig[1:]
    return {"KALSHI-ACCESS-KEY": KEY_ID, "KALSHI-ACCESS-TIMESTAMP": ts,
            "KALSHI-ACCESS-SIGNATURE": base64.b64encode(sig).decode()}


async def recv_json(ws):
    return json.loads(await asyncio.wait_for(ws.recv(), WAIT))


async def session(sim, uri, ssl_ctx):
    # A bad signature: the upgrade is refused with 401.
    try:
        async with websockets.connect(uri, extra_headers=auth_headers(corrupt=True), ssl=ssl_ctx,
                                      open_timeout=WAIT):
            fail("a bad signature was accepted")
    except websockets.exceptions.InvalidStatusCode as e:
        if e.status_code != 401:
            fail("bad signature: status %d, wanted 401" % e.status_code)

    async with websockets.connect(uri, extra_headers=auth_headers(), ssl=ssl_ctx,
                                  open_timeout=WAIT, ping_interval=None) as ws:
        await ws.send(json.dumps({"id": 1, "cmd": "subscribe",
                                  "params": {"channels": ["orderbook_delta"], "market_ticker": TICKER}}))
        sub = await recv_json(ws)
        if sub.get("type") != "subscribed" or sub.get("id") != 1 or sub["msg"]["channel"] != "orderbook_delta":
            fail("subscribed: %r" % sub)
        sid = sub["msg"]["sid"]
        snap = await recv_json(ws)
        if snap.get("type") != "orderbook_snapshot" or snap.get("sid") != sid or snap.get("seq") != 1:
            fail("snapshot: %r" % snap)
        if snap["msg"]["market_ticker"] != TICKER or len(snap["msg"]["market_id"]) != 36:
            fail("snapshot msg: %r" % snap)

        await ws.send(json.dumps({"id": 2, "cmd": "subscribe", "params": {"channels": ["user_orders"]}}))
        orders_sub = await recv_json(ws)
        if orders_sub.get("type") != "subscribed":
            fail("user_orders subscribed: %r" % orders_sub)

        sim.ask("order %d %s buy 0.37 3" % (sim.member, TICKER))
        got = {}
        for _ in range(2):
            m = await recv_json(ws)
            got[m["type"]] = m
        delta = got.get("orderbook_delta")
        if delta is None or delta["seq"] != 2 or delta["msg"]["price_dollars"] != "0.3700" \
                or delta["msg"]["delta_fp"] != "3.00" or delta["msg"]["side"] != "yes":
            fail("delta: %r" % got)
        order = got.get("user_order")
        if order is None or order["msg"]["status"] != "resting" or order["msg"]["ticker"] != TICKER \
                or order["msg"]["remaining_count_fp"] != "3.00":
            fail("user_order: %r" % got)

        await ws.send(json.dumps({"id": 3, "cmd": "list_subscriptions"}))
        lst = await recv_json(ws)
        if lst.get("type") != "ok" or [s["channel"] for s in lst["msg"]] != ["orderbook_delta", "user_orders"]:
            fail("list_subscriptions: %r" % lst)
        await ws.send(json.dumps({"id": 4, "cmd": "subscribe", "params": {"channels": ["no_such"]}}))
        err = await recv_json(ws)
        if err.get("type") != "error" or err["msg"]["code"] != 8 or err.get("id") != 4:
            fail("unknown channel: %r" % err)
        await ws.send(json.dumps({"id": 5, "cmd": "unsubscribe", "params": {"sids": [sid]}}))
        un = await recv_json(ws)
        if un.get("type") != "unsubscribed" or un.get("sid") != sid:
            fail("unsubscribed: %r" % un)
        # The server answers our ping (websockets waits for the pong).
        pong = await ws.ping(b"py")
        await asyncio.wait_for(pong, WAIT)
    # websockets checked the close handshake on leaving the block.


def main():
    if not os.access(SIM, os.X_OK):
        print("kalshi-sim not built; skipping")
        sys.exit(77)
    sim = Sim()
    try:
        if "ws" not in sim.ports or "ws.tls" not in sim.ports or sim.member is None or not sim.ca:
            fail("kalshi-sim did not print ws / ws.tls ports, the member and the CA: %r" % sim.ports)
        asyncio.run(session(sim, "ws://127.0.0.1:%d/trade-api/ws/v2" % sim.ports["ws"], None))
        ctx = ssl.create_default_context(cafile=sim.ca)
        asyncio.run(session(sim, "wss://127.0.0.1:%d/trade-api/ws/v2" % sim.ports["ws.tls"], ctx))
    finally:
        sim.stop()
    print("sim ws interop ok (plain and TLS)")


if __name__ == "__main__":
    main()
