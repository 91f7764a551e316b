// The kalshi_sim_* C API: argument checks and translation onto sim::Simulator.
#include <kalshi/sim.h>

#include <cstring>
#include <memory>
#include <string>

#include "capi/enum_arg.h"
#include "capi/guard.h"
#include "core/conf.h"
#include "sim/simulator.h"

using kalshi::Error;
using kalshi::report;
using kalshi::capi::guarded;
using kalshi::sim::Simulator;

struct kalshi_sim {
  std::unique_ptr<Simulator> sim;
};

namespace {

kalshi_err_t code_of(const Error &e) {
  return e.code;
}

// Client session types and the endpoints that serve them, in the client's fix.port.* names.
struct PortKey {
  const char *client_property;
  const char *endpoint;
};
constexpr PortKey kPredictionPorts[] = {
    {"fix.port.nr", "fix.nr"}, {"fix.port.rt", "fix.rt"},   {"fix.port.dc", "fix.dc"},
    {"fix.port.pt", "fix.pt"}, {"fix.port.rfq", "fix.rfq"}, {"fix.port.md", "fix.md"},
};

// Points client_conf at the simulator: hosts, the session ports of one product, fix.tls and the
// CA. Built on a copy so a failure leaves the caller's conf as it was.
kalshi_err_t fill_client_conf(Simulator &s, kalshi_conf_t *client_conf, bool set_product,
                              bool margin, int tls, kalshi_error_t **err) {
  if (tls ? !s.tls() : !s.plain()) {
    return report(err, KALSHI_ERR_NOT_FOUND,
                  tls ? "the simulator has no TLS listeners (sim.tls=false)"
                      : "the simulator has no plain listeners (sim.plain=false)");
  }
  kalshi::Conf conf(client_conf->conf);
  auto set = [&conf](const char *key, const std::string &value) {
    return conf.set(key, value.c_str());
  };
  const std::string host = s.host();
  for (const char *p : {"fix.host", "fix.md_host", "perps.fix.host", "perps.fix.md_host"}) {
    if (Error e = set(p, host); !e.ok()) return report(err, std::move(e));
  }
  for (const PortKey &k : kPredictionPorts) {
    const bool margin_session =
        std::strcmp(k.endpoint, "fix.pt") != 0 && std::strcmp(k.endpoint, "fix.rfq") != 0;
    if (margin && !margin_session) continue;  // margin has no PT or RFQ session
    uint16_t port = 0;
    const std::string endpoint =
        std::string(margin ? "perps." : "") + k.endpoint + (tls ? ".tls" : "");
    if (Error e = s.port(endpoint, &port); !e.ok()) return report(err, std::move(e));
    if (Error e = set(k.client_property, std::to_string(port)); !e.ok()) {
      return report(err, std::move(e));
    }
  }
  if (set_product) {
    if (Error e = set("fix.product", margin ? "margin" : "prediction"); !e.ok()) {
      return report(err, std::move(e));
    }
  }
  if (Error e = set("fix.tls", tls ? "true" : "false"); !e.ok()) return report(err, std::move(e));
  {  // w3: the WebSocket listener serves both products (the path picks one).
    uint16_t ws_port = 0;
    if (Error e = s.port(tls ? "ws.tls" : "ws", &ws_port); !e.ok()) return report(err, std::move(e));
    for (const char *p : {"ws.host", "perps.ws.host"}) {
      if (Error e = set(p, host); !e.ok()) return report(err, std::move(e));
    }
    for (const char *p : {"ws.port", "perps.ws.port"}) {
      if (Error e = set(p, std::to_string(ws_port)); !e.ok()) return report(err, std::move(e));
    }
    if (Error e = set("ws.tls", tls ? "true" : "false"); !e.ok()) return report(err, std::move(e));
  }
  {  // r5: the REST listener (prediction base path /trade-api/v2).
    uint16_t rest_port = 0;
    if (Error e = s.port(tls ? "rest.tls" : "rest", &rest_port); !e.ok()) {
      return report(err, std::move(e));
    }
    if (Error e = set("rest.host", host); !e.ok()) return report(err, std::move(e));
    if (Error e = set("rest.port", std::to_string(rest_port)); !e.ok()) {
      return report(err, std::move(e));
    }
    if (Error e = set("rest.tls", tls ? "true" : "false"); !e.ok()) {
      return report(err, std::move(e));
    }
  }
  // The simulator ends a session the moment its connection closes, so there is no stale session
  // to wait out after a drop (the exchange keeps one up to its heartbeat timeout); a short wait
  // keeps reconnect tests fast. A Logout "already exists" would still be retried.
  if (Error e = set("fix.stale_session_wait_ms", "200"); !e.ok()) return report(err, std::move(e));
  if (tls) {
    if (Error e = set("tls.ca_file", s.ca_file()); !e.ok()) return report(err, std::move(e));
  }
  client_conf->conf.overlay(conf);
  return KALSHI_OK;
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_sim_start(const kalshi_conf_t *conf, kalshi_sim_t **out,
                                         kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "out must not be NULL");
  *out = nullptr;
  return guarded(err, [&] {
    kalshi::Conf defaults;
    std::unique_ptr<Simulator> sim;
    if (Error e = Simulator::start(conf != nullptr ? conf->conf : defaults, &sim); !e.ok()) {
      return report(err, std::move(e));
    }
    auto handle = std::make_unique<kalshi_sim>();
    handle->sim = std::move(sim);
    *out = handle.release();
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_sim_stop(kalshi_sim_t *sim) {
  if (sim == nullptr) return;
  (void)guarded(nullptr, [&] {
    sim->sim->stop();
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_sim_destroy(kalshi_sim_t *sim) {
  if (sim == nullptr) return;
  (void)guarded(nullptr, [&] {
    delete sim;
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_sim_port(kalshi_sim_t *sim, const char *endpoint, uint16_t *port) {
  if (sim == nullptr || endpoint == nullptr || port == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] { return code_of(sim->sim->port(endpoint, port)); });
}

KALSHI_API kalshi_err_t kalshi_sim_ca_file(kalshi_sim_t *sim, char *buf, size_t cap) {
  if (sim == nullptr || buf == nullptr) return KALSHI_ERR_INVALID_ARG;
  const std::string &path = sim->sim->ca_file();
  if (path.empty()) return KALSHI_ERR_NOT_FOUND;
  if (cap < path.size() + 1) return KALSHI_ERR_BUFFER_TOO_SMALL;
  std::memcpy(buf, path.c_str(), path.size() + 1);
  return KALSHI_OK;
}

KALSHI_API kalshi_err_t kalshi_sim_client_conf(kalshi_sim_t *sim, kalshi_conf_t *client_conf,
                                               int tls, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || client_conf == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim and client_conf must not be NULL");
  }
  return guarded(err,
                 [&] { return fill_client_conf(*sim->sim, client_conf, false, false, tls, err); });
}

KALSHI_API kalshi_err_t kalshi_sim_client_conf_product(kalshi_sim_t *sim,
                                                       kalshi_conf_t *client_conf,
                                                       kalshi_product_t product, int tls,
                                                       kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || client_conf == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim and client_conf must not be NULL");
  }
  kalshi::fix::Product p;
  if (!kalshi::capi::product_arg(product, &p)) {
    return report(err, KALSHI_ERR_INVALID_ARG, "unknown product");
  }
  return guarded(err, [&] {
    return fill_client_conf(*sim->sim, client_conf, true, p == kalshi::fix::Product::Margin, tls,
                            err);
  });
}

KALSHI_API kalshi_err_t kalshi_sim_register_key(kalshi_sim_t *sim, kalshi_product_t product,
                                                const char *key_id, const char *public_key_pem,
                                                size_t pem_len, uint32_t member,
                                                uint32_t *member_out, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || key_id == nullptr || public_key_pem == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim, key_id and public_key_pem must not be NULL");
  }
  kalshi::fix::Product p;
  if (!kalshi::capi::product_arg(product, &p)) {
    return report(err, KALSHI_ERR_INVALID_ARG, "unknown product");
  }
  return guarded(err, [&] {
    Error e = sim->sim->register_key(p, key_id, std::string_view(public_key_pem, pem_len), member,
                                     member_out);
    return e.ok() ? KALSHI_OK : report(err, std::move(e));
  });
}

KALSHI_API kalshi_err_t kalshi_sim_set_balance(kalshi_sim_t *sim, uint32_t member,
                                               uint32_t subaccount, kalshi_price_t balance) {
  if (sim == nullptr) return KALSHI_ERR_INVALID_ARG;
  if (balance < 0) return KALSHI_ERR_RANGE;
  return guarded(nullptr,
                 [&] { return code_of(sim->sim->set_balance(member, subaccount, balance)); });
}

KALSHI_API kalshi_err_t kalshi_sim_balance(kalshi_sim_t *sim, uint32_t member, uint32_t subaccount,
                                           kalshi_price_t *balance) {
  if (sim == nullptr || balance == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] { return code_of(sim->sim->balance(member, subaccount, balance)); });
}

KALSHI_API kalshi_err_t kalshi_sim_position(kalshi_sim_t *sim, uint32_t member, uint32_t subaccount,
                                            const char *ticker, kalshi_count_t *contracts) {
  if (sim == nullptr || ticker == nullptr || contracts == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(
      nullptr, [&] { return code_of(sim->sim->position(member, subaccount, ticker, contracts)); });
}

KALSHI_API kalshi_err_t kalshi_sim_place_order(kalshi_sim_t *sim, uint32_t member,
                                               const char *ticker, int side, kalshi_price_t price,
                                               kalshi_count_t qty, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || ticker == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim and ticker must not be NULL");
  }
  if (side != 1 && side != 2) {
    return report(err, KALSHI_ERR_INVALID_ARG, "side must be 1 (buy YES / long) or 2");
  }
  return guarded(err, [&] {
    const auto s = side == 1 ? kalshi::sim::Side::Buy : kalshi::sim::Side::Sell;
    Error e = sim->sim->place_order(member, ticker, s, price, qty);
    return e.ok() ? KALSHI_OK : report(err, std::move(e));
  });
}

KALSHI_API kalshi_err_t kalshi_sim_market_status(kalshi_sim_t *sim, const char *ticker,
                                                 const char *status, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || ticker == nullptr || status == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim, ticker and status must not be NULL");
  }
  return guarded(err, [&] {
    Error e = sim->sim->market_status(ticker, status);
    return e.ok() ? KALSHI_OK : report(err, std::move(e));
  });
}

KALSHI_API kalshi_err_t kalshi_sim_settle(kalshi_sim_t *sim, const char *ticker,
                                          kalshi_price_t yes_value, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || ticker == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim and ticker must not be NULL");
  }
  return guarded(err, [&] {
    Error e = sim->sim->settle(ticker, yes_value);
    return e.ok() ? KALSHI_OK : report(err, std::move(e));
  });
}

KALSHI_API int64_t kalshi_sim_now_ms(kalshi_sim_t *sim) {
  if (sim == nullptr) return 0;
  int64_t now = 0;
  (void)guarded(nullptr, [&] {
    now = sim->sim->now_ms();
    return KALSHI_OK;
  });
  return now;
}

KALSHI_API kalshi_err_t kalshi_sim_advance_ms(kalshi_sim_t *sim, int64_t ms) {
  if (sim == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] { return code_of(sim->sim->advance_ms(ms)); });
}

KALSHI_API kalshi_err_t kalshi_sim_activity(kalshi_sim_t *sim, int enabled) {
  if (sim == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] { return code_of(sim->sim->set_activity(enabled != 0)); });
}

KALSHI_API kalshi_err_t kalshi_sim_fault(kalshi_sim_t *sim, const char *session, const char *key_id,
                                         const char *fault, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (sim == nullptr || session == nullptr || fault == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "sim, session and fault must not be NULL");
  }
  return guarded(err, [&] {
    Error e = sim->sim->fault(session, key_id != nullptr ? key_id : "", fault);
    return e.ok() ? KALSHI_OK : report(err, std::move(e));
  });
}

KALSHI_API size_t kalshi_sim_fix_sessions(kalshi_sim_t *sim) {
  if (sim == nullptr) return 0;
  size_t n = 0;
  (void)guarded(nullptr, [&] {
    n = sim->sim->fix_sessions();
    return KALSHI_OK;
  });
  return n;
}

}  // extern "C"
