// The WebSocket client driver (WsClient over net::Connection on a net::Runtime) against an
// independent peer: a Python `websockets` server on loopback (tests/interop/ws_peer_conn.py).
// Covers echo, fragmented messages both ways, server pings, server close codes, an oversized
// message refused with 1009, the server dropping the connection (reconnect with backoff, auth
// headers computed afresh for each handshake), the send queue's bounds, connection refusal, and
// TLS against a CA made by the openssl CLI at test time. Skipped when /usr/bin/python3 has no
// websockets package. Every wait is bounded.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/runtime.h"
#include "net/tls_config.h"
#include "ws/conn/ws_client.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using kalshi::Error;
using kalshi::net::Runtime;
using kalshi::ws::WsClient;
using kalshi::ws::WsClientOptions;

namespace {

constexpr int kWaitMs = 15000;

std::string source_dir() {
  const char *s = std::getenv("KALSHI_SOURCE_DIR");
  return s ? s : ".";
}

struct Peer {
  pid_t pid = -1;
  int port = 0;
  bool skipped = false;

  // Starts the Python peer; false when it cannot run (the test is then skipped).
  bool start(const std::vector<std::string> &extra = {}) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    const std::string script = source_dir() + "/tests/interop/ws_peer_conn.py";
    pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      std::vector<const char *> argv = {"python3", script.c_str()};
      for (const auto &e : extra) argv.push_back(e.c_str());
      argv.push_back(nullptr);
      execv("/usr/bin/python3", const_cast<char *const *>(argv.data()));
      _exit(127);
    }
    close(fds[1]);
    std::string line;
    while (line.find('\n') == std::string::npos) {
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, kWaitMs) <= 0) break;
      char tmp[64];
      const ssize_t n = read(fds[0], tmp, sizeof tmp);
      if (n <= 0) break;
      line.append(tmp, static_cast<size_t>(n));
    }
    close(fds[0]);
    if (line.rfind("skip", 0) == 0) skipped = true;
    port = std::atoi(line.c_str());
    return port > 0 && port < 65536;
  }
  ~Peer() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

struct Recorder {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> texts;
  std::vector<WsClient::StateChange> states;
  bool closed = false;
  Error close_error;
  int opens = 0;

  WsClient::Handlers handlers() {
    WsClient::Handlers h;
    h.on_state = [this](const WsClient::StateChange &s) {
      std::lock_guard<std::mutex> lock(mu);
      states.push_back(s);
      if (s.state == WsClient::State::Open) ++opens;
      cv.notify_all();
    };
    h.on_text = [this](std::string_view t) {
      std::lock_guard<std::mutex> lock(mu);
      texts.emplace_back(t);
      cv.notify_all();
    };
    h.on_closed = [this](const Error &e) {
      std::lock_guard<std::mutex> lock(mu);
      closed = true;
      close_error = e;
      cv.notify_all();
    };
    return h;
  }

  bool wait(const std::function<bool()> &pred) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::milliseconds(kWaitMs), pred);
  }
  bool wait_opens(int n) {
    return wait([&] { return opens >= n; });
  }
  bool wait_text(size_t n) {
    return wait([&] { return texts.size() >= n; });
  }
  bool wait_closed() {
    return wait([&] { return closed; });
  }
  std::string text(size_t i) {
    std::lock_guard<std::mutex> lock(mu);
    return i < texts.size() ? texts[i] : std::string("<none>");
  }
};

// Everything a test needs: the runtime, the peer, a counter of auth header calls.
struct Fixture {
  Runtime rt{Runtime::Mode::Thread};
  Peer peer;
  Recorder rec;
  std::shared_ptr<std::atomic<int>> auth_calls = std::make_shared<std::atomic<int>>(0);

  WsClientOptions options() {
    WsClientOptions o;
    o.connect.host = "127.0.0.1";
    o.connect.port = static_cast<uint16_t>(peer.port);
    o.connect.loopback_only = true;
    o.connect.connect_timeout_ms = 5000;
    o.connect.close_timeout_ms = 2000;
    o.path = "/ws";
    auto calls = auth_calls;
    o.auth_headers = [calls](std::vector<std::pair<std::string, std::string>> *h) {
      h->emplace_back("X-Test-Auth", "n" + std::to_string(++*calls));
      return Error{};
    };
    o.reconnect = false;
    o.backoff_base_ms = 50;
    o.backoff_max_ms = 200;
    o.backoff_uniform = [](uint64_t upper) { return upper; };  // the ceiling: deterministic
    return o;
  }

