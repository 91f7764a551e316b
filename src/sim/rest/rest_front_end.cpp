#include "sim/rest/rest_front_end.h"

#include "sim/http/http_link.h"

namespace kalshi::sim {

RestOptions read_rest_options(const Conf &conf) {
  RestOptions o;
  o.read_per_s = conf.get_int("sim.rest.read_per_s");
  o.write_per_s = conf.get_int("sim.rest.write_per_s");
  o.timestamp_window_ms = conf.get_int("sim.rest.timestamp_window_ms");
  return o;
}

RestFrontEnd::RestFrontEnd(Exchange &exchange, const SimKeyDirectory &keys,
                           std::function<int64_t()> exchange_now, std::function<int64_t()> wall_now,
                           RestOptions options)
    : api_(exchange, keys, std::move(exchange_now), std::move(wall_now), options) {}

RestFrontEnd::~RestFrontEnd() = default;

Error RestFrontEnd::listen(uv_loop_t *loop, std::string_view host, bool plain, uint16_t port,
                           std::shared_ptr<TlsServerConfig> tls, uint16_t tls_port) {
  auto accept = [this, loop](std::shared_ptr<ServerStream> s) {
    serve_http(loop, std::move(s), [this](HttpRequest &req) { return api_.handle(req); });
  };
  if (plain) {
    Error e = StreamServer::listen(loop, host, port, nullptr, accept, &plain_);
    if (!e.ok()) {
      e.message = "rest: " + e.message;
      return e;
    }
    plain_port_ = plain_->port();
  }
  if (tls) {
    Error e = StreamServer::listen(loop, host, tls_port, std::move(tls), accept, &tls_);
    if (!e.ok()) {
      e.message = "rest.tls: " + e.message;
      return e;
    }
    tls_port_ = tls_->port();
  }
  return Error{};
}

Error RestFrontEnd::port(std::string_view endpoint, uint16_t *out) const {
  const uint16_t p = endpoint == "rest" ? plain_port_ : endpoint == "rest.tls" ? tls_port_ : 0;
  if (p == 0) {
    return Error::make(KALSHI_ERR_NOT_FOUND,
                       "no listener \"" + std::string(endpoint) + "\" (unknown or disabled)");
  }
  *out = p;
  return Error{};
}

void RestFrontEnd::close() {
  if (plain_) plain_->close();
  if (tls_) tls_->close();
}

void RestFrontEnd::force_close() {
  if (plain_) plain_->force_close();
  if (tls_) tls_->force_close();
}

Error RestFrontEnd::inject(std::string_view key_id, std::string_view text) {
  RestFault f;
  if (Error e = parse_rest_fault(text, &f); !e.ok()) return e;
  api_.arm_fault(key_id, f);
  return Error{};
}

}  // namespace kalshi::sim
