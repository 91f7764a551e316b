// The pooled HTTP/1.1 client (http/client/http_client.h) against an independent peer: Python's
// http.server (tests/interop/http_peer.py) on 127.0.0.1, plain and TLS. The peer reports the
// client's source port, so connection reuse and the pool bound are observed from the server's
// side. Every wait is bounded (a request has its own timeout and the test waits at most 20 s
// for its callback; the peer kills itself after 120 s).
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http/client/http_client.h"
#include "net/runtime.h"
#include "net/tls_config.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi;
using namespace kalshi::http;

namespace {

struct Peer {
  FILE *proc = nullptr;
  int pid = 0;
  uint16_t plain_port = 0, tls_port = 0, proxy_port = 0;
  std::string ca_file;
};

Peer g_peer;

int start_peer(void **) {
  signal(SIGPIPE, SIG_IGN);
  const char *src = getenv("KALSHI_SOURCE_DIR");
  const std::string script =
      std::string(src != nullptr ? src : ".") + "/tests/interop/http_peer.py";
  g_peer.proc = popen(("/usr/bin/python3 " + script).c_str(), "r");
  if (g_peer.proc == nullptr) return -1;
  int plain = 0, tls = 0, proxy = 0;
  char ca[512] = {0};
  if (fscanf(g_peer.proc, "%d %d %d %d %511s", &g_peer.pid, &plain, &tls, &proxy, ca) != 5) {
    print_error("the Python HTTP peer did not start\n");
    return -1;
  }
  g_peer.plain_port = static_cast<uint16_t>(plain);
  g_peer.tls_port = static_cast<uint16_t>(tls);
  g_peer.proxy_port = static_cast<uint16_t>(proxy);
  g_peer.ca_file = ca;
  return 0;
}

int stop_peer(void **) {
  if (g_peer.pid > 0) kill(g_peer.pid, SIGTERM);
  if (g_peer.proc != nullptr) pclose(g_peer.proc);
  return 0;
}

// One runtime (thread mode) and one client per test.
struct Fixture {
  net::Runtime rt{net::Runtime::Mode::Thread};
  std::shared_ptr<Client> client;

  explicit Fixture(ClientOptions opts = base_options()) {
    assert_true(rt.start().ok());
    client = Client::create(rt, std::move(opts));
  }
  ~Fixture() {
    client->close();
    rt.begin_close(2000, [] {});
    assert_true(rt.wait_closed(10000));
  }

  static ClientOptions base_options() {
    ClientOptions o;
    o.connect_template.loopback_only = true;
    o.connect_template.connect_timeout_ms = 5000;
    o.retry.base_ms = 10;
    o.retry.max_ms = 50;
    o.retry.retry_after_cap_ms = 100;  // the peer asks for 1 s; the cap keeps the test short
    o.default_timeout_ms = 10000;
    return o;
  }
};

// Collects callbacks from the loop thread; waits are bounded.
struct Results {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Response> got;
  bool wrong_thread = false;

  std::function<void(Response)> sink(net::Runtime &rt) {
    return [this, &rt](Response r) {
      std::lock_guard<std::mutex> lock(mu);
      if (!rt.on_loop_thread()) wrong_thread = true;
      got.push_back(std::move(r));
      cv.notify_all();
    };
  }
  bool wait_for(size_t n) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(20), [&] { return got.size() >= n; });
  }
};

Request request(const std::string &method, const std::string &target, bool tls = false) {
  Request r;
  r.method = method;
  r.target = target;
  r.endpoint = {tls ? "localhost" : "127.0.0.1", tls ? g_peer.tls_port : g_peer.plain_port, tls};
  r.idempotent = method == "GET" || method == "HEAD" || method == "DELETE" || method == "PUT";
  return r;
}

Response run(Fixture &f, Request req) {
  Results res;
  f.client->submit(std::move(req), res.sink(f.rt));
  assert_true(res.wait_for(1));
  assert_false(res.wrong_thread);
  if (!res.got[0].err.ok()) {
    print_message("response error %d: %s\n", static_cast<int>(res.got[0].err.code),
                  res.got[0].err.message.c_str());
  }
  return std::move(res.got[0]);
}

