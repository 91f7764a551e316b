#include "sim/rest/rest_margin_json.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "sim/exchange/money.h"
#include "sim/rest/rest_format.h"

namespace kalshi::sim::rest {

const Market *perp_market(const Exchange &x, std::string_view ticker) {
  const Market *m = x.find_market(ticker);
  return m != nullptr && m->kind == MarketKind::Perp ? m : nullptr;
}

std::string margin_order_json(const Order &o, std::string_view reason) {
  std::string s = "{";
  field_str(&s, "order_id", o.order_id, true);
  field_str(&s, "user_id", std::to_string(o.account.member));
  field_str(&s, "client_order_id", o.client_order_id);
  field_str(&s, "ticker", o.ticker);
  field_str(&s, "side", o.side == Side::Buy ? "bid" : "ask");
  field_str(&s, "last_update_reason", reason);
  field_str(&s, "price", dollars(o.price));
  field_str(&s, "fill_count", count_fp(o.filled));
  // A finished order has nothing left on the book, whatever its leaves were at the end.
  field_str(&s, "remaining_count", count_fp(o.status == OrderStatus::Resting ? o.leaves : 0));
  if (o.expire_ms != 0) {
    field_str(&s, "expiration_time", rfc3339(o.expire_ms));
  } else {
    field_raw(&s, "expiration_time", "null");
  }
  field_str(&s, "created_time", rfc3339(o.created_ms));
  field_str(&s, "last_update_time", rfc3339(o.updated_ms));
  field_str(&s, "self_trade_prevention_type",
            o.stp == SelfTradePrevention::Maker ? "maker" : "taker_at_cross");
  field_bool(&s, "cancel_order_on_pause", o.cancel_on_pause);
  if (!o.order_group_id.empty()) field_str(&s, "order_group_id", o.order_group_id);
  field_str(&s, "order_source", "user");
  s += "}";
  return s;
}

Money per_contract(Money total, Qty qty) {
  if (qty == 0) return 0;
  return to_money(static_cast<Wide>(total) * kContract / qty);
}

Price mark_price(const Exchange &x, const Market &m) {
  const std::vector<PublicTrade> last = x.trades(m.ticker, 1);
  return last.empty() ? m.reference_price : last.back().price;
}

Money unrealized_pnl(const Position &p, Price mark) {
  if (p.contracts == 0) return 0;
  const Qty held = p.contracts < 0 ? -p.contracts : p.contracts;
  const Money value = notional(mark, held);
  return p.contracts > 0 ? value - p.cost : p.cost - value;
}

Money position_margin(const Market &m, const Position &p) {
  if (p.contracts == 0) return 0;
  return to_money(ceil_div(static_cast<Wide>(p.cost) * m.initial_margin_ppm, 1000000));
}

Money resting_orders_margin(const Exchange &x, AccountKey a, const Market &m) {
  Qty position = 0;
  for (const Position &p : x.positions(a)) {
    if (p.ticker == m.ticker) position = p.contracts;
  }
  const Side closing = position > 0 ? Side::Sell : Side::Buy;
  Money total = 0;
  std::vector<std::pair<Money, Qty>> closers;  // (margin per contract, leaves)
  for (const Order *o : x.open_orders(a.member)) {
    if (o->account != a || o->ticker != m.ticker) continue;
    total += open_cost(m, o->side, o->price, o->leaves);
    if (position != 0 && o->side == closing) {
      closers.emplace_back(open_cost(m, o->side, o->price, kContract), o->leaves);
    }
  }
  std::sort(closers.begin(), closers.end(),
            [](const auto &l, const auto &r) { return l.first > r.first; });
  Qty closable = position < 0 ? -position : position;
  Money relief = 0;
  for (const auto &[unit, leaves] : closers) {
    if (closable <= 0) break;
    const Qty take = std::min(closable, leaves);
    relief += to_money(static_cast<Wide>(unit) * take / kContract);
    closable -= take;
  }
  return std::max<Money>(0, total - relief);
}

}  // namespace kalshi::sim::rest