  ~Fixture() {
    rt.begin_close(1000, {});
    rt.wait_closed(5000);
  }
};

// cmocka's skip() longjmps past destructors: end the peer first.
#define START_PEER_OR_SKIP(f, ...)                      \
  do {                                                  \
    const bool ok_ = (f).peer.start(__VA_ARGS__);       \
    if (!ok_) {                                         \
      const bool skipped_ = (f).peer.skipped;           \
      if ((f).peer.pid > 0) {                           \
        kill((f).peer.pid, SIGTERM);                    \
        waitpid((f).peer.pid, nullptr, 0);              \
        (f).peer.pid = -1;                              \
      }                                                 \
      if (skipped_) skip();                             \
      fail_msg("python websockets peer did not start"); \
    }                                                   \
  } while (0)

void test_echo_fragments_pings_and_server_close(void **) {
  Fixture f;
  assert_true(f.rt.start().ok());
  START_PEER_OR_SKIP(f);
  WsClientOptions o = f.options();
  o.send_fragment_size = 3;  // everything we send goes out fragmented
  auto c = WsClient::create(&f.rt, o, f.rec.handlers());
  assert_true(c->start().ok());
  assert_int_equal(c->start().code, KALSHI_ERR_STATE);
  assert_true(f.rec.wait_opens(1));

  assert_true(c->send_text("hello \xe2\x82\xac").ok());
  assert_true(c->send_text("frag").ok());
  assert_true(c->send_text("ping").ok());
  assert_true(c->send_text("auth").ok());
  assert_true(f.rec.wait_text(4));
  assert_string_equal(f.rec.text(0).c_str(), "hello \xe2\x82\xac");
  assert_string_equal(f.rec.text(1).c_str(), "fragment");
  assert_string_equal(f.rec.text(2).c_str(), "pong-ok");  // our pong reached the server
  assert_string_equal(f.rec.text(3).c_str(), "n1");

  // The server closes with its own code: without reconnect the client ends with it.
  assert_true(c->send_text("close:4001:bye").ok());
  assert_true(f.rec.wait_closed());
  assert_int_equal(f.rec.close_error.code, KALSHI_ERR_DISCONNECTED);
  assert_true(f.rec.close_error.message.find("4001") != std::string::npos);
  assert_int_equal(static_cast<int>(c->state()), static_cast<int>(WsClient::State::Closed));
  assert_int_equal(c->send_text("late").code, KALSHI_ERR_CLOSED);
  assert_int_equal(c->start().code, KALSHI_ERR_CLOSED);
}

void test_oversized_message_refused(void **) {
  Fixture f;
  assert_true(f.rt.start().ok());
  START_PEER_OR_SKIP(f);
  WsClientOptions o = f.options();
  o.limits.max_message_size = 1000;
  auto c = WsClient::create(&f.rt, o, f.rec.handlers());
  assert_true(c->start().ok());
  assert_true(f.rec.wait_opens(1));
  assert_true(c->send_text("big:999").ok());
  assert_true(f.rec.wait_text(1));
  assert_int_equal(f.rec.text(0).size(), 999);
  assert_true(c->send_text("big:5000").ok());
  assert_true(f.rec.wait_closed());
  assert_int_equal(f.rec.close_error.code, KALSHI_ERR_PROTOCOL);
  assert_true(f.rec.close_error.message.find("1009") != std::string::npos);
}

