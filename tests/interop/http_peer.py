#!/usr/bin/python3
"""Loopback HTTP/1.1 peer for tests/internal/test_http_client.cpp (an independent server:
Python's http.server).

Prints one line: "<pid> <plain_port> <tls_port> <proxy_port> <ca_cert_path>", then serves until
killed (a watchdog ends it after 120 s whatever happens). The TLS server uses a throwaway
self-signed certificate for "localhost" made with the openssl CLI; the proxy port speaks
CONNECT and tunnels to 127.0.0.1:<tls_port> only.

Paths (any method):
  /port              body: the client's source port (proves connection reuse)
  /echo              body: "<METHOD> <body>"
  /hold              waits 300 ms, then as /port (keeps connections busy)
  /slow              waits 5 s before answering (request timeouts)
  /close             answers with "Connection: close" and closes
  /close-after       answers as keep-alive, then closes the connection anyway
  /drop/<key>        closes the connection without answering (counted like /flaky)
  /chunked-gzip      a chunked, gzip-encoded body (BODY below)
  /flaky/<key>       503 the first time per key, then 200
  /limited/<key>     429 with Retry-After: 1 the first time per key, then 200
  /count/<key>       body: how many requests /flaky, /limited or /drop saw for <key>
"""
import gzip
import http.server
import os
import select
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time

watchdog = threading.Timer(120, lambda: os._exit(3))
watchdog.daemon = True
watchdog.start()

BODY = "".join("market %d yes 0.%02d\n" % (i, i % 100) for i in range(2000)).encode()
counts = {}
counts_lock = threading.Lock()


def hit(key):
    with counts_lock:
        counts[key] = counts.get(key, 0) + 1
        return counts[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n) if n else b""
        path = self.path
        port = str(self.client_address[1]).encode()
        if path == "/port":
            self.reply(200, port)
        elif path == "/echo":
            self.reply(200, self.command.encode() + b" " + body)
        elif path == "/hold":
            time.sleep(0.3)
            self.reply(200, port)
        elif path == "/slow":
            time.sleep(5)
            self.reply(200, b"late")
        elif path == "/close":
            self.reply(200, port, [("Connection", "close")])
            self.close_connection = True
        elif path == "/close-after":
            self.reply(200, port)
            self.close_connection = True
        elif path == "/chunked-gzip":
            data = gzip.compress(BODY)
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            for i in range(0, len(data), 1000):
                part = data[i:i + 1000]
                self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif path.startswith("/drop/"):
            hit(path[len("/drop/"):])
            self.close_connection = True
        elif path.startswith("/flaky/"):
            if hit(path[len("/flaky/"):]) == 1:
                self.reply(503, b"busy")
            else:
                self.reply(200, b"ok")
        elif path.startswith("/limited/"):
            if hit(path[len("/limited/"):]) == 1:
                self.reply(429, b"slow down", [("Retry-After", "1")])
            else:
                self.reply(200, b"ok")
        elif path.startswith("/count/"):
            with counts_lock:
                self.reply(200, str(counts.get(path[len("/count/"):], 0)).encode())
        else:
            self.reply(404)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def make_cert(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Proxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_proxy_handler(tls_port):
    class ProxyHandler(socketserver.BaseRequestHandler):
        def handle(self):
            sock = self.request
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 8192:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                head += chunk
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = line.split(" ")
            if len(parts) != 3 or parts[0] != "CONNECT":
                sock.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            if parts[1] != "localhost:%d" % tls_port:
                sock.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            upstream = socket.create_connection(("127.0.0.1", tls_port))
            sock.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            rest = head.split(b"\r\n\r\n", 1)[1]
            if rest:
                upstream.sendall(rest)
            pair = [sock, upstream]
            while True:
                readable, _, _ = select.select(pair, [], [], 30)
                if not readable:
                    break
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        upstream.close()
                        return
                    (upstream if s is sock else sock).sendall(data)
    return ProxyHandler


def main():
    directory = tempfile.mkdtemp(prefix="kalshi_http_peer_")
    cert, key = make_cert(directory)
    plain = Server(("127.0.0.1", 0), Handler)
    tls = Server(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
    proxy = Proxy(("127.0.0.1", 0), make_proxy_handler(tls.server_address[1]))
    for srv in (plain, tls, proxy):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print(os.getpid(), plain.server_address[1], tls.server_address[1],
          proxy.server_address[1], cert, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
