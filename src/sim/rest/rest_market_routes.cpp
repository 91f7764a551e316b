// Public market data over REST: exchange status and schedule, series, events, markets, order
// books and trades, all read from the exchange core (series and events are derived from the
// markets' series_ticker / event_ticker; the simulator has no other data about them).
#include <algorithm>
#include <set>

#include "sim/rest/rest_api.h"
#include "sim/rest/rest_format.h"

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

constexpr int64_t kMaxLimit = 1000;

// Spec Market.status vocabulary for the core's states.
const char *api_status(MarketStatus s) {
  switch (s) {
    case MarketStatus::Initialized:
      return "initialized";
    case MarketStatus::Open:
      return "active";
    case MarketStatus::Paused:
      return "inactive";
    case MarketStatus::Closed:
      return "closed";
    case MarketStatus::Settled:
      return "finalized";
  }
  return "initialized";
}

// The GetMarkets status filter (unopened, open, paused, closed, settled).
bool status_filter(std::string_view name, MarketStatus *out) {
  if (name == "unopened")
    *out = MarketStatus::Initialized;
  else if (name == "open")
    *out = MarketStatus::Open;
  else if (name == "paused")
    *out = MarketStatus::Paused;
  else if (name == "closed")
    *out = MarketStatus::Closed;
  else if (name == "settled")
    *out = MarketStatus::Settled;
  else
    return false;
  return true;
}

std::vector<std::string> split_list(const std::string &s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    const size_t c = s.find(',', i);
    const size_t e = c == std::string::npos ? s.size() : c;
    if (e > i) out.push_back(s.substr(i, e - i));
    if (c == std::string::npos) break;
    i = c + 1;
  }
  return out;
}

// 2099-12-31T00:00:00Z: what close_time says for a market that has no scheduled close.
constexpr int64_t kNoCloseTimeMs = 4102358400000;

std::string market_json(const Exchange &x, const Market &m) {
  std::string o = "{";
  field_str(&o, "ticker", m.ticker, true);
  field_str(&o, "event_ticker", m.event_ticker);
  field_str(&o, "market_type", m.kind == MarketKind::Binary ? "binary" : "perp");
  field_str(&o, "title", m.title);
  field_str(&o, "status", api_status(m.status));
  field_str(&o, "open_time", rest::rfc3339(m.open_time_ms));
  // The spec requires close_time; a seed market without a scheduled close reports one far in the
  // future (docs/SIMULATOR.md) rather than breaking the schema.
  field_str(&o, "close_time",
            rest::rfc3339(m.close_time_ms != 0 ? m.close_time_ms : kNoCloseTimeMs));
  const BookSnapshot b = x.book(m.ticker, 1);
  const Price bid = b.bids.empty() ? 0 : b.bids[0].price;
  const Price ask = b.asks.empty() ? kDollar : b.asks[0].price;
  field_str(&o, "yes_bid_dollars", dollars(bid));
  field_str(&o, "yes_bid_size_fp", count_fp(b.bids.empty() ? 0 : b.bids[0].qty));
  field_str(&o, "yes_ask_dollars", dollars(ask));
  field_str(&o, "yes_ask_size_fp", count_fp(b.asks.empty() ? 0 : b.asks[0].qty));
  field_str(&o, "no_bid_dollars", dollars(kDollar - ask));
  field_str(&o, "no_ask_dollars", dollars(kDollar - bid));
  const std::vector<PublicTrade> last = x.trades(m.ticker, 1);
  field_str(&o, "last_price_dollars", dollars(last.empty() ? 0 : last.back().price));
  if (m.status == MarketStatus::Settled) {
    field_str(&o, "settlement_value_dollars", dollars(m.settlement_value));
  }
  o += ",\"price_ranges\":[";
  for (size_t i = 0; i < m.ticks.size(); ++i) {
    if (i != 0) o += ",";
    o += "{";
    field_str(&o, "start", dollars(m.ticks[i].start), true);
    field_str(&o, "end", dollars(m.ticks[i].end));
    field_str(&o, "step", dollars(m.ticks[i].step));
    o += "}";
  }
  o += "]";
  field_bool(&o, "fractional_trading_enabled", m.fractional);
  field_int(&o, "exchange_index", 0);
  o += "}";
  return o;
}

HttpResponse bad_param(std::string_view what) {
  return error_response(400, "invalid_parameters", what);
}

// A series with every field the spec requires. The seed file knows only the ticker, so the
// descriptive fields are empty rather than invented; the fee fields describe the simulator's own
// fee model (the quadratic taker fee of the seed markets).
std::string series_json(const std::string &ticker) {
  std::string o = "{";
  field_str(&o, "ticker", ticker, true);
  field_str(&o, "frequency", "");
  field_str(&o, "title", ticker);
  field_str(&o, "category", "");
  field_raw(&o, "categories", "[]");
  field_raw(&o, "tags", "[]");
  field_raw(&o, "settlement_sources", "[]");
  field_str(&o, "contract_url", "");
  field_str(&o, "contract_terms_url", "");
  field_str(&o, "fee_type", "quadratic");
  field_raw(&o, "fee_multiplier", "1");
  field_raw(&o, "additional_prohibitions", "[]");
  o += "}";
  return o;
}

