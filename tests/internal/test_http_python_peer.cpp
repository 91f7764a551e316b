// Interop with an independent HTTP/1.1 server: Python's http.server (Debian's /usr/bin/python3)
// on 127.0.0.1, serving Content-Length, chunked (with extensions and trailers), gzip, chunked
// gzip, HEAD, 429 + Retry-After, pipelined requests and a read-until-close body. Requests are
// built by RequestWriter; responses are parsed by ResponseParser from a real socket. Every wait
// is bounded (poll with a timeout; the server kills itself after 60 s).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "http/parse/response_parser.h"
#include "http/parse/retry_after.h"
#include "http/write/request_writer.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::http;

namespace {

const char kServer[] = R"PY(
import gzip, http.server, os, threading
watchdog = threading.Timer(60, lambda: os._exit(3))
watchdog.daemon = True
watchdog.start()
BODY = "".join("market %d yes 0.%02d\n" % (i, i % 100) for i in range(2000)).encode()

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def head(self, status, headers):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
    def do_HEAD(self):
        self.head(200, [("Content-Encoding", "gzip"), ("Content-Length", "12345")])
    def do_GET(self):
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if self.path == "/quit":
            self.head(204, [("Connection", "close")])
            self.close_connection = True
            threading.Thread(target=self.server.shutdown).start()
        elif self.path in ("/chunked", "/gzip-chunked"):
            data = gzip.compress(BODY) if self.path == "/gzip-chunked" and gz else BODY
            hdrs = [("Transfer-Encoding", "chunked")]
            if data is not BODY:
                hdrs.append(("Content-Encoding", "gzip"))
            self.head(200, hdrs)
            for i in range(0, len(data), 777):
                part = data[i:i + 777]
                self.wfile.write(b"%x;at=%d\r\n" % (len(part), i) + part + b"\r\n")
            self.wfile.write(b"0\r\nX-Done: yes\r\n\r\n")
        elif self.path == "/gzip" and gz:
            data = gzip.compress(BODY)
            self.head(200, [("Content-Encoding", "gzip"), ("Content-Length", str(len(data)))])
            self.wfile.write(data)
        elif self.path == "/retry":
            self.head(429, [("Retry-After", "7"), ("Content-Length", "0")])
        elif self.path == "/close":
            self.head(200, [("Connection", "close")])
            self.wfile.write(BODY)
            self.close_connection = True
        else:
            self.head(404, [("Content-Length", "0")])

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
)PY";

std::string expected_body() {
  std::string s;
  char line[64];
  for (int i = 0; i < 2000; ++i) {
    snprintf(line, sizeof line, "market %d yes 0.%02d\n", i, i % 100);
    s += line;
  }
  return s;
}

struct Peer {
  FILE *proc = nullptr;
  int port = 0;
  std::string script_path;
};

Peer *g_peer = nullptr;

int start_peer(void **state) {
  signal(SIGPIPE, SIG_IGN);
  auto *p = new Peer;
  char path[] = "/tmp/kalshi_http_peer_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return -1;
  const ssize_t w = write(fd, kServer, sizeof kServer - 1);
  close(fd);
  if (w != static_cast<ssize_t>(sizeof kServer - 1)) return -1;
  p->script_path = path;
  const std::string cmd = "/usr/bin/python3 " + p->script_path;
  p->proc = popen(cmd.c_str(), "r");
  if (p->proc == nullptr || fscanf(p->proc, "%d", &p->port) != 1 || p->port <= 0) {
    print_error("python3 http.server did not start\n");
    return -1;
  }
  g_peer = p;
  *state = p;
  return 0;
}

int connect_peer() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(g_peer->port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
  return fd;
}

void send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = send(fd, bytes.data(), bytes.size(), 0);
    assert_true(n > 0);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

std::string get(std::string_view method, std::string_view path) {
  RequestWriter w;
  const std::string host = "127.0.0.1:" + std::to_string(g_peer->port);
  assert_int_equal(w.begin(method, path, host), WriteError::None);
  assert_int_equal(w.header("User-Agent", "libkalshi-test"), WriteError::None);
  assert_int_equal(w.finish(), WriteError::None);
  return std::string(w.bytes());
}

struct Response {
  int status = 0;
  std::string body;
  std::string retry_after;
  bool keep_alive = false;
  bool gzip = false;
};

