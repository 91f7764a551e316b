#include "net/connection.h"

#include "net/dns.h"
#include "net/tls_session.h"

namespace kalshi::net {

namespace {

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
    : ByteStream(loop, opts.tls != nullptr, opts.close_timeout_ms),
      opts_(std::move(opts)),
      handlers_(std::move(handlers)) {
  if (opts_.server_name.empty()) opts_.server_name = opts_.host;
  on_data_ = std::move(handlers_.on_data);
  on_closed_ = std::move(handlers_.on_closed);
  if (opts_.proxy_port != 0) {
    // Only proxied connections pay for the extra hop: the proxy's answer is read here first.
    user_on_data_ = std::move(on_data_);
    on_data_ = [this](const uint8_t *data, size_t len) {
      if (proxying_) return on_proxy_data(data, len);
      if (user_on_data_) user_on_data_(data, len);
    };
  }
}

Connection::~Connection() = default;

Connection::State Connection::state() const {
  switch (phase_) {
    case Phase::Idle:
      return State::Idle;
    case Phase::Starting:
      return resolving_ ? State::Resolving : State::Connecting;
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

std::string Connection::where() const {
  return opts_.host + ":" + std::to_string(opts_.port);
}

std::string Connection::failing_link(bool handshaking) const {
  return std::string(handshaking ? "TLS handshake with " : "connection to ") + where();
}

void Connection::start() {
  if (phase_ != Phase::Idle) return;
  keep_alive(weak_self_.lock());
  init_timer();
  start_timer(opts_.connect_timeout_ms);
  phase_ = Phase::Starting;
  resolving_ = true;
  const bool proxied = opts_.proxy_port != 0;
  if (opts_.tls) {
    tls_ = std::make_unique<TlsSession>(opts_.tls);
    // Through a proxy the first bytes are the plaintext CONNECT exchange: TLS joins after it.
    if (!proxied) set_tls(tls_.get());
    if (Error e = tls_->begin(opts_.server_name); !e.ok()) return fail(std::move(e));
  }
  Error e = DnsQuery::start(
      loop_, proxied ? opts_.proxy_host : opts_.host, proxied ? opts_.proxy_port : opts_.port,
      [this](Error err, std::vector<sockaddr_storage> addrs) {
        dns_ = nullptr;
        on_resolved(std::move(err), std::move(addrs));
      },
      &dns_);
  if (!e.ok()) fail(std::move(e));
}

void Connection::on_resolved(Error err, std::vector<sockaddr_storage> addrs) {
  if (phase_ != Phase::Starting || !resolving_) return;
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
  resolving_ = false;
  connect_next();
}

void Connection::connect_next() {
  if (next_addr_ >= addrs_.size()) return fail(std::move(last_connect_error_));
  const sockaddr_storage &addr = addrs_[next_addr_++];
  init_tcp();
  // Orders and heartbeats are small and latency-bound: never hold them back for coalescing.
  uv_tcp_nodelay(&tcp_, 1);
  connect_req_.data = this;
  const int rc = uv_tcp_connect(&connect_req_, &tcp_, reinterpret_cast<const sockaddr *>(&addr),
                                &Connection::on_connect);
  if (rc != 0) {
    last_connect_error_ = Error::make(
        KALSHI_ERR_CONNECT, "connect to " + address_text(addr) + " failed: " + uv_strerror(rc));
    reconnecting_ = true;
    close_tcp_for_retry();
  }
}

void Connection::on_connect(uv_connect_t *req, int status) {
  auto *c = static_cast<Connection *>(req->data);
  if (status == UV_ECANCELED || c->phase_ != Phase::Starting) return;
  if (status != 0) {
    c->last_connect_error_ =
        Error::make(KALSHI_ERR_CONNECT, "connect to " + address_text(c->addrs_[c->next_addr_ - 1]) +
                                            " failed: " + uv_strerror(status));
    c->reconnecting_ = true;
    c->close_tcp_for_retry();
    return;
  }
  c->on_tcp_connected();
}

bool Connection::on_tcp_handle_closed() {
  if (!reconnecting_) return false;
  reconnecting_ = false;
  if (phase_ != Phase::Starting) return false;
  connect_next();
  return true;
}

void Connection::on_tcp_connected() {
  const int rc = start_reading();
  if (rc != 0) {
    return fail(
        Error::make(KALSHI_ERR_CONNECT, "cannot read from " + where() + ": " + uv_strerror(rc)));
  }
  if (opts_.proxy_port != 0) {
    // The reply is read in the Handshaking phase (ByteStream delivers reads then).
    phase_ = Phase::Handshaking;
    proxying_ = true;
    const std::string target = opts_.host.find(':') != std::string::npos
                                   ? "[" + opts_.host + "]:" + std::to_string(opts_.port)
                                   : where();
    const std::string req = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
    if (Error e = send(reinterpret_cast<const uint8_t *>(req.data()), req.size()); !e.ok()) {
      return fail(std::move(e));
    }
    return;
  }
  start_stream();
}

void Connection::on_proxy_data(const uint8_t *data, size_t len) {
  // The proxy's head is small; a peer that sends more without ending it is no HTTP proxy.
  constexpr size_t kMaxProxyReply = 8192;
  const std::string proxy = opts_.proxy_host + ":" + std::to_string(opts_.proxy_port);
  proxy_reply_.append(reinterpret_cast<const char *>(data), len);
  const size_t end = proxy_reply_.find("\r\n\r\n");
  if (end == std::string::npos) {
    if (proxy_reply_.size() > kMaxProxyReply) {
      fail(Error::make(KALSHI_ERR_PROTOCOL, "proxy " + proxy + " sent an oversized reply"));
    }
    return;
  }
  // "HTTP/1.x SSS reason": only 2xx opens the tunnel.
  const std::string line = proxy_reply_.substr(0, proxy_reply_.find("\r\n"));
  const bool http = line.size() >= 12 && line.compare(0, 7, "HTTP/1.") == 0 && line[8] == ' ';
  if (!http || line[9] != '2') {
    return fail(Error::make(KALSHI_ERR_CONNECT, "proxy " + proxy + " refused the tunnel to " +
                                                    where() + ": " + line.substr(0, 200)));
  }
  // The target cannot have spoken yet (TLS and HTTP clients speak first): bytes after the
  // head would be the proxy's own confusion.
  if (end + 4 != proxy_reply_.size()) {
    return fail(
        Error::make(KALSHI_ERR_PROTOCOL, "proxy " + proxy + " sent data after its CONNECT reply"));
  }
  proxying_ = false;
  proxy_reply_.clear();
  proxy_reply_.shrink_to_fit();
  start_stream();
}

void Connection::start_stream() {
  if (!tls_) return became_open();
  set_tls(tls_.get());
  phase_ = Phase::Handshaking;
  bool done = false;
  Error e = tls_->handshake(&done);  // writes the ClientHello
  if (!e.ok()) return fail(std::move(e));
  flush();
}

Error Connection::advance_handshake(bool *done) {
  return tls_->handshake(done);
}

void Connection::on_open() {
  if (handlers_.on_connected) handlers_.on_connected();
}

Error Connection::write(const uint8_t *data, size_t len) {
  if (close_when_open_) {
    return Error::make(KALSHI_ERR_CLOSED, "connection to " + where() + " is closing");
  }
  switch (phase_) {
    case Phase::Closing:
    case Phase::Closed:
      return Error::make(KALSHI_ERR_CLOSED, "connection to " + where() + " is closed");
    case Phase::Open:
      return send(data, len);
    default:
      queue_early(data, len);
      return {};
  }
}

void Connection::close() {
  close_stream();
}

void Connection::force_close() {
  const bool live = phase_ != Phase::Idle && phase_ != Phase::Closed;
  if (live && error_.ok() && has_unsent()) {
    error_ = Error::make(KALSHI_ERR_TIMEOUT,
                         "the client closed " + where() + " before all data could be sent");
  }
  abort_stream();
}

void Connection::cancel_pending() {
  if (dns_ != nullptr) {
    dns_->cancel();
    dns_ = nullptr;
  }
}

void Connection::on_deadline() {
  fail(Error::make(KALSHI_ERR_TIMEOUT, "connection to " + where() + " timed out after " +
                                           std::to_string(opts_.connect_timeout_ms) + " ms " +
                                           phase_name(state())));
}

}  // namespace kalshi::net
