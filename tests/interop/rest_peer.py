#!/usr/bin/python3
"""An independent Kalshi REST peer for tests/c/test_rest_interop.c: Python's http.server serving a
few real /trade-api/v2 paths, verifying every signed request with the `cryptography` package, and
stunnel4 in front of it for TLS (a throwaway CA and server certificate made with the openssl CLI).

Prints one line and then serves until killed (a watchdog ends it, and stunnel, after 120 s):
  "<pid> <plain_port> <tls_port> <ca_cert_path> <log_path>"
or "skip <reason>" when python3-cryptography, stunnel4 or the openssl CLI is missing.

Every request appends one line to <log_path> BEFORE it is answered (so a client that has its
response can read the line), tab-separated:
  via  conn  method  target  sig  accept_encoding  served  status  body_hex  content_type
via: "plain" or "tls" (which listener: the TLS one is reached only through stunnel); conn: the
peer's id of the TCP connection (client port; through stunnel each TLS connection is one backend
connection); target: the request target with its query; sig: "none" (no KALSHI-ACCESS-* header),
"ok" (verified), "bad" (present but not valid: wrong key id, signature, or a timestamp more than
60 s away); accept_encoding: the header or "-"; served: "gzip-chunked", "chunked" or "length";
body_hex: the request body in hex, "-" when empty; content_type: the request's Content-Type or "-".

Signature check (rest-notes.md section 2): RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32, over
timestamp + METHOD + path (the target cut at the first '?'), with the public key of
tests/data/keys/rsa_pub.pem registered under KEY_ID. Private paths (/portfolio/...) answer 401
with a Kalshi error body unless the signature verifies.

Routes:
  GET  /trade-api/v2/markets               3 pages (limit ignored): cursor "" -> p2 -> p3 -> "".
                                           gzip + chunked when the request accepts gzip.
  GET  /trade-api/v2/markets/<ticker>      one market (chunked); FLAKY*: 503 the first time per
                                           ticker, then 200; MISSING*: 404; CLOSE*: answered, then
                                           the connection is closed without a "Connection: close"
                                           header (as an idle-closing load balancer would).
  GET  /trade-api/v2/portfolio/balance     the balance (Content-Length)
  POST /trade-api/v2/portfolio/events/orders  CreateOrderV2: 201 echoing client_order_id and count;
                                           ticker BAD*: 400 with a Kalshi error body; FLAKY*: 503
                                           the first time per ticker.
"""
import base64
import gzip
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

KEY_ID = "11111111-2222-3333-4444-555555555555"
PREFIX = "/trade-api/v2"
HERE = os.path.dirname(os.path.abspath(__file__))
PUB_KEY = os.path.join(HERE, "..", "data", "keys", "rsa_pub.pem")

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
except ImportError:
    print("skip python3-cryptography is not installed", flush=True)
    sys.exit(0)

STUNNEL = shutil.which("stunnel4") or shutil.which("stunnel")
OPENSSL = shutil.which("openssl")
if STUNNEL is None or OPENSSL is None:
    print("skip needs stunnel4 and the openssl CLI", flush=True)
    sys.exit(0)

CHILDREN = []  # stunnel
TMPDIR = []  # the certificates, stunnel.conf and the request log


def shutdown(code):
    for p in CHILDREN:
        try:
            p.kill()
            p.wait(timeout=5)
        except Exception:
            pass
    for d in TMPDIR:
        shutil.rmtree(d, ignore_errors=True)
    os._exit(code)


watchdog = threading.Timer(120, lambda: shutdown(3))
watchdog.daemon = True
watchdog.start()
signal.signal(signal.SIGTERM, lambda *_: shutdown(0))
signal.signal(signal.SIGINT, lambda *_: shutdown(0))

with open(PUB_KEY, "rb") as f:
    PUBLIC_KEY = serialization.load_pem_public_key(f.read())

LOG_LOCK = threading.Lock()
LOG_FILE = None
HITS = {}


def first_hit(key):
    with LOG_LOCK:
        HITS[key] = HITS.get(key, 0) + 1
        return HITS[key] == 1


def verify(method, target, headers):
    key = headers.get("KALSHI-ACCESS-KEY")
    ts = headers.get("KALSHI-ACCESS-TIMESTAMP")
    sig = headers.get("KALSHI-ACCESS-SIGNATURE")
    if key is None and ts is None and sig is None:
        return "none"
    if key != KEY_ID or ts is None or sig is None or not ts.isdigit():
        return "bad"
    if abs(int(ts) - int(time.time() * 1000)) > 60000:
        return "bad"
    path = target.split("?", 1)[0]
    try:
        raw = base64.b64decode(sig, validate=True)
        PUBLIC_KEY.verify(raw, (ts + method + path).encode(),
                          padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                          hashes.SHA256())
    except (InvalidSignature, ValueError):
        return "bad"
    return "ok"


