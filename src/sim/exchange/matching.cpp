// Order entry and matching: validation with the spec's reject codes, price-time priority on one
// book per market (binary: Sell at p = buy NO at 1 - p), time in force, post-only, reduce-only,
// self-trade prevention, max cost, and the fill itself.
#include <algorithm>

#include "sim/exchange/exchange_impl.h"
#include "sim/exchange/money.h"

namespace kalshi::sim {

namespace {

int rc(RejectCode c) {
  return static_cast<int>(c);
}

bool crosses_price(Side taker, Price limit, Price resting) {
  return taker == Side::Buy ? resting <= limit : resting >= limit;
}

bool is_ioc(const Order &o, int64_t now) {
  return o.tif == TimeInForce::Ioc || o.tif == TimeInForce::Fok || o.reduce_only ||
         (o.tif == TimeInForce::Gtd && o.expire_ms <= now);
}

}  // namespace

Outcome Exchange::Impl::validate(const OrderRequest &r, const MarketState *&ms) const {
  auto mit = markets.find(r.ticker);
  if (mit == markets.end()) {
    return Outcome::reject(rc(RejectCode::UnknownSymbol), "MARKET_NOT_FOUND",
                           "no market " + r.ticker);
  }
  ms = &mit->second;
  const Market &m = ms->m;
  if (account(r.account) == nullptr) {
    return Outcome::reject(rc(RejectCode::UnknownAccount), "CUSTOMER_ACCOUNT_NOT_FOUND",
                           "unknown member or subaccount " + std::to_string(r.account.subaccount));
  }
  if (Outcome st = status_reject(m); !st.ok) return st;
  if (r.client_order_id.empty() || r.client_order_id.size() > 64) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "ClOrdID must be 1-64 characters");
  }
  auto bc = by_client.find(r.account.member);
  if (bc != by_client.end() && bc->second.count(r.client_order_id) != 0) {
    return Outcome::reject(rc(RejectCode::Duplicate), "ORDER_ALREADY_EXISTS",
                           "ClOrdID " + r.client_order_id + " was already used");
  }
  if (r.side != Side::Buy && r.side != Side::Sell) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER", "bad side");
  }
  if (r.qty <= 0 || r.qty > kMaxOrderQty || (!m.fractional && r.qty % kContract != 0)) {
    return Outcome::reject(rc(RejectCode::IncorrectQuantity), "INVALID_ORDER",
                           m.fractional ? "quantity must be positive"
                                        : "quantity must be a positive whole number of contracts");
  }
  if (!Exchange::on_tick(m, r.price)) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "price is not on the market's tick grid");
  }
  if (m.kind == MarketKind::Perp && m.price_band > 0 &&
      (r.price > m.reference_price + m.price_band || r.price < m.reference_price - m.price_band)) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "price is outside the market's price band");
  }
  switch (r.tif) {
    case TimeInForce::Day:
    case TimeInForce::Gtc:
    case TimeInForce::Ioc:
    case TimeInForce::Fok:
      break;
    case TimeInForce::Gtd:
      if (r.expire_ms <= 0) {
        return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                               "GTD needs an expire time");
      }
      break;
    default:
      return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER", "bad time in force");
  }
  if (r.reduce_only && r.tif != TimeInForce::Ioc) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "reduce-only orders must be IOC");
  }
  if (r.post_only && (r.tif == TimeInForce::Ioc || r.tif == TimeInForce::Fok || r.reduce_only)) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "post-only cannot be immediate");
  }
  if (r.stp != SelfTradePrevention::TakerAtCross && r.stp != SelfTradePrevention::Maker) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER", "bad STP type");
  }
  if (r.max_cost < 0) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER", "negative max cost");
  }
  if (!r.order_group_id.empty()) {
    auto g = groups.find(r.order_group_id);
    if (g == groups.end() || !(g->second.g.account == r.account)) {
      return Outcome::reject(rc(RejectCode::Unsupported), "ORDER_GROUP_NOT_FOUND",
                             "no order group " + r.order_group_id + " for this account");
    }
    if (g->second.g.triggered) {
      return Outcome::reject(rc(RejectCode::ExceedsLimit), "EXCEEDED_ORDER_GROUP_RISK_LIMIT",
                             "order group " + r.order_group_id + " is triggered");
    }
  }
  if (auto n = resting_per_member.find(r.account.member);
      n != resting_per_member.end() && n->second >= kMaxRestingPerMember) {
    return Outcome::reject(rc(RejectCode::ExceedsLimit), "EXCEEDED_PER_MARKET_RISK_LIMIT",
                           "too many resting orders");
  }
  // Collateral: the order's reserve (after netting against the position) plus the worst fee.
  const Account &acc = *account(r.account);
  Order probe;
  probe.side = r.side;
  probe.price = r.price;
  probe.leaves = r.qty;
  auto cur = acc.reserved.find(m.ticker);
  const Money before = cur == acc.reserved.end() ? 0 : cur->second;
  const Money after = market_reserve(acc, *ms, &probe);
  const Money fee = trade_fee(m, std::max(m.taker_fee_ppm, m.maker_fee_ppm), r.price, r.qty);
  if (after - before + fee > available(acc)) {
    return Outcome::reject(rc(RejectCode::ExceedsLimit), "INSUFFICIENT_BALANCE",
                           "available balance does not cover the order's cost and fees");
  }
  return Outcome::success();
}

