// Time and market lifecycle: scheduled opens and closes, Day/GTD expiry, pause/close/settle, and
// block trades agreed outside the book (RFQ).
#include <algorithm>

#include "sim/exchange/exchange_impl.h"
#include "sim/exchange/money.h"

namespace kalshi::sim {

namespace {

int rc(RejectCode c) {
  return static_cast<int>(c);
}

}  // namespace

void Exchange::Impl::run_clock(int64_t now) {
  // The exchange clock never runs backwards, whatever the caller passes.
  now_ms = std::max(now_ms, now);
  for (auto &[ticker, ms] : markets) {
    if (ms.m.status == MarketStatus::Initialized && ms.m.open_time_ms != 0 &&
        now_ms >= ms.m.open_time_ms && (ms.m.close_time_ms == 0 || now_ms < ms.m.close_time_ms)) {
      ms.m.status = MarketStatus::Open;
      const Market &m = ms.m;
      notify([&](ExchangeObserver &o) { o.on_market_status(m); });
    }
  }
  while (!expiries.empty() && expiries.begin()->first <= now_ms) {
    const uint64_t seq = expiries.begin()->second;
    auto it = orders.find(seq);
    if (it == orders.end() || it->second->o.status != OrderStatus::Resting) {
      expiries.erase(expiries.begin());
      continue;
    }
    cancel_order(*it->second, {}, true, OrderStatus::Expired);
  }
  for (auto &[ticker, ms] : markets) {
    const bool live = ms.m.status == MarketStatus::Open || ms.m.status == MarketStatus::Paused ||
                      ms.m.status == MarketStatus::Initialized;
    if (live && ms.m.close_time_ms != 0 && now_ms >= ms.m.close_time_ms) close_market(ms);
  }
}

void Exchange::Impl::close_market(MarketState &ms) {
  ms.m.status = MarketStatus::Closed;
  const Market &m = ms.m;
  notify([&](ExchangeObserver &o) { o.on_market_status(m); });
  std::vector<OrderRec *> victims;
  for (const auto &[seq, rec] : resting) {
    if (rec->o.ticker == ms.m.ticker) victims.push_back(rec);
  }
  for (OrderRec *rec : victims) cancel_order(*rec, "MARKET_CLOSED", true);
}

void Exchange::advance_time(int64_t now_ms) {
  impl_->housekeeping(now_ms);
}

Outcome Exchange::set_market_status(std::string_view ticker, MarketStatus s, int64_t now_ms) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  MarketState *ms = x.market(ticker);
  if (ms == nullptr) {
    return Outcome::reject(rc(RejectCode::UnknownSymbol), "MARKET_NOT_FOUND",
                           "no market " + std::string(ticker));
  }
  if (ms->m.status == MarketStatus::Settled) {
    return Outcome::reject(rc(RejectCode::ExchangeClosed), "MARKET_ALREADY_CLOSED",
                           "the market is settled");
  }
  if (s == MarketStatus::Settled) return settle(ticker, ms->m.settlement_value, now_ms);
  if (ms->m.status == s) return Outcome::success();
  if (s == MarketStatus::Closed) {
    x.close_market(*ms);
    return Outcome::success();
  }
  ms->m.status = s;
  const Market &m = ms->m;
  x.notify([&](ExchangeObserver &o) { o.on_market_status(m); });
  if (s == MarketStatus::Paused) {
    std::vector<OrderRec *> victims;
    for (const auto &[seq, rec] : x.resting) {
      if (rec->o.ticker == m.ticker && rec->o.cancel_on_pause) victims.push_back(rec);
    }
    for (OrderRec *rec : victims) x.cancel_order(*rec, "TRADING_PAUSED", false);
  }
  return Outcome::success();
}

Outcome Exchange::settle(std::string_view ticker, Price yes_value, int64_t now_ms) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  MarketState *ms = x.market(ticker);
  if (ms == nullptr) {
    return Outcome::reject(rc(RejectCode::UnknownSymbol), "MARKET_NOT_FOUND",
                           "no market " + std::string(ticker));
  }
  if (ms->m.kind != MarketKind::Binary) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "perpetual markets do not settle");
  }
  if (ms->m.status == MarketStatus::Settled) {
    return Outcome::reject(rc(RejectCode::ExchangeClosed), "MARKET_ALREADY_CLOSED",
                           "the market is already settled");
  }
  if (yes_value < 0 || yes_value > kDollar) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "settlement value must be between 0 and 1 dollar");
  }
  std::vector<OrderRec *> victims;
  for (const auto &[seq, rec] : x.resting) {
    if (rec->o.ticker == ms->m.ticker) victims.push_back(rec);
  }
  for (OrderRec *rec : victims) x.cancel_order(*rec, "MARKET_CLOSED", true);

  Settlement st;
  st.ticker = ms->m.ticker;
  st.settlement_id = x.ids.uuid();
  st.value = yes_value;
  st.time_ms = x.now_ms;
  for (auto &[member_id, member] : x.members) {
    for (auto &[sub, acc] : member.subaccounts) {
      auto p = acc.positions.find(ms->m.ticker);
      if (p == acc.positions.end() || p->second.contracts == 0) continue;
      PositionState &ps = p->second;
      SettlementEntry e;
      e.account = {member_id, sub};
      if (ps.contracts > 0) {
        e.yes_contracts = ps.contracts;
        e.payout = notional(yes_value, ps.contracts);
      } else {
        e.no_contracts = -ps.contracts;
        e.payout = notional(kDollar - yes_value, -ps.contracts);
      }
      e.fees = ps.fees;
      acc.cash += e.payout;
      ps.realized += e.payout - ps.cost;
      ps.cost = 0;
      ps.contracts = 0;
      st.entries.push_back(e);
    }
  }
  ms->m.status = MarketStatus::Settled;
  ms->m.settlement_value = yes_value;
  const Market &m = ms->m;
  x.notify([&](ExchangeObserver &o) { o.on_market_status(m); });
  x.notify([&](ExchangeObserver &o) { o.on_settlement(st); });
  return Outcome::success();
}

