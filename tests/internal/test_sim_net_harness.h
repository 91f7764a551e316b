// Shared by the tests/internal/test_sim_net*.cpp tests: a private libuv loop driven until a
// condition holds (every wait bounded by a watchdog), a test CA written to a temp file, our own
// net::Connection as the client, and a recording echo server on a StreamServer.
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/connection.h"
#include "net/tls_config.h"
#include "sim/net/stream_server.h"

extern "C" {
#include <cmocka.h>
}

namespace simnet_test {

using kalshi::Error;
using kalshi::sim::ServerStream;
using kalshi::sim::StreamServer;

constexpr uint64_t kWaitMs = 20000;  // generous: the machine is shared; never a timing assertion

class TestLoop {
 public:
  TestLoop() { assert_int_equal(uv_loop_init(&loop_), 0); }
  ~TestLoop() = default;
  uv_loop_t *get() { return &loop_; }

  // Runs the loop until pred() holds or the watchdog fires; returns pred().
  bool run_until(const std::function<bool()> &pred, uint64_t max_ms = kWaitMs) {
    if (pred()) return true;
    uv_timer_t watchdog{};
    bool expired = false;
    uv_timer_init(&loop_, &watchdog);
    watchdog.data = &expired;
    uv_timer_start(
        &watchdog, [](uv_timer_t *t) { *static_cast<bool *>(t->data) = true; }, max_ms, 0);
    while (!pred() && !expired) uv_run(&loop_, UV_RUN_ONCE);
    uv_close(reinterpret_cast<uv_handle_t *>(&watchdog), nullptr);
    uv_run(&loop_, UV_RUN_NOWAIT);  // lets the watchdog's close finish
    return pred();
  }

  // Everything must have been closed: the loop ends on its own, and closes cleanly.
  void finish() {
    uv_timer_t watchdog{};
    bool expired = false;
    uv_timer_init(&loop_, &watchdog);
    watchdog.data = &expired;
    uv_timer_start(
        &watchdog,
        [](uv_timer_t *t) {
          *static_cast<bool *>(t->data) = true;
          uv_stop(t->loop);
        },
        kWaitMs, 0);
    uv_unref(reinterpret_cast<uv_handle_t *>(&watchdog));
    uv_run(&loop_, UV_RUN_DEFAULT);
    assert_false(expired);
    uv_close(reinterpret_cast<uv_handle_t *>(&watchdog), nullptr);
    uv_run(&loop_, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop_), 0);
  }

 private:
  uv_loop_t loop_{};
};

// A PEM written to a temporary file, removed again at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string &content) {
    char tmpl[] = "/tmp/kalshi-sim-net-XXXXXX";
    const int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content.data(), content.size()),
                     static_cast<ssize_t>(content.size()));
    ::close(fd);
    path_ = tmpl;
  }
  ~TempFile() { unlink(path_.c_str()); }
  const std::string &path() const { return path_; }

 private:
  std::string path_;
};

// The simulator's TLS identity and a client configuration that trusts it, verification on.
struct TlsPair {
  kalshi::sim::TestCertificate cert;
  std::shared_ptr<kalshi::sim::TlsServerConfig> server;
  std::shared_ptr<kalshi::net::TlsClientConfig> client;
  std::unique_ptr<TempFile> ca_file;

  TlsPair() {
    assert_true(kalshi::sim::make_test_certificate(&cert).ok());
    assert_true(kalshi::sim::make_tls_server_config(cert.cert_pem, cert.key_pem, &server).ok());
    ca_file = std::make_unique<TempFile>(cert.ca_pem);
    kalshi::net::TlsSettings settings;
    settings.verify = true;
    settings.ca_file = ca_file->path();
    assert_true(kalshi::net::TlsClientConfig::create(settings, &client).ok());
  }
};

struct Client {
  std::shared_ptr<kalshi::net::Connection> conn;
  std::string received;
  bool connected = false;
  bool closed = false;
  Error error;
};

inline std::unique_ptr<Client> connect_client(uv_loop_t *loop, uint16_t port,
                                              std::shared_ptr<kalshi::net::TlsClientConfig> tls,
                                              const std::string &name = "127.0.0.1") {
  auto c = std::make_unique<Client>();
  Client *raw = c.get();
  kalshi::net::ConnectOptions opts;
  opts.host = "127.0.0.1";
  opts.port = port;
  opts.tls = std::move(tls);
  opts.server_name = name;
  kalshi::net::Connection::Handlers h;
  h.on_connected = [raw] { raw->connected = true; };
  h.on_data = [raw](const uint8_t *d, size_t n) {
    raw->received.append(reinterpret_cast<const char *>(d), n);
  };
  h.on_closed = [raw](const Error &e) {
    raw->closed = true;
    raw->error = e;
  };
  c->conn = kalshi::net::Connection::create(loop, opts, std::move(h));
  c->conn->start();
  return c;
}

// Records every accepted stream; echoes what it receives unless told otherwise.
struct Server {
  struct Peer {
    std::shared_ptr<ServerStream> stream;
    std::string received;
    bool closed = false;
    int closed_calls = 0;
    Error error;
  };
  std::shared_ptr<StreamServer> listener;
  std::vector<std::unique_ptr<Peer>> peers;
  bool echo = true;
  std::function<void(ServerStream &)> on_accept;  // runs after the handlers are set

  StreamServer::AcceptFn accept_fn() {
    return [this](std::shared_ptr<ServerStream> s) {
      peers.push_back(std::make_unique<Peer>());
      Peer *p = peers.back().get();
      p->stream = s;
      ServerStream *raw = s.get();
      ServerStream::Handlers h;
      h.on_data = [this, p, raw](const uint8_t *d, size_t n) {
        p->received.append(reinterpret_cast<const char *>(d), n);
        if (echo) assert_true(raw->write(d, n).ok());
      };
      h.on_closed = [p](const Error &e) {
        p->closed = true;
        ++p->closed_calls;
        p->error = e;
      };
      s->set_handlers(std::move(h));
      if (on_accept) on_accept(*s);
    };
  }

  void listen(uv_loop_t *loop, std::shared_ptr<kalshi::sim::TlsServerConfig> tls,
              kalshi::sim::ListenOptions options = {}) {
    const Error e =
        StreamServer::listen(loop, "127.0.0.1", 0, std::move(tls), options, accept_fn(), &listener);
    assert_true(e.ok());
    assert_true(listener->port() != 0);
  }

  bool all_closed() const {
    for (const auto &p : peers) {
      if (!p->closed) return false;
    }
    return true;
  }
};

inline void write_text(kalshi::net::Connection &c, const std::string &s) {
  assert_true(c.write(reinterpret_cast<const uint8_t *>(s.data()), s.size()).ok());
}

inline void write_text(ServerStream &s, const std::string &text) {
  assert_true(s.write(reinterpret_cast<const uint8_t *>(text.data()), text.size()).ok());
}

// Deterministic, non-repeating-looking payload so a reordering or a lost chunk shows.
inline std::string pattern(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  uint32_t x = seed;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    s[i] = static_cast<char>(x >> 24);
  }
  return s;
}

}  // namespace simnet_test