OrderRec *Exchange::Impl::create(const OrderRequest &r, int64_t now) {
  auto rec = std::make_unique<OrderRec>();
  Order &o = rec->o;
  o.seq = next_seq++;
  o.order_id = ids.uuid();
  o.client_order_id = r.client_order_id;
  o.account = r.account;
  o.ticker = r.ticker;
  o.side = r.side;
  o.price = r.price;
  o.original_qty = r.qty;
  o.leaves = r.qty;
  o.tif = r.tif;
  o.expire_ms = r.tif == TimeInForce::Gtd   ? r.expire_ms
                : r.tif == TimeInForce::Day ? end_of_day_et_ms(now)
                                            : 0;
  o.post_only = r.post_only;
  o.reduce_only = r.reduce_only;
  o.cancel_on_pause = r.cancel_on_pause;
  o.stp = r.stp;
  o.order_group_id = r.order_group_id;
  o.origin = r.origin;
  o.created_ms = now;
  o.updated_ms = now;
  if (!r.client_order_id.empty()) {
    rec->client_ids.push_back(r.client_order_id);
    by_client[r.account.member][r.client_order_id] = o.seq;
  }
  by_id[o.order_id] = o.seq;
  OrderRec *raw = rec.get();
  orders.emplace(o.seq, std::move(rec));
  return raw;
}

bool Exchange::Impl::crosses(const MarketState &ms, Side side, Price price) const {
  if (side == Side::Buy) return !ms.asks.empty() && ms.asks.begin()->first <= price;
  return !ms.bids.empty() && ms.bids.rbegin()->first >= price;
}

// Walks the opposite side best price first, then time, without changing anything.
MatchPlan Exchange::Impl::plan(const MarketState &ms, const Order &taker, Qty qty,
                               Money max_cost) const {
  MatchPlan p;
  p.remaining = qty;
  Money cost = 0;
  auto visit = [&](const Queue &q, Price price) {
    for (OrderRec *maker : q) {
      if (p.remaining <= 0) return false;
      if (maker->o.account.member == taker.account.member) {
        if (taker.stp == SelfTradePrevention::TakerAtCross) {
          p.stop = PlanStop::SelfTrade;
          return false;
        }
        p.steps.push_back({maker, 0, true});
        continue;
      }
      const Qty take = std::min(p.remaining, maker->o.leaves);
      // Max cost counts what the taker pays: the premium (binary) or the notional (perps).
      const Money step_cost = ms.m.kind == MarketKind::Perp
                                  ? notional(price, take)
                                  : open_cost(ms.m, taker.side, price, take);
      if (max_cost > 0 && cost + step_cost > max_cost) {
        p.stop = PlanStop::MaxCost;
        return false;
      }
      cost += step_cost;
      p.steps.push_back({maker, take, false});
      p.remaining -= take;
    }
    return p.remaining > 0;
  };
  bool go = true;
  if (taker.side == Side::Buy) {
    for (auto it = ms.asks.begin(); go && it != ms.asks.end(); ++it) {
      if (!crosses_price(taker.side, taker.price, it->first)) break;
      go = visit(it->second.orders, it->first);
    }
  } else {
    for (auto it = ms.bids.rbegin(); go && it != ms.bids.rend(); ++it) {
      if (!crosses_price(taker.side, taker.price, it->first)) break;
      go = visit(it->second.orders, it->first);
    }
  }
  return p;
}

void Exchange::Impl::unbook(MarketState &ms, OrderRec &r) {
  if (!r.on_book) return;
  auto &levels = r.o.side == Side::Buy ? ms.bids : ms.asks;
  auto lv = levels.find(r.o.price);
  if (lv != levels.end()) {
    lv->second.orders.erase(r.book_it);
    lv->second.total -= r.o.leaves;
    if (lv->second.orders.empty()) levels.erase(lv);
  }
  r.on_book = false;
}