def market(ticker, i=0):
    """A Market with every field the spec requires, values depending on i so pages differ."""
    bid = 56 + i
    return {
        "ticker": ticker, "event_ticker": "KXHIGHNY-26NOV21", "market_type": "binary",
        "title": "Will the high temp in NYC be 52-53\u00b0 on Nov 21, 2026?",
        "subtitle": "52\u00b0 to 53\u00b0", "yes_sub_title": "52\u00b0 to 53\u00b0",
        "no_sub_title": "52\u00b0 to 53\u00b0", "created_time": "2026-11-19T15:00:00Z",
        "updated_time": "2026-11-21T12:00:00Z", "open_time": "2026-11-20T15:00:00Z",
        "close_time": "2026-11-22T04:59:00Z", "expected_expiration_time": "2026-11-22T15:00:00Z",
        "expiration_time": "2026-11-29T15:00:00Z", "latest_expiration_time": "2026-11-29T15:00:00Z",
        "settlement_timer_seconds": 1800, "status": "active",
        "yes_bid_dollars": "0.%04d" % (bid * 100), "yes_bid_size_fp": "1250.00",
        "yes_ask_dollars": "0.%04d" % ((bid + 2) * 100), "yes_ask_size_fp": "300.50",
        "no_bid_dollars": "0.%04d" % ((98 - bid) * 100),
        "no_ask_dollars": "0.%04d" % ((100 - bid) * 100), "last_price_dollars": "0.5750",
        "volume_fp": "98765.00", "volume_24h_fp": "4321.00", "result": "",
        "can_close_early": True, "open_interest_fp": "15000.00",
        "notional_value_dollars": "1.0000", "previous_yes_bid_dollars": "0.5500",
        "previous_yes_ask_dollars": "0.5900", "previous_price_dollars": "0.5650",
        "settlement_value_dollars": None, "settlement_ts": None,
        "settlement_bounds_type": "inclusive", "expiration_value": "",
        "occurrence_datetime": None, "early_close_condition": "", "strike_type": "between",
        "floor_strike": 52, "cap_strike": 53.5,
        "rules_primary": "If the highest temperature recorded in Central Park is between 52-53"
                         "\u00b0, then the market resolves to Yes.",
        "rules_secondary": "", "mve_collection_ticker": "", "mve_selected_legs": [],
        "price_level_structure": "linear_cent",
        "price_ranges": [{"start": "0.0000", "end": "1.0000", "step": "0.0100"}],
        "is_provisional": False,
    }


PAGES = {"": (["KXHIGHNY-26NOV21-B50.5", "KXHIGHNY-26NOV21-B52.5"], "p2"),
         "p2": (["KXHIGHNY-26NOV21-B54.5", "KXHIGHNY-26NOV21-B56.5"], "p3"),
         "p3": (["KXHIGHNY-26NOV21-T58"], "")}


