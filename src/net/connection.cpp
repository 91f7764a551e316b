#include "net/connection.h"

#include "net/dns.h"
#include "net/tls_session.h"

namespace kalshi::net {

namespace {

constexpr size_t kReadBufferSize = 64 * 1024;
constexpr size_t kPlainBufferSize = 16 * 1024;  // one TLS record's worth of plaintext

uv_stream_t *as_stream(uv_tcp_t *t) { return reinterpret_cast<uv_stream_t *>(t); }
uv_handle_t *as_handle(uv_tcp_t *t) { return reinterpret_cast<uv_handle_t *>(t); }
uv_handle_t *as_handle(uv_timer_t *t) { return reinterpret_cast<uv_handle_t *>(t); }

const char *phase_name(Connection::State s) {
  switch (s) {
    case Connection::State::Resolving:
      return "resolving the host";
    case Connection::State::Connecting:
      return "connecting";
    case Connection::State::Handshaking:
      return "in the TLS handshake";
    default:
      return "connecting";
  }
}

}  // namespace

std::shared_ptr<Connection> Connection::create(uv_loop_t *loop, ConnectOptions opts,
                                               Handlers handlers) {
  std::shared_ptr<Connection> c(new Connection(loop, std::move(opts), std::move(handlers)));
  c->weak_self_ = c;
  return c;
}

Connection::Connection(uv_loop_t *loop, ConnectOptions opts, Handlers handlers)
    : loop_(loop), opts_(std::move(opts)), handlers_(std::move(handlers)) {
  if (opts_.server_name.empty()) opts_.server_name = opts_.host;
  read_buf_.resize(kReadBufferSize);
  if (opts_.tls) plain_buf_.resize(kPlainBufferSize);
}

Connection::~Connection() = default;

std::string Connection::where() const { return opts_.host + ":" + std::to_string(opts_.port); }

void Connection::start() {
  if (state_ != State::Idle) return;
  self_ = weak_self_.lock();
  uv_timer_init(loop_, &timer_);
  timer_.data = this;
  ++handles_open_;
  uv_timer_start(&timer_, &Connection::on_timer, opts_.connect_timeout_ms, 0);
  state_ = State::Resolving;
  if (opts_.tls) {
    tls_ = std::make_unique<TlsSession>(opts_.tls);
    if (Error e = tls_->begin(opts_.server_name); !e.ok()) return fail(std::move(e));
  }
  Error e = DnsQuery::start(
      loop_, opts_.host, opts_.port,
      [this](Error err, std::vector<sockaddr_storage> addrs) {
        dns_ = nullptr;
        on_resolved(std::move(err), std::move(addrs));
      },
      &dns_);
  if (!e.ok()) fail(std::move(e));
}

void Connection::on_resolved(Error err, std::vector<sockaddr_storage> addrs) {
  if (state_ != State::Resolving) return;
  if (!err.ok()) return fail(std::move(err));
  if (opts_.loopback_only) {
    // Verification is off: make sure the name really led to this machine.
    std::erase_if(addrs, [](const sockaddr_storage &a) { return !is_loopback_address(a); });
    if (addrs.empty()) {
      return fail(Error::make(KALSHI_ERR_HOST_NOT_ALLOWED,
                              "'" + opts_.host +
                                  "' does not resolve to a loopback address, which "
                                  "tls.verify=false requires"));
    }
  }
  addrs_ = std::move(addrs);
  state_ = State::Connecting;
  connect_next();
}

void Connection::connect_next() {
  if (next_addr_ >= addrs_.size()) return fail(std::move(last_connect_error_));
  const sockaddr_storage &addr = addrs_[next_addr_++];
  uv_tcp_init(loop_, &tcp_);
  tcp_.data = this;
  tcp_open_ = true;
  ++handles_open_;
  // Orders and heartbeats are small and latency-bound: never hold them back for coalescing.
  uv_tcp_nodelay(&tcp_, 1);
  connect_req_.data = this;
  const int rc = uv_tcp_connect(&connect_req_, &tcp_, reinterpret_cast<const sockaddr *>(&addr),
                                &Connection::on_connect);
  if (rc != 0) {
    last_connect_error_ = Error::make(
        KALSHI_ERR_CONNECT, "connect to " + address_text(addr) + " failed: " + uv_strerror(rc));
    reconnecting_ = true;
    uv_close(as_handle(&tcp_), &Connection::on_handle_closed);
  }
}

void Connection::on_connect(uv_connect_t *req, int status) {
  auto *c = static_cast<Connection *>(req->data);
  if (status == UV_ECANCELED || c->state_ != State::Connecting) return;
  if (status != 0) {
    c->last_connect_error_ =
        Error::make(KALSHI_ERR_CONNECT, "connect to " + address_text(c->addrs_[c->next_addr_ - 1]) +
                                            " failed: " + uv_strerror(status));
    c->reconnecting_ = true;
    uv_close(as_handle(&c->tcp_), &Connection::on_handle_closed);
    return;
  }
  c->on_tcp_connected();
}

void Connection::on_tcp_connected() {
  const int rc = uv_read_start(as_stream(&tcp_), &Connection::on_alloc, &Connection::on_read);
  if (rc != 0) {
    return fail(Error::make(KALSHI_ERR_CONNECT,
                            "cannot read from " + where() + ": " + uv_strerror(rc)));
  }
  if (!tls_) return became_open();
  state_ = State::Handshaking;
  bool done = false;
  Error e = tls_->handshake(&done);  // writes the ClientHello
  if (!e.ok()) return fail(std::move(e));
  flush();
}

void Connection::became_open() {
  uv_timer_stop(&timer_);
  state_ = State::Open;
  if (!early_.empty()) {
    if (tls_) {
      if (Error e = tls_->write(early_.data(), early_.size()); !e.ok()) return fail(std::move(e));
    } else {
      pending_.insert(pending_.end(), early_.begin(), early_.end());
    }
    early_.clear();
    early_.shrink_to_fit();
  }
  flush();
  if (state_ == State::Open && handlers_.on_connected) handlers_.on_connected();
  if (state_ == State::Open && close_when_open_) close();
}

void Connection::on_alloc(uv_handle_t *h, size_t, uv_buf_t *buf) {
  auto *c = static_cast<Connection *>(h->data);
  // One buffer for every read: the receive path does not allocate.
  *buf = uv_buf_init(reinterpret_cast<char *>(c->read_buf_.data()),
                     static_cast<unsigned>(c->read_buf_.size()));
}

void Connection::on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  auto *c = static_cast<Connection *>(s->data);
  if (nread == 0) return;
  if (nread < 0) return c->handle_eof(nread);
  if (c->state_ != State::Open && c->state_ != State::Handshaking) return;  // closing: discard
  const auto *data = reinterpret_cast<const uint8_t *>(buf->base);
  const auto len = static_cast<size_t>(nread);
  if (c->tls_) return c->handle_ciphertext(data, len);
  if (c->handlers_.on_data) c->handlers_.on_data(data, len);
}

