// kalshi_stream_*: the transport (net::Connection) exposed as a raw byte stream.
//
// The handle lives on the caller's side and holds a reference on the client. Everything that
// touches the connection runs on the loop thread through Runtime::post; the loop side (StreamCore)
// reaches the client only through a weak reference, so the client is never kept alive, or
// destroyed, from inside the loop.
#include <kalshi/stream.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "capi/client_impl.h"
#include "capi/guard.h"
#include "core/environments.h"
#include "net/connect_policy.h"
#include "net/connection.h"
#include "net/tls_config.h"

using kalshi::ClientImpl;
using kalshi::Error;
using kalshi::report;
using kalshi::capi::guarded;

namespace {

struct StreamCore {
  std::weak_ptr<ClientImpl> client;
  kalshi::net::Runtime *runtime = nullptr;  // valid for as long as the loop runs callbacks
  uint64_t tag = 0;
  std::shared_ptr<kalshi::net::Connection> conn;  // loop thread only; reset when closed
  std::atomic<bool> ended{false};                 // STREAM_CLOSED has been emitted

  void emit(kalshi::EventPtr ev) const {
    if (auto c = client.lock()) c->emit(std::move(ev));
  }
};

// Loop thread: creates and starts the connection.
void start_on_loop(const std::shared_ptr<StreamCore> &core, kalshi::net::ConnectOptions opts) {
  if (core->runtime->closing()) {
    core->ended = true;
    core->emit(kalshi::make_error_event(
        KALSHI_EVENT_STREAM_CLOSED, core->tag,
        Error::make(KALSHI_ERR_CLOSED, "the client closed before the stream could open")));
    return;
  }
  kalshi::net::Connection::Handlers h;
  h.on_connected = [core] {
    core->emit(kalshi::make_event(KALSHI_EVENT_STREAM_CONNECTED, core->tag));
  };
  h.on_data = [core](const uint8_t *data, size_t len) {
    auto ev = kalshi::make_event(KALSHI_EVENT_STREAM_DATA, core->tag);
    ev->data.assign(reinterpret_cast<const char *>(data), len);
    core->emit(std::move(ev));
  };
  h.on_closed = [core](const Error &err) {
    core->runtime->remove_closable(core->conn.get());
    core->conn.reset();
    core->ended = true;
    core->emit(kalshi::make_error_event(KALSHI_EVENT_STREAM_CLOSED, core->tag, err));
  };
  core->conn =
      kalshi::net::Connection::create(core->runtime->loop(), std::move(opts), std::move(h));
  // Started before it is registered: a close that began meanwhile then aborts a running
  // connection, which still reports STREAM_CLOSED.
  core->conn->start();
  core->runtime->add_closable(core->conn.get());
}

}  // namespace

struct kalshi_stream {
  std::shared_ptr<ClientImpl> impl;  // keeps the client's memory alive until the handle goes
  std::shared_ptr<StreamCore> core;
  std::atomic<bool> close_requested{false};
};

extern "C" {

KALSHI_API kalshi_err_t kalshi_stream_open(kalshi_client_t *c, const char *host, uint16_t port,
                                           uint32_t flags, uint64_t user_tag,
                                           kalshi_stream_t **out, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "out must not be NULL");
  *out = nullptr;
  if (c == nullptr || host == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "client and host must not be NULL");
  }
  return guarded(err, [&] {
    if (c->destroyed.load() || c->impl->runtime().closing()) {
      return report(err, KALSHI_ERR_CLOSED, "the client is closed");
    }
    const std::string h(host);
    if (!kalshi::net::plausible_host(h)) return report(err, KALSHI_ERR_INVALID_ARG, "invalid host name");
    if (port == 0) return report(err, KALSHI_ERR_INVALID_ARG, "port must not be 0");
    if ((flags & ~KALSHI_STREAM_TLS) != 0) {
      return report(err, KALSHI_ERR_INVALID_ARG, "unknown stream flags");
    }
    const bool tls = (flags & KALSHI_STREAM_TLS) != 0;
    const kalshi::Conf &conf = c->impl->conf();
    // Policy first: a refused host causes no DNS query, no socket, no traffic at all.
    if (Error e = kalshi::net::check_policy(conf, h, tls); !e.ok()) return report(err, std::move(e));
    kalshi::net::ConnectOptions opts;
    if (Error e = kalshi::net::build_connect_options(conf, h, port, tls, &opts); !e.ok()) {
      return report(err, std::move(e));
    }

    auto core = std::make_shared<StreamCore>();
    core->client = c->impl;
    core->runtime = &c->impl->runtime();
    core->tag = user_tag;
    auto s = std::make_unique<kalshi_stream>();
    s->impl = c->impl;
    s->core = core;
    // std::function needs a copyable callable; the options carry a move-only-ish TLS config.
    auto shared_opts = std::make_shared<kalshi::net::ConnectOptions>(std::move(opts));
    if (!core->runtime->post(
            [core, shared_opts] { start_on_loop(core, std::move(*shared_opts)); })) {
      return report(err, KALSHI_ERR_CLOSED, "the client is closed");
    }
    *out = s.release();
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_stream_write(kalshi_stream_t *s, const uint8_t *data, size_t len) {
  if (s == nullptr || (data == nullptr && len > 0)) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    if (s->close_requested.load() || s->core->ended.load()) return KALSHI_ERR_CLOSED;
    if (len == 0) return KALSHI_OK;
    auto bytes = std::make_shared<std::vector<uint8_t>>(data, data + len);
    std::shared_ptr<StreamCore> core = s->core;
    const bool posted = core->runtime->post([core, bytes] {
      // A write that races the end of the stream is dropped; STREAM_CLOSED tells the caller.
      if (core->conn) core->conn->write(bytes->data(), bytes->size());
    });
    return posted ? KALSHI_OK : KALSHI_ERR_CLOSED;
  });
}

KALSHI_API kalshi_err_t kalshi_stream_close(kalshi_stream_t *s) {
  if (s == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    if (s->close_requested.exchange(true)) return KALSHI_OK;
    std::shared_ptr<StreamCore> core = s->core;
    // When the loop no longer accepts work, the client's close has already ended the stream.
    core->runtime->post([core] {
      if (core->conn) core->conn->close();
    });
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_stream_destroy(kalshi_stream_t *s) {
  if (s == nullptr) return;
  try {
    kalshi_stream_close(s);
  } catch (...) {
  }
  delete s;
}

}  // extern "C"