Outcome Exchange::execute_block_trade(std::string_view ticker, AccountKey buyer, AccountKey seller,
                                      Price price, Qty qty, uint64_t buyer_origin,
                                      uint64_t seller_origin, int64_t now_ms) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  MarketState *ms = x.market(ticker);
  if (ms == nullptr) {
    return Outcome::reject(rc(RejectCode::UnknownSymbol), "MARKET_NOT_FOUND",
                           "no market " + std::string(ticker));
  }
  if (Outcome st = status_reject(ms->m); !st.ok) return st;
  Account *ba = x.account(buyer);
  Account *sa = x.account(seller);
  if (ba == nullptr || sa == nullptr) {
    return Outcome::reject(rc(RejectCode::UnknownAccount), "CUSTOMER_ACCOUNT_NOT_FOUND",
                           "unknown member or subaccount");
  }
  if (buyer.member == seller.member) {
    return Outcome::reject(rc(RejectCode::Unsupported), "SELF_CROSS_ATTEMPT",
                           "a member cannot trade with itself");
  }
  if (!Exchange::on_tick(ms->m, price)) {
    return Outcome::reject(rc(RejectCode::Unsupported), "INVALID_ORDER",
                           "price is not on the market's tick grid");
  }
  if (qty <= 0 || qty > kMaxOrderQty || (!ms->m.fractional && qty % kContract != 0)) {
    return Outcome::reject(rc(RejectCode::IncorrectQuantity), "INVALID_ORDER",
                           "bad block trade quantity");
  }
  const Money fee = trade_fee(ms->m, ms->m.taker_fee_ppm, price, qty);
  for (auto [acc, side] : {std::pair{ba, Side::Buy}, std::pair{sa, Side::Sell}}) {
    Order probe;
    probe.side = side;
    probe.price = price;
    probe.leaves = qty;
    auto cur = acc->reserved.find(ms->m.ticker);
    const Money before = cur == acc->reserved.end() ? 0 : cur->second;
    if (x.market_reserve(*acc, *ms, &probe) - before + fee > x.available(*acc)) {
      return Outcome::reject(rc(RejectCode::ExceedsLimit), "INSUFFICIENT_BALANCE",
                             "available balance does not cover the block trade");
    }
  }
  // Two synthetic orders, born filled.
  OrderRequest req;
  req.ticker = std::string(ticker);
  req.price = price;
  req.qty = qty;
  req.tif = TimeInForce::Ioc;
  req.account = buyer;
  req.side = Side::Buy;
  req.origin = buyer_origin;
  OrderRec &b = *x.create(req, x.now_ms);
  req.account = seller;
  req.side = Side::Sell;
  req.origin = seller_origin;
  OrderRec &s = *x.create(req, x.now_ms);
  x.emit(OrderEventKind::New, b, nullptr, {}, false, true);
  x.emit(OrderEventKind::New, s, nullptr, {}, false, true);
  const std::string trade_id = x.ids.uuid();
  Fill bf, sf;
  bf.trade_id = sf.trade_id = trade_id;
  bf.price = sf.price = price;
  bf.qty = sf.qty = qty;
  bf.aggressor = sf.aggressor = true;
  x.apply_fill(*ba, *ms, Side::Buy, price, qty, fee, &bf);
  x.apply_fill(*sa, *ms, Side::Sell, price, qty, fee, &sf);
  for (OrderRec *r : {&b, &s}) {
    r->o.filled = qty;
    r->o.leaves = 0;
    r->o.fill_notional = notional(price, qty);
    x.finish(*r, OrderStatus::Filled);
  }
  x.refresh_reserve(*ba, *ms);
  x.refresh_reserve(*sa, *ms);
  PublicTrade pt;
  pt.ticker = ms->m.ticker;
  pt.trade_id = trade_id;
  pt.price = price;
  pt.qty = qty;
  pt.taker_side = Side::Buy;
  pt.time_ms = x.now_ms;
  ms->trades.push_back(pt);
  if (ms->trades.size() > kMaxTradesPerMarket) ms->trades.pop_front();
  x.emit(OrderEventKind::Trade, b, &bf, {});
  x.emit(OrderEventKind::Trade, s, &sf, {});
  x.notify([&](ExchangeObserver &o) { o.on_public_trade(pt); });
  return Outcome::success();
}

}  // namespace kalshi::sim
