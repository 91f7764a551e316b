#!/usr/bin/python3
"""A scriptable Python `websockets` server on loopback, the independent peer for the WebSocket
client driver test (tests/internal/test_ws_conn_client.cpp).

Usage: ws_peer_conn.py [CERT KEY]   (with a certificate and key it serves TLS)
Prints "PORT\n" once listening (or "skip\n" when the websockets package is missing), then serves
until killed or for at most 120 s. Every handshake's X-Test-Auth header is recorded; text messages
are commands, anything else is echoed:
  frag              reply "fragment" in three frames
  ping              send a ping with payload "srv", wait for its pong, reply "pong-ok"
  close:CODE:WHY    close with that code and reason
  big:N             reply with N bytes of "x"
  drop              abort the TCP connection without a close handshake
  mute              stop reading (so pings go unanswered) and never send again
  auth              reply with the X-Test-Auth values of all handshakes so far, comma-separated
"""
import asyncio
import ssl
import sys

try:
    import websockets
except ImportError:
    print("skip", flush=True)
    sys.exit(0)

SEEN_AUTH = []


def request_headers(ws):
    # websockets 10.x: ws.request_headers; the newer implementation: ws.request.headers.
    headers = getattr(ws, "request_headers", None)
    if headers is None:
        headers = ws.request.headers
    return headers


async def handler(ws, path=None):
    SEEN_AUTH.append(request_headers(ws).get("X-Test-Auth", "-"))
    try:
        async for msg in ws:
            if not isinstance(msg, str):
                await ws.send(msg)
            elif msg == "frag":
                await ws.send(["fr", "ag", "ment"])
            elif msg == "ping":
                waiter = await ws.ping(b"srv")
                await asyncio.wait_for(waiter, 5)
                await ws.send("pong-ok")
            elif msg.startswith("close:"):
                _, code, why = msg.split(":", 2)
                await ws.close(int(code), why)
            elif msg.startswith("big:"):
                await ws.send("x" * int(msg[4:]))
            elif msg == "drop":
                ws.transport.abort()
                return
            elif msg == "mute":
                ws.transport.pause_reading()
            elif msg == "auth":
                await ws.send(",".join(SEEN_AUTH))
            else:
                await ws.send(msg)
    except websockets.ConnectionClosed:
        pass


async def main():
    tls = None
    if len(sys.argv) >= 3:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(sys.argv[1], sys.argv[2])
    async with websockets.serve(handler, "127.0.0.1", 0, ping_interval=None, ssl=tls,
                                max_size=1 << 20) as srv:
        print(srv.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(120)


asyncio.run(main())