// Appends the order at the tail of its price level (time priority) and into the live indexes.
void Exchange::Impl::rest(MarketState &ms, OrderRec &r) {
  PriceLevel &level = (r.o.side == Side::Buy ? ms.bids : ms.asks)[r.o.price];
  r.book_it = level.orders.insert(level.orders.end(), &r);
  level.total += r.o.leaves;
  r.on_book = true;
  r.o.status = OrderStatus::Resting;
  if (resting.emplace(r.o.seq, &r).second) ++resting_per_member[r.o.account.member];
  Account &a = *account(r.o.account);
  a.resting[r.o.ticker].insert(r.o.seq);
  refresh_reserve(a, ms);
  if (r.o.expire_ms != 0) expiries.insert({r.o.expire_ms, r.o.seq});
  if (!r.o.order_group_id.empty()) {
    auto g = groups.find(r.o.order_group_id);
    if (g != groups.end()) g->second.orders.insert(r.o.seq);
  }
}

void Exchange::Impl::detach(OrderRec &r) {
  MarketState *ms = market(r.o.ticker);
  if (ms != nullptr) unbook(*ms, r);
  if (resting.erase(r.o.seq) != 0) {
    auto n = resting_per_member.find(r.o.account.member);
    if (n != resting_per_member.end() && --n->second == 0) resting_per_member.erase(n);
  }
  if (r.o.expire_ms != 0) expiries.erase({r.o.expire_ms, r.o.seq});
  if (!r.o.order_group_id.empty()) {
    auto g = groups.find(r.o.order_group_id);
    if (g != groups.end()) g->second.orders.erase(r.o.seq);
  }
  if (Account *a = account(r.o.account); a != nullptr) {
    auto rs = a->resting.find(r.o.ticker);
    if (rs != a->resting.end()) {
      rs->second.erase(r.o.seq);
      if (rs->second.empty()) a->resting.erase(rs);
    }
    if (ms != nullptr) refresh_reserve(*a, *ms);
  }
}

void Exchange::Impl::finish(OrderRec &r, OrderStatus status) {
  detach(r);
  if (status != OrderStatus::Filled) r.o.leaves = 0;
  r.o.status = status;
  r.o.updated_ms = now_ms;
  r.finished_ms = now_ms;
  finished.push_back(r.o.seq);
}

void Exchange::Impl::cancel_order(OrderRec &r, std::string_view reason, bool expiry_style,
                                  OrderStatus status) {
  const bool was_booked = r.on_book;
  const Side side = r.o.side;
  const Price price = r.o.price;
  finish(r, status);
  emit(status == OrderStatus::Expired ? OrderEventKind::Expired : OrderEventKind::Canceled, r,
       nullptr, reason, expiry_style);
  if (was_booked) {
    if (const MarketState *ms = market(r.o.ticker); ms != nullptr) emit_level(*ms, side, price);
  }
}

// One trade between the incoming order and a resting one at the resting order's price.
void Exchange::Impl::fill(MarketState &ms, OrderRec &taker, OrderRec &maker, Qty q) {
  const Price price = maker.o.price;
  const std::string trade_id = ids.uuid();
  if (maker.on_book) {
    auto &levels = maker.o.side == Side::Buy ? ms.bids : ms.asks;
    if (auto lv = levels.find(price); lv != levels.end()) lv->second.total -= q;
  }
  for (OrderRec *r : {&taker, &maker}) {
    r->o.filled += q;
    r->o.leaves -= q;
    r->o.fill_notional += notional(price, q);
    r->o.updated_ms = now_ms;
  }
  Fill tf, mf;
  tf.trade_id = mf.trade_id = trade_id;
  tf.price = mf.price = price;
  tf.qty = mf.qty = q;
  tf.aggressor = true;
  Account &ta = *account(taker.o.account);
  Account &ma = *account(maker.o.account);
  apply_fill(ta, ms, taker.o.side, price, q, trade_fee(ms.m, ms.m.taker_fee_ppm, price, q), &tf);
  apply_fill(ma, ms, maker.o.side, price, q, trade_fee(ms.m, ms.m.maker_fee_ppm, price, q), &mf);
  if (maker.o.leaves == 0) {
    finish(maker, OrderStatus::Filled);
  } else {
    refresh_reserve(ma, ms);
  }
  if (taker.o.leaves == 0) taker.o.status = OrderStatus::Filled;
  refresh_reserve(ta, ms);

  PublicTrade pt;
  pt.ticker = ms.m.ticker;
  pt.trade_id = trade_id;
  pt.price = price;
  pt.qty = q;
  pt.taker_side = taker.o.side;
  pt.time_ms = now_ms;
  ms.trades.push_back(pt);
  if (ms.trades.size() > kMaxTradesPerMarket) ms.trades.pop_front();

  emit(OrderEventKind::Trade, taker, &tf, {});
  emit(OrderEventKind::Trade, maker, &mf, {});
  notify([&](ExchangeObserver &o) { o.on_public_trade(pt); });
  emit_level(ms, maker.o.side, price);
  group_volume(maker.o.order_group_id, q);
  group_volume(taker.o.order_group_id, q);
}