// Appends ,"cursor":"..." for a page that stopped at `next` of `total`.
void cursor_field(std::string *o, size_t next, size_t total) {
  field_str(o, "cursor", next < total ? std::to_string(next) : std::string{});
}

}  // namespace

HttpResponse RestApi::exchange_status(Call &) {
  return json_response(200, "{\"exchange_active\":true,\"trading_active\":true}");
}

HttpResponse RestApi::exchange_schedule(Call &) {
  // The simulator trades around the clock with no maintenance: no hours and no windows to list.
  return json_response(200, "{\"schedule\":{\"standard_hours\":[],\"maintenance_windows\":[]}}");
}

HttpResponse RestApi::list_series(Call &) {
  std::set<std::string> series;
  for (const Market *m : exchange_.markets()) {
    if (!m->series_ticker.empty()) series.insert(m->series_ticker);
  }
  std::string o = "{\"series\":[";
  bool first = true;
  for (const std::string &s : series) {
    if (!first) o += ",";
    first = false;
    o += series_json(s);
  }
  o += "]}";
  return json_response(200, o);
}

HttpResponse RestApi::get_series(Call &c) {
  const std::string &t = c.req.params["series_ticker"];
  for (const Market *m : exchange_.markets()) {
    if (m->series_ticker == t) {
      std::string o = "{\"series\":" + series_json(t) + "}";
      return json_response(200, o);
    }
  }
  return error_response(404, "not_found", "series not found", t);
}

namespace {
std::string event_json(const std::vector<const Market *> &all, const std::string &event,
                       bool nested, const Exchange &x) {
  std::string o = "{";
  std::string series;
  std::string title;
  for (const Market *m : all) {
    if (m->event_ticker != event) continue;
    series = m->series_ticker;
    if (title.empty()) title = m->title;
  }
  // Every field the spec requires; the seed has no event-level text, so the title is the first
  // market's and the rest are empty.
  field_str(&o, "event_ticker", event, true);
  field_str(&o, "series_ticker", series);
  field_str(&o, "title", title);
  field_str(&o, "sub_title", "");
  field_str(&o, "collateral_return_type", "");
  field_bool(&o, "mutually_exclusive", false);
  field_raw(&o, "settlement_sources", "[]");
  if (nested) {
    o += ",\"markets\":[";
    bool first = true;
    for (const Market *m : all) {
      if (m->event_ticker != event) continue;
      if (!first) o += ",";
      first = false;
      o += market_json(x, *m);
    }
    o += "]";
  }
  o += "}";
  return o;
}
}  // namespace

HttpResponse RestApi::list_events(Call &c) {
  int64_t limit = 200;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 200, 200, &limit)) return bad_param("limit must be 1..200");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::string series_filter;
  const bool by_series = c.req.query_param("series_ticker", &series_filter);
  std::string nested_s;
  const bool nested = c.req.query_param("with_nested_markets", &nested_s) && nested_s == "true";
  const std::vector<const Market *> all = exchange_.markets();
  std::set<std::string> events;
  for (const Market *m : all) {
    if (m->event_ticker.empty()) continue;
    if (by_series && m->series_ticker != series_filter) continue;
    events.insert(m->event_ticker);
  }
  std::vector<std::string> list(events.begin(), events.end());
  std::string o = "{\"events\":[";
  size_t i = cursor;
  for (; i < list.size() && i < cursor + static_cast<size_t>(limit); ++i) {
    if (i != cursor) o += ",";
    o += event_json(all, list[i], nested, exchange_);
  }
  o += "]";
  cursor_field(&o, i, list.size());
  o += "}";
  return json_response(200, o);
}

HttpResponse RestApi::get_event(Call &c) {
  const std::string &t = c.req.params["event_ticker"];
  const std::vector<const Market *> all = exchange_.markets();
  bool found = false;
  std::string markets = "[";
  for (const Market *m : all) {
    if (m->event_ticker != t) continue;
    if (found) markets += ",";
    found = true;
    markets += market_json(exchange_, *m);
  }
  markets += "]";
  if (!found) return error_response(404, "not_found", "event not found", t);
  std::string o = "{\"event\":" + event_json(all, t, false, exchange_);
  field_raw(&o, "markets", markets);
  o += "}";
  return json_response(200, o);
}

