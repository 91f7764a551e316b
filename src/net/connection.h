// A client byte stream over TCP, optionally TLS 1.2, on a libuv loop: resolve, connect (each
// address in turn), handshake, then read and write, all under one connect deadline. FIX, HTTP and
// WebSocket engines run on top of it; kalshi_stream_t exposes it directly.
//
// Everything here runs on the loop thread. The handlers are the only way out:
//   on_connected once the stream is usable (after the TLS handshake),
//   on_data for every chunk received (the bytes are valid during the call),
//   on_closed exactly once at the end, with the error or an ok Error for a clean end.
// Handlers always run from a libuv callback, never inside start()/write()/close(), so callers may
// hold their own locks or iterate their own lists around those calls. A handler may call write()
// and close(), and may drop the caller's last reference: the connection keeps itself alive until
// on_closed has returned.
#pragma once

#include <sys/socket.h>
#include <uv.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "net/runtime.h"
#include "net/tls_config.h"

namespace kalshi::net {

class DnsQuery;
class TlsSession;

struct ConnectOptions {
  std::string host;
  uint16_t port = 0;
  std::shared_ptr<TlsClientConfig> tls;  // null: plain TCP
  std::string server_name;               // TLS SNI and verification name; empty: host
  uint64_t connect_timeout_ms = 10000;   // DNS + TCP connect + TLS handshake together
  uint64_t close_timeout_ms = 5000;      // bound on flushing and shutting down in close()
  bool loopback_only = false;            // refuse resolved addresses outside 127/8 and ::1
};

class Connection final : public Closable {
 public:
  struct Handlers {
    std::function<void()> on_connected;
    std::function<void(const uint8_t *data, size_t len)> on_data;
    std::function<void(const Error &err)> on_closed;
  };
  enum class State { Idle, Resolving, Connecting, Handshaking, Open, Closing, Closed };

  static std::shared_ptr<Connection> create(uv_loop_t *loop, ConnectOptions opts,
                                            Handlers handlers);
  ~Connection() override;
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;

  // Starts connecting. Once only; failures arrive through on_closed.
  void start();
  // Copies data for sending; before on_connected it is queued and sent after the handshake.
  // KALSHI_ERR_CLOSED once closing.
  Error write(const uint8_t *data, size_t len);
  // Graceful: sends what is queued, then TLS close_notify, then FIN, then closes (bounded by
  // close_timeout_ms). Before the connection is up it aborts at once when nothing was written,
  // else it lets the connection come up (within the connect deadline) to deliver the data first.
  // Idempotent.
  void close();
  // Closable: the client is shutting down; first gracefully, then at once when its grace ends.
  void begin_close() override { close(); }
  void force_close() override;

  State state() const { return state_; }

 private:
  Connection(uv_loop_t *loop, ConnectOptions opts, Handlers handlers);

  static void on_timer(uv_timer_t *t);
  static void on_connect(uv_connect_t *req, int status);
  static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf);
  static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf);
  static void on_write(uv_write_t *req, int status);
  static void on_shutdown(uv_shutdown_t *req, int status);
  static void on_handle_closed(uv_handle_t *h);

  void on_resolved(Error err, std::vector<sockaddr_storage> addrs);
  void connect_next();
  void on_tcp_connected();
  void became_open();
  void handle_ciphertext(const uint8_t *data, size_t len);
  void deliver_plaintext();
  void handle_eof(ssize_t status);
  void flush();
  void maybe_shutdown();
  void fail(Error err);
  void close_handles();
  void finish();
  std::string where() const;

  uv_loop_t *loop_;
  ConnectOptions opts_;
  Handlers handlers_;
  State state_ = State::Idle;
  std::shared_ptr<Connection> self_;  // held while any uv handle or request is live
  std::weak_ptr<Connection> weak_self_;

  DnsQuery *dns_ = nullptr;
  std::vector<sockaddr_storage> addrs_;
  size_t next_addr_ = 0;
  Error last_connect_error_;

  uv_tcp_t tcp_{};
  uv_timer_t timer_{};
  uv_connect_t connect_req_{};
  uv_write_t write_req_{};
  uv_shutdown_t shutdown_req_{};
  bool tcp_open_ = false;     // tcp_ initialised and not yet closed
  bool reconnecting_ = false; // tcp_ is closing only to try the next address
  int handles_open_ = 0;
  bool write_in_flight_ = false;
  bool shutdown_started_ = false;
  bool closing_gracefully_ = false;
  bool close_when_open_ = false;  // close() came before on_connected, with data to deliver

  std::unique_ptr<TlsSession> tls_;
  std::vector<uint8_t> early_;      // plaintext written before on_connected
  std::vector<uint8_t> pending_;    // bytes to send, accumulating
  std::vector<uint8_t> inflight_;   // bytes owned by the current uv_write
  std::vector<uint8_t> read_buf_;   // uv_read target, allocated once
  std::vector<uint8_t> plain_buf_;  // TLS plaintext, allocated once
  Error error_;                     // the first failure; reported by on_closed
};

}  // namespace kalshi::net