void Connection::handle_ciphertext(const uint8_t *data, size_t len) {
  tls_->feed(data, len);
  if (state_ == State::Handshaking) {
    bool done = false;
    Error e = tls_->handshake(&done);
    if (!e.ok()) return fail(std::move(e));
    flush();
    if (!done) return;
    became_open();
    if (state_ != State::Open) return;
  }
  deliver_plaintext();
}

void Connection::deliver_plaintext() {
  while (state_ == State::Open) {
    size_t n = 0;
    bool peer_closed = false;
    Error e = tls_->read(plain_buf_.data(), plain_buf_.size(), &n, &peer_closed);
    if (!e.ok()) return fail(std::move(e));
    if (peer_closed) return close();  // answered with our own close_notify
    if (n == 0) return;
    if (handlers_.on_data) handlers_.on_data(plain_buf_.data(), n);
  }
}

void Connection::handle_eof(ssize_t status) {
  if (state_ == State::Closing || state_ == State::Closed) return;
  if (status == UV_EOF) {
    if (state_ == State::Handshaking) {
      return fail(Error::make(KALSHI_ERR_DISCONNECTED,
                              where() + " closed the connection during the TLS handshake"));
    }
    if (tls_) {
      // A TLS peer ends with close_notify; a bare FIN may mean truncated data.
      return fail(Error::make(KALSHI_ERR_DISCONNECTED,
                              where() + " closed the connection without TLS close_notify"));
    }
    return close();  // plain TCP: the peer's FIN is the normal end of the stream
  }
  const bool handshaking = state_ == State::Handshaking;
  fail(Error::make(KALSHI_ERR_DISCONNECTED,
                   std::string(handshaking ? "TLS handshake with " : "connection to ") + where() +
                       " failed: " + uv_strerror(static_cast<int>(status))));
}

