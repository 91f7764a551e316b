// kalshi-sim as one object: the exchange core, the RFQ desk, the FIX application and gateway, the
// key directory and a TCP (and TLS) listener per FIX endpoint, all running on one libuv loop on
// the simulator's own thread. This is what the kalshi_sim_* C API and the kalshi-sim executable
// drive.
//
// Every public member is thread-safe: it posts its work to the loop and waits for the answer, so
// the components themselves are touched by the loop thread only and need no locks. After stop()
// (or when the loop has ended) calls answer KALSHI_ERR_CLOSED instead of waiting.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/conf.h"
#include "core/error.h"
#include "fix/session/session_kind.h"
#include "sim/exchange/exchange.h"

namespace kalshi::sim {

// The FIX endpoints: name (as in kalshi_sim_port, without ".tls"), product and session type.
struct SimEndpoint {
  const char *name;
  fix::Product product;
  fix::SessionKind kind;
};
// The ten endpoints, prediction first. *count gets their number.
const SimEndpoint *sim_endpoints(size_t *count);

class Simulator {
 public:
  // Reads the sim.* properties, loads the markets, binds every listener and starts the thread.
  // KALSHI_ERR_INVALID_VALUE for a bad property or markets file, KALSHI_ERR_IO when a file cannot
  // be read or a port cannot be bound.
  static Error start(const Conf &conf, std::unique_ptr<Simulator> *out);
  ~Simulator();  // stops, removes the CA file and its directory
  Simulator(const Simulator &) = delete;
  Simulator &operator=(const Simulator &) = delete;

  // Logs every session out, closes the listeners and ends the thread. Idempotent.
  void stop();

  // "fix.nr", "perps.fix.md.tls"... KALSHI_ERR_NOT_FOUND for an unknown or disabled endpoint.
  Error port(std::string_view endpoint, uint16_t *out) const;
  // Empty when TLS is off.
  const std::string &ca_file() const;
  bool tls() const;
  bool plain() const;
  std::string host() const;

  Error register_key(fix::Product product, std::string_view key_id, std::string_view pem,
                     uint32_t member, uint32_t *member_out);
  Error set_balance(uint32_t member, uint32_t subaccount, Money balance);
  Error balance(uint32_t member, uint32_t subaccount, Money *out);
  Error position(uint32_t member, uint32_t subaccount, std::string_view ticker, Qty *out);
  Error place_order(uint32_t member, std::string_view ticker, Side side, Price price, Qty qty);
  Error market_status(std::string_view ticker, std::string_view status);
  Error settle(std::string_view ticker, Price yes_value);
  int64_t now_ms();
  Error advance_ms(int64_t ms);
  Error set_activity(bool enabled);
  // session: endpoint name without ".tls"; key_id empty = every key; fault as parse_fault reads.
  Error fault(std::string_view session, std::string_view key_id, std::string_view fault);
  size_t fix_sessions();

  struct Impl;

 private:
  explicit Simulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::sim