def error_body(code, message, details=""):
    return json.dumps({"code": code, "message": message, "details": details}).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    via = "plain"

    def log_message(self, *args):
        pass

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            out = b""
            while len(out) < (1 << 20):
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
            return out
        n = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(n) if 0 < n <= (1 << 20) else b""

    def answer(self, status, body, sig, req_body, mode="length"):
        accept = self.headers.get("Accept-Encoding", "-")
        gz = mode == "auto" and "gzip" in accept.lower()
        served = "gzip-chunked" if gz else ("chunked" if mode in ("auto", "chunked") else "length")
        line = "\t".join([self.via, str(self.client_address[1]), self.command, self.path, sig,
                          accept, served, str(status), req_body.hex() or "-",
                          self.headers.get("Content-Type", "-")])
        with LOG_LOCK:
            LOG_FILE.write(line + "\n")
            LOG_FILE.flush()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if served == "length":
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if gz:
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(0, len(body), 700):  # several chunks, split anywhere in the gzip stream
            part = body[i:i + 700]
            self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def handle_any(self):
        req_body = self.read_body()
        sig = verify(self.command, self.path, self.headers)
        path, _, query = self.path.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        if path.startswith(PREFIX + "/portfolio/") and sig != "ok":
            return self.answer(401, error_body("authentication_error", "authentication failed"),
                               sig, req_body)
        if self.command == "GET" and path == PREFIX + "/markets":
            cursor = params.get("cursor", "")
            if cursor not in PAGES:
                return self.answer(400, error_body("invalid_parameters", "bad cursor"), sig,
                                   req_body)
            tickers, nxt = PAGES[cursor]
            base = list(PAGES).index(cursor) * 2
            body = {"markets": [market(t, base + i) for i, t in enumerate(tickers)],
                    "cursor": nxt}
            return self.answer(200, json.dumps(body).encode(), sig, req_body, "auto")
        if self.command == "GET" and path.startswith(PREFIX + "/markets/"):
            ticker = path[len(PREFIX + "/markets/"):]
            if ticker.startswith("FLAKY") and first_hit(self.command + ticker):
                return self.answer(503, error_body("service_unavailable", "try again"), sig,
                                   req_body)
            if ticker.startswith("MISSING") or "/" in ticker:
                return self.answer(404, error_body("not_found", "market not found"), sig,
                                   req_body)
            body = json.dumps({"market": market(ticker)}).encode()
            self.answer(200, body, sig, req_body, "chunked")
            if ticker.startswith("CLOSE"):
                self.close_connection = True
            return None
        if self.command == "GET" and path == PREFIX + "/portfolio/balance":
            body = {"balance": 123456, "balance_dollars": "1234.5600", "portfolio_value": 50000,
                    "updated_ts": 1795348800}
            return self.answer(200, json.dumps(body).encode(), sig, req_body)
        if self.command == "POST" and path == PREFIX + "/portfolio/events/orders":
            try:
                order = json.loads(req_body)
                ticker = order["ticker"]
            except (ValueError, KeyError, TypeError):
                return self.answer(400, error_body("invalid_parameters", "bad order body"), sig,
                                   req_body)
            if ticker.startswith("BAD"):
                return self.answer(400, error_body("invalid_parameters", "ticker is not open",
                                                   "market " + ticker + " is closed"),
                                   sig, req_body)
            if ticker.startswith("FLAKY") and first_hit(self.command + ticker):
                return self.answer(503, error_body("service_unavailable", "try again"), sig,
                                   req_body)
            body = {"order_id": "ee7c6f5e-0000-4000-8000-%012d" % len(HITS),
                    "client_order_id": order.get("client_order_id", ""),
                    "fill_count": "0.00", "remaining_count": order.get("count", "0.00"),
                    "ts_ms": 1795348800123}
            return self.answer(201, json.dumps(body).encode(), sig, req_body)
        return self.answer(404, error_body("not_found", "no such route"), sig, req_body)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


class TlsBackend(Handler):
    via = "tls"


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def run(args):
    subprocess.run(args, check=True, timeout=60, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def make_certs(d):
    """A throwaway CA and a server certificate for 127.0.0.1 / localhost signed by it."""
    ca_key, ca = os.path.join(d, "ca.key"), os.path.join(d, "ca.pem")
    run([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=rest-peer-ca",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    key, csr, pem, ext = (os.path.join(d, "server" + e) for e in (".key", ".csr", ".pem", ".ext"))
    with open(ext, "w") as f:
        f.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")
    run([OPENSSL, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key, "-out", csr, "-subj", "/CN=localhost"])
    run([OPENSSL, "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", pem, "-days", "2", "-extfile", ext])
    return ca, pem, key


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_stunnel(d, cert, key, backend_port):
    """stunnel4 terminates TLS on a free port and forwards each connection to the backend."""
    for _ in range(5):  # the free port can be taken between the probe and stunnel's bind
        port = free_port()
        conf = os.path.join(d, "stunnel.conf")
        with open(conf, "w") as f:
            f.write("foreground = yes\npid =\ndebug = 4\noutput = %s\n[rest]\n"
                    "accept = 127.0.0.1:%d\nconnect = 127.0.0.1:%d\ncert = %s\nkey = %s\n"
                    % (os.path.join(d, "stunnel.log"), port, backend_port, cert, key))
        proc = subprocess.Popen([STUNNEL, conf], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        CHILDREN.append(proc)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return port
            except OSError:
                time.sleep(0.05)
        proc.kill()
        proc.wait(timeout=5)
        CHILDREN.remove(proc)
    print("error stunnel did not start", flush=True)
    shutdown(0)


def main():
    global LOG_FILE
    d = tempfile.mkdtemp(prefix="kalshi_rest_peer_")
    TMPDIR.append(d)
    log_path = os.path.join(d, "requests.log")
    LOG_FILE = open(log_path, "w")
    ca, cert, key = make_certs(d)
    plain = Server(("127.0.0.1", 0), Handler)
    backend = Server(("127.0.0.1", 0), TlsBackend)
    for srv in (plain, backend):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    tls_port = start_stunnel(d, cert, key, backend.server_address[1])
    print(os.getpid(), plain.server_address[1], tls_port, ca, log_path, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a peer that cannot start says so instead of hanging its client
        print("error peer failed: %r" % (e,), flush=True)
        shutdown(0)
