#!/usr/bin/python3
"""Interop: libkalshi's stream transport (TCP, TLS 1.2 over mbedTLS) against independent peers.

Peers: `openssl s_server` with certificates made by the openssl CLI at test time, plus small
Python servers on 127.0.0.1 that misbehave on purpose (reset, stall, garbage, plain echo). The
client is the kalshi-test `stream` helper, which uses only the public C API.

Nothing here connects outside 127.0.0.0/8. Every process started is killed at the end and every
wait is bounded. Exit 77 (skip) when the helper or the openssl CLI is missing."""

import base64
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

TOOLS = os.environ.get("KALSHI_TEST_TOOLS", "")
STREAM = os.path.join(TOOLS, "stream")
OPENSSL = shutil.which("openssl")

if not os.access(STREAM, os.X_OK) or OPENSSL is None:
    print("skip: needs KALSHI_TEST_TOOLS/stream and the openssl CLI", file=sys.stderr)
    sys.exit(77)

# Exit statuses of the stream helper (tests/tools/stream.c).
OK, OPEN_REFUSED, CLOSED_ERR = 0, 4, 5

# The sanitizer build is several times slower; scale the "promptly" bounds, not the behaviour.
SLOW = 4 if os.environ.get("KALSHI_SANITIZE", "").lower() in ("1", "true", "on") else 1

PROCS = []    # every subprocess.Popen this test starts
SOCKETS = []  # every listening socket of the Python peers
TMP = None
CERTS = {}


def run(args, timeout=60, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=True, **kw)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc=None, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


# ---- certificates ------------------------------------------------------------------------------

