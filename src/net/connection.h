// A client byte stream over TCP, optionally TLS 1.2, on a libuv loop: resolve, connect (each
// address in turn), handshake, then read and write, all under one connect deadline. The
// established stream (reads, TLS records, the write queue, graceful close) is the ByteStream it
// shares with the simulator's accepted streams; this class adds the client's way there. FIX, HTTP
// and WebSocket engines run on top of it; kalshi_stream_t exposes it directly.
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
#include "net/byte_stream.h"
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
  // An HTTP proxy (the REST client's HTTPS proxy): when proxy_port is set, TCP goes to
  // proxy_host:proxy_port, "CONNECT host:port" asks for a tunnel, and once the proxy answers
  // 200 the stream (TLS handshake included) runs to host:port through it. Any other answer fails
  // the connection with KALSHI_ERR_CONNECT naming the proxy's status. connect_timeout_ms covers
  // the proxy exchange too; loopback_only applies to the proxy's addresses.
  std::string proxy_host;
  uint16_t proxy_port = 0;
};

class Connection final : public Closable, private ByteStream {
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

  State state() const;

 private:
  Connection(uv_loop_t *loop, ConnectOptions opts, Handlers handlers);

  // ByteStream: what the client side adds to the shared established stream.
  std::string remote() const override { return where(); }
  std::string who() const override { return where(); }
  std::string failing_link(bool handshaking) const override;
  Error advance_handshake(bool *done) override;
  void on_open() override;
  void on_deadline() override;
  void cancel_pending() override;
  bool on_tcp_handle_closed() override;
  void release_hooks() override {
    handlers_ = {};
    user_on_data_ = nullptr;
  }

  static void on_connect(uv_connect_t *req, int status);

  void on_resolved(Error err, std::vector<sockaddr_storage> addrs);
  void connect_next();
  void on_tcp_connected();
  void start_stream();  // TLS handshake or open, once TCP (and any proxy tunnel) is up
  void on_proxy_data(const uint8_t *data, size_t len);
  std::string where() const;

  ConnectOptions opts_;
  Handlers handlers_;
  bool resolving_ = false;  // Starting: still waiting for DNS (else connecting)
  std::weak_ptr<Connection> weak_self_;

  DnsQuery *dns_ = nullptr;
  std::vector<sockaddr_storage> addrs_;
  size_t next_addr_ = 0;
  Error last_connect_error_;

  uv_connect_t connect_req_{};
  bool reconnecting_ = false;  // tcp_ is closing only to try the next address

  std::unique_ptr<TlsSession> tls_;

  // Proxy tunnel (only when opts_.proxy_port is set): the proxy's answer so far, and the
  // caller's on_data, which takes over once the tunnel is up.
  bool proxying_ = false;
  std::string proxy_reply_;
  std::function<void(const uint8_t *data, size_t len)> user_on_data_;
};

}  // namespace kalshi::net
