// Authenticated portfolio reads over REST: balance, positions, fills, settlements, orders.
// Fills and settlements come from what RestApi's observer saw since the simulator started.
#include <algorithm>

#include "sim/rest/rest_api.h"
#include "sim/rest/rest_format.h"
#include "sim/rest/rest_orders.h"

namespace kalshi::sim {

using rest::count_fp;
using rest::dollars;
using rest::error_response;
using rest::field_bool;
using rest::field_int;
using rest::field_str;
using rest::json_response;

namespace {

HttpResponse bad_param(std::string_view what) {
  return error_response(400, "invalid_parameters", what);
}

// The subaccount query parameter (0..63, default 0); false when malformed.
bool subaccount_param(const HttpRequest &r, uint8_t *out) {
  bool present = false;
  int64_t v = 0;
  if (!rest::query_int(r, "subaccount", &v, &present) || v < 0 || v > 63) return false;
  *out = static_cast<uint8_t>(present ? v : 0);
  return true;
}

template <typename T, typename Fn>
std::string page(const std::vector<T> &items, size_t cursor, int64_t limit, std::string_view key,
                 Fn &&to_json) {
  std::string o = "{\"";
  o += key;
  o += "\":[";
  size_t i = cursor;
  for (; i < items.size() && i < cursor + static_cast<size_t>(limit); ++i) {
    if (i != cursor) o += ",";
    o += to_json(items[i]);
  }
  o += "]";
  field_str(&o, "cursor", i < items.size() ? std::to_string(i) : std::string{});
  return o;
}

}  // namespace

std::string rest::order_json(const Order &o) {
  std::string s = "{";
  field_str(&s, "order_id", o.order_id, true);
  field_str(&s, "user_id", std::to_string(o.account.member));
  field_str(&s, "client_order_id", o.client_order_id);
  field_str(&s, "ticker", o.ticker);
  const bool bid = o.side == Side::Buy;
  field_str(&s, "side", bid ? "yes" : "no");
  field_str(&s, "action", "buy");
  field_str(&s, "outcome_side", bid ? "yes" : "no");
  field_str(&s, "book_side", bid ? "bid" : "ask");
  field_str(&s, "type", "limit");
  const char *status = o.status == OrderStatus::Resting  ? "resting"
                       : o.status == OrderStatus::Filled ? "executed"
                                                         : "canceled";
  field_str(&s, "status", status);
  field_str(&s, "yes_price_dollars", dollars(o.price));
  field_str(&s, "no_price_dollars", dollars(kDollar - o.price));
  field_str(&s, "fill_count_fp", count_fp(o.filled));
  field_str(&s, "remaining_count_fp", count_fp(o.leaves));
  field_str(&s, "initial_count_fp", count_fp(o.original_qty));
  if (o.expire_ms != 0) field_str(&s, "expiration_time", rest::rfc3339(o.expire_ms));
  field_str(&s, "created_time", rest::rfc3339(o.created_ms));
  field_str(&s, "last_update_time", rest::rfc3339(o.updated_ms));
  field_str(&s, "self_trade_prevention_type",
            o.stp == SelfTradePrevention::Maker ? "maker" : "taker_at_cross");
  if (!o.order_group_id.empty()) field_str(&s, "order_group_id", o.order_group_id);
  field_bool(&s, "cancel_order_on_pause", o.cancel_on_pause);
  field_int(&s, "subaccount_number", o.account.subaccount);
  field_int(&s, "exchange_index", 0);
  s += "}";
  return s;
}

HttpResponse RestApi::get_balance(Call &c) {
  uint8_t sub = 0;
  if (!subaccount_param(c.req, &sub)) return bad_param("subaccount must be 0..63");
  const AccountKey a{c.member, sub};
  const Money cash = exchange_.balance(a);
  // Portfolio value = cash + the cost basis of open positions (the simulator keeps no marks).
  Money value = cash;
  for (const Position &p : exchange_.positions(a)) value += p.cost;
  std::string o = "{";
  field_int(&o, "balance", rest::cents(cash), true);
  field_str(&o, "balance_dollars", dollars(cash));
  field_int(&o, "portfolio_value", rest::cents(value));
  field_int(&o, "updated_ts", c.now_ms / 1000);
  o += ",\"balance_breakdown\":[]}";
  return json_response(200, o);
}

HttpResponse RestApi::list_positions(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  uint8_t sub = 0;
  if (!rest::query_limit(c.req, 100, 1000, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  if (!subaccount_param(c.req, &sub)) return bad_param("subaccount must be 0..63");
  std::string ticker;
  const bool by_ticker = c.req.query_param("ticker", &ticker);
  std::vector<Position> ps;
  for (const Position &p : exchange_.positions(AccountKey{c.member, sub})) {
    if (by_ticker && p.ticker != ticker) continue;
    ps.push_back(p);
  }
  std::string o = page(ps, cursor, limit, "market_positions", [&](const Position &p) {
    std::string s = "{";
    field_str(&s, "ticker", p.ticker, true);
    field_int(&s, "exchange_index", 0);
    field_str(&s, "position_fp", count_fp(p.contracts));
    field_str(&s, "market_exposure_dollars", dollars(p.cost));
    field_str(&s, "realized_pnl_dollars", dollars(p.realized));
    field_str(&s, "fees_paid_dollars", dollars(p.fees));
    field_str(&s, "last_updated_ts", rest::rfc3339(c.now_ms));  // date-time per the spec
    s += "}";
    return s;
  });
  o += ",\"event_positions\":[]}";
  return json_response(200, o);
}

HttpResponse RestApi::list_fills(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 100, 1000, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::string ticker, order_id;
  const bool by_ticker = c.req.query_param("ticker", &ticker);
  const bool by_order = c.req.query_param("order_id", &order_id);
  std::vector<const FillRecord *> list;
  auto it = fills_.find(c.member);
  if (it != fills_.end()) {
    for (auto f = it->second.rbegin(); f != it->second.rend(); ++f) {  // newest first
      if (by_ticker && f->ticker != ticker) continue;
      if (by_order && f->order_id != order_id) continue;
      list.push_back(&*f);
    }
  }
  std::string o = page(list, cursor, limit, "fills", [](const FillRecord *f) {
    const bool bid = f->side == Side::Buy;
    std::string s = "{";
    field_str(&s, "fill_id", f->fill.trade_id + (bid ? "-b" : "-s"), true);
    field_int(&s, "exchange_index", 0);
    field_str(&s, "trade_id", f->fill.trade_id);
    field_str(&s, "order_id", f->order_id);
    field_str(&s, "client_order_id", f->client_order_id);
    field_str(&s, "ticker", f->ticker);
    field_str(&s, "market_ticker", f->ticker);
    field_str(&s, "side", bid ? "yes" : "no");
    field_str(&s, "action", "buy");
    field_str(&s, "outcome_side", bid ? "yes" : "no");
    field_str(&s, "book_side", bid ? "bid" : "ask");
    field_str(&s, "count_fp", count_fp(f->fill.qty));
    field_str(&s, "yes_price_dollars", dollars(f->fill.price));
    field_str(&s, "no_price_dollars", dollars(kDollar - f->fill.price));
    field_bool(&s, "is_taker", f->fill.aggressor);
    field_str(&s, "created_time", rest::rfc3339(f->time_ms));
    field_str(&s, "fee_cost", dollars(f->fill.fee));
    field_int(&s, "subaccount_number", f->subaccount);
    field_int(&s, "ts", f->time_ms / 1000);
    s += "}";
    return s;
  });
  o += "}";
  return json_response(200, o);
}

HttpResponse RestApi::list_settlements(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 100, 1000, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::vector<const SettlementRecord *> list;
  auto it = settlements_.find(c.member);
  if (it != settlements_.end()) {
    for (auto s = it->second.rbegin(); s != it->second.rend(); ++s) list.push_back(&*s);
  }
  std::string o = page(list, cursor, limit, "settlements", [this](const SettlementRecord *r) {
    const Market *m = exchange_.find_market(r->ticker);
    std::string s = "{";
    field_str(&s, "ticker", r->ticker, true);
    field_int(&s, "exchange_index", 0);
    field_str(&s, "event_ticker", m != nullptr ? m->event_ticker : std::string{});
    field_str(&s, "market_result", r->value == kDollar ? "yes" : (r->value == 0 ? "no" : "scalar"));
    field_str(&s, "yes_count_fp", count_fp(r->entry.yes_contracts));
    field_str(&s, "no_count_fp", count_fp(r->entry.no_contracts));
    field_int(&s, "revenue", rest::cents(r->entry.payout));
    field_str(&s, "settled_time", rest::rfc3339(r->time_ms));
    field_str(&s, "fee_cost", dollars(r->entry.fees));
    field_int(&s, "value", rest::cents(r->value));
    s += "}";
    return s;
  });
  o += "}";
  return json_response(200, o);
}

HttpResponse RestApi::list_orders(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 100, 1000, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::string ticker, status;
  const bool by_ticker = c.req.query_param("ticker", &ticker);
  const bool by_status = c.req.query_param("status", &status);
  if (by_status && status != "resting" && status != "canceled" && status != "executed") {
    return bad_param("status must be resting, canceled or executed");
  }
  std::vector<const Order *> list;
  for (auto id = order_ids_.rbegin(); id != order_ids_.rend(); ++id) {  // newest first
    const auto it = orders_.find(*id);
    if (it == orders_.end()) continue;
    const Order &o = it->second;
    if (o.account.member != c.member) continue;
    if (by_ticker && o.ticker != ticker) continue;
    if (by_status) {
      const char *st = o.status == OrderStatus::Resting  ? "resting"
                       : o.status == OrderStatus::Filled ? "executed"
                                                         : "canceled";
      if (status != st) continue;
    }
    list.push_back(&o);
  }
  std::string o =
      page(list, cursor, limit, "orders", [](const Order *x) { return rest::order_json(*x); });
  o += "}";
  return json_response(200, o);
}

HttpResponse RestApi::get_order(Call &c) {
  const std::string &id = c.req.params["order_id"];
  const auto it = orders_.find(id);
  if (it == orders_.end() || it->second.account.member != c.member) {
    return error_response(404, "not_found", "order not found", id);
  }
  return json_response(200, "{\"order\":" + rest::order_json(it->second) + "}");
}

}  // namespace kalshi::sim