def make_ca(name):
    key, pem = os.path.join(TMP, name + ".key"), os.path.join(TMP, name + ".pem")
    run([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", key, "-out", pem, "-days", "2", "-subj", "/CN=" + name,
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    return key, pem


def make_leaf(name, ca, sans):
    key, csr, pem = (os.path.join(TMP, name + ext) for ext in (".key", ".csr", ".pem"))
    ext = os.path.join(TMP, name + ".ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=" + sans + "\n")
    run([OPENSSL, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key, "-out", csr, "-subj", "/CN=" + name])
    run([OPENSSL, "x509", "-req", "-in", csr, "-CA", ca[1], "-CAkey", ca[0], "-CAcreateserial",
         "-out", pem, "-days", "2", "-extfile", ext])
    return key, pem


def spki_pin(cert_pem):
    """base64(SHA-256(DER SubjectPublicKeyInfo)), computed by the openssl CLI alone."""
    pub = run([OPENSSL, "x509", "-in", cert_pem, "-pubkey", "-noout"]).stdout
    der = subprocess.run([OPENSSL, "pkey", "-pubin", "-outform", "der"], input=pub.encode(),
                         capture_output=True, timeout=30, check=True).stdout
    digest = subprocess.run([OPENSSL, "dgst", "-sha256", "-binary"], input=der,
                            capture_output=True, timeout=30, check=True).stdout
    return base64.b64encode(digest).decode()


# ---- peers -------------------------------------------------------------------------------------

def start_s_server(cert, extra=()):
    """openssl s_server in -rev mode: every line comes back reversed."""
    port = free_port()
    proc = subprocess.Popen(
        [OPENSSL, "s_server", "-accept", "127.0.0.1:%d" % port, "-cert", cert[1], "-key", cert[0],
         "-rev", "-quiet", *extra],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    PROCS.append(proc)
    if not wait_listening(port, proc):
        return None
    return port


def start_python_peer(handler, family=socket.AF_INET):
    """A loopback listener that runs handler(conn) in a thread per connection."""
    srv = socket.socket(family, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
    srv.listen(16)
    SOCKETS.append(srv)

    def accept_loop():
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return  # listener closed at teardown
            SOCKETS.append(conn)
            threading.Thread(target=guarded, args=(handler, conn), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    return srv.getsockname()[1]


def guarded(handler, conn):
    try:
        conn.settimeout(30)
        handler(conn)
    except OSError:
        pass


def echo(conn):
    while True:
        data = conn.recv(65536)
        if not data:
            break
        conn.sendall(data)
    conn.close()


def reset_after_hello(conn):
    conn.recv(4096)  # the ClientHello
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()     # linger 0: RST instead of FIN


def close_after_hello(conn):
    conn.recv(4096)
    conn.close()


def stall(conn):
    conn.recv(4096)
    time.sleep(20)   # never answers; the socket stays open (closed at teardown)


def garbage(conn):
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" + os.urandom(512))
    time.sleep(5)


# ---- the client --------------------------------------------------------------------------------

class Result:
    def __init__(self, proc, elapsed):
        self.status = proc.returncode
        self.stdout = proc.stdout
        self.elapsed = elapsed
        self.code, self.message = "?", ""
        for line in proc.stdout.splitlines():
            if line.startswith("result "):
                parts = line.split(" ", 3)
                self.code = parts[1]
                self.message = parts[3] if len(parts) > 3 else ""

    def __repr__(self):
        return "status=%s code=%s elapsed=%.2fs out=%r" % (self.status, self.code, self.elapsed,
                                                         self.stdout)


def stream(host, port, *args, send=None, expect=None, prefix=(), wait_ms=20000):
    cmd = [*prefix, STREAM, *args, "--wait-ms", str(wait_ms)]
    if send is not None:
        cmd += ["--send", send]
    if expect is not None:
        cmd += ["--expect", expect]
    cmd += [host, str(port)]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=wait_ms / 1000 + 30)
    return Result(proc, time.monotonic() - t0)


LINE = "kalshi-interop-line"
REVERSED = LINE[::-1]


def setUpModule():
    global TMP
    TMP = tempfile.mkdtemp(prefix="kalshi-tls-")
    ca = make_ca("libkalshi-test-ca")
    other_ca = make_ca("untrusted-ca")
    CERTS["ca"] = ca[1]
    CERTS["good"] = make_leaf("localhost", ca, "DNS:localhost,DNS:stream.test,IP:127.0.0.1")
    CERTS["wrong_name"] = make_leaf("elsewhere", ca, "DNS:elsewhere.test")
    CERTS["untrusted"] = make_leaf("localhost-untrusted", other_ca, "DNS:localhost,IP:127.0.0.1")
    CERTS["good_pin"] = spki_pin(CERTS["good"][1])
    CERTS["other_pin"] = spki_pin(CERTS["untrusted"][1])
    for name in ("good", "wrong_name", "untrusted"):
        port = start_s_server(CERTS[name])
        if port is None:
            raise RuntimeError("openssl s_server did not start for " + name)
        CERTS[name + "_port"] = port


def tearDownModule():
    for proc in PROCS:
        if proc.poll() is None:
            proc.terminate()
    for proc in PROCS:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    for s in SOCKETS:
        try:
            s.close()
        except OSError:
            pass
    if TMP:
        shutil.rmtree(TMP, ignore_errors=True)


class TlsAgainstOpenSSL(unittest.TestCase):
    def tls(self, host, port, *args, **kw):
        return stream(host, port, "--tls", "--ca", CERTS["ca"], *args, **kw)

    def test_handshake_and_round_trip(self):
        r = self.tls("127.0.0.1", CERTS["good_port"], send=LINE, expect=REVERSED)
        self.assertEqual(r.status, OK, r)
        self.assertIn("connected", r.stdout)
        self.assertIn("echo ok", r.stdout)

    def test_round_trip_by_name_and_in_caller_mode(self):
        r = self.tls("localhost", CERTS["good_port"], "--caller", send=LINE, expect=REVERSED)
        self.assertEqual(r.status, OK, r)

    def test_server_name_override(self):
        # Connect to the IP, verify (and send SNI) for a DNS name the certificate carries.
        r = self.tls("127.0.0.1", CERTS["good_port"], "--server-name", "stream.test",
                     "--allow-unknown", send=LINE, expect=REVERSED)
        self.assertEqual(r.status, OK, r)

    def test_untrusted_certificate(self):
        r = self.tls("127.0.0.1", CERTS["untrusted_port"], send=LINE, expect=REVERSED)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS_UNTRUSTED"), r)

    def test_system_bundle_does_not_trust_test_ca(self):
        r = stream("127.0.0.1", CERTS["good_port"], "--tls", send=LINE, expect=REVERSED)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS_UNTRUSTED"), r)

    def test_wrong_hostname(self):
        for host in ("127.0.0.1", "localhost"):  # IP SAN check and DNS name check
            r = self.tls(host, CERTS["wrong_name_port"], send=LINE, expect=REVERSED)
            self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS_HOSTNAME"), r)
        r = self.tls("127.0.0.1", CERTS["good_port"], "--server-name", "elsewhere.test",
                     "--allow-unknown", send=LINE, expect=REVERSED)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS_HOSTNAME"), r)

    def test_pins(self):
        good, other = CERTS["good_pin"], CERTS["other_pin"]
        r = self.tls("127.0.0.1", CERTS["good_port"], "--pin", good, send=LINE, expect=REVERSED)
        self.assertEqual(r.status, OK, r)
        r = self.tls("127.0.0.1", CERTS["good_port"], "--pin", "sha256//" + other, "--pin", good,
                     send=LINE, expect=REVERSED)
        self.assertEqual(r.status, OK, r)  # any one of several pins
        r = self.tls("127.0.0.1", CERTS["good_port"], "--pin", other, send=LINE, expect=REVERSED)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS_PIN"), r)

    def test_pins_apply_without_verification(self):
        r = stream("127.0.0.1", CERTS["untrusted_port"], "--tls", "--no-verify", "--pin",
                   CERTS["other_pin"], send=LINE, expect=REVERSED)
        self.assertEqual(r.status, OK, r)
        r = stream("127.0.0.1", CERTS["untrusted_port"], "--tls", "--no-verify", "--pin",
                   CERTS["good_pin"], send=LINE, expect=REVERSED)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS_PIN"), r)

    def test_no_verify_on_loopback(self):
        for host in ("127.0.0.1", "localhost"):
            r = stream(host, CERTS["untrusted_port"], "--tls", "--no-verify", send=LINE,
                       expect=REVERSED)
            self.assertEqual(r.status, OK, r)

    def test_no_verify_refused_off_loopback(self):
        # Refused before any traffic: these names are never resolved.
        for host, extra in (("fix.demo.kalshi.co", ()), ("example.com", ("--allow-unknown",))):
            r = stream(host, 443, "--tls", "--no-verify", *extra, send=LINE)
            self.assertEqual((r.status, r.code), (OPEN_REFUSED, "KALSHI_ERR_HOST_NOT_ALLOWED"), r)
            self.assertIn("tls.verify", r.message)

    def test_tls_below_1_2_refused(self):
        port = start_s_server(CERTS["good"], ("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"))
        if port is None:
            self.skipTest("this openssl cannot serve TLS 1.1")
        r = self.tls("127.0.0.1", port, send=LINE, expect=REVERSED)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS"), r)


class MisbehavingPeers(unittest.TestCase):
    def test_reset_mid_handshake(self):
        port = start_python_peer(reset_after_hello)
        r = stream("127.0.0.1", port, "--tls", "--timeout-ms", "10000", send=LINE)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_DISCONNECTED"), r)
        self.assertLess(r.elapsed, 3 * SLOW, r)  # the reset ends it, not the timeout

    def test_close_mid_handshake(self):
        port = start_python_peer(close_after_hello)
        r = stream("127.0.0.1", port, "--tls", "--timeout-ms", "10000", send=LINE)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_DISCONNECTED"), r)
        self.assertLess(r.elapsed, 3 * SLOW, r)

    def test_stalled_handshake_times_out(self):
        port = start_python_peer(stall)
        r = stream("127.0.0.1", port, "--tls", "--timeout-ms", "800", send=LINE)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TIMEOUT"), r)
        self.assertGreaterEqual(r.elapsed, 0.8, r)
        self.assertLess(r.elapsed, 0.8 + 2.5 * SLOW, r)

    def test_garbage_instead_of_tls(self):
        port = start_python_peer(garbage)
        r = stream("127.0.0.1", port, "--tls", "--timeout-ms", "10000", send=LINE)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_TLS"), r)
        self.assertLess(r.elapsed, 3 * SLOW, r)


class PlainTcp(unittest.TestCase):
    def test_echo(self):
        port = start_python_peer(echo)
        for mode in ((), ("--caller",)):
            r = stream("127.0.0.1", port, *mode, send=LINE)
            self.assertEqual(r.status, OK, r)
            self.assertIn("echo ok", r.stdout)

    def test_echo_ipv6_loopback(self):
        try:
            port = start_python_peer(echo, socket.AF_INET6)
        except OSError:
            self.skipTest("no IPv6 loopback here")
        for host in ("::1", "[::1]"):
            r = stream(host, port, send=LINE)
            self.assertEqual(r.status, OK, r)

    def test_large_echo(self):
        port = start_python_peer(echo)
        big = "x" * 3000 + "-end"
        r = stream("127.0.0.1", port, send=big, expect="-end\n")
        self.assertEqual(r.status, OK, r)

    def test_connection_refused(self):
        port = free_port()  # bound once, then released: nobody listens there
        r = stream("127.0.0.1", port, send=LINE)
        self.assertEqual((r.status, r.code), (CLOSED_ERR, "KALSHI_ERR_CONNECT"), r)
        self.assertLess(r.elapsed, 3 * SLOW, r)

    def test_unknown_host_refused_without_traffic(self):
        r = stream("example.com", 80, send=LINE)
        self.assertEqual((r.status, r.code), (OPEN_REFUSED, "KALSHI_ERR_HOST_NOT_ALLOWED"), r)
        self.assertIn("net.allow_unknown_host", r.message)
        strace = shutil.which("strace")
        if strace is None:
            return
        # Observe the helper's system calls: no IP socket may be created at all (no DNS query,
        # no connect). strace may be unavailable under a ptrace-restricting sandbox.
        log = os.path.join(TMP, "strace.log")
        r = stream("example.com", 80, send=LINE,
                   prefix=(strace, "-f", "-qq", "-e", "trace=socket,connect,sendto", "-o", log))
        if r.status != OPEN_REFUSED or not os.path.exists(log):
            return
        with open(log) as f:
            calls = f.read()
        self.assertNotIn("AF_INET", calls, calls)
        # Control: the same trace of a loopback connection does show the socket.
        port = start_python_peer(echo)
        r = stream("127.0.0.1", port, send=LINE,
                   prefix=(strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", log))
        self.assertEqual(r.status, OK, r)
        with open(log) as f:
            self.assertIn("AF_INET", f.read())


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
