// The exchange core's private state, shared by the files that implement Exchange (markets,
// accounts, matching, amendments, order groups, lifecycle). Not for use outside src/sim/exchange.
#pragma once

#include <deque>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/exchange/exchange.h"
#include "sim/exchange/ids.h"

namespace kalshi::sim {

struct OrderRec;
using Queue = std::list<OrderRec *>;

struct OrderRec {
  Order o;
  std::vector<std::string> client_ids;  // every ClOrdID indexed to this order
  bool on_book = false;
  Queue::iterator book_it;
  int64_t finished_ms = 0;
};

// One price level: its orders in time priority and their total open quantity (kept so level
// changes and snapshots cost O(1) per level).
struct PriceLevel {
  Queue orders;
  Qty total = 0;
};

struct MarketState {
  Market m;
  std::map<Price, PriceLevel> bids;  // best = highest = rbegin
  std::map<Price, PriceLevel> asks;  // best = lowest = begin
  std::deque<PublicTrade> trades;
};

struct PositionState {
  Qty contracts = 0;
  Money cost = 0;  // paid (binary) / entry notional (perp) of the open position
  Money realized = 0;
  Money fees = 0;
};

struct Account {
  Money cash = 0;
  std::map<std::string, PositionState, std::less<>> positions;
  std::map<std::string, Money, std::less<>> reserved;  // per market, resting-order collateral
  Money reserved_total = 0;
  std::map<std::string, std::set<uint64_t>, std::less<>> resting;  // per market, order seqs
};

struct Member {
  std::string name;
  std::map<uint8_t, Account> subaccounts;
};

struct GroupState {
  OrderGroup g;
  std::deque<std::pair<int64_t, Qty>> window;  // (fill time, qty) of the last 15 s
  Qty window_total = 0;
  std::set<uint64_t> orders;  // resting members
};

// Limits that keep memory bounded whatever the traffic.
inline constexpr size_t kMaxFinishedOrders = 100000;
inline constexpr int64_t kFinishedRetentionMs = 24LL * 3600 * 1000;
inline constexpr size_t kMaxTradesPerMarket = 1000;
inline constexpr int64_t kGroupWindowMs = 15000;
inline constexpr uint8_t kMaxSubaccount = 63;
inline constexpr size_t kMaxClientIdsPerOrder = 8;
inline constexpr size_t kMaxRestingPerMember = 100000;
inline constexpr Qty kMaxOrderQty = 100000000LL * kContract;  // 100 million contracts

// A planned step of matching an incoming order against the book.
struct MatchStep {
  OrderRec *maker = nullptr;
  Qty qty = 0;              // 0 with stp_cancel
  bool stp_cancel = false;  // Maker STP: cancel the resting order
};
enum class PlanStop : uint8_t { None, SelfTrade, MaxCost };
struct MatchPlan {
  std::vector<MatchStep> steps;
  Qty remaining = 0;
  PlanStop stop = PlanStop::None;
  bool fills() const {
    for (const auto &s : steps)
      if (!s.stp_cancel) return true;
    return false;
  }
};

struct Exchange::Impl {
  explicit Impl(uint64_t seed) : ids(seed) {}

  IdGenerator ids;
  std::map<std::string, MarketState, std::less<>> markets;
  std::map<uint32_t, Member> members;
  uint32_t next_member = 1;
  uint64_t next_seq = 1;
  std::unordered_map<uint64_t, std::unique_ptr<OrderRec>> orders;
  std::unordered_map<uint32_t, std::unordered_map<std::string, uint64_t>> by_client;
  std::unordered_map<std::string, uint64_t> by_id;
  std::map<uint64_t, OrderRec *> resting;  // every resting order, by seq
  std::unordered_map<uint32_t, size_t> resting_per_member;
  std::set<std::pair<int64_t, uint64_t>> expiries;
  std::deque<uint64_t> finished;
  std::map<std::string, GroupState, std::less<>> groups;
  std::vector<ExchangeObserver *> observers;
  int64_t now_ms = 0;

  // exchange.cpp
  Account *account(AccountKey a);
  const Account *account(AccountKey a) const;
  MarketState *market(std::string_view ticker);
  OrderRec *lookup(uint32_t member, std::string_view client_id, std::string_view order_id);
  void housekeeping(int64_t now);
  void evict_finished();
  template <class F>
  void notify(F &&f) {
    const auto copy = observers;
    for (auto *o : copy) f(*o);
  }
  void emit(OrderEventKind kind, const OrderRec &r, const Fill *fill, std::string_view reason,
            bool expiry_style = false, bool traded_on_arrival = false);
  void emit_level(const MarketState &ms, Side side, Price price);

  // accounts.cpp
  Money market_reserve(const Account &a, const MarketState &ms, const Order *extra) const;
  Money position_margin(const Account &a) const;
  Money available(const Account &a) const;
  void refresh_reserve(Account &a, const MarketState &ms);
  // Applies one fill to the account; fills in position_after and balance_delta.
  void apply_fill(Account &a, const MarketState &ms, Side side, Price p, Qty q, Money fee, Fill *f);

  // matching.cpp
  MatchPlan plan(const MarketState &ms, const Order &taker, Qty qty, Money max_cost) const;
  bool crosses(const MarketState &ms, Side side, Price price) const;
  // Matches `taker` (not on the book) as far as it goes; returns the reason it stopped early
  // (STP / group trigger), empty when it ran out of liquidity or quantity.
  std::string_view match(MarketState &ms, OrderRec &taker, Money max_cost);
  void fill(MarketState &ms, OrderRec &taker, OrderRec &maker, Qty q);
  void rest(MarketState &ms, OrderRec &r);
  void unbook(MarketState &ms, OrderRec &r);
  // Takes the order off the book and out of every live index (detach), with its final status
  // (finish).
  void detach(OrderRec &r);
  void finish(OrderRec &r, OrderStatus status);
  void cancel_order(OrderRec &r, std::string_view reason, bool expiry_style,
                    OrderStatus status = OrderStatus::Canceled);
  OrderRec *create(const OrderRequest &r, int64_t now);
  Outcome validate(const OrderRequest &r, const MarketState *&ms) const;

  // order_groups.cpp
  void group_volume(const std::string &group_id, Qty q);
  void trigger_group(GroupState &gs);
  void prune_window(GroupState &gs);

  // lifecycle.cpp
  void run_clock(int64_t now);
  void close_market(MarketState &ms);
};

Outcome status_reject(const Market &m);
int64_t end_of_day_et_ms(int64_t now_ms);

}  // namespace kalshi::sim