// Reads responses off `fd` until `count` have completed. Bytes past one response stay in
// `pending` for the next (pipelining). Every read waits at most 10 s.
std::vector<Response> read_responses(int fd, ResponseParser &p, size_t count,
                                     std::vector<bool> head = {}) {
  std::vector<Response> out;
  std::string pending;
  char buf[4096];
  bool eof = false;
  p.next_message();
  p.expect_head_response(!head.empty() && head[0]);
  Response cur;
  while (out.size() < count) {
    const ResponseParser::Step s = eof && pending.empty() ? p.finish() : p.parse(pending);
    // A body view points into `pending`: take it before the consumed bytes are dropped.
    if (s.event == ResponseParser::Event::Body) cur.body.append(s.body);
    pending.erase(0, s.consumed);
    switch (s.event) {
      case ResponseParser::Event::Head: {
        cur.status = p.status();
        cur.gzip = p.gzip();
        std::string_view v;
        if (p.header("retry-after", &v)) cur.retry_after = std::string(v);
        break;
      }
      case ResponseParser::Event::Body:
        break;
      case ResponseParser::Event::Complete:
        cur.keep_alive = p.keep_alive();
        out.push_back(cur);
        cur = {};
        p.next_message();
        p.expect_head_response(out.size() < head.size() && head[out.size()]);
        break;
      case ResponseParser::Event::Error:
        print_error("parse error: %s at %llu\n", parse_error_name(p.error()),
                    static_cast<unsigned long long>(p.error_offset()));
        fail();
        break;
      case ResponseParser::Event::NeedMore: {
        assert_false(eof);
        pollfd pfd{fd, POLLIN, 0};
        assert_int_equal(poll(&pfd, 1, 10000), 1);
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        assert_true(n >= 0);
        if (n == 0) eof = true;
        pending.append(buf, static_cast<size_t>(n));
        break;
      }
    }
  }
  assert_true(pending.empty());
  return out;
}

void test_keep_alive_connection(void **) {
  const int fd = connect_peer();
  ResponseParser p;
  const std::string want = expected_body();
  for (const char *path : {"/chunked", "/gzip", "/gzip-chunked", "/retry", "/missing"}) {
    send_all(fd, get("GET", path));
    const std::vector<Response> r = read_responses(fd, p, 1);
    assert_true(r[0].keep_alive);
    const std::string_view which(path);
    if (which == "/retry") {
      assert_int_equal(r[0].status, 429);
      int64_t delay = 0;
      assert_true(parse_retry_after(r[0].retry_after, 0, &delay));
      assert_int_equal(delay, 7);
    } else if (which == "/missing") {
      assert_int_equal(r[0].status, 404);
    } else {
      assert_int_equal(r[0].status, 200);
      if (r[0].body != want) {
        print_error("%s: %zu bytes, want %zu: %.60s\n", path, r[0].body.size(), want.size(),
                    r[0].body.c_str());
        fail();
      }
      assert_int_equal(r[0].gzip, which.find("gzip") != std::string_view::npos);
    }
  }
  // A HEAD response announces a gzip body of 12345 bytes and carries none.
  send_all(fd, get("HEAD", "/gzip"));
  const std::vector<Response> h = read_responses(fd, p, 1, {true});
  assert_int_equal(h[0].status, 200);
  assert_true(h[0].body.empty());
  close(fd);
}

void test_pipelined_requests(void **) {
  const int fd = connect_peer();
  ResponseParser p;
  send_all(fd, get("GET", "/gzip") + get("HEAD", "/gzip") + get("GET", "/gzip-chunked") +
                   get("GET", "/retry"));
  const std::vector<Response> r = read_responses(fd, p, 4, {false, true, false, false});
  const std::string want = expected_body();
  assert_true(r[0].body == want);
  assert_true(r[1].body.empty());
  assert_true(r[2].body == want);
  assert_int_equal(r[3].status, 429);
  close(fd);
}

void test_read_until_close(void **) {
  const int fd = connect_peer();
  ResponseParser p;
  send_all(fd, get("GET", "/close"));
  const std::vector<Response> r = read_responses(fd, p, 1);
  assert_int_equal(r[0].status, 200);
  assert_false(r[0].keep_alive);
  assert_true(r[0].body == expected_body());
  close(fd);
}

int stop_peer(void **state) {
  auto *p = static_cast<Peer *>(*state);
  if (p == nullptr) return 0;
  if (p->port > 0) {
    const int fd = connect_peer();
    send_all(fd, get("GET", "/quit"));
    char buf[256];
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, 10000) == 1) (void)!recv(fd, buf, sizeof buf, 0);
    close(fd);
  }
  const int rc = p->proc != nullptr ? pclose(p->proc) : -1;
  unlink(p->script_path.c_str());
  delete p;
  g_peer = nullptr;
  return rc == 0 ? 0 : -1;
}

}  // namespace

int main(void) {
  if (access("/usr/bin/python3", X_OK) != 0) {
    printf("skipping: /usr/bin/python3 not installed\n");
    return 0;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keep_alive_connection),
      cmocka_unit_test(test_pipelined_requests),
      cmocka_unit_test(test_read_until_close),
  };
  return cmocka_run_group_tests(tests, start_peer, stop_peer);
}
