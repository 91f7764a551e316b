// Perps (perps_openapi.yaml, /margin) reads over the exchange core: exchange status, markets,
// order books, public trades, and the member's balance, positions, fills and orders.
//
// The simulator keeps no index or funding: a market's mark is its last trade (else its reference
// price), positions and equity are valued at that mark, and maintenance margin equals initial
// margin (the core has one margin rate per market).
#include <algorithm>

#include "sim/exchange/money.h"
#include "sim/rest/rest_api.h"
#include "sim/rest/rest_format.h"
#include "sim/rest/rest_margin_json.h"

namespace kalshi::sim {

using rest::count_fp;
using rest::dollars;
using rest::error_response;
using rest::field_bool;
using rest::field_int;
using rest::field_raw;
using rest::field_str;
using rest::json_response;

namespace {

constexpr int64_t kMaxTrades = 1000;
constexpr int64_t kMaxOrders = 10000;  // MarginOrdersLimitQuery
constexpr int kSubaccounts = 64;

HttpResponse bad_param(std::string_view what) {
  return error_response(400, "invalid_parameters", what);
}

// MarginMarketStatus: active, inactive, closed.
const char *margin_status(MarketStatus s) {
  switch (s) {
    case MarketStatus::Open:
      return "active";
    case MarketStatus::Initialized:
    case MarketStatus::Paused:
      return "inactive";
    case MarketStatus::Closed:
    case MarketStatus::Settled:
      break;
  }
  return "closed";
}

// subaccount query: absent -> *all (every subaccount); 0..63 otherwise.
bool subaccount_filter(const HttpRequest &r, int *out) {
  bool present = false;
  int64_t v = 0;
  if (!rest::query_int(r, "subaccount", &v, &present) || v < 0 || v > 63) return false;
  *out = present ? static_cast<int>(v) : -1;
  return true;
}

std::string market_json(const Exchange &x, const Market &m, int64_t now_ms) {
  const BookSnapshot top = x.book(m.ticker, 1);
  const std::vector<PublicTrade> trades = x.trades(m.ticker, 100000);
  Qty volume = 0;
  Money volume_notional = 0;
  for (const PublicTrade &t : trades) {
    volume += t.qty;
    volume_notional += notional(t.price, t.qty);
  }
  std::string s = "{";
  field_str(&s, "ticker", m.ticker, true);
  field_str(&s, "title", m.title);
  field_str(&s, "status", margin_status(m.status));
  // One contract is one unit of the underlying in the simulator's seed.
  field_str(&s, "contract_size", "1");
  field_str(&s, "underlying_multiplier", "1");
  field_str(&s, "tick_size", dollars(m.ticks.empty() ? 0 : m.ticks.front().step));
  field_bool(&s, "fractional_trading_enabled", m.fractional);
  field_raw(&s, "schedule", "null");  // trades around the clock
  field_int(&s, "exchange_index", 0);
  field_str(&s, "asset_class", "Crypto");
  if (!trades.empty()) field_str(&s, "price", dollars(trades.back().price));
  field_str(&s, "volume", count_fp(volume));
  field_str(&s, "volume_notional_value_dollars", dollars(volume_notional));
  if (!top.bids.empty()) field_str(&s, "bid", dollars(top.bids.front().price));
  if (!top.asks.empty()) field_str(&s, "ask", dollars(top.asks.front().price));
  s += ",\"reference_price\":{";
  field_str(&s, "price", dollars(m.reference_price), true);
  field_int(&s, "ts_ms", now_ms);
  s += "}}";
  return s;
}

void levels(std::string *o, const std::vector<Level> &side) {
  *o += "[";
  for (size_t i = 0; i < side.size(); ++i) {
    if (i != 0) *o += ",";
    *o += "[\"" + dollars(side[i].price) + "\",\"" + count_fp(side[i].qty) + "\"]";
  }
  *o += "]";
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
  o += "}";
  return o;
}

}  // namespace

HttpResponse RestApi::margin_exchange_status(Call &) {
  return json_response(200, "{\"exchange_active\":true,\"trading_active\":true}");
}

HttpResponse RestApi::margin_list_markets(Call &c) {
  std::string status;
  const bool by_status = c.req.query_param("status", &status);
  if (by_status && status != "active" && status != "inactive" && status != "closed") {
    return bad_param("status must be active, inactive or closed");
  }
  std::string o = "{\"markets\":[";
  bool first = true;
  for (const Market *m : exchange_.markets()) {
    if (m->kind != MarketKind::Perp) continue;
    if (by_status && status != margin_status(m->status)) continue;
    if (!first) o += ",";
    first = false;
    o += market_json(exchange_, *m, c.now_ms);
  }
  o += "]}";
  return json_response(200, o);
}

HttpResponse RestApi::margin_get_market(Call &c) {
  const std::string &t = c.req.params["ticker"];
  const Market *m = rest::perp_market(exchange_, t);
  if (m == nullptr) return error_response(404, "not_found", "market not found", t);
  return json_response(200, "{\"market\":" + market_json(exchange_, *m, c.now_ms) + "}");
}

HttpResponse RestApi::margin_get_orderbook(Call &c) {
  const std::string &t = c.req.params["ticker"];
  if (rest::perp_market(exchange_, t) == nullptr) {
    return error_response(404, "not_found", "market not found", t);
  }
  bool present = false;
  int64_t depth = 0;
  if (!rest::query_int(c.req, "depth", &depth, &present) || depth < 0 || depth > 1000) {
    return bad_param("depth must be 0..1000");
  }
  // aggregation_tick_size would merge levels; the simulator only serves its own grid.
  std::string agg;
  if (c.req.query_param("aggregation_tick_size", &agg) && !agg.empty()) {
    return error_response(400, "not_simulated", "aggregation_tick_size is not simulated");
  }
  const BookSnapshot b = exchange_.book(t, depth == 0 ? SIZE_MAX : static_cast<size_t>(depth));
  // Bids best (highest) first, asks best (lowest) first, as MarginOrderbookCount describes.
  std::string o = "{\"orderbook\":{\"bids\":";
  levels(&o, b.bids);
  o += ",\"asks\":";
  levels(&o, b.asks);
  o += "}}";
  return json_response(200, o);
}

HttpResponse RestApi::margin_list_trades(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 100, kMaxTrades, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::string ticker;
  const bool by_ticker = c.req.query_param("ticker", &ticker);
  std::vector<PublicTrade> all;
  for (const Market *m : exchange_.markets()) {
    if (m->kind != MarketKind::Perp || (by_ticker && m->ticker != ticker)) continue;
    std::vector<PublicTrade> t = exchange_.trades(m->ticker, 100000);
    all.insert(all.end(), t.begin(), t.end());
  }
  std::stable_sort(all.begin(), all.end(), [](const PublicTrade &a, const PublicTrade &b) {
    return a.time_ms > b.time_ms;  // newest first
  });
  return json_response(200, page(all, cursor, limit, "trades", [](const PublicTrade &t) {
                         std::string s = "{";
                         field_str(&s, "trade_id", t.trade_id, true);
                         field_str(&s, "ticker", t.ticker);
                         field_str(&s, "count", count_fp(t.qty));
                         field_str(&s, "price", dollars(t.price));
                         field_str(&s, "created_time", rest::rfc3339(t.time_ms));
                         field_str(&s, "taker_side", t.taker_side == Side::Buy ? "bid" : "ask");
                         s += "}";
                         return s;
                       }));
}

HttpResponse RestApi::margin_get_balance(Call &c) {
  std::string flag;
  const bool compute = c.req.query_param("compute_available_balance", &flag) && flag == "true";
  Money settled = 0;
  std::string list;
  for (int sub = 0; sub < kSubaccounts; ++sub) {
    const AccountKey a{c.member, static_cast<uint8_t>(sub)};
    const Money cash = exchange_.balance(a);
    Money value = 0, pnl = 0, margin = 0, resting = 0;
    bool any = false;
    for (const Position &p : exchange_.positions(a)) {
      const Market *m = rest::perp_market(exchange_, p.ticker);
      if (m == nullptr || p.contracts == 0) continue;
      any = true;
      const Price mark = rest::mark_price(exchange_, *m);
      value += notional(mark, p.contracts < 0 ? -p.contracts : p.contracts);
      pnl += rest::unrealized_pnl(p, mark);
      margin += rest::position_margin(*m, p);
    }
    for (const Market *m : exchange_.markets()) {
      if (m->kind == MarketKind::Perp) resting += rest::resting_orders_margin(exchange_, a, *m);
    }
    if (sub != 0 && cash == 0 && !any && resting == 0) continue;
    settled += cash;
    if (!list.empty()) list += ",";
    list += "{";
    field_int(&list, "subaccount", sub, true);
    field_str(&list, "position_value", dollars(value));
    field_str(&list, "account_equity", dollars(cash + pnl));
    field_str(&list, "maintenance_margin", dollars(margin));
    field_str(&list, "initial_margin", dollars(margin));
    // Both are 0 unless compute_available_balance=true (the spec's rule).
    field_str(&list, "resting_orders_margin", dollars(compute ? resting : 0));
    field_str(&list, "available_balance", dollars(compute ? cash - resting - margin : 0));
    list += "}";
  }
  std::string o = "{";
  field_str(&o, "settled_funds", dollars(settled), true);
  o += ",\"subaccount_balances\":[" + list + "]}";
  return json_response(200, o);
}

HttpResponse RestApi::margin_list_positions(Call &c) {
  int only = -1;
  if (!subaccount_filter(c.req, &only)) return bad_param("subaccount must be 0..63");
  std::string ticker;
  const bool by_ticker = c.req.query_param("ticker", &ticker);
  std::string o = "{\"positions\":[";
  bool first = true;
  for (int sub = 0; sub < kSubaccounts; ++sub) {
    if (only >= 0 && sub != only) continue;
    for (const Position &p : exchange_.positions(AccountKey{c.member, static_cast<uint8_t>(sub)})) {
      const Market *m = rest::perp_market(exchange_, p.ticker);
      if (m == nullptr || p.contracts == 0 || (by_ticker && p.ticker != ticker)) continue;
      const Qty held = p.contracts < 0 ? -p.contracts : p.contracts;
      if (!first) o += ",";
      first = false;
      o += "{";
      field_int(&o, "subaccount", sub, true);
      field_str(&o, "market_ticker", p.ticker);
      field_str(&o, "position", count_fp(p.contracts));
      // Average entry price per contract (cost is the entry notional).
      field_str(&o, "entry_price", dollars(rest::per_contract(p.cost, held)));
      field_str(&o, "unrealized_pnl",
                dollars(rest::unrealized_pnl(p, rest::mark_price(exchange_, *m))));
      field_str(&o, "margin_used", dollars(rest::position_margin(*m, p)));
      field_str(&o, "fees", dollars(p.fees));
      field_bool(&o, "is_portfolio", false);
      o += "}";
    }
  }
  o += "]}";
  return json_response(200, o);
}

HttpResponse RestApi::margin_list_fills(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  int only = -1;
  if (!rest::query_limit(c.req, 100, 1000, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  if (!subaccount_filter(c.req, &only)) return bad_param("subaccount must be 0..63");
  std::vector<const FillRecord *> list;
  if (const auto it = fills_.find(c.member); it != fills_.end()) {
    for (auto f = it->second.rbegin(); f != it->second.rend(); ++f) {  // newest first
      if (rest::perp_market(exchange_, f->ticker) == nullptr) continue;
      if (only >= 0 && f->subaccount != only) continue;
      list.push_back(&*f);
    }
  }
  return json_response(
      200, page(list, cursor, limit, "fills", [](const FillRecord *f) {
        const Fill &x = f->fill;
        // Closing part of the fill: what it took off the position before it.
        const Qty delta = f->side == Side::Buy ? x.qty : -x.qty;
        const Qty before = x.position_after - delta;
        const Qty held = before < 0 ? -before : before;
        const Qty closed = (before != 0 && (before > 0) != (delta > 0)) ? std::min(held, x.qty) : 0;
        const Money realized = x.balance_delta + x.fee;
        // Entry price of the closed contracts: exit -/+ P&L per contract.
        Price entry = x.price;
        if (closed > 0) {
          const Money per = rest::per_contract(realized, closed);
          entry = before > 0 ? x.price - per : x.price + per;
        }
        std::string s = "{";
        field_str(&s, "fill_id", x.trade_id, true);
        field_str(&s, "order_id", f->order_id);
        field_bool(&s, "is_taker", x.aggressor);
        field_str(&s, "side", f->side == Side::Buy ? "bid" : "ask");
        field_str(&s, "count", count_fp(x.qty));
        field_str(&s, "created_time", rest::rfc3339(f->time_ms));
        field_str(&s, "ticker", f->ticker);
        field_str(&s, "price", dollars(x.price));
        field_str(&s, "entry_price", dollars(entry));
        field_str(&s, "fees", dollars(x.fee));
        field_str(&s, "realized_pnl", dollars(realized));
        field_str(&s, "order_source", "user");
        s += "}";
        return s;
      }));
}

HttpResponse RestApi::margin_list_orders(Call &c) {
  int64_t limit = kMaxOrders;
  size_t cursor = 0;
  int only = -1;
  if (!rest::query_limit(c.req, kMaxOrders, kMaxOrders, &limit)) {
    return bad_param("limit must be 1..10000");
  }
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  if (!subaccount_filter(c.req, &only)) return bad_param("subaccount must be 0..63");
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
    if (o.account.member != c.member || rest::perp_market(exchange_, o.ticker) == nullptr) continue;
    if ((by_ticker && o.ticker != ticker) || (only >= 0 && o.account.subaccount != only)) continue;
    if (by_status) {
      const char *st = o.status == OrderStatus::Resting  ? "resting"
                       : o.status == OrderStatus::Filled ? "executed"
                                                         : "canceled";
      if (status != st) continue;
    }
    list.push_back(&o);
  }
  return json_response(200, page(list, cursor, limit, "orders", [this](const Order *o) {
                         return rest::margin_order_json(*o, margin_reason(o->order_id));
                       }));
}

HttpResponse RestApi::margin_get_order(Call &c) {
  const std::string &id = c.req.params["order_id"];
  const auto it = orders_.find(id);
  if (it == orders_.end() || it->second.account.member != c.member ||
      rest::perp_market(exchange_, it->second.ticker) == nullptr) {
    return error_response(404, "not_found", "order not found", id);
  }
  return json_response(
      200, "{\"order\":" + rest::margin_order_json(it->second, margin_reason(id)) + "}");
}

std::string_view RestApi::margin_reason(std::string_view order_id) const {
  const auto it = margin_reasons_.find(order_id);
  return it == margin_reasons_.end() ? std::string_view{} : std::string_view(it->second);
}

void RestApi::note_margin_event(const OrderEvent &e) {
  // LastUpdateReason from the core's event (a decrease is marked by its route afterwards).
  std::string reason;
  switch (e.kind) {
    case OrderEventKind::New:
      break;
    case OrderEventKind::Trade:
      reason = "Trade";
      break;
    case OrderEventKind::Replaced:
      reason = "Amend";
      break;
    case OrderEventKind::Expired:
      reason = "ExpiryCancel";
      break;
    case OrderEventKind::Canceled:
      if (e.reason == "POST_ONLY_CROSS") {
        reason = "PostOnlyCrossCancel";
      } else if (e.reason.find("SELF_TRADE") != std::string_view::npos) {
        reason = "SelfTradeCancel";
      } else if (e.reason == "REDUCE_ONLY") {
        reason = "ReduceOnlyCancel";
      } else if (e.expiry_style) {
        reason = "ExpiryCancel";
      } else if (e.reason.empty()) {
        reason = "MarginCancel";  // the user's own cancel
      }
      break;
  }
  margin_reasons_[e.order->order_id] = std::move(reason);
}

}  // namespace kalshi::sim