HttpResponse RestApi::list_markets(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 100, kMaxLimit, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::string status_s, event_s, series_s, tickers_s;
  std::vector<MarketStatus> statuses;
  if (c.req.query_param("status", &status_s)) {
    for (const std::string &s : split_list(status_s)) {
      MarketStatus st{};
      if (!status_filter(s, &st)) {
        return bad_param("status must be unopened, open, paused, closed or settled");
      }
      statuses.push_back(st);
    }
  }
  const bool by_event = c.req.query_param("event_ticker", &event_s);
  const bool by_series = c.req.query_param("series_ticker", &series_s);
  const bool by_tickers = c.req.query_param("tickers", &tickers_s);
  const std::vector<std::string> events = split_list(event_s);
  const std::vector<std::string> tickers = split_list(tickers_s);
  std::vector<const Market *> list;
  for (const Market *m : exchange_.markets()) {
    if (m->kind != MarketKind::Binary) continue;  // perps are the /margin API's
    if (!statuses.empty() &&
        std::find(statuses.begin(), statuses.end(), m->status) == statuses.end()) {
      continue;
    }
    if (by_event && std::find(events.begin(), events.end(), m->event_ticker) == events.end()) {
      continue;
    }
    if (by_series && m->series_ticker != series_s) continue;
    if (by_tickers && std::find(tickers.begin(), tickers.end(), m->ticker) == tickers.end()) {
      continue;
    }
    list.push_back(m);
  }
  std::sort(list.begin(), list.end(),
            [](const Market *a, const Market *b) { return a->ticker < b->ticker; });
  std::string o = "{\"markets\":[";
  size_t i = cursor;
  for (; i < list.size() && i < cursor + static_cast<size_t>(limit); ++i) {
    if (i != cursor) o += ",";
    o += market_json(exchange_, *list[i]);
  }
  o += "]";
  cursor_field(&o, i, list.size());
  o += "}";
  return json_response(200, o);
}

HttpResponse RestApi::get_market(Call &c) {
  const std::string &t = c.req.params["ticker"];
  const Market *m = exchange_.find_market(t);
  if (m == nullptr || m->kind != MarketKind::Binary) {
    return error_response(404, "not_found", "market not found", t);
  }
  return json_response(200, "{\"market\":" + market_json(exchange_, *m) + "}");
}

HttpResponse RestApi::get_orderbook(Call &c) {
  const std::string &t = c.req.params["ticker"];
  const Market *m = exchange_.find_market(t);
  if (m == nullptr || m->kind != MarketKind::Binary) {
    return error_response(404, "not_found", "market not found", t);
  }
  bool present = false;
  int64_t depth = 0;
  if (!rest::query_int(c.req, "depth", &depth, &present) || depth < 0 || depth > 100) {
    return bad_param("depth must be 0..100");
  }
  const size_t d = depth == 0 ? SIZE_MAX : static_cast<size_t>(depth);
  const BookSnapshot b = exchange_.book(t, d);
  // Bids only on each side, best last (ascending price): YES bids, and NO bids at 1 - YES ask.
  std::string o = "{\"orderbook_fp\":{\"yes_dollars\":[";
  for (size_t i = b.bids.size(); i-- > 0;) {
    if (i + 1 != b.bids.size()) o += ",";
    o += "[\"" + dollars(b.bids[i].price) + "\",\"" + count_fp(b.bids[i].qty) + "\"]";
  }
  o += "],\"no_dollars\":[";
  for (size_t i = b.asks.size(); i-- > 0;) {
    if (i + 1 != b.asks.size()) o += ",";
    o += "[\"" + dollars(kDollar - b.asks[i].price) + "\",\"" + count_fp(b.asks[i].qty) + "\"]";
  }
  o += "]}}";
  return json_response(200, o);
}

HttpResponse RestApi::list_trades(Call &c) {
  int64_t limit = 100;
  size_t cursor = 0;
  if (!rest::query_limit(c.req, 100, kMaxLimit, &limit)) return bad_param("limit must be 1..1000");
  if (!rest::query_cursor(c.req, &cursor)) return bad_param("bad cursor");
  std::string ticker;
  const bool by_ticker = c.req.query_param("ticker", &ticker);
  std::vector<PublicTrade> all;
  for (const Market *m : exchange_.markets()) {
    if (m->kind != MarketKind::Binary) continue;
    if (by_ticker && m->ticker != ticker) continue;
    std::vector<PublicTrade> t = exchange_.trades(m->ticker, 100000);
    all.insert(all.end(), t.begin(), t.end());
  }
  // Newest first, as Kalshi lists them.
  std::stable_sort(all.begin(), all.end(), [](const PublicTrade &a, const PublicTrade &b) {
    return a.time_ms > b.time_ms;
  });
  std::string o = "{\"trades\":[";
  size_t i = cursor;
  for (; i < all.size() && i < cursor + static_cast<size_t>(limit); ++i) {
    const PublicTrade &t = all[i];
    if (i != cursor) o += ",";
    o += "{";
    field_str(&o, "trade_id", t.trade_id, true);
    field_str(&o, "ticker", t.ticker);
    field_str(&o, "count_fp", count_fp(t.qty));
    field_str(&o, "yes_price_dollars", dollars(t.price));
    field_str(&o, "no_price_dollars", dollars(kDollar - t.price));
    field_str(&o, "taker_side", t.taker_side == Side::Buy ? "yes" : "no");
    field_str(&o, "created_time", rest::rfc3339(t.time_ms));
    o += "}";
  }
  o += "]";
  cursor_field(&o, i, all.size());
  o += "}";
  return json_response(200, o);
}

}  // namespace kalshi::sim
