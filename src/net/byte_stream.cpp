#include "net/byte_stream.h"

namespace kalshi::net {

namespace {

constexpr size_t kReadBufferSize = 64 * 1024;
constexpr size_t kPlainBufferSize = 16 * 1024;  // one TLS record's worth of plaintext

uv_stream_t *as_stream(uv_tcp_t *t) {
  return reinterpret_cast<uv_stream_t *>(t);
}
uv_handle_t *as_handle(uv_tcp_t *t) {
  return reinterpret_cast<uv_handle_t *>(t);
}
uv_handle_t *as_handle(uv_timer_t *t) {
  return reinterpret_cast<uv_handle_t *>(t);
}

}  // namespace

ByteStream::ByteStream(uv_loop_t *loop, bool tls, uint64_t close_timeout_ms)
    : loop_(loop), close_timeout_ms_(close_timeout_ms) {
  read_buf_.resize(kReadBufferSize);
  if (tls) plain_buf_.resize(kPlainBufferSize);
}

ByteStream::~ByteStream() = default;

void ByteStream::init_timer() {
  uv_timer_init(loop_, &timer_);
  timer_.data = this;
  timer_open_ = true;
  ++handles_open_;
}

void ByteStream::start_timer(uint64_t timeout_ms) {
  uv_timer_start(&timer_, &ByteStream::on_timer, timeout_ms, 0);
}

void ByteStream::stop_timer() {
  uv_timer_stop(&timer_);
}

void ByteStream::init_tcp() {
  uv_tcp_init(loop_, &tcp_);
  tcp_.data = this;
  tcp_open_ = true;
  ++handles_open_;
}

void ByteStream::close_tcp_for_retry() {
  uv_close(as_handle(&tcp_), &ByteStream::on_handle_closed);
}

int ByteStream::start_reading() {
  return uv_read_start(as_stream(&tcp_), &ByteStream::on_alloc, &ByteStream::on_read);
}

void ByteStream::on_alloc(uv_handle_t *h, size_t, uv_buf_t *buf) {
  auto *s = static_cast<ByteStream *>(h->data);
  // One buffer for every read: the receive path does not allocate.
  *buf = uv_buf_init(reinterpret_cast<char *>(s->read_buf_.data()),
                     static_cast<unsigned>(s->read_buf_.size()));
}

void ByteStream::on_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *buf) {
  auto *s = static_cast<ByteStream *>(st->data);
  if (nread == 0) return;
  if (nread < 0) return s->handle_eof(nread);
  if (s->phase_ != Phase::Open && s->phase_ != Phase::Handshaking) return;  // closing: discard
  const auto *data = reinterpret_cast<const uint8_t *>(buf->base);
  const auto len = static_cast<size_t>(nread);
  if (s->tls_ != nullptr) return s->handle_ciphertext(data, len);
  if (s->on_data_) s->on_data_(data, len);
}

void ByteStream::handle_ciphertext(const uint8_t *data, size_t len) {
  tls_->feed(data, len);
  if (phase_ == Phase::Handshaking) {
    bool done = false;
    Error e = advance_handshake(&done);
    if (!e.ok()) return fail(std::move(e));
    flush();
    if (!done) {
      if (max_handshake_input_ != 0 && tls_->unread() > max_handshake_input_) {
        fail(Error::make(KALSHI_ERR_TLS, who() + " sent too much during the handshake"));
      }
      return;
    }
    became_open();
    if (phase_ != Phase::Open) return;
  }
  deliver_plaintext();
}

void ByteStream::became_open() {
  stop_timer();
  phase_ = Phase::Open;
  if (!early_.empty()) {
    if (tls_ != nullptr) {
      if (Error e = tls_->write(early_.data(), early_.size()); !e.ok()) return fail(std::move(e));
    } else {
      pending_.insert(pending_.end(), early_.begin(), early_.end());
    }
    early_.clear();
    early_.shrink_to_fit();
  }
  flush();
  if (phase_ == Phase::Open) on_open();
  if (phase_ == Phase::Open && close_when_open_) begin_graceful_close();
}

