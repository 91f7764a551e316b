// Exchange: construction, observers, members, lookups and queries. Commands live in matching.cpp
// (submit), amend.cpp (cancel, replace, mass cancel), order_groups.cpp and lifecycle.cpp.
#include <algorithm>

#include "sim/exchange/exchange_impl.h"
#include "sim/exchange/seed_loader.h"

namespace kalshi::sim {

namespace detail {
std::string_view default_markets_json_text();  // generated from tools/sim/markets.json
}

Exchange::Exchange(uint64_t seed) : impl_(std::make_unique<Impl>(seed)) {}
Exchange::~Exchange() = default;

std::string_view Exchange::default_markets_json() {
  return detail::default_markets_json_text();
}

Error Exchange::load_markets(std::string_view json) {
  std::vector<Market> parsed;
  if (Error e = parse_markets_json(json, &parsed); !e.ok()) return e;
  for (const Market &m : parsed) {
    if (impl_->markets.count(m.ticker) != 0) {
      return Error::make(KALSHI_ERR_INVALID_VALUE,
                         "markets file: market '" + m.ticker + "': field 'ticker': already loaded");
    }
  }
  for (Market &m : parsed) {
    std::string key = m.ticker;
    MarketState ms;
    ms.m = std::move(m);
    impl_->markets.emplace(std::move(key), std::move(ms));
  }
  return {};
}

void Exchange::add_observer(ExchangeObserver *o) {
  if (o != nullptr &&
      std::find(impl_->observers.begin(), impl_->observers.end(), o) == impl_->observers.end()) {
    impl_->observers.push_back(o);
  }
}

void Exchange::remove_observer(ExchangeObserver *o) {
  auto &v = impl_->observers;
  v.erase(std::remove(v.begin(), v.end(), o), v.end());
}

uint32_t Exchange::add_member(std::string_view name, Money balance) {
  const uint32_t id = impl_->next_member++;
  Member &m = impl_->members[id];
  m.name = std::string(name);
  m.subaccounts[0].cash = balance;
  return id;
}

Error Exchange::set_balance(AccountKey a, Money balance) {
  Account *acc = impl_->account(a);
  if (acc == nullptr) return Error::make(KALSHI_ERR_NOT_FOUND, "no such member or subaccount");
  acc->cash = balance;
  return {};
}

Money Exchange::balance(AccountKey a) const {
  const Account *acc = impl_->account(a);
  return acc == nullptr ? 0 : acc->cash;
}

bool Exchange::member_exists(uint32_t member) const {
  return impl_->members.count(member) != 0;
}

// ---- Impl helpers -------------------------------------------------------------------------------

// Subaccounts 1..63 exist implicitly (empty) once the member exists: the simulator does not model
// subaccount creation.
Account *Exchange::Impl::account(AccountKey a) {
  auto it = members.find(a.member);
  if (it == members.end() || a.subaccount > kMaxSubaccount) return nullptr;
  return &it->second.subaccounts[a.subaccount];
}

const Account *Exchange::Impl::account(AccountKey a) const {
  static const Account kEmpty;
  auto it = members.find(a.member);
  if (it == members.end() || a.subaccount > kMaxSubaccount) return nullptr;
  auto sub = it->second.subaccounts.find(a.subaccount);
  return sub == it->second.subaccounts.end() ? &kEmpty : &sub->second;
}

MarketState *Exchange::Impl::market(std::string_view ticker) {
  auto it = markets.find(ticker);
  return it == markets.end() ? nullptr : &it->second;
}

OrderRec *Exchange::Impl::lookup(uint32_t member, std::string_view client_id,
                                 std::string_view order_id) {
  uint64_t seq = 0;
  if (!order_id.empty()) {
    auto it = by_id.find(std::string(order_id));
    if (it == by_id.end()) return nullptr;
    seq = it->second;
  } else {
    auto m = by_client.find(member);
    if (m == by_client.end()) return nullptr;
    auto it = m->second.find(std::string(client_id));
    if (it == m->second.end()) return nullptr;
    seq = it->second;
  }
  auto it = orders.find(seq);
  if (it == orders.end() || it->second->o.account.member != member) return nullptr;
  return it->second.get();
}

// Runs at the start of every command: forgets old finished orders (so pointers handed out by the
// previous command stay valid until this one) and lets the clock act.
void Exchange::Impl::housekeeping(int64_t now) {
  evict_finished();
  run_clock(now);
}

void Exchange::Impl::evict_finished() {
  while (!finished.empty()) {
    auto it = orders.find(finished.front());
    if (it != orders.end()) {
      const OrderRec &r = *it->second;
      const bool old = now_ms - r.finished_ms > kFinishedRetentionMs;
      if (finished.size() <= kMaxFinishedOrders && !old) break;
      auto m = by_client.find(r.o.account.member);
      if (m != by_client.end()) {
        for (const auto &id : r.client_ids) {
          auto c = m->second.find(id);
          if (c != m->second.end() && c->second == r.o.seq) m->second.erase(c);
        }
      }
      by_id.erase(r.o.order_id);
      orders.erase(it);
    }
    finished.pop_front();
  }
}

void Exchange::Impl::emit(OrderEventKind kind, const OrderRec &r, const Fill *f,
                          std::string_view reason, bool expiry_style, bool traded_on_arrival) {
  OrderEvent ev;
  ev.kind = kind;
  ev.order = &r.o;
  ev.fill = f;
  ev.reason = reason;
  ev.expiry_style = expiry_style;
  ev.traded_on_arrival = traded_on_arrival;
  ev.time_ms = now_ms;
  notify([&](ExchangeObserver &o) { o.on_order_event(ev); });
}

void Exchange::Impl::emit_level(const MarketState &ms, Side side, Price price) {
  const auto &levels = side == Side::Buy ? ms.bids : ms.asks;
  LevelChange lc;
  lc.ticker = ms.m.ticker;
  lc.side = side;
  lc.price = price;
  auto it = levels.find(price);
  if (it != levels.end()) lc.qty = it->second.total;
  notify([&](ExchangeObserver &o) { o.on_level_change(lc); });
}

// ---- queries
// --------------------------------------------------------------------------------------

const Market *Exchange::find_market(std::string_view ticker) const {
  auto it = impl_->markets.find(ticker);
  return it == impl_->markets.end() ? nullptr : &it->second.m;
}

std::vector<const Market *> Exchange::markets() const {
  std::vector<const Market *> out;
  out.reserve(impl_->markets.size());
  for (const auto &[t, ms] : impl_->markets) out.push_back(&ms.m);
  return out;
}

const Order *Exchange::find_order(uint32_t member, std::string_view client_order_id) const {
  if (client_order_id.empty()) return nullptr;
  const OrderRec *r = impl_->lookup(member, client_order_id, {});
  return r == nullptr ? nullptr : &r->o;
}

const Order *Exchange::find_order_by_id(std::string_view order_id) const {
  auto it = impl_->by_id.find(std::string(order_id));
  if (it == impl_->by_id.end()) return nullptr;
  auto o = impl_->orders.find(it->second);
  return o == impl_->orders.end() ? nullptr : &o->second->o;
}

std::vector<const Order *> Exchange::open_orders(uint32_t member) const {
  std::vector<const Order *> out;
  for (const auto &[seq, r] : impl_->resting) {
    if (r->o.account.member == member) out.push_back(&r->o);
  }
  return out;
}

BookSnapshot Exchange::book(std::string_view ticker, size_t depth) const {
  BookSnapshot snap;
  auto it = impl_->markets.find(ticker);
  if (it == impl_->markets.end()) return snap;
  for (auto b = it->second.bids.rbegin(); b != it->second.bids.rend() && snap.bids.size() < depth;
       ++b) {
    snap.bids.push_back({b->first, b->second.total});
  }
  for (auto a = it->second.asks.begin(); a != it->second.asks.end() && snap.asks.size() < depth;
       ++a) {
    snap.asks.push_back({a->first, a->second.total});
  }
  return snap;
}

std::vector<Position> Exchange::positions(AccountKey a) const {
  std::vector<Position> out;
  const Account *acc = impl_->account(a);
  if (acc == nullptr) return out;
  for (const auto &[ticker, p] : acc->positions) {
    out.push_back({ticker, p.contracts, p.cost, p.realized, p.fees});
  }
  return out;
}

const OrderGroup *Exchange::find_order_group(std::string_view id) const {
  auto it = impl_->groups.find(id);
  return it == impl_->groups.end() ? nullptr : &it->second.g;
}

std::vector<PublicTrade> Exchange::trades(std::string_view ticker, size_t max) const {
  std::vector<PublicTrade> out;
  auto it = impl_->markets.find(ticker);
  if (it == impl_->markets.end()) return out;
  const auto &t = it->second.trades;
  const size_t n = std::min(max, t.size());
  out.assign(t.end() - static_cast<std::ptrdiff_t>(n), t.end());
  return out;
}

}  // namespace kalshi::sim
