// Cancel, cancel/replace (kalshi-fix.md §4.2, §4.3, §4.6) and mass cancel (§4.4).
//
// Replace keeps the order's queue position when only the quantity goes down or only the expiry
// changes; a price change or a quantity increase sends it to the back of the (new) level, where
// it may cross and trade as a taker. A new total equal to the filled quantity cancels the order.
#include <algorithm>

#include "sim/exchange/exchange_impl.h"
#include "sim/exchange/money.h"

namespace kalshi::sim {

namespace {

int cc(CancelRejectCode c) {
  return static_cast<int>(c);
}

}  // namespace

// Finds the order a cancel/replace names and checks the attributes that must match. On success
// *rec is a resting order of the account.
static Outcome find_target(Exchange::Impl &x, AccountKey account, std::string_view orig,
                           std::string_view order_id, std::string_view ticker, Side side,
                           bool check_side, std::string_view new_client_id, OrderRec **rec) {
  *rec = x.lookup(account.member, orig, order_id);
  if (*rec == nullptr) {
    return Outcome::reject(cc(CancelRejectCode::UnknownOrder), "NOT_FOUND", "no such order");
  }
  const Order &o = (*rec)->o;
  if (!(o.account == account) || (!ticker.empty() && ticker != o.ticker) ||
      (check_side && side != o.side)) {
    return Outcome::reject(cc(CancelRejectCode::UnknownOrder), "ORDER_ATTRIBUTES_MISMATCH",
                           "account, symbol or side differ from the order's");
  }
  if (o.status == OrderStatus::Filled) {
    return Outcome::reject(cc(CancelRejectCode::Broker), "CANNOT_UPDATE_FILLED_ORDER",
                           "the order is filled");
  }
  if (o.status != OrderStatus::Resting) {
    return Outcome::reject(cc(CancelRejectCode::TooLate), "NOT_FOUND", "the order is closed");
  }
  if (!new_client_id.empty()) {
    auto bc = x.by_client.find(account.member);
    if (bc != x.by_client.end() && bc->second.count(std::string(new_client_id)) != 0) {
      return Outcome::reject(cc(CancelRejectCode::Other), "ORDER_ALREADY_EXISTS",
                             "ClOrdID " + std::string(new_client_id) + " was already used");
    }
  }
  return Outcome::success();
}

// The order now answers to `id` too; the previous one becomes OrigClOrdID.
// Only the last few ids stay indexed, so an order amended forever cannot grow memory.
static void rename(Exchange::Impl &x, OrderRec &r, const std::string &id) {
  if (id.empty()) return;
  r.o.orig_client_order_id = r.o.client_order_id;
  r.o.client_order_id = id;
  auto &index = x.by_client[r.o.account.member];
  if (r.client_ids.size() >= kMaxClientIdsPerOrder) {
    auto old = index.find(r.client_ids.front());
    if (old != index.end() && old->second == r.o.seq) index.erase(old);
    r.client_ids.erase(r.client_ids.begin());
  }
  r.client_ids.push_back(id);
  index[id] = r.o.seq;
}

Outcome Exchange::cancel(const CancelRequest &r, int64_t now_ms, const Order **out) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  OrderRec *rec = nullptr;
  if (Outcome f = find_target(x, r.account, r.orig_client_order_id, r.order_id, r.ticker, r.side,
                              r.check_side, r.client_order_id, &rec);
      !f.ok) {
    return f;
  }
  rename(x, *rec, r.client_order_id);
  rec->o.origin = r.origin != 0 ? r.origin : rec->o.origin;
  if (out != nullptr) *out = &rec->o;
  x.cancel_order(*rec, {}, false);
  return Outcome::success();
}