void ByteStream::deliver_plaintext() {
  while (phase_ == Phase::Open) {
    size_t n = 0;
    bool peer_closed = false;
    Error e = tls_->read(plain_buf_.data(), plain_buf_.size(), &n, &peer_closed);
    if (!e.ok()) return fail(std::move(e));
    if (peer_closed) {
      peer_closed_ = true;
      return begin_graceful_close();  // answered with our own close_notify
    }
    if (n == 0) return;
    if (on_data_) on_data_(plain_buf_.data(), n);
  }
}

void ByteStream::handle_eof(ssize_t status) {
  if (status == UV_EOF) peer_closed_ = true;
  if (phase_ == Phase::Closing || phase_ == Phase::Closed) return;
  if (status == UV_EOF) {
    if (phase_ == Phase::Handshaking) {
      return fail(Error::make(KALSHI_ERR_DISCONNECTED,
                              who() + " closed the connection during the TLS handshake"));
    }
    if (tls_ != nullptr) {
      // A TLS peer ends with close_notify; a bare FIN may mean truncated data.
      return fail(Error::make(KALSHI_ERR_DISCONNECTED,
                              who() + " closed the connection without TLS close_notify"));
    }
    return begin_graceful_close();  // plain TCP: the peer's FIN is the normal end of the stream
  }
  fail(Error::make(KALSHI_ERR_DISCONNECTED,
                   failing_link(phase_ == Phase::Handshaking) +
                       " failed: " + uv_strerror(static_cast<int>(status))));
}

Error ByteStream::send(const uint8_t *data, size_t len) {
  if (tls_ != nullptr) {
    if (Error e = tls_->write(data, len); !e.ok()) {
      fail(e);
      return e;
    }
  } else {
    pending_.insert(pending_.end(), data, data + len);
  }
  flush();
  return {};
}

size_t ByteStream::queued() const {
  return early_.size() + pending_.size() + inflight_.size() +
         (tls_ != nullptr ? tls_->outbound().size() : 0);
}

void ByteStream::flush() {
  if (tls_ != nullptr) {
    std::vector<uint8_t> &out = tls_->outbound();
    if (!out.empty()) {
      if (pending_.empty()) {
        pending_.swap(out);
      } else {
        pending_.insert(pending_.end(), out.begin(), out.end());
        out.clear();
      }
    }
  }
  if (write_in_flight_ || pending_.empty() || !tcp_open_ || uv_is_closing(as_handle(&tcp_))) {
    return maybe_shutdown();
  }
  // One write in flight at a time; the two buffers trade places, keeping their capacity.
  inflight_.swap(pending_);
  pending_.clear();
  uv_buf_t b = uv_buf_init(reinterpret_cast<char *>(inflight_.data()),
                           static_cast<unsigned>(inflight_.size()));
  write_req_.data = this;
  const int rc = uv_write(&write_req_, as_stream(&tcp_), &b, 1, &ByteStream::on_write);
  if (rc != 0) {
    inflight_.clear();
    return fail(Error::make(KALSHI_ERR_DISCONNECTED,
                            "write to " + remote() + " failed: " + uv_strerror(rc)));
  }
  write_in_flight_ = true;
}

void ByteStream::on_write(uv_write_t *req, int status) {
  auto *s = static_cast<ByteStream *>(req->data);
  s->write_in_flight_ = false;
  s->inflight_.clear();
  if (status == UV_ECANCELED) return;  // the handle is closing
  if (status != 0) {
    if (s->quiet_write_error_after_peer_close_ && s->peer_closed_ && s->closing_gracefully_) {
      return s->close_handles();  // the peer already ended the connection: nothing was lost
    }
    return s->fail(Error::make(KALSHI_ERR_DISCONNECTED,
                               "write to " + s->remote() + " failed: " + uv_strerror(status)));
  }
  s->flush();
}

void ByteStream::maybe_shutdown() {
  if (!closing_gracefully_ || shutdown_started_ || write_in_flight_ || !pending_.empty()) return;
  if (!tcp_open_ || uv_is_closing(as_handle(&tcp_))) return;
  shutdown_started_ = true;
  shutdown_req_.data = this;
  if (uv_shutdown(&shutdown_req_, as_stream(&tcp_), &ByteStream::on_shutdown) != 0) {
    close_handles();
  }
}