// Matches as far as the book, the quantity and the rules allow. Re-plans after each pass, since
// an order group firing during a fill can take planned makers off the book.
std::string_view Exchange::Impl::match(MarketState &ms, OrderRec &taker, Money max_cost) {
  for (;;) {
    if (taker.o.leaves <= 0) return {};
    if (!taker.o.order_group_id.empty()) {
      auto g = groups.find(taker.o.order_group_id);
      if (g == groups.end() || g->second.g.triggered) return "ORDER_GROUP_CANCEL";
    }
    const MatchPlan p = plan(ms, taker.o, taker.o.leaves, max_cost);
    bool progressed = false;
    for (const MatchStep &s : p.steps) {
      if (!s.maker->on_book) break;  // taken off by a group trigger: plan again
      if (!taker.o.order_group_id.empty()) {
        auto g = groups.find(taker.o.order_group_id);
        if (g == groups.end() || g->second.g.triggered) return "ORDER_GROUP_CANCEL";
      }
      if (s.stp_cancel) {
        cancel_order(*s.maker, "MAKER_CANCEL_FOR_SELF_TRADE_PREVENTION", false);
      } else {
        const Qty q = std::min(s.qty, std::min(taker.o.leaves, s.maker->o.leaves));
        if (max_cost > 0)
          max_cost -= ms.m.kind == MarketKind::Perp
                          ? notional(s.maker->o.price, q)
                          : open_cost(ms.m, taker.o.side, s.maker->o.price, q);
        fill(ms, taker, *s.maker, q);
      }
      progressed = true;
    }
    if (p.stop == PlanStop::SelfTrade && taker.o.leaves > 0) {
      // Only once the planned steps are done: fills before the self-cross stand.
      const MatchPlan again = plan(ms, taker.o, taker.o.leaves, max_cost);
      if (again.steps.empty() && again.stop == PlanStop::SelfTrade) {
        return "TAKER_CANCEL_FOR_SELF_TRADE_PREVENTION";
      }
    }
    if (!progressed) return {};
  }
}

Outcome Exchange::submit(const OrderRequest &r, int64_t now_ms, const Order **out) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  const MarketState *cms = nullptr;
  if (Outcome v = x.validate(r, cms); !v.ok) return v;
  MarketState &ms = *x.market(r.ticker);
  OrderRec &rec = *x.create(r, x.now_ms);
  Order &o = rec.o;
  if (out != nullptr) *out = &o;

  // Decide everything that cancels the order outright before the New goes out.
  std::string_view outright;
  const bool immediate = is_ioc(o, x.now_ms);
  const bool all_or_none = o.tif == TimeInForce::Fok || r.max_cost > 0;
  if (o.reduce_only) {
    const Account &a = *x.account(o.account);
    auto p = a.positions.find(o.ticker);
    const Qty pos = p == a.positions.end() ? 0 : p->second.contracts;
    const Qty reducible = o.side == Side::Buy ? std::max<Qty>(0, -pos) : std::max<Qty>(0, pos);
    if (reducible == 0) {
      outright = "REDUCE_ONLY";
    } else {
      o.leaves = std::min(o.leaves, reducible);  // capped at the position
    }
  }
  MatchPlan p;
  if (outright.empty() && o.post_only && x.crosses(ms, o.side, o.price)) {
    outright = "POST_ONLY_CROSS";
  }
  if (outright.empty()) {
    p = x.plan(ms, o, o.leaves, r.max_cost);
    if (all_or_none && (p.remaining > 0 || p.stop != PlanStop::None)) {
      outright = p.stop == PlanStop::SelfTrade ? "TAKER_CANCEL_FOR_SELF_TRADE_PREVENTION"
                                               : "FOK_INSUFFICIENT_VOLUME";
    }
  }
  x.emit(OrderEventKind::New, rec, nullptr, {}, false, outright.empty() && p.fills());
  if (!outright.empty()) {
    x.cancel_order(rec, outright, false);
    return Outcome::success();
  }
  std::string_view stopped = x.match(ms, rec, r.max_cost);
  if (o.leaves == 0) {
    x.finish(rec, OrderStatus::Filled);
    return Outcome::success();
  }
  if (!stopped.empty()) {
    x.cancel_order(rec, stopped, false);
  } else if (immediate || all_or_none) {
    x.cancel_order(rec, "IMMEDIATE_OR_CANCELLED", false);
  } else {
    x.rest(ms, rec);
    x.emit_level(ms, o.side, o.price);
  }
  return Outcome::success();
}

}  // namespace kalshi::sim
