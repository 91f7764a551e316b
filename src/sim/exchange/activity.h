// A seeded market-activity generator: "other participants trading" on the simulated exchange, for
// demos and load.
//
// It owns a few bot members (Exchange::add_member with a large balance). step(now_ms) issues
// commands at a configured rate: resting limit orders a few ticks around a per-market fair value
// that drifts by single ticks, cancels of the bots' own oldest orders, and now and then an IOC
// that crosses the spread to print a trade. Every price is on the market's tick grid; the bots
// only ever cancel their own orders (trading against anyone's resting order is the point).
//
// Deterministic: the same exchange state, seed and sequence of step times give the same commands.
// No clock or system random source is read.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/exchange/exchange.h"

namespace kalshi::sim {

struct ActivitySettings {
  uint32_t bots = 3;
  Money bot_balance = 1000000LL * kDollar;  // $1M each: collateral never limits them in practice
  uint32_t orders_per_second = 5;           // commands per second over all markets
  uint32_t levels = 3;                      // price levels per side placed by seed_books
  Qty min_qty = 1 * kContract;
  Qty max_qty = 25 * kContract;
  uint32_t cross_per_mille = 100;   // share of commands that cross the spread (IOC)
  uint32_t cancel_per_mille = 250;  // share of commands that cancel one of the bots' orders
  uint32_t drift_per_mille = 300;   // chance per command that the market's fair value moves a tick
  // Resting orders a bot keeps in one market at most; beyond it the oldest is canceled first.
  uint32_t max_resting_per_bot_market = 10;
  // A step makes up for at most this much time since the previous one (a paused generator or a
  // jump of the clock does not replay the gap), and never issues more than max_commands_per_step.
  int64_t max_catch_up_ms = 1000;
  uint32_t max_commands_per_step = 1000;
};

class ActivityGenerator {
 public:
  ActivityGenerator(Exchange &exchange, uint64_t seed, ActivitySettings settings = {});
  ~ActivityGenerator();
  ActivityGenerator(const ActivityGenerator &) = delete;
  ActivityGenerator &operator=(const ActivityGenerator &) = delete;

  // A few resting levels on both sides of every open market, so books are never empty at start.
  // Returns the number of orders accepted.
  size_t seed_books(int64_t now_ms);
  // Issues the commands due since the previous step (the first step only starts the clock).
  // Returns the number of commands issued.
  size_t step(int64_t now_ms);

  const std::vector<AccountKey> &bots() const;
  // The current fair value of a market (0 when the generator has not seen it yet).
  Price fair_value(std::string_view ticker) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Tick-grid helpers (exposed for tests and other front ends). The nearest valid price to p (ties
// go down); 0 if the market has no ticks.
Price nearest_tick(const Market &m, Price p);
// The next valid price strictly above / below p; 0 when none.
Price tick_above(const Market &m, Price p);
Price tick_below(const Market &m, Price p);

}  // namespace kalshi::sim