void ByteStream::on_shutdown(uv_shutdown_t *req, int) {
  // FIN is out (or could not be sent); either way there is nothing left to do on this socket.
  static_cast<ByteStream *>(req->data)->close_handles();
}

void ByteStream::begin_graceful_close() {
  phase_ = Phase::Closing;
  closing_gracefully_ = true;
  if (tls_ != nullptr) tls_->close_notify();
  // A peer that stops reading must not hold the close up forever.
  start_timer(close_timeout_ms_);
  flush();
}

void ByteStream::close_stream() {
  switch (phase_) {
    case Phase::Idle:
      phase_ = Phase::Closed;  // never started: no handles, no on_closed
      return;
    case Phase::Closing:
    case Phase::Closed:
      return;
    case Phase::Open:
      return begin_graceful_close();
    case Phase::Starting:
    case Phase::Handshaking:
      if (!early_.empty()) {
        close_when_open_ = true;  // finished by became_open(), or by the owner's deadline
        return;
      }
      // Not open yet and nothing to deliver: abort, without an error (the caller asked).
      return abort_stream();
  }
}

void ByteStream::abort_stream() {
  if (phase_ == Phase::Idle) {
    phase_ = Phase::Closed;
    return;
  }
  if (phase_ == Phase::Closed) return;
  cancel_pending();
  close_handles();
}

void ByteStream::fail(Error err) {
  if (phase_ == Phase::Closed) return;
  if (error_.ok()) error_ = std::move(err);
  const bool was_handshaking = phase_ == Phase::Handshaking;
  phase_ = Phase::Closing;
  cancel_pending();
  // Tell a TLS peer why (the alert mbedTLS queued), best effort and without waiting.
  if (was_handshaking && tls_ != nullptr && !tls_->outbound().empty() && tcp_open_ &&
      !write_in_flight_ && !uv_is_closing(as_handle(&tcp_))) {
    std::vector<uint8_t> &out = tls_->outbound();
    uv_buf_t b =
        uv_buf_init(reinterpret_cast<char *>(out.data()), static_cast<unsigned>(out.size()));
    uv_try_write(as_stream(&tcp_), &b, 1);
  }
  close_handles();
}

void ByteStream::close_handles() {
  if (phase_ != Phase::Closed) phase_ = Phase::Closing;
  if (tcp_open_ && !uv_is_closing(as_handle(&tcp_))) {
    uv_close(as_handle(&tcp_), &ByteStream::on_handle_closed);
  }
  if (timer_open_ && !uv_is_closing(as_handle(&timer_))) {
    uv_close(as_handle(&timer_), &ByteStream::on_handle_closed);
  }
}

void ByteStream::on_timer(uv_timer_t *t) {
  auto *s = static_cast<ByteStream *>(t->data);
  if (s->phase_ == Phase::Closing) {
    // The graceful close overran: a peer that stopped reading kept our data.
    if (s->error_.ok() && s->has_unsent()) {
      s->error_ = Error::make(KALSHI_ERR_TIMEOUT, "close of " + s->remote() + " timed out after " +
                                                      std::to_string(s->close_timeout_ms_) +
                                                      " ms with data unsent");
    }
    return s->close_handles();
  }
  if (s->phase_ == Phase::Open || s->phase_ == Phase::Closed) return;
  s->on_deadline();
}

void ByteStream::on_handle_closed(uv_handle_t *h) {
  auto *s = static_cast<ByteStream *>(h->data);
  --s->handles_open_;
  if (h == as_handle(&s->tcp_)) {
    s->tcp_open_ = false;
    if (s->on_tcp_handle_closed()) return;
  } else {
    s->timer_open_ = false;
  }
  if (s->handles_open_ == 0 && s->phase_ == Phase::Closing) s->finish();
}

void ByteStream::finish() {
  phase_ = Phase::Closed;
  // Handlers may capture owners of this stream: drop them to break the cycle, and keep the owner
  // alive until on_closed has returned.
  std::shared_ptr<void> keep = std::move(self_);
  auto on_closed = std::move(on_closed_);
  on_closed_ = nullptr;
  on_data_ = nullptr;
  release_hooks();
  if (on_closed) on_closed(error_);
}

}  // namespace kalshi::net