void test_server_drop_reconnects_with_fresh_auth(void **) {
  Fixture f;
  assert_true(f.rt.start().ok());
  START_PEER_OR_SKIP(f);
  WsClientOptions o = f.options();
  o.reconnect = true;
  auto c = WsClient::create(&f.rt, o, f.rec.handlers());
  assert_true(c->start().ok());
  assert_true(f.rec.wait_opens(1));
  assert_true(c->send_text("drop").ok());
  assert_true(f.rec.wait_opens(2));
  assert_true(c->send_text("auth").ok());
  assert_true(f.rec.wait_text(1));
  // Each handshake carried the value of a fresh auth_headers call.
  assert_string_equal(f.rec.text(0).c_str(), "n1,n2");
  assert_int_equal(f.auth_calls->load(), 2);
  assert_int_equal(c->connects(), 2);

  // Then the server closes with 1012 (service restart): reconnect again; the backoff started
  // over since the second session delivered a message.
  assert_true(c->send_text("close:1012:restart").ok());
  assert_true(f.rec.wait_opens(3));
  c->close();
  assert_true(f.rec.wait_closed());
  assert_true(f.rec.close_error.ok());

  std::lock_guard<std::mutex> lock(f.rec.mu);
  std::vector<WsClient::StateChange> reconnects;
  for (const auto &s : f.rec.states) {
    if (s.state == WsClient::State::Reconnecting) reconnects.push_back(s);
  }
  assert_int_equal(reconnects.size(), 2);
  assert_int_equal(reconnects[0].attempt, 1);
  assert_int_equal(reconnects[0].delay_ms, 50);
  assert_int_equal(reconnects[0].error.code, KALSHI_ERR_DISCONNECTED);
  assert_int_equal(reconnects[1].attempt, 1);
  assert_int_equal(reconnects[1].delay_ms, 50);
  assert_true(reconnects[1].error.message.find("1012") != std::string::npos);
  assert_int_equal(static_cast<int>(f.rec.states.back().state),
                   static_cast<int>(WsClient::State::Closed));
}

void test_queue_before_open_and_overflow(void **) {
  Fixture f;
  assert_true(f.rt.start().ok());
  START_PEER_OR_SKIP(f);
  WsClientOptions o = f.options();
  o.max_outbound_queue = 2;
  auto c = WsClient::create(&f.rt, o, f.rec.handlers());
  assert_true(c->send_text("a").ok());
  assert_true(c->send_text("b").ok());
  assert_int_equal(c->send_text("c").code, KALSHI_ERR_OVERFLOW);
  assert_true(c->start().ok());
  assert_true(f.rec.wait_text(2));
  assert_string_equal(f.rec.text(0).c_str(), "a");
  assert_string_equal(f.rec.text(1).c_str(), "b");
  c->close();
  c->close();  // idempotent
  assert_true(f.rec.wait_closed());
  assert_true(f.rec.close_error.ok());
}

void test_connect_refused_retries_until_closed(void **) {
  Fixture f;
  assert_true(f.rt.start().ok());
  // A port with no listener: bind, read the port, close.
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr *>(&a), &len);
  close(s);
  f.peer.port = ntohs(a.sin_port);
  WsClientOptions o = f.options();
  o.reconnect = true;
  o.backoff_base_ms = 5;
  o.backoff_max_ms = 20;
  auto c = WsClient::create(&f.rt, o, f.rec.handlers());
  assert_true(c->start().ok());
  assert_true(f.rec.wait([&] {
    int n = 0;
    for (const auto &st : f.rec.states) n += st.state == WsClient::State::Reconnecting;
    return n >= 3;
  }));
  c->close();
  assert_true(f.rec.wait_closed());
  std::lock_guard<std::mutex> lock(f.rec.mu);
  std::vector<WsClient::StateChange> r;
  for (const auto &st : f.rec.states) {
    if (st.state == WsClient::State::Reconnecting) r.push_back(st);
  }
  assert_int_equal(r[0].attempt, 1);
  assert_int_equal(r[0].delay_ms, 5);
  assert_int_equal(r[1].attempt, 2);
  assert_int_equal(r[1].delay_ms, 10);
  assert_int_equal(r[2].delay_ms, 20);
  assert_int_equal(r[0].error.code, KALSHI_ERR_CONNECT);
  assert_int_equal(f.rec.opens, 0);
}

void test_dead_peer_detected_and_reconnected(void **) {
  Fixture f;
  assert_true(f.rt.start().ok());
  START_PEER_OR_SKIP(f);
  WsClientOptions o = f.options();
  o.reconnect = true;
  o.ping_interval_ms = 100;
  o.dead_after_ms = 400;
  auto c = WsClient::create(&f.rt, o, f.rec.handlers());
  assert_true(c->start().ok());
  assert_true(f.rec.wait_opens(1));
  // Our keepalive pings are answered while the peer reads: the session outlives dead_after_ms.
  assert_true(c->send_text("still here?").ok());
  assert_true(f.rec.wait_text(1));
  assert_true(c->send_text("mute").ok());
  assert_true(f.rec.wait_opens(2));
  c->close();
  assert_true(f.rec.wait_closed());
  std::lock_guard<std::mutex> lock(f.rec.mu);
  bool timed_out = false;
  for (const auto &s : f.rec.states) {
    if (s.state == WsClient::State::Reconnecting) {
      timed_out = s.error.code == KALSHI_ERR_TIMEOUT;
      break;
    }
  }
  assert_true(timed_out);
}

