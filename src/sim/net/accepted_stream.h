// One accepted connection of a StreamServer: TCP, optionally with the server side of TLS 1.2.
// The mirror of net::Connection for the exchange side: reads, runs the handshake, hands
// plaintext to on_data, queues writes until the handshake is done, closes gracefully within a
// bound, and keeps itself alive until on_closed has returned. Loop thread only.
#pragma once

#include <uv.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/net/stream_server.h"
#include "sim/net/tls_server.h"

namespace kalshi::sim {

class AcceptedStream final : public ServerStream {
 public:
  enum class State { Idle, Handshaking, Open, Closing, Closed };
  // Runs once when the stream has closed completely, just before on_closed: the server's hook
  // to forget the stream.
  using DoneFn = std::function<void(AcceptedStream *)>;

  static std::shared_ptr<AcceptedStream> create(uv_loop_t *loop,
                                                std::shared_ptr<TlsServerConfig> tls,
                                                const ListenOptions &options, DoneFn on_done);
  ~AcceptedStream() override;
  AcceptedStream(const AcceptedStream &) = delete;
  AcceptedStream &operator=(const AcceptedStream &) = delete;

  // Takes the pending connection off the listening handle and starts reading (and the handshake
  // deadline). On failure the stream closes itself quietly.
  Error accept_from(uv_stream_t *listener);

  void set_handlers(Handlers h) override { handlers_ = std::move(h); }
  Error write(const uint8_t *data, size_t len) override;
  void close() override;
  void abort() override;
  std::string peer() const override { return peer_; }
  bool tls() const override { return tls_cfg_ != nullptr; }

  State state() const { return state_; }

 private:
  AcceptedStream(uv_loop_t *loop, std::shared_ptr<TlsServerConfig> tls,
                 const ListenOptions &options, DoneFn on_done);

  static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf);
  static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf);
  static void on_write(uv_write_t *req, int status);
  static void on_shutdown(uv_shutdown_t *req, int status);
  static void on_timer(uv_timer_t *t);
  static void on_handle_closed(uv_handle_t *h);

  void handle_ciphertext(const uint8_t *data, size_t len);
  void became_open();
  void deliver_plaintext();
  void handle_eof(ssize_t status);
  size_t queued() const;
  void flush();
  void maybe_shutdown();
  void fail(Error err);
  void close_handles();
  void finish();

  uv_loop_t *loop_;
  std::shared_ptr<TlsServerConfig> tls_cfg_;
  ListenOptions options_;
  DoneFn on_done_;
  Handlers handlers_;
  State state_ = State::Idle;
  std::shared_ptr<AcceptedStream> self_;  // held while any uv handle or request is live
  std::weak_ptr<AcceptedStream> weak_self_;
  std::string peer_ = "?";

  uv_tcp_t tcp_{};
  uv_timer_t timer_{};
  uv_write_t write_req_{};
  uv_shutdown_t shutdown_req_{};
  int handles_open_ = 0;
  bool tcp_open_ = false;
  bool write_in_flight_ = false;
  bool shutdown_started_ = false;
  bool closing_gracefully_ = false;
  bool close_when_open_ = false;  // close() came during the handshake with data to deliver
  bool peer_closed_ = false;      // the client ended its side (FIN or close_notify)

  std::unique_ptr<TlsServerSession> tls_;
  std::vector<uint8_t> early_;      // plaintext written during the handshake
  std::vector<uint8_t> pending_;    // bytes to send, accumulating
  std::vector<uint8_t> inflight_;   // bytes owned by the current uv_write
  std::vector<uint8_t> read_buf_;   // uv_read target, allocated once
  std::vector<uint8_t> plain_buf_;  // TLS plaintext, allocated once
  Error error_;                     // the first failure; reported by on_closed
};

}  // namespace kalshi::sim