// Waits (bounded) until the client has no idle connection left.
bool wait_idle_gone(Fixture &f) {
  for (int i = 0; i < 400; ++i) {
    if (f.client->stats().idle_connections == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

void test_keep_alive_reuses_one_connection(void **) {
  Fixture f;
  std::set<std::string> ports;
  for (int i = 0; i < 5; ++i) {
    Response r = run(f, request("GET", "/port"));
    assert_true(r.err.ok());
    assert_int_equal(r.status, 200);
    assert_int_equal(r.attempts, 1);
    assert_true(r.request_sent);
    assert_true(r.submit_ns <= r.first_byte_written_ns && r.first_byte_written_ns <= r.done_ns);
    ports.insert(r.body);
  }
  assert_int_equal(ports.size(), 1);
  const Stats s = f.client->stats();
  assert_int_equal(s.connections_opened, 1);
  assert_int_equal(s.connections_reused, 4);
  assert_int_equal(s.idle_connections, 1);
  assert_int_equal(s.completed, 5);
}

void test_pool_bound_queues_the_extra_request(void **) {
  ClientOptions o = Fixture::base_options();
  o.max_connections_per_endpoint = 2;
  Fixture f(o);
  Results res;
  for (int i = 0; i < 3; ++i) f.client->submit(request("GET", "/hold"), res.sink(f.rt));
  assert_true(res.wait_for(3));
  std::set<std::string> ports;
  for (auto &r : res.got) {
    assert_true(r.err.ok());
    assert_int_equal(r.status, 200);
    ports.insert(r.body);
  }
  // Three requests, each held 300 ms by the server, over two connections: the third waited
  // for one of them and reused it.
  assert_int_equal(ports.size(), 2);
  const Stats s = f.client->stats();
  assert_int_equal(s.connections_opened, 2);
  assert_int_equal(s.connections_reused, 1);
  assert_int_equal(s.queued, 0);
}

void test_chunked_gzip_body_is_decoded(void **) {
  Fixture f;
  Response r = run(f, request("GET", "/chunked-gzip"));
  assert_true(r.err.ok());
  assert_int_equal(r.status, 200);
  std::string expected;
  char line[64];
  for (int i = 0; i < 2000; ++i) {
    snprintf(line, sizeof line, "market %d yes 0.%02d\n", i, i % 100);
    expected += line;
  }
  assert_true(r.body == expected);
  assert_non_null(r.header("content-encoding"));
  assert_string_equal(r.header("Transfer-Encoding")->c_str(), "chunked");
  // The connection stays usable after a chunked body.
  assert_true(run(f, request("GET", "/port")).err.ok());
  assert_int_equal(f.client->stats().connections_opened, 1);
}

void test_connection_close_is_honoured(void **) {
  Fixture f;
  Response a = run(f, request("GET", "/close"));
  Response b = run(f, request("GET", "/close"));
  assert_true(a.err.ok() && b.err.ok());
  assert_int_equal(a.status, 200);
  assert_true(a.body != b.body);
  const Stats s = f.client->stats();
  assert_int_equal(s.connections_opened, 2);
  assert_int_equal(s.connections_reused, 0);
}

void test_idle_connection_closed_by_server_reconnects(void **) {
  Fixture f;
  Response a = run(f, request("GET", "/close-after"));
  assert_true(a.err.ok());
  // The server closed the idle connection without saying so; the client notices and drops it.
  assert_true(wait_idle_gone(f));
  for (const char *method : {"GET", "POST"}) {
    Response b = run(f, request(method, "/port"));
    assert_true(b.err.ok());
    assert_int_equal(b.status, 200);
    assert_int_equal(b.attempts, 1);
    assert_true(a.body != b.body);
  }
  assert_int_equal(f.client->stats().connections_opened, 2);
  assert_int_equal(f.client->stats().retries, 0);
}

void test_503_retried_for_get_not_for_post(void **) {
  Fixture f;
  Response g = run(f, request("GET", "/flaky/get"));
  assert_true(g.err.ok());
  assert_int_equal(g.status, 200);
  assert_int_equal(g.attempts, 2);
  Response p = run(f, request("POST", "/flaky/post"));
  assert_true(p.err.ok());  // a complete response: the status is the caller's to judge
  assert_int_equal(p.status, 503);
  assert_int_equal(p.attempts, 1);
  assert_string_equal(run(f, request("GET", "/count/post")).body.c_str(), "1");
  assert_string_equal(run(f, request("GET", "/count/get")).body.c_str(), "2");
  assert_int_equal(f.client->stats().retries, 1);
}

void test_server_drops_request_without_answer(void **) {
  Fixture f;
  // The request reached the server (it counted it): a GET is tried again, a POST never.
  Response g = run(f, request("GET", "/drop/d-get"));
  assert_int_equal(g.err.code, KALSHI_ERR_DISCONNECTED);
  assert_true(g.request_sent);
  assert_int_equal(g.attempts, 3);
  Response p = run(f, request("POST", "/drop/d-post"));
  assert_int_equal(p.err.code, KALSHI_ERR_DISCONNECTED);
  assert_true(p.request_sent);
  assert_int_equal(p.attempts, 1);
  assert_string_equal(run(f, request("GET", "/count/d-get")).body.c_str(), "3");
  assert_string_equal(run(f, request("GET", "/count/d-post")).body.c_str(), "1");
}

void test_429_with_retry_after(void **) {
  Fixture f;
  Response r = run(f, request("GET", "/limited/a"));
  assert_true(r.err.ok());
  assert_int_equal(r.status, 200);
  assert_int_equal(r.attempts, 2);
  // With retries off the 429 and its Retry-After come back to the caller.
  ClientOptions o = Fixture::base_options();
  o.retry.max_attempts = 1;
  Fixture g(o);
  Response s = run(g, request("GET", "/limited/b"));
  assert_true(s.err.ok());
  assert_int_equal(s.status, 429);
  assert_int_equal(s.retry_after_ms, 1000);
  assert_string_equal(s.header("retry-after")->c_str(), "1");
}

void test_request_timeout_closes_the_connection(void **) {
  Fixture f;
  Request req = request("GET", "/slow");
  req.timeout_ms = 300;
  Response r = run(f, std::move(req));
  assert_int_equal(r.err.code, KALSHI_ERR_TIMEOUT);
  assert_true(r.request_sent);
  const Stats s = f.client->stats();
  assert_int_equal(s.timeouts, 1);
  assert_int_equal(s.open_connections, 0);  // never reused with a response pending
  // The next request gets a fresh connection and its own answer.
  Response n = run(f, request("GET", "/echo"));
  assert_true(n.err.ok());
  assert_string_equal(n.body.c_str(), "GET ");
  assert_int_equal(f.client->stats().connections_opened, 2);
}

void test_delete_with_body_and_prepare_headers(void **) {
  Fixture f;
  Request req = request("DELETE", "/echo");
  req.body = "{\"order_ids\":[\"a\",\"b\"]}";
  uint32_t prepared_attempt = 0;
  req.prepare = [&prepared_attempt](const Request &, uint32_t attempt,
                                    std::vector<HeaderField> *extra) {
    prepared_attempt = attempt;
    extra->push_back({"X-Signed", "yes"});
    return Error{};
  };
  Response r = run(f, std::move(req));
  assert_true(r.err.ok());
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body.c_str(), "DELETE {\"order_ids\":[\"a\",\"b\"]}");
  assert_int_equal(prepared_attempt, 1);

  // A prepare failure fails the request with its error, and the connection stays usable.
  Request bad = request("GET", "/port");
  bad.prepare = [](const Request &, uint32_t, std::vector<HeaderField> *) {
    return Error::make(KALSHI_ERR_CRYPTO, "no key");
  };
  Response b = run(f, std::move(bad));
  assert_int_equal(b.err.code, KALSHI_ERR_CRYPTO);
  assert_false(b.request_sent);
  assert_true(run(f, request("GET", "/port")).err.ok());
  assert_int_equal(f.client->stats().connections_opened, 1);
}

void test_connect_refused_fails_after_retries(void **) {
  Fixture f;
  Request req = request("POST", "/echo");
  req.endpoint.port = 1;  // nothing listens on port 1 on loopback
  Response r = run(f, std::move(req));
  assert_int_equal(r.err.code, KALSHI_ERR_CONNECT);
  assert_false(r.request_sent);
  // Nothing was sent, so even a POST used its retry budget.
  assert_int_equal(r.attempts, 3);
}

void test_rate_limiter_fail_fast_and_wait(void **) {
  Fixture f;
  auto limiter = std::make_shared<RateLimiter>(20, 1, 0);  // clock: the client's monotonic ms
  Request a = request("GET", "/port");
  a.limiter = limiter;
  a.fail_fast_when_limited = true;
  Request b = a;
  Request c = a;
  c.fail_fast_when_limited = false;
  Response ra = run(f, std::move(a));
  assert_true(ra.err.ok());
  // The bucket (burst 1, 20/s) is empty again right after: fail fast, or wait ~50 ms.
  Results res;
  f.client->submit(std::move(b), res.sink(f.rt));
  assert_true(res.wait_for(1));
  if (res.got[0].err.ok()) {
    // The loop was slow enough for a token to come back: acceptable, nothing to check.
  } else {
    assert_int_equal(res.got[0].err.code, KALSHI_ERR_RATE_LIMITED);
    assert_false(res.got[0].request_sent);
  }
  Response rc = run(f, std::move(c));
  assert_true(rc.err.ok());
  assert_int_equal(rc.status, 200);
}

void test_tls_with_trusted_ca(void **) {
  net::TlsSettings settings;
  settings.ca_file = g_peer.ca_file;
  ClientOptions o = Fixture::base_options();
  assert_true(net::TlsClientConfig::create(settings, &o.connect_template.tls).ok());
  Fixture f(o);
  Response a = run(f, request("GET", "/port", true));
  assert_true(a.err.ok());
  assert_int_equal(a.status, 200);
  Response b = run(f, request("POST", "/echo", true));
  assert_true(b.err.ok());
  assert_string_equal(b.body.c_str(), "POST ");
  assert_int_equal(f.client->stats().connections_opened, 1);

  // Without the CA the certificate is refused, and that is never retried.
  net::TlsSettings system;
  ClientOptions u = Fixture::base_options();
  assert_true(net::TlsClientConfig::create(system, &u.connect_template.tls).ok());
  Fixture g(u);
  Response r = run(g, request("GET", "/port", true));
  assert_int_equal(r.err.code, KALSHI_ERR_TLS_UNTRUSTED);
  assert_int_equal(r.attempts, 1);
}

void test_https_through_connect_proxy(void **) {
  net::TlsSettings settings;
  settings.ca_file = g_peer.ca_file;
  ClientOptions o = Fixture::base_options();
  assert_true(net::TlsClientConfig::create(settings, &o.connect_template.tls).ok());
  o.proxy_host = "127.0.0.1";
  o.proxy_port = g_peer.proxy_port;
  Fixture f(o);
  // The peer's proxy tunnels only to localhost:<tls port>; TLS runs end to end through it.
  Response a = run(f, request("GET", "/port", true));
  assert_true(a.err.ok());
  assert_int_equal(a.status, 200);
  Response b = run(f, request("POST", "/echo", true));
  assert_true(b.err.ok());
  assert_string_equal(b.body.c_str(), "POST ");
  assert_int_equal(f.client->stats().connections_opened, 1);

  // Any other target: the proxy answers 403, and the error names it.
  Request other = request("GET", "/port", true);
  other.endpoint.port = g_peer.plain_port;
  Response r = run(f, std::move(other));
  assert_int_equal(r.err.code, KALSHI_ERR_CONNECT);
  assert_non_null(strstr(r.err.message.c_str(), "403"));
  assert_false(r.request_sent);
}

void test_close_fails_pending_requests(void **) {
  Fixture f;
  Results res;
  f.client->submit(request("GET", "/slow"), res.sink(f.rt));
  // Wait (bounded) until the request is on its connection, then close the client.
  for (int i = 0; i < 400 && f.client->stats().open_connections == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  f.client->close();
  assert_true(res.wait_for(1));
  assert_int_equal(res.got[0].err.code, KALSHI_ERR_CLOSED);
  Results after;
  f.client->submit(request("GET", "/port"), after.sink(f.rt));
  assert_true(after.wait_for(1));
  assert_int_equal(after.got[0].err.code, KALSHI_ERR_CLOSED);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keep_alive_reuses_one_connection),
      cmocka_unit_test(test_pool_bound_queues_the_extra_request),
      cmocka_unit_test(test_chunked_gzip_body_is_decoded),
      cmocka_unit_test(test_connection_close_is_honoured),
      cmocka_unit_test(test_idle_connection_closed_by_server_reconnects),
      cmocka_unit_test(test_503_retried_for_get_not_for_post),
      cmocka_unit_test(test_server_drops_request_without_answer),
      cmocka_unit_test(test_429_with_retry_after),
      cmocka_unit_test(test_request_timeout_closes_the_connection),
      cmocka_unit_test(test_delete_with_body_and_prepare_headers),
      cmocka_unit_test(test_connect_refused_fails_after_retries),
      cmocka_unit_test(test_rate_limiter_fail_fast_and_wait),
      cmocka_unit_test(test_tls_with_trusted_ca),
      cmocka_unit_test(test_https_through_connect_proxy),
      cmocka_unit_test(test_close_fails_pending_requests),
  };
  return cmocka_run_group_tests(tests, start_peer, stop_peer);
}
