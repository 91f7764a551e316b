#include "sim/net/accepted_stream.h"

#include "net/dns.h"

namespace kalshi::sim {

namespace {

// A client that keeps sending during the handshake is not doing TLS; stop buffering it.
constexpr size_t kMaxHandshakeInput = 256 * 1024;

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
    : ByteStream(loop, tls != nullptr, options.close_timeout_ms),
      tls_cfg_(std::move(tls)),
      options_(options),
      on_done_(std::move(on_done)) {
  max_handshake_input_ = kMaxHandshakeInput;
  // A client that already ended the connection wants nothing more from us.
  quiet_write_error_after_peer_close_ = true;
}

AcceptedStream::~AcceptedStream() = default;

AcceptedStream::State AcceptedStream::state() const {
  switch (phase_) {
    case Phase::Idle:
      return State::Idle;
    case Phase::Starting:
    case Phase::Handshaking:
      return State::Handshaking;
    case Phase::Open:
      return State::Open;
    case Phase::Closing:
      return State::Closing;
    case Phase::Closed:
      return State::Closed;
  }
  return State::Closed;
}

void AcceptedStream::set_handlers(Handlers h) {
  on_data_ = std::move(h.on_data);
  on_closed_ = std::move(h.on_closed);
}

Error AcceptedStream::accept_from(uv_stream_t *listener) {
  keep_alive(weak_self_.lock());
  init_timer();
  init_tcp();
  phase_ = Phase::Closing;  // until the stream is up: a failure below closes it quietly
  int rc = uv_accept(listener, reinterpret_cast<uv_stream_t *>(&tcp_));
  if (rc == 0) {
    sockaddr_storage addr{};
    int len = sizeof addr;
    if (uv_tcp_getpeername(&tcp_, reinterpret_cast<sockaddr *>(&addr), &len) == 0) {
      peer_ = net::address_text(addr);
    }
    // Execution reports and heartbeats are small and latency-bound: no coalescing.
    uv_tcp_nodelay(&tcp_, 1);
    rc = start_reading();
  }
  if (rc != 0) {
    Error e = Error::make(KALSHI_ERR_IO, std::string("accept failed: ") + uv_strerror(rc));
    close_handles();
    return e;
  }
  if (!tls_cfg_) {
    phase_ = Phase::Open;
    return {};
  }
  phase_ = Phase::Handshaking;
  tls_ = std::make_unique<TlsServerSession>(tls_cfg_);
  set_tls(tls_.get());
  if (Error e = tls_->begin(); !e.ok()) {
    fail(e);
    return e;
  }
  start_timer(options_.handshake_timeout_ms);
  return {};
}

Error AcceptedStream::write(const uint8_t *data, size_t len) {
  if (phase_ == Phase::Closing || phase_ == Phase::Closed || phase_ == Phase::Idle ||
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
  if (phase_ == Phase::Handshaking) {
    queue_early(data, len);
    return {};
  }
  return send(data, len);
}

// Data written during the handshake is delivered first, within the handshake deadline.
void AcceptedStream::close() {
  close_stream();
}

void AcceptedStream::abort() {
  abort_stream();
}

void AcceptedStream::on_deadline() {
  if (phase_ != Phase::Handshaking) return;
  fail(Error::make(KALSHI_ERR_TIMEOUT, "TLS handshake with " + peer_ + " did not finish within " +
                                           std::to_string(options_.handshake_timeout_ms) + " ms"));
}

void AcceptedStream::release_hooks() {
  if (auto done = std::move(on_done_)) done(this);
}

}  // namespace kalshi::sim
