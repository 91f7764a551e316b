// Shared rig for the exchange core tests: a small market set, two funded members, and an
// observer that records every event as a line of text so a test can assert the exact sequence.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/exchange/exchange.h"

namespace simtest {

using namespace kalshi::sim;

inline constexpr int64_t kT0 = 1789000000000;  // 2026-09-10, a Thursday (EDT)
inline constexpr Price kCent = 10000;
inline constexpr Money kDollars100 = 100 * kDollar;

// T: cent binary, no fees. SUB: sub-penny tails. FR: fractional. FEE: 7% taker, 1.75% maker.
// P: a perp with reference 100, band 10, 10% initial margin. LATE: closes at kT0 + 60 s.
inline const char *kMarkets = R"({"markets": [
  {"ticker": "T", "event_ticker": "E", "series_ticker": "S", "title": "t",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0", "maker_fee_rate": "0"},
  {"ticker": "SUB", "price_ranges": [{"start": "0.0001", "end": "0.0999", "step": "0.0001"},
   {"start": "0.10", "end": "0.90", "step": "0.01"},
   {"start": "0.9001", "end": "0.9999", "step": "0.0001"}], "taker_fee_rate": "0"},
  {"ticker": "FR", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "fractional_trading_enabled": true, "taker_fee_rate": "0"},
  {"ticker": "FEE", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0.0175"},
  {"ticker": "P", "kind": "perp", "price_ranges": [{"start": "0.01", "end": "100000", "step": "0.01"}],
   "fractional_trading_enabled": true, "reference_price": "100", "price_band": "10",
   "initial_margin": "0.1", "taker_fee_rate": "0", "maker_fee_rate": "0"},
  {"ticker": "LATE", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "close_time_ms": 1789000060000, "taker_fee_rate": "0"}
]})";

struct Recorder : ExchangeObserver {
  std::vector<std::string> lines;
  std::vector<Fill> fills;
  std::vector<Settlement> settlements;
  std::vector<OrderGroup> group_events;
  std::vector<PublicTrade> public_trades;
  std::vector<LevelChange> levels;
  std::vector<Market> statuses;

  static const char *kind_name(OrderEventKind k) {
    switch (k) {
      case OrderEventKind::New:
        return "New";
      case OrderEventKind::Trade:
        return "Trade";
      case OrderEventKind::Canceled:
        return "Canceled";
      case OrderEventKind::Replaced:
        return "Replaced";
      case OrderEventKind::Expired:
        return "Expired";
    }
    return "?";
  }
  void on_order_event(const OrderEvent &e) override {
    std::string l = std::string(kind_name(e.kind)) + " " + e.order->client_order_id;
    if (e.fill != nullptr) {
      l += " " + std::to_string(e.fill->qty / kContract) + "@" +
           std::to_string(e.fill->price / kCent);
      fills.push_back(*e.fill);
    }
    if (!e.reason.empty()) l += " " + std::string(e.reason);
    lines.push_back(l);
  }
  void on_public_trade(const PublicTrade &t) override { public_trades.push_back(t); }
  void on_level_change(const LevelChange &c) override {
    LevelChange copy = c;
    copy.ticker = {};
    levels.push_back(copy);
  }
  void on_market_status(const Market &m) override { statuses.push_back(m); }
  void on_order_group(const OrderGroup &g) override { group_events.push_back(g); }
  void on_settlement(const Settlement &s) override { settlements.push_back(s); }
  std::string joined() const {
    std::string s;
    for (const auto &l : lines) s += l + "\n";
    return s;
  }
};

struct Rig {
  Exchange ex{42};
  Recorder rec;
  uint32_t a = 0;
  uint32_t b = 0;
  int64_t now = kT0;

  Rig() {
    const kalshi::Error e = ex.load_markets(kMarkets);
    if (!e.ok()) {
      std::fprintf(stderr, "test markets: %s\n", e.message.c_str());
      std::abort();
    }
    a = ex.add_member("alice", kDollars100);
    b = ex.add_member("bob", kDollars100);
    ex.add_observer(&rec);
  }

  OrderRequest req(uint32_t member, const char *clid, Side side, Price price, int64_t contracts,
                   const char *ticker = "T") {
    OrderRequest r;
    r.account = {member, 0};
    r.client_order_id = clid;
    r.ticker = ticker;
    r.side = side;
    r.price = price;
    r.qty = contracts * kContract;
    return r;
  }
  Outcome buy(uint32_t m, const char *clid, int64_t cents, int64_t contracts) {
    return ex.submit(req(m, clid, Side::Buy, cents * kCent, contracts), now);
  }
  Outcome sell(uint32_t m, const char *clid, int64_t cents, int64_t contracts) {
    return ex.submit(req(m, clid, Side::Sell, cents * kCent, contracts), now);
  }
  Outcome send(const OrderRequest &r) { return ex.submit(r, now); }
  const Order *order(uint32_t m, const char *clid) const { return ex.find_order(m, clid); }
  Qty position(uint32_t m, const char *ticker = "T") const {
    for (const auto &p : ex.positions({m, 0}))
      if (p.ticker == ticker) return p.contracts;
    return 0;
  }
};

}  // namespace simtest
