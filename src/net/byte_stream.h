// The established half of a TCP stream, optionally TLS 1.2, on a libuv loop: the part the client's
// net::Connection and the simulator's accepted streams have in common. It reads (into one buffer,
// allocated once), runs the TLS record layer, buffers writes made before the stream is up, keeps
// one uv_write in flight with a pending/inflight double buffer, closes gracefully (queued data,
// close_notify, FIN) within a bound, aborts, closes its handles and reports on_closed exactly
// once while keeping its owner alive until that handler has returned.
//
// The owner derives from it and supplies only what differs: how the socket comes to be (DNS and
// connect attempts, or accept), the handshake and its checks, deadlines before the stream is
// open, and the wording that names the other end. Loop thread only.
#pragma once

#include <uv.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "net/tls_pipe.h"

namespace kalshi::net {

class ByteStream {
 public:
  ByteStream(const ByteStream &) = delete;
  ByteStream &operator=(const ByteStream &) = delete;

 protected:
  // Starting: the owner is still bringing the socket up (resolving, connecting, accepting).
  enum class Phase { Idle, Starting, Handshaking, Open, Closing, Closed };

  ByteStream(uv_loop_t *loop, bool tls, uint64_t close_timeout_ms);
  virtual ~ByteStream();

  // --- What the owner supplies.
  // The other end as "host:port", for "write to X failed" and "close of X timed out".
  virtual std::string remote() const = 0;
  // The other end as the subject of a sentence: "X closed the connection ...".
  virtual std::string who() const = 0;
  // What failed when the socket reports an error: "connection to X", "TLS handshake with X".
  virtual std::string failing_link(bool handshaking) const = 0;
  // Advances the owner's TLS handshake with what has been fed (only while Handshaking).
  virtual Error advance_handshake(bool *done) = 0;
  // The stream is open and early writes are on their way (the client's on_connected).
  virtual void on_open() {}
  // A timer that fired before the stream was open or closing (the owner's deadlines).
  virtual void on_deadline() = 0;
  // A failure is about to close the handles: cancel the owner's own pending work (DNS).
  virtual void cancel_pending() {}
  // The TCP handle has closed; true when the owner took over (another connect attempt).
  virtual bool on_tcp_handle_closed() { return false; }
  // Last step before on_closed: drop the owner's handlers and hooks that may hold owners.
  virtual void release_hooks() {}

  // --- Building blocks for the owner.
  void keep_alive(std::shared_ptr<void> self) { self_ = std::move(self); }
  void set_tls(TlsPipe *pipe) { tls_ = pipe; }
  void init_timer();
  void start_timer(uint64_t timeout_ms);
  void stop_timer();
  void init_tcp();  // a fresh tcp_ for the next socket
  void close_tcp_for_retry();
  int start_reading();
  // Early writes go out, the timer stops, on_open() runs, and a close() that waited is honoured.
  void became_open();
  void queue_early(const uint8_t *data, size_t len) {
    early_.insert(early_.end(), data, data + len);
  }
  // Sends (encrypting with TLS) once Open; a TLS failure fails the stream and is returned.
  Error send(const uint8_t *data, size_t len);
  // Everything not yet handed to the kernel, early writes included.
  size_t queued() const;
  bool has_unsent() const { return write_in_flight_ || !pending_.empty(); }
  void flush();
  // Open -> Closing: queued data, close_notify and FIN, bounded by the close timeout.
  void begin_graceful_close();
  // The owner's close(): never started, no handles and no on_closed; open, gracefully; not yet
  // open, after the early writes have gone out (within the owner's deadline) or at once, quietly,
  // when there are none. Idempotent.
  void close_stream();
  // The owner's abort: close the handles at once, nothing flushed. Idempotent.
  void abort_stream();
  void fail(Error err);
  void close_handles();

  uv_loop_t *loop_;
  Phase phase_ = Phase::Idle;
  uv_tcp_t tcp_{};
  bool tcp_open_ = false;         // tcp_ initialised and not yet closed
  bool close_when_open_ = false;  // close() came before Open, with early data to deliver
  // A peer that keeps sending during the handshake is not doing TLS; 0: no limit.
  size_t max_handshake_input_ = 0;
  // Server: a write failing after the peer ended its side during our graceful close is no error.
  bool quiet_write_error_after_peer_close_ = false;
  std::vector<uint8_t> early_;  // plaintext written before Open
  Error error_;                 // the first failure; reported by on_closed
  std::function<void(const uint8_t *data, size_t len)> on_data_;
  std::function<void(const Error &err)> on_closed_;

 private:
  static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf);
  static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf);
  static void on_write(uv_write_t *req, int status);
  static void on_shutdown(uv_shutdown_t *req, int status);
  static void on_timer(uv_timer_t *t);
  static void on_handle_closed(uv_handle_t *h);

  void handle_ciphertext(const uint8_t *data, size_t len);
  void deliver_plaintext();
  void handle_eof(ssize_t status);
  void maybe_shutdown();
  void finish();

  uint64_t close_timeout_ms_;
  std::shared_ptr<void> self_;  // held while any uv handle or request is live
  TlsPipe *tls_ = nullptr;      // the owner's TLS session; null for plain TCP
  uv_timer_t timer_{};
  uv_write_t write_req_{};
  uv_shutdown_t shutdown_req_{};
  int handles_open_ = 0;
  bool timer_open_ = false;
  bool write_in_flight_ = false;
  bool shutdown_started_ = false;
  bool closing_gracefully_ = false;
  bool peer_closed_ = false;        // the peer ended its side (FIN or close_notify)
  std::vector<uint8_t> pending_;    // bytes to send, accumulating
  std::vector<uint8_t> inflight_;   // bytes owned by the current uv_write
  std::vector<uint8_t> read_buf_;   // uv_read target, allocated once
  std::vector<uint8_t> plain_buf_;  // TLS plaintext, allocated once
};

}  // namespace kalshi::net