Outcome Exchange::replace(const ReplaceRequest &r, int64_t now_ms, const Order **out) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  OrderRec *rec = nullptr;
  if (Outcome f = find_target(x, r.account, r.orig_client_order_id, r.order_id, r.ticker, r.side,
                              true, r.client_order_id, &rec);
      !f.ok) {
    return f;
  }
  Order &o = rec->o;
  MarketState &ms = *x.market(o.ticker);
  const int other = cc(CancelRejectCode::Other);
  if (Outcome st = status_reject(ms.m); !st.ok) {
    return Outcome::reject(
        ms.m.status == MarketStatus::Paused ? other : cc(CancelRejectCode::TooLate), st.text,
        st.detail);
  }
  if (r.qty < o.filled) {
    return Outcome::reject(cc(CancelRejectCode::Broker), "INVALID_AMEND_QTY_FOR_ORDER",
                           "new total quantity is below the filled quantity");
  }
  if (r.qty <= 0 || r.qty > kMaxOrderQty || (!ms.m.fractional && r.qty % kContract != 0)) {
    return Outcome::reject(cc(CancelRejectCode::Broker), "INVALID_AMEND_QTY_FOR_ORDER",
                           "quantity must be a positive (whole, unless fractional) count");
  }
  const Price price = r.price != 0 ? r.price : o.price;
  if (!Exchange::on_tick(ms.m, price) || (ms.m.kind == MarketKind::Perp && ms.m.price_band > 0 &&
                                          (price > ms.m.reference_price + ms.m.price_band ||
                                           price < ms.m.reference_price - ms.m.price_band))) {
    return Outcome::reject(other, "INVALID_ORDER", "price is not on the grid or outside the band");
  }
  TimeInForce tif = o.tif;
  int64_t expire = o.expire_ms;
  if (r.set_tif) {
    switch (r.tif) {
      case TimeInForce::Day:
        tif = TimeInForce::Day;
        expire = end_of_day_et_ms(x.now_ms);
        break;
      case TimeInForce::Gtc:
        tif = TimeInForce::Gtc;
        expire = 0;
        break;
      case TimeInForce::Gtd:
        if (r.expire_ms <= x.now_ms) {
          return Outcome::reject(other, "INVALID_ORDER", "expire time must be in the future");
        }
        tif = TimeInForce::Gtd;
        expire = r.expire_ms;
        break;
      default:
        return Outcome::reject(other, "INVALID_ORDER", "replace allows only Day, GTC or GTD");
    }
  }
  if (o.post_only && price != o.price) {
    // The order's own level does not count: it leaves it.
    if (x.crosses(ms, o.side, price)) {
      return Outcome::reject(other, "POST_ONLY_CROSS", "the new price would cross the book");
    }
  }
  if (r.qty == o.filled) {
    rename(x, *rec, r.client_order_id);
    if (out != nullptr) *out = &o;
    x.cancel_order(*rec, {}, false);
    return Outcome::success();
  }
  // Collateral for the amended order, checked against the account without the old one.
  Account &acc = *x.account(o.account);
  {
    const Money before = x.market_reserve(acc, ms, nullptr);
    const Qty old_leaves = o.leaves;
    const Price old_price = o.price;
    o.leaves = r.qty - o.filled;
    o.price = price;
    const Money after = x.market_reserve(acc, ms, nullptr);
    o.leaves = old_leaves;
    o.price = old_price;
    const Money fee =
        trade_fee(ms.m, std::max(ms.m.taker_fee_ppm, ms.m.maker_fee_ppm), price, r.qty - o.filled);
    if (after > before && after - before + fee > x.available(acc)) {
      return Outcome::reject(other, "INSUFFICIENT_BALANCE",
                             "available balance does not cover the amended order");
    }
  }
  const Qty total_before = o.filled + o.leaves;
  const bool loses_priority = price != o.price || r.qty > total_before;
  const Side side = o.side;
  const Price old_price = o.price;
  rename(x, *rec, r.client_order_id);
  if (r.origin != 0) o.origin = r.origin;
  if (out != nullptr) *out = &o;
  if (!loses_priority) {
    // In place: the queue slot is kept.
    if (expire != o.expire_ms) {
      if (o.expire_ms != 0) x.expiries.erase({o.expire_ms, o.seq});
      if (expire != 0) x.expiries.insert({expire, o.seq});
    }
    auto &levels = side == Side::Buy ? ms.bids : ms.asks;
    if (auto lv = levels.find(o.price); lv != levels.end() && rec->on_book) {
      lv->second.total += (r.qty - o.filled) - o.leaves;
    }
    o.leaves = r.qty - o.filled;
    o.original_qty = r.qty;
    o.tif = tif;
    o.expire_ms = expire;
    o.updated_ms = x.now_ms;
    x.refresh_reserve(acc, ms);
    x.emit(OrderEventKind::Replaced, *rec, nullptr, {});
    x.emit_level(ms, side, price);
    return Outcome::success();
  }
  x.detach(*rec);
  o.price = price;
  o.leaves = r.qty - o.filled;
  o.original_qty = r.qty;
  o.tif = tif;
  o.expire_ms = expire;
  o.updated_ms = x.now_ms;
  x.emit(OrderEventKind::Replaced, *rec, nullptr, {});
  x.emit_level(ms, side, old_price);
  const std::string_view stopped = x.match(ms, *rec, 0);
  if (o.leaves == 0) {
    x.finish(*rec, OrderStatus::Filled);
  } else if (!stopped.empty()) {
    x.cancel_order(*rec, stopped, false);
  } else {
    x.rest(ms, *rec);
    x.emit_level(ms, side, price);
  }
  return Outcome::success();
}

size_t Exchange::mass_cancel(uint32_t member, uint64_t origin, int64_t now_ms) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  std::vector<OrderRec *> victims;
  for (const auto &[seq, rec] : x.resting) {
    if (rec->o.account.member == member && (origin == 0 || rec->o.origin == origin)) {
      victims.push_back(rec);
    }
  }
  size_t n = 0;
  for (OrderRec *rec : victims) {
    if (rec->o.status != OrderStatus::Resting) continue;
    x.cancel_order(*rec, {}, false);
    ++n;
  }
  return n;
}

}  // namespace kalshi::sim