Error Connection::write(const uint8_t *data, size_t len) {
  if (close_when_open_) {
    return Error::make(KALSHI_ERR_CLOSED, "connection to " + where() + " is closing");
  }
  switch (state_) {
    case State::Closing:
    case State::Closed:
      return Error::make(KALSHI_ERR_CLOSED, "connection to " + where() + " is closed");
    case State::Open:
      break;
    default:
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

void Connection::flush() {
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
  const int rc = uv_write(&write_req_, as_stream(&tcp_), &b, 1, &Connection::on_write);
  if (rc != 0) {
    inflight_.clear();
    return fail(Error::make(KALSHI_ERR_DISCONNECTED,
                            "write to " + where() + " failed: " + uv_strerror(rc)));
  }
  write_in_flight_ = true;
}

void Connection::on_write(uv_write_t *req, int status) {
  auto *c = static_cast<Connection *>(req->data);
  c->write_in_flight_ = false;
  c->inflight_.clear();
  if (status == UV_ECANCELED) return;  // the handle is closing
  if (status != 0) {
    return c->fail(Error::make(KALSHI_ERR_DISCONNECTED,
                               "write to " + c->where() + " failed: " + uv_strerror(status)));
  }
  c->flush();
}

void Connection::maybe_shutdown() {
  if (!closing_gracefully_ || shutdown_started_ || write_in_flight_ || !pending_.empty()) return;
  if (!tcp_open_ || uv_is_closing(as_handle(&tcp_))) return;
  shutdown_started_ = true;
  shutdown_req_.data = this;
  if (uv_shutdown(&shutdown_req_, as_stream(&tcp_), &Connection::on_shutdown) != 0) {
    close_handles();
  }
}

void Connection::on_shutdown(uv_shutdown_t *req, int) {
  // FIN is out (or could not be sent); either way there is nothing left to do on this socket.
  static_cast<Connection *>(req->data)->close_handles();
}

void Connection::close() {
  switch (state_) {
    case State::Idle:
      state_ = State::Closed;  // never started: no handles, no on_closed
      return;
    case State::Closing:
    case State::Closed:
      return;
    case State::Open:
      state_ = State::Closing;
      closing_gracefully_ = true;
      if (tls_) tls_->close_notify();
      // A peer that stops reading must not hold the close up forever.
      uv_timer_start(&timer_, &Connection::on_timer, opts_.close_timeout_ms, 0);
      return flush();
    default:
      if (!early_.empty()) {
        close_when_open_ = true;  // finished by became_open(), or by the connect deadline
        return;
      }
      // Not connected yet and nothing to deliver: abort, without an error (the caller asked).
      state_ = State::Closing;
      if (dns_ != nullptr) {
        dns_->cancel();
        dns_ = nullptr;
      }
      return close_handles();
  }
}

void Connection::force_close() {
  if (state_ == State::Idle) {
    state_ = State::Closed;
    return;
  }
  if (state_ == State::Closed) return;
  if (error_.ok() && (write_in_flight_ || !pending_.empty())) {
    error_ = Error::make(KALSHI_ERR_TIMEOUT,
                         "the client closed " + where() + " before all data could be sent");
  }
  if (dns_ != nullptr) {
    dns_->cancel();
    dns_ = nullptr;
  }
  close_handles();
}

void Connection::fail(Error err) {
  if (state_ == State::Closed) return;
  if (error_.ok()) error_ = std::move(err);
  const bool was_handshaking = state_ == State::Handshaking;
  state_ = State::Closing;
  if (dns_ != nullptr) {
    dns_->cancel();
    dns_ = nullptr;
  }
  // Tell a TLS peer why (the alert mbedTLS queued), best effort and without waiting.
  if (was_handshaking && tls_ && !tls_->outbound().empty() && tcp_open_ && !write_in_flight_ &&
      !uv_is_closing(as_handle(&tcp_))) {
    std::vector<uint8_t> &out = tls_->outbound();
    uv_buf_t b =
        uv_buf_init(reinterpret_cast<char *>(out.data()), static_cast<unsigned>(out.size()));
    uv_try_write(as_stream(&tcp_), &b, 1);
  }
  close_handles();
}

void Connection::close_handles() {
  if (state_ != State::Closed) state_ = State::Closing;
  if (tcp_open_ && !uv_is_closing(as_handle(&tcp_))) {
    uv_close(as_handle(&tcp_), &Connection::on_handle_closed);
  }
  if (handles_open_ > 0 && !uv_is_closing(as_handle(&timer_))) {
    uv_close(as_handle(&timer_), &Connection::on_handle_closed);
  }
}

void Connection::on_timer(uv_timer_t *t) {
  auto *c = static_cast<Connection *>(t->data);
  if (c->state_ == State::Closing) {
    // The graceful close overran: a peer that stopped reading kept our data.
    if (c->error_.ok() && (c->write_in_flight_ || !c->pending_.empty())) {
      c->error_ = Error::make(KALSHI_ERR_TIMEOUT, "close of " + c->where() + " timed out after " +
                                                      std::to_string(c->opts_.close_timeout_ms) +
                                                      " ms with data unsent");
    }
    return c->close_handles();
  }
  if (c->state_ == State::Open || c->state_ == State::Closed) return;
  c->fail(Error::make(KALSHI_ERR_TIMEOUT, "connection to " + c->where() + " timed out after " +
                                              std::to_string(c->opts_.connect_timeout_ms) +
                                              " ms " + phase_name(c->state_)));
}

void Connection::on_handle_closed(uv_handle_t *h) {
  auto *c = static_cast<Connection *>(h->data);
  --c->handles_open_;
  if (h == as_handle(&c->tcp_)) {
    c->tcp_open_ = false;
    if (c->reconnecting_) {
      c->reconnecting_ = false;
      if (c->state_ == State::Connecting) return c->connect_next();
    }
  }
  if (c->handles_open_ == 0 && c->state_ == State::Closing) c->finish();
}

void Connection::finish() {
  state_ = State::Closed;
  // Handlers may capture owners of this connection: drop them to break the cycle, and keep this
  // object alive until on_closed has returned.
  std::shared_ptr<Connection> keep = std::move(self_);
  auto on_closed = std::move(handlers_.on_closed);
  handlers_ = {};
  if (on_closed) on_closed(error_);
}

}  // namespace kalshi::net
