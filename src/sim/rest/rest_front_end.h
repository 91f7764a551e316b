// The simulator's REST front end as one piece the Simulator owns: the RestApi over the exchange
// and its listeners ("rest" plain, "rest.tls"), each accepted connection served by serve_http.
// Loop thread only, except port() (the ports are fixed once listen() has returned).
#pragma once

#include <uv.h>

#include <functional>
#include <memory>
#include <string_view>

#include "core/conf.h"
#include "core/error.h"
#include "sim/key_directory.h"
#include "sim/net/stream_server.h"
#include "sim/rest/rest_api.h"

namespace kalshi::sim {

// The sim.rest.* properties.
RestOptions read_rest_options(const Conf &conf);

class RestFrontEnd {
 public:
  RestFrontEnd(Exchange &exchange, const SimKeyDirectory &keys,
               std::function<int64_t()> exchange_now, std::function<int64_t()> wall_now,
               RestOptions options);
  ~RestFrontEnd();
  RestFrontEnd(const RestFrontEnd &) = delete;
  RestFrontEnd &operator=(const RestFrontEnd &) = delete;

  // Binds the plain listener (when plain) and the TLS one (when tls is set); port 0 = ephemeral.
  Error listen(uv_loop_t *loop, std::string_view host, bool plain, uint16_t port,
               std::shared_ptr<TlsServerConfig> tls, uint16_t tls_port);
  // "rest" or "rest.tls"; KALSHI_ERR_NOT_FOUND when that listener is off.
  Error port(std::string_view endpoint, uint16_t *out) const;
  void close();
  void force_close();
  // Simulator::fault("rest", key, text): parses and arms (text as parse_rest_fault reads).
  Error inject(std::string_view key_id, std::string_view text);

  RestApi &api() { return api_; }

 private:
  RestApi api_;
  std::shared_ptr<StreamServer> plain_, tls_;
  uint16_t plain_port_ = 0, tls_port_ = 0;
};

}  // namespace kalshi::sim