// A CA and a server certificate for 127.0.0.1 / localhost, made by the openssl CLI.
bool make_certs(const std::string &dir, const std::string &name) {
  const std::string d = dir + "/" + name;
  const std::string cmd = "cd '" + dir + "' && openssl req -x509 -newkey rsa:2048 -nodes -keyout " +
                          name + "-ca.key -out " + name + "-ca.pem -subj /CN=" + name +
                          "-ca -days 2 >/dev/null 2>&1 && "
                          "openssl req -newkey rsa:2048 -nodes -keyout " +
                          name + ".key -out " + name +
                          ".csr -subj /CN=localhost >/dev/null 2>&1 && " +
                          "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > " + name +
                          ".ext && " + "openssl x509 -req -in " + name + ".csr -CA " + name +
                          "-ca.pem -CAkey " + name + "-ca.key -CAcreateserial -out " + name +
                          ".pem -days 2 -extfile " + name + ".ext >/dev/null 2>&1";
  (void)d;
  return std::system(cmd.c_str()) == 0;
}

void test_tls_with_trusted_ca(void **) {
  char tmpl[] = "/tmp/ws_conn_tls_XXXXXX";
  const char *dir = mkdtemp(tmpl);
  assert_non_null(dir);
  const std::string base(dir);
  if (!make_certs(base, "srv") || !make_certs(base, "other")) {
    (void)!std::system(("rm -rf '" + base + "'").c_str());
    skip();  // no openssl CLI
  }
  bool untrusted_ok = false;
  {
    Fixture f;
    assert_true(f.rt.start().ok());
    START_PEER_OR_SKIP(f, {base + "/srv.pem", base + "/srv.key"});
    kalshi::net::TlsSettings ts;
    ts.ca_file = base + "/srv-ca.pem";
    std::shared_ptr<kalshi::net::TlsClientConfig> tls;
    assert_true(kalshi::net::TlsClientConfig::create(ts, &tls).ok());
    WsClientOptions o = f.options();
    o.connect.tls = tls;
    o.connect.server_name = "localhost";
    auto c = WsClient::create(&f.rt, o, f.rec.handlers());
    assert_true(c->start().ok());
    assert_true(f.rec.wait_opens(1));
    assert_true(c->send_text("over tls").ok());
    assert_true(c->send_text("frag").ok());
    assert_true(f.rec.wait_text(2));
    assert_string_equal(f.rec.text(0).c_str(), "over tls");
    assert_string_equal(f.rec.text(1).c_str(), "fragment");
    c->close();
    assert_true(f.rec.wait_closed());
    assert_true(f.rec.close_error.ok());

    // Another CA: refused, and not retried even with reconnect on (it cannot heal).
    Recorder rec2;
    kalshi::net::TlsSettings ts2;
    ts2.ca_file = base + "/other-ca.pem";
    std::shared_ptr<kalshi::net::TlsClientConfig> tls2;
    assert_true(kalshi::net::TlsClientConfig::create(ts2, &tls2).ok());
    WsClientOptions o2 = f.options();
    o2.connect.tls = tls2;
    o2.connect.server_name = "localhost";
    o2.reconnect = true;
    auto c2 = WsClient::create(&f.rt, o2, rec2.handlers());
    assert_true(c2->start().ok());
    assert_true(rec2.wait_closed());
    untrusted_ok = rec2.close_error.code == KALSHI_ERR_TLS_UNTRUSTED && rec2.opens == 0;
  }
  (void)!std::system(("rm -rf '" + base + "'").c_str());
  assert_true(untrusted_ok);
}

}  // namespace

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_echo_fragments_pings_and_server_close),
      cmocka_unit_test(test_oversized_message_refused),
      cmocka_unit_test(test_server_drop_reconnects_with_fresh_auth),
      cmocka_unit_test(test_queue_before_open_and_overflow),
      cmocka_unit_test(test_connect_refused_retries_until_closed),
      cmocka_unit_test(test_dead_peer_detected_and_reconnected),
      cmocka_unit_test(test_tls_with_trusted_ca),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
