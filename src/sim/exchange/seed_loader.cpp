#include "sim/exchange/seed_loader.h"

#include <simdjson.h>

#include <set>
#include <string>

#include "core/decimal.h"

namespace kalshi::sim {

namespace {

namespace dom = simdjson::dom;

Error bad(const std::string &ticker, std::string_view field, std::string_view why) {
  return Error::make(KALSHI_ERR_INVALID_VALUE, "markets file: market '" + ticker + "': field '" +
                                                   std::string(field) + "': " + std::string(why));
}

// A decimal string with up to 6 places (dollars, or a fraction for rates).
Error decimal_field(const std::string &ticker, std::string_view name, dom::element v,
                    int64_t *out) {
  std::string_view text;
  if (v.get_string().get(text) != simdjson::SUCCESS) {
    return bad(ticker, name, "expected a decimal string such as \"0.01\"");
  }
  if (parse_fixed(text, 6, out) != KALSHI_OK) {
    return bad(ticker, name, "'" + std::string(text) + "' is not an exact decimal of <= 6 places");
  }
  // A billion dollars bounds every price and keeps all money arithmetic far from overflow.
  if (*out > 1000000000LL * kDollar || *out < -1000000000LL * kDollar) {
    return bad(ticker, name, "out of range");
  }
  return {};
}

Error ranges_field(const std::string &ticker, dom::element v, MarketKind kind,
                   std::vector<TickRange> *out) {
  dom::array arr;
  if (v.get_array().get(arr) != simdjson::SUCCESS || arr.size() == 0) {
    return bad(ticker, "price_ranges", "expected a non-empty array");
  }
  for (dom::element item : arr) {
    dom::object o;
    if (item.get_object().get(o) != simdjson::SUCCESS) {
      return bad(ticker, "price_ranges", "each range is an object {start, end, step}");
    }
    TickRange r;
    int seen = 0;
    for (auto [key, value] : o) {
      int64_t *slot = key == "start"  ? &r.start
                      : key == "end"  ? &r.end
                      : key == "step" ? &r.step
                                      : nullptr;
      if (slot == nullptr)
        return bad(ticker, "price_ranges", "unknown key '" + std::string(key) + "'");
      if (Error e = decimal_field(ticker, "price_ranges." + std::string(key), value, slot);
          !e.ok()) {
        return e;
      }
      ++seen;
    }
    if (seen != 3) return bad(ticker, "price_ranges", "each range needs start, end and step");
    if (r.step <= 0 || r.start <= 0 || r.end < r.start) {
      return bad(ticker, "price_ranges", "needs 0 < start <= end and step > 0");
    }
    if ((r.end - r.start) % r.step != 0) {
      return bad(ticker, "price_ranges", "end is not on the grid start + k * step");
    }
    if (kind == MarketKind::Binary && r.end >= kDollar) {
      return bad(ticker, "price_ranges", "binary prices lie strictly between 0 and 1 dollar");
    }
    if (!out->empty() && r.start <= out->back().end) {
      return bad(ticker, "price_ranges", "ranges must be ascending and must not overlap");
    }
    out->push_back(r);
  }
  return {};
}

bool status_from_name(std::string_view s, MarketStatus *out) {
  for (MarketStatus st : {MarketStatus::Initialized, MarketStatus::Open, MarketStatus::Paused,
                          MarketStatus::Closed, MarketStatus::Settled}) {
    if (s == market_status_name(st)) {
      *out = st;
      return true;
    }
  }
  return false;
}

Error string_field(const std::string &ticker, std::string_view name, dom::element v,
                   std::string *out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return bad(ticker, name, "expected a string");
  if (s.size() > 256) return bad(ticker, name, "longer than 256 characters");
  *out = std::string(s);
  return {};
}

Error rate_field(const std::string &ticker, std::string_view name, dom::element v, int64_t *ppm,
                 bool positive) {
  if (Error e = decimal_field(ticker, name, v, ppm); !e.ok()) return e;
  if (*ppm < (positive ? 1 : 0) || *ppm > 1000000) {
    return bad(ticker, name, positive ? "must be in (0, 1]" : "must be in [0, 1]");
  }
  return {};
}

bool valid_ticker(std::string_view t) {
  if (t.empty() || t.size() > 64) return false;
  for (char c : t) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Error parse_market(dom::object o, size_t index, Market *m) {
  // The ticker first, so every later error can name the market.
  std::string ticker = "#" + std::to_string(index);
  dom::element tv;
  if (o["ticker"].get(tv) != simdjson::SUCCESS) return bad(ticker, "ticker", "missing");
  std::string_view ts;
  if (tv.get_string().get(ts) != simdjson::SUCCESS || !valid_ticker(ts)) {
    return bad(ticker, "ticker", "expected 1-64 characters of A-Z a-z 0-9 - _ .");
  }
  ticker = std::string(ts);
  m->ticker = ticker;
  // Kind first too: the tick grid rules depend on it.
  dom::element kv;
  if (o["kind"].get(kv) == simdjson::SUCCESS) {
    std::string_view k;
    if (kv.get_string().get(k) != simdjson::SUCCESS || (k != "binary" && k != "perp")) {
      return bad(ticker, "kind", "expected \"binary\" or \"perp\"");
    }
    m->kind = k == "perp" ? MarketKind::Perp : MarketKind::Binary;
  }
  bool have_ranges = false;
  bool have_margin = false;
  bool have_reference = false;
  for (auto [key, v] : o) {
    Error e;
    if (key == "ticker" || key == "kind") {
      continue;
    } else if (key == "event_ticker") {
      e = string_field(ticker, key, v, &m->event_ticker);
    } else if (key == "series_ticker") {
      e = string_field(ticker, key, v, &m->series_ticker);
    } else if (key == "title") {
      e = string_field(ticker, key, v, &m->title);
    } else if (key == "status") {
      std::string_view s;
      if (v.get_string().get(s) != simdjson::SUCCESS || !status_from_name(s, &m->status)) {
        e = bad(ticker, key, "expected initialized, open, paused, closed or settled");
      }
    } else if (key == "price_ranges") {
      e = ranges_field(ticker, v, m->kind, &m->ticks);
      have_ranges = true;
    } else if (key == "fractional_trading_enabled") {
      if (v.get_bool().get(m->fractional) != simdjson::SUCCESS)
        e = bad(ticker, key, "expected a boolean");
    } else if (key == "open_time_ms" || key == "close_time_ms") {
      int64_t t = 0;
      if (v.get_int64().get(t) != simdjson::SUCCESS || t < 0) {
        e = bad(ticker, key, "expected a non-negative integer (Unix ms)");
      }
      (key == "open_time_ms" ? m->open_time_ms : m->close_time_ms) = t;
    } else if (key == "reference_price") {
      e = decimal_field(ticker, key, v, &m->reference_price);
      if (e.ok() && m->reference_price <= 0) e = bad(ticker, key, "must be positive");
      have_reference = true;
    } else if (key == "price_band") {
      e = decimal_field(ticker, key, v, &m->price_band);
      if (e.ok() && m->price_band < 0) e = bad(ticker, key, "must not be negative");
    } else if (key == "initial_margin") {
      e = rate_field(ticker, key, v, &m->initial_margin_ppm, true);
      have_margin = true;
    } else if (key == "settlement_value") {
      e = decimal_field(ticker, key, v, &m->settlement_value);
      if (e.ok() && (m->settlement_value < 0 || m->settlement_value > kDollar)) {
        e = bad(ticker, key, "must be between 0 and 1");
      }
    } else if (key == "taker_fee_rate") {
      e = rate_field(ticker, key, v, &m->taker_fee_ppm, false);
    } else if (key == "maker_fee_rate") {
      e = rate_field(ticker, key, v, &m->maker_fee_ppm, false);
    } else {
      e = bad(ticker, key, "unknown field");
    }
    if (!e.ok()) return e;
  }
  if (!have_ranges) return bad(ticker, "price_ranges", "missing");
  if (m->kind == MarketKind::Perp) {
    if (!have_reference) return bad(ticker, "reference_price", "missing (required for perps)");
    if (!have_margin) return bad(ticker, "initial_margin", "missing (required for perps)");
  }
  if (m->close_time_ms != 0 && m->close_time_ms < m->open_time_ms) {
    return bad(ticker, "close_time_ms", "before open_time_ms");
  }
  return {};
}

}  // namespace

Error parse_markets_json(std::string_view json, std::vector<Market> *out) {
  out->clear();
  dom::parser parser;
  const simdjson::padded_string padded(json);
  dom::element root;
  if (auto err = parser.parse(padded).get(root); err != simdjson::SUCCESS) {
    return Error::make(KALSHI_ERR_PARSE, std::string("markets file: malformed JSON: ") +
                                             simdjson::error_message(err));
  }
  dom::array list;
  if (root["markets"].get_array().get(list) != simdjson::SUCCESS) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "markets file: expected an object with a \"markets\" array");
  }
  std::vector<Market> markets;
  std::set<std::string, std::less<>> seen;
  size_t index = 0;
  for (dom::element item : list) {
    dom::object o;
    if (item.get_object().get(o) != simdjson::SUCCESS) {
      return Error::make(KALSHI_ERR_INVALID_VALUE,
                         "markets file: entry #" + std::to_string(index) + " is not an object");
    }
    Market m;
    if (Error e = parse_market(o, index, &m); !e.ok()) return e;
    if (!seen.insert(m.ticker).second) return bad(m.ticker, "ticker", "duplicate ticker");
    markets.push_back(std::move(m));
    ++index;
  }
  *out = std::move(markets);
  return {};
}

}  // namespace kalshi::sim
