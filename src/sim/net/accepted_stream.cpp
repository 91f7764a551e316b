#include "sim/net/accepted_stream.h"

#include "net/dns.h"

namespace kalshi::sim {

namespace {

constexpr size_t kReadBufferSize = 64 * 1024;
constexpr size_t kPlainBufferSize = 16 * 1024;  // one TLS record's worth of plaintext
// A client that keeps sending during the handshake is not doing TLS; stop buffering it.
constexpr size_t kMaxHandshakeInput = 256 * 1024;

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

std::shared_ptr<AcceptedStream> AcceptedStream::create(uv_loop_t *loop,
                                                       std::shared_ptr<TlsServerConfig> tls,
                                                       const ListenOptions &options,
                                                       DoneFn on_done) {
  std::shared_ptr<AcceptedStream> s(
      new AcceptedStream(loop, std::move(tls), options, std::move(on_done)));
  s->weak_self_ = s;
  return s;
}

AcceptedStream::AcceptedStream(uv_loop_t *loop, std::shared_ptr<TlsServerConfig> tls,
                               const ListenOptions &options, DoneFn on_done)
    : loop_(loop), tls_cfg_(std::move(tls)), options_(options), on_done_(std::move(on_done)) {
  read_buf_.resize(kReadBufferSize);
  if (tls_cfg_) plain_buf_.resize(kPlainBufferSize);
}

AcceptedStream::~AcceptedStream() = default;

Error AcceptedStream::accept_from(uv_stream_t *listener) {
  self_ = weak_self_.lock();
  uv_timer_init(loop_, &timer_);
  timer_.data = this;
  ++handles_open_;
  uv_tcp_init(loop_, &tcp_);
  tcp_.data = this;
  tcp_open_ = true;
  ++handles_open_;
  state_ = State::Closing;  // until the stream is up: a failure below closes it quietly
  int rc = uv_accept(listener, as_stream(&tcp_));
  if (rc == 0) {
    sockaddr_storage addr{};
    int len = sizeof addr;
    if (uv_tcp_getpeername(&tcp_, reinterpret_cast<sockaddr *>(&addr), &len) == 0) {
      peer_ = net::address_text(addr);
    }
    // Execution reports and heartbeats are small and latency-bound: no coalescing.
    uv_tcp_nodelay(&tcp_, 1);
    rc = uv_read_start(as_stream(&tcp_), &AcceptedStream::on_alloc, &AcceptedStream::on_read);
  }
  if (rc != 0) {
    Error e = Error::make(KALSHI_ERR_IO, std::string("accept failed: ") + uv_strerror(rc));
    close_handles();
    return e;
  }
  if (!tls_cfg_) {
    state_ = State::Open;
    return {};
  }
  state_ = State::Handshaking;
  tls_ = std::make_unique<TlsServerSession>(tls_cfg_);
  if (Error e = tls_->begin(); !e.ok()) {
    fail(e);
    return e;
  }
  uv_timer_start(&timer_, &AcceptedStream::on_timer, options_.handshake_timeout_ms, 0);
  return {};
}

void AcceptedStream::on_alloc(uv_handle_t *h, size_t, uv_buf_t *buf) {
  auto *s = static_cast<AcceptedStream *>(h->data);
  *buf = uv_buf_init(reinterpret_cast<char *>(s->read_buf_.data()),
                     static_cast<unsigned>(s->read_buf_.size()));
}

void AcceptedStream::on_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *buf) {
  auto *s = static_cast<AcceptedStream *>(st->data);
  if (nread == 0) return;
  if (nread < 0) return s->handle_eof(nread);
  if (s->state_ != State::Open && s->state_ != State::Handshaking) return;  // closing: discard
  const auto *data = reinterpret_cast<const uint8_t *>(buf->base);
  const auto len = static_cast<size_t>(nread);
  if (s->tls_) return s->handle_ciphertext(data, len);
  if (s->handlers_.on_data) s->handlers_.on_data(data, len);
}

void AcceptedStream::handle_ciphertext(const uint8_t *data, size_t len) {
  tls_->feed(data, len);
  if (state_ == State::Handshaking) {
    bool done = false;
    Error e = tls_->handshake(&done);
    if (!e.ok()) return fail(std::move(e));
    flush();
    if (!done) {
      if (tls_->unread() > kMaxHandshakeInput) {
        fail(
            Error::make(KALSHI_ERR_TLS, "client " + peer_ + " sent too much during the handshake"));
      }
      return;
    }
    became_open();
    if (state_ != State::Open) return;
  }
  deliver_plaintext();
}

void AcceptedStream::became_open() {
  uv_timer_stop(&timer_);
  state_ = State::Open;
  if (!early_.empty()) {
    if (Error e = tls_->write(early_.data(), early_.size()); !e.ok()) return fail(std::move(e));
    early_.clear();
    early_.shrink_to_fit();
  }
  flush();
  if (state_ == State::Open && close_when_open_) close();
}

void AcceptedStream::deliver_plaintext() {
  while (state_ == State::Open) {
    size_t n = 0;
    bool peer_closed = false;
    Error e = tls_->read(plain_buf_.data(), plain_buf_.size(), &n, &peer_closed);
    if (!e.ok()) return fail(std::move(e));
    if (peer_closed) {
      peer_closed_ = true;
      return close();  // answered with our own close_notify
    }
    if (n == 0) return;
    if (handlers_.on_data) handlers_.on_data(plain_buf_.data(), n);
  }
}

void AcceptedStream::handle_eof(ssize_t status) {
  if (status == UV_EOF) peer_closed_ = true;
  if (state_ == State::Closing || state_ == State::Closed) return;
  if (status == UV_EOF) {
    if (state_ == State::Handshaking) {
      return fail(
          Error::make(KALSHI_ERR_DISCONNECTED,
                      "client " + peer_ + " closed the connection during the TLS handshake"));
    }
    if (tls_) {
      return fail(
          Error::make(KALSHI_ERR_DISCONNECTED,
                      "client " + peer_ + " closed the connection without TLS close_notify"));
    }
    return close();  // plain TCP: the client's FIN is the normal end
  }
  fail(Error::make(KALSHI_ERR_DISCONNECTED, "connection from " + peer_ + " failed: " +
                                                uv_strerror(static_cast<int>(status))));
}

size_t AcceptedStream::queued() const {
  return early_.size() + pending_.size() + inflight_.size() + (tls_ ? tls_->outbound().size() : 0);
}

Error AcceptedStream::write(const uint8_t *data, size_t len) {
  if (state_ == State::Closing || state_ == State::Closed || state_ == State::Idle ||
      close_when_open_) {
    return Error::make(KALSHI_ERR_CLOSED, "connection from " + peer_ + " is closing");
  }
  if (len > options_.max_queued_bytes || queued() > options_.max_queued_bytes - len) {
    Error e = Error::make(KALSHI_ERR_NO_MEMORY, "client " + peer_ + " is not reading: more than " +
                                                    std::to_string(options_.max_queued_bytes) +
                                                    " bytes queued");
    fail(e);
    return e;
  }
  if (state_ == State::Handshaking) {
    early_.insert(early_.end(), data, data + len);
    return {};
  }
  if (tls_) {
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

void AcceptedStream::flush() {
  if (tls_) {
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
  const int rc = uv_write(&write_req_, as_stream(&tcp_), &b, 1, &AcceptedStream::on_write);
  if (rc != 0) {
    inflight_.clear();
    return fail(
        Error::make(KALSHI_ERR_DISCONNECTED, "write to " + peer_ + " failed: " + uv_strerror(rc)));
  }
  write_in_flight_ = true;
}

void AcceptedStream::on_write(uv_write_t *req, int status) {
  auto *s = static_cast<AcceptedStream *>(req->data);
  s->write_in_flight_ = false;
  s->inflight_.clear();
  if (status == UV_ECANCELED) return;  // the handle is closing
  if (status != 0) {
    // A client that already ended the connection wants nothing more from us.
    if (s->peer_closed_ && s->closing_gracefully_) return s->close_handles();
    return s->fail(Error::make(KALSHI_ERR_DISCONNECTED,
                               "write to " + s->peer_ + " failed: " + uv_strerror(status)));
  }
  s->flush();
}

void AcceptedStream::maybe_shutdown() {
  if (!closing_gracefully_ || shutdown_started_ || write_in_flight_ || !pending_.empty()) return;
  if (!tcp_open_ || uv_is_closing(as_handle(&tcp_))) return;
  shutdown_started_ = true;
  shutdown_req_.data = this;
  if (uv_shutdown(&shutdown_req_, as_stream(&tcp_), &AcceptedStream::on_shutdown) != 0) {
    close_handles();
  }
}

void AcceptedStream::on_shutdown(uv_shutdown_t *req, int) {
  // FIN is out (or could not be sent); nothing is left to do on this socket.
  static_cast<AcceptedStream *>(req->data)->close_handles();
}

void AcceptedStream::close() {
  switch (state_) {
    case State::Idle:
      state_ = State::Closed;  // never accepted: no handles, no on_closed
      return;
    case State::Closing:
    case State::Closed:
      return;
    case State::Open:
      state_ = State::Closing;
      closing_gracefully_ = true;
      if (tls_) tls_->close_notify();
      // A client that stops reading must not hold the close up forever.
      uv_timer_start(&timer_, &AcceptedStream::on_timer, options_.close_timeout_ms, 0);
      return flush();
    case State::Handshaking:
      // Data written during the handshake is delivered first, within the handshake deadline.
      if (!early_.empty()) {
        close_when_open_ = true;
        return;
      }
      return close_handles();
  }
}

void AcceptedStream::abort() {
  if (state_ == State::Idle) {
    state_ = State::Closed;
    return;
  }
  if (state_ == State::Closed) return;
  close_handles();
}

void AcceptedStream::fail(Error err) {
  if (state_ == State::Closed) return;
  if (error_.ok()) error_ = std::move(err);
  const bool was_handshaking = state_ == State::Handshaking;
  state_ = State::Closing;
  // Tell a TLS client why (the alert mbedTLS queued), best effort and without waiting.
  if (was_handshaking && tls_ && !tls_->outbound().empty() && tcp_open_ && !write_in_flight_ &&
      !uv_is_closing(as_handle(&tcp_))) {
    std::vector<uint8_t> &out = tls_->outbound();
    uv_buf_t b =
        uv_buf_init(reinterpret_cast<char *>(out.data()), static_cast<unsigned>(out.size()));
    uv_try_write(as_stream(&tcp_), &b, 1);
  }
  close_handles();
}

void AcceptedStream::close_handles() {
  if (state_ != State::Closed) state_ = State::Closing;
  if (tcp_open_ && !uv_is_closing(as_handle(&tcp_))) {
    uv_close(as_handle(&tcp_), &AcceptedStream::on_handle_closed);
  }
  if (handles_open_ > 0 && !uv_is_closing(as_handle(&timer_))) {
    uv_close(as_handle(&timer_), &AcceptedStream::on_handle_closed);
  }
}

void AcceptedStream::on_timer(uv_timer_t *t) {
  auto *s = static_cast<AcceptedStream *>(t->data);
  if (s->state_ == State::Closing) {
    if (s->error_.ok() && (s->write_in_flight_ || !s->pending_.empty())) {
      s->error_ = Error::make(KALSHI_ERR_TIMEOUT, "close of " + s->peer_ + " timed out after " +
                                                      std::to_string(s->options_.close_timeout_ms) +
                                                      " ms with data unsent");
    }
    return s->close_handles();
  }
  if (s->state_ != State::Handshaking) return;
  s->fail(Error::make(KALSHI_ERR_TIMEOUT,
                      "TLS handshake with " + s->peer_ + " did not finish within " +
                          std::to_string(s->options_.handshake_timeout_ms) + " ms"));
}

void AcceptedStream::on_handle_closed(uv_handle_t *h) {
  auto *s = static_cast<AcceptedStream *>(h->data);
  --s->handles_open_;
  if (h == as_handle(&s->tcp_)) s->tcp_open_ = false;
  if (s->handles_open_ == 0 && s->state_ == State::Closing) s->finish();
}

void AcceptedStream::finish() {
  state_ = State::Closed;
  // Handlers may capture owners of this stream: drop them to break the cycle, and keep this
  // object alive until on_closed has returned.
  std::shared_ptr<AcceptedStream> keep = std::move(self_);
  auto on_closed = std::move(handlers_.on_closed);
  handlers_ = {};
  if (auto done = std::move(on_done_)) done(this);
  if (on_closed) on_closed(error_);
}

}  // namespace kalshi::sim
