// The generic table-driven decoder: one pass over each JSON object with simdjson On-Demand,
// matching keys against the model's field table (starting at the slot after the previous match,
// since Kalshi sends fields in a stable order, so a lookup is usually one comparison) and
// converting values in place with core/decimal.h's parse_fixed. Strings without escapes are
// returned as views of the input token itself (raw_json_token), which avoids simdjson's copy into
// its string buffer; strings with escapes fall back to get_string().
#include "json/decode.h"

#include <simdjson.h>

#include <cstring>
#include <string>
#include <utility>

#include "core/decimal.h"
#include "json/fast_decimal.h"

namespace kalshi::json {

namespace od = simdjson::ondemand;
static_assert(kJsonPadding == simdjson::SIMDJSON_PADDING, "kJsonPadding must match simdjson");

struct JsonDecoder::State {
  od::parser parser;
  std::string padded;
};

namespace {

// Where a decode failed; turned into an Error (and its message) only on the failure path.
struct Ctx {
  std::string_view model;
  std::string_view field;
  const char *what = "";
  simdjson::error_code json = simdjson::SUCCESS;
};

constexpr kalshi_err_t kOk = KALSHI_OK;

kalshi_err_t json_error(Ctx &ctx, simdjson::error_code ec) {
  ctx.json = ec;
  ctx.what = "malformed JSON";
  return KALSHI_ERR_PARSE;
}

kalshi_err_t field_error(Ctx &ctx, kalshi_err_t code, std::string_view field, const char *what) {
  ctx.field = field;
  ctx.what = what;
  return code;
}

Error to_error(kalshi_err_t code, const Ctx &ctx) {
  std::string msg(ctx.model);
  if (!ctx.field.empty()) msg.append(".").append(ctx.field);
  msg.append(": ").append(ctx.what);
  if (ctx.json != simdjson::SUCCESS)
    msg.append(" (").append(simdjson::error_message(ctx.json)).append(")");
  return Error::make(code, std::move(msg));
}

std::string_view trim_token(std::string_view t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
    t.remove_suffix(1);
  return t;
}

// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  (simdjson's stage 1 only
// delimits number tokens, so the raw text kept for Number fields is checked here).
bool is_json_number(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  auto digit = [&](size_t k) { return k < n && s[k] >= '0' && s[k] <= '9'; };
  if (i < n && s[i] == '-') ++i;
  if (!digit(i)) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < n && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == n;
}

// The text of a string value: a view of the input when it has no escapes, else unescaped.
simdjson::error_code read_string(od::value &v, std::string_view *out) {
  const std::string_view tok = trim_token(v.raw_json_token());
  if (tok.size() >= 2 && tok.front() == '"' && tok.back() == '"') {
    const std::string_view body = tok.substr(1, tok.size() - 2);
    if (body.find('\\') == std::string_view::npos) {
      *out = body;
      return simdjson::SUCCESS;
    }
  }
  return v.get_string().get(*out);
}

const char *decimal_what(kalshi_err_t code) {
  switch (code) {
    case KALSHI_ERR_INEXACT:
      return "decimal has more places than the fixed scale holds";
    case KALSHI_ERR_RANGE:
      return "decimal out of range";
    default:
      return "malformed decimal";
  }
}

// A decimal from a JSON string ("0.5600") or number token (56, 0.56), scaled by 10^scale.
kalshi_err_t read_decimal(od::value &v, od::json_type t, int scale, int64_t *out,
                          std::string_view field, Ctx &ctx) {
  std::string_view text;
  if (t == od::json_type::string) {
    const std::string_view tok = trim_token(v.raw_json_token());
    if (tok.size() < 2 || tok.back() != '"')
      return field_error(ctx, KALSHI_ERR_PARSE, field, "malformed string");
    text = tok.substr(1, tok.size() - 2);
  } else if (t == od::json_type::number) {
    text = trim_token(v.raw_json_token());
    if (!is_json_number(text)) return field_error(ctx, KALSHI_ERR_PARSE, field, "malformed number");
  } else {
    return field_error(ctx, KALSHI_ERR_PARSE, field, "expected a decimal string or number");
  }
  const kalshi_err_t rc = parse_decimal_fast(text, scale, out);
  if (rc != KALSHI_OK) return field_error(ctx, rc, field, decimal_what(rc));
  return kOk;
}

int scale_of(FieldKind kind) {
  switch (kind) {
    case FieldKind::Price:
      return 6;  // dollars x 10^6
    case FieldKind::Count:
      return 2;  // contracts x 100
    case FieldKind::Cents:
      return 4;  // 1 cent = 10^4 price units
    case FieldKind::Centi:
      return 2;  // 1 centi-cent = $0.0001 = 100 price units
    default:
      return 0;
  }
}

// Reads one field's value into `dst`; *present false for JSON null.
kalshi_err_t read_field(od::value &v, const FieldInfo &f, unsigned char *dst, bool *present,
                        Ctx &ctx) {
  od::json_type t{};
  if (auto ec = v.type().get(t)) return json_error(ctx, ec);
  if (t == od::json_type::null) {
    bool is_null = false;
    if (auto ec = v.is_null().get(is_null)) return json_error(ctx, ec);
    if (!is_null) return field_error(ctx, KALSHI_ERR_PARSE, f.name, "malformed null");
    *present = false;
    return kOk;
  }
  *present = true;
  switch (f.kind) {
    case FieldKind::String: {
      if (t != od::json_type::string)
        return field_error(ctx, KALSHI_ERR_PARSE, f.name, "expected a string");
      std::string_view s;
      if (auto ec = read_string(v, &s)) return json_error(ctx, ec);
      std::memcpy(static_cast<void *>(dst), &s, sizeof s);
      return kOk;
    }
    case FieldKind::Number: {
      if (t != od::json_type::number)
        return field_error(ctx, KALSHI_ERR_PARSE, f.name, "expected a number");
      const std::string_view s = trim_token(v.raw_json_token());
      if (!is_json_number(s)) return field_error(ctx, KALSHI_ERR_PARSE, f.name, "malformed number");
      std::memcpy(static_cast<void *>(dst), &s, sizeof s);
      return kOk;
    }
    case FieldKind::Bool: {
      bool b = false;
      if (t != od::json_type::boolean)
        return field_error(ctx, KALSHI_ERR_PARSE, f.name, "expected a boolean");
      if (auto ec = v.get_bool().get(b)) return json_error(ctx, ec);
      std::memcpy(dst, &b, sizeof b);
      return kOk;
    }
    default: {
      int64_t x = 0;
      if (kalshi_err_t rc = read_decimal(v, t, scale_of(f.kind), &x, f.name, ctx)) return rc;
      std::memcpy(dst, &x, sizeof x);
      return kOk;
    }
  }
}

// A key as a view: of the input when it has no escapes (always, for Kalshi's keys).
simdjson::error_code read_key(od::field &field, std::string_view *out) {
  const char *k = field.key().raw();
  size_t n = 0;
  // Stage 1 has found the closing quote, so this scan ends inside the input.
  while (k[n] != '"' && k[n] != '\\') ++n;
  if (k[n] == '"') {
    *out = std::string_view(k, n);
    return simdjson::SUCCESS;
  }
  return field.unescaped_key().get(*out);
}

kalshi_err_t decode_object(od::object &obj, const ModelInfo &m, void *out, bool allow_wrapper,
                           Ctx &ctx);

kalshi_err_t decode_value_as(od::value &v, const ModelInfo &m, void *out, Ctx &ctx) {
  od::object obj;
  if (auto ec = v.get_object().get(obj)) return json_error(ctx, ec);
  return decode_object(obj, m, out, false, ctx);
}

kalshi_err_t decode_object(od::object &obj, const ModelInfo &m, void *out, bool allow_wrapper,
                           Ctx &ctx) {
  auto *base = static_cast<unsigned char *>(out);
  uint64_t present = 0;
  size_t hint = 0;
  for (auto field_result : obj) {
    od::field field;
    if (auto ec = std::move(field_result).get(field)) return json_error(ctx, ec);
    // Fast path: the field after the previous match, compared against the raw key bytes (the
    // input is padded, and no field name is longer than the padding, so k[len] is readable).
    if (hint < m.field_count) {
      const std::string_view want = m.fields[hint].name;
      const char *k = field.key().raw();
      if (k[want.size()] == '"' && std::memcmp(k, want.data(), want.size()) == 0) {
        const size_t idx = hint++;
        bool is_present = false;
        if (kalshi_err_t rc = read_field(field.value(), m.fields[idx], base + m.fields[idx].offset,
                                         &is_present, ctx))
          return rc;
        if (is_present) {
          present |= uint64_t{1} << idx;
        } else {
          present &= ~(uint64_t{1} << idx);
        }
        continue;
      }
    }
    std::string_view key;
    if (auto ec = read_key(field, &key)) return json_error(ctx, ec);
    size_t idx = m.field_count;
    for (size_t j = 0, c = hint; j < m.field_count; ++j, ++c) {
      if (c == m.field_count) c = 0;
      if (m.fields[c].name == key) {
        idx = c;
        break;
      }
    }
    if (idx == m.field_count) {
      if (allow_wrapper && !m.wrapper.empty() && key == m.wrapper) {
        // The REST envelope: the model is the nested object; drop anything read so far.
        m.reset(out);
        od::json_type t{};
        if (auto ec = field.value().type().get(t)) return json_error(ctx, ec);
        if (t != od::json_type::object)
          return field_error(ctx, KALSHI_ERR_PARSE, key, "expected an object");
        return decode_value_as(field.value(), m, out, ctx);
      }
      continue;  // unknown field: ignored (On-Demand skips its value)
    }
    hint = idx + 1;
    bool is_present = false;
    if (kalshi_err_t rc =
            read_field(field.value(), m.fields[idx], base + m.fields[idx].offset, &is_present, ctx))
      return rc;
    if (is_present) {
      present |= uint64_t{1} << idx;
    } else {
      present &= ~(uint64_t{1} << idx);
    }
  }
  for (size_t i = 0; i < m.field_count; ++i) {
    if (m.fields[i].required && ((present >> i) & 1u) == 0)
      return field_error(ctx, KALSHI_ERR_PARSE, m.fields[i].name, "missing required field");
  }
  std::memcpy(base + m.present_offset, &present, sizeof present);
  return kOk;
}

// Fills a vector (through `sink`) from a JSON array of objects; null gives an empty vector.
kalshi_err_t decode_array(od::value &v, const ModelInfo &m, JsonDecoder::VectorSink sink,
                          std::string_view key, Ctx &ctx) {
  sink.append(sink.vector, true);
  od::json_type t{};
  if (auto ec = v.type().get(t)) return json_error(ctx, ec);
  if (t == od::json_type::null) return kOk;
  if (t != od::json_type::array)
    return field_error(ctx, KALSHI_ERR_PARSE, key, "expected an array");
  od::array arr;
  if (auto ec = v.get_array().get(arr)) return json_error(ctx, ec);
  const std::string_view outer = ctx.model;
  for (auto element : arr) {
    od::value item;
    if (auto ec = std::move(element).get(item)) return json_error(ctx, ec);
    void *slot = sink.append(sink.vector, false);
    ctx.model = m.name;
    if (kalshi_err_t rc = decode_value_as(item, m, slot, ctx)) return rc;
    ctx.model = outer;
  }
  return kOk;
}

// Book levels: [[price, count], ...]; price in cents (integer) when `cents`, else dollars.
kalshi_err_t decode_levels(od::value &v, bool cents, std::vector<BookLevel> *out,
                           std::string_view key, Ctx &ctx) {
  out->clear();
  od::json_type t{};
  if (auto ec = v.type().get(t)) return json_error(ctx, ec);
  if (t == od::json_type::null) return kOk;
  if (t != od::json_type::array)
    return field_error(ctx, KALSHI_ERR_PARSE, key, "expected an array");
  od::array arr;
  if (auto ec = v.get_array().get(arr)) return json_error(ctx, ec);
  for (auto element : arr) {
    od::array pair;
    if (auto ec = element.get_array().get(pair)) return json_error(ctx, ec);
    BookLevel level;
    int n = 0;
    for (auto part : pair) {
      od::value pv;
      if (auto ec = std::move(part).get(pv)) return json_error(ctx, ec);
      od::json_type pt{};
      if (auto ec = pv.type().get(pt)) return json_error(ctx, ec);
      if (n == 0) {
        if (kalshi_err_t rc = read_decimal(pv, pt, cents ? 4 : 6, &level.price, key, ctx))
          return rc;
      } else if (n == 1) {
        if (kalshi_err_t rc = read_decimal(pv, pt, 2, &level.count, key, ctx)) return rc;
      } else {
        return field_error(ctx, KALSHI_ERR_PARSE, key, "a price level has exactly 2 elements");
      }
      ++n;
    }
    if (n != 2)
      return field_error(ctx, KALSHI_ERR_PARSE, key, "a price level has exactly 2 elements");
    out->push_back(level);
  }
  return kOk;
}

}  // namespace

// ---- JsonDecoder --------------------------------------------------------------------------------

JsonDecoder::JsonDecoder() : state_(std::make_unique<State>()) {}
JsonDecoder::~JsonDecoder() = default;

std::string_view JsonDecoder::pad(std::string_view json) {
  std::string &buf = state_->padded;
  buf.resize(json.size() + kJsonPadding);
  if (!json.empty()) std::memcpy(buf.data(), json.data(), json.size());
  return std::string_view(buf.data(), json.size());
}

namespace {

// Starts a document whose root must be an object.
kalshi_err_t open_root(od::parser &parser, std::string_view json, od::document *doc,
                       od::object *root, Ctx &ctx) {
  if (json.empty()) return field_error(ctx, KALSHI_ERR_PARSE, {}, "empty JSON body");
  if (auto ec = parser.iterate(json.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING)
                    .get(*doc))
    return json_error(ctx, ec);
  if (auto ec = doc->get_object().get(*root)) return json_error(ctx, ec);
  return kOk;
}

}  // namespace

Error JsonDecoder::decode(ModelKind kind, std::string_view padded_json, void *out) {
  if (static_cast<size_t>(kind) >= static_cast<size_t>(ModelKind::kCount) || out == nullptr)
    return Error::make(KALSHI_ERR_INVALID_ARG, "json: unknown model kind or null output");
  const ModelInfo &m = model_info(kind);
  m.reset(out);
  Ctx ctx;
  ctx.model = m.name;
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  if (rc == kOk) rc = decode_object(root, m, out, true, ctx);
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

Error JsonDecoder::decode_page_erased(std::string_view padded_json, std::string_view items_key,
                                      ModelKind kind, VectorSink sink, std::string_view *cursor) {
  if (static_cast<size_t>(kind) >= static_cast<size_t>(ModelKind::kCount) ||
      sink.vector == nullptr || cursor == nullptr)
    return Error::make(KALSHI_ERR_INVALID_ARG, "json: unknown model kind or null output");
  const ModelInfo &m = model_info(kind);
  *cursor = {};
  sink.append(sink.vector, true);
  Ctx ctx;
  ctx.model = "page";
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  bool seen_items = false;
  if (rc == kOk) {
    for (auto field_result : root) {
      od::field field;
      if (auto ec = std::move(field_result).get(field)) {
        rc = json_error(ctx, ec);
        break;
      }
      std::string_view key;
      if (auto ec = read_key(field, &key)) {
        rc = json_error(ctx, ec);
        break;
      }
      if (key == items_key) {
        seen_items = true;
        rc = decode_array(field.value(), m, sink, items_key, ctx);
      } else if (key == "cursor" || key == "next_cursor") {
        od::json_type t{};
        if (auto ec = field.value().type().get(t)) {
          rc = json_error(ctx, ec);
        } else if (t == od::json_type::string) {
          if (auto ec2 = read_string(field.value(), cursor)) rc = json_error(ctx, ec2);
        } else if (t != od::json_type::null) {
          rc = field_error(ctx, KALSHI_ERR_PARSE, "cursor", "expected a string");
        }
      }
      if (rc != kOk) break;
    }
  }
  if (rc == kOk && !seen_items)
    rc = field_error(ctx, KALSHI_ERR_PARSE, items_key, "missing required field");
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

Error JsonDecoder::decode_positions_page(std::string_view padded_json,
                                         std::vector<MarketPosition> *markets,
                                         std::vector<EventPosition> *events,
                                         std::string_view *cursor) {
  if (markets == nullptr || events == nullptr || cursor == nullptr)
    return Error::make(KALSHI_ERR_INVALID_ARG, "json: null output");
  markets->clear();
  events->clear();
  *cursor = {};
  Ctx ctx;
  ctx.model = "positions";
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  bool seen_markets = false, seen_events = false;
  if (rc == kOk) {
    for (auto field_result : root) {
      od::field field;
      std::string_view key;
      if (auto ec = std::move(field_result).get(field)) {
        rc = json_error(ctx, ec);
      } else if (auto ec2 = read_key(field, &key)) {
        rc = json_error(ctx, ec2);
      } else if (key == "market_positions") {
        seen_markets = true;
        rc = decode_array(field.value(), model_info(ModelKind::MarketPosition),
                          VectorSink{markets, &append_to<MarketPosition>}, key, ctx);
      } else if (key == "event_positions") {
        seen_events = true;
        rc = decode_array(field.value(), model_info(ModelKind::EventPosition),
                          VectorSink{events, &append_to<EventPosition>}, key, ctx);
      } else if (key == "cursor") {
        od::json_type t{};
        if (auto ec3 = field.value().type().get(t)) {
          rc = json_error(ctx, ec3);
        } else if (t == od::json_type::string) {
          if (auto ec4 = read_string(field.value(), cursor)) rc = json_error(ctx, ec4);
        }
      }
      if (rc != kOk) break;
    }
  }
  if (rc == kOk && !seen_markets)
    rc = field_error(ctx, KALSHI_ERR_PARSE, "market_positions", "missing required field");
  if (rc == kOk && !seen_events)
    rc = field_error(ctx, KALSHI_ERR_PARSE, "event_positions", "missing required field");
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

namespace {

// Book sides by key; recurses once into an `orderbook`/`orderbook_fp` envelope.
struct SideKey {
  std::string_view key;
  bool cents;
  int side;  // index into `sides`
};

kalshi_err_t decode_book(od::object &obj, const SideKey *keys, size_t key_count,
                         std::vector<BookLevel> *const *sides, int *dollar_seen, bool top,
                         Ctx &ctx) {
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (auto ec = std::move(field_result).get(field)) return json_error(ctx, ec);
    if (auto ec = read_key(field, &key)) return json_error(ctx, ec);
    if (top && (key == "orderbook" || key == "orderbook_fp")) {
      od::object inner;
      if (auto ec = field.value().get_object().get(inner)) return json_error(ctx, ec);
      if (kalshi_err_t rc = decode_book(inner, keys, key_count, sides, dollar_seen, false, ctx))
        return rc;
      continue;
    }
    for (size_t i = 0; i < key_count; ++i) {
      if (keys[i].key != key) continue;
      const int s = keys[i].side;
      // The exact dollar levels win over the legacy cent levels of the same side.
      if (keys[i].cents && dollar_seen[s]) break;
      if (kalshi_err_t rc = decode_levels(field.value(), keys[i].cents, sides[s], key, ctx))
        return rc;
      if (!keys[i].cents) dollar_seen[s] = 1;
      break;
    }
  }
  return kOk;
}

}  // namespace

Error JsonDecoder::decode_orderbook(std::string_view padded_json, OrderBook *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "json: null output");
  out->yes.clear();
  out->no.clear();
  static constexpr SideKey kKeys[] = {
      {"yes_dollars", false, 0}, {"no_dollars", false, 1}, {"yes", true, 0}, {"no", true, 1}};
  std::vector<BookLevel> *const sides[] = {&out->yes, &out->no};
  int dollar_seen[2] = {0, 0};
  Ctx ctx;
  ctx.model = "orderbook";
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  if (rc == kOk) rc = decode_book(root, kKeys, 4, sides, dollar_seen, true, ctx);
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

Error JsonDecoder::decode_margin_orderbook(std::string_view padded_json, MarginOrderBook *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "json: null output");
  out->bids.clear();
  out->asks.clear();
  static constexpr SideKey kKeys[] = {{"bids", false, 0}, {"asks", false, 1}};
  std::vector<BookLevel> *const sides[] = {&out->bids, &out->asks};
  int dollar_seen[2] = {0, 0};
  Ctx ctx;
  ctx.model = "margin_orderbook";
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  if (rc == kOk) rc = decode_book(root, kKeys, 2, sides, dollar_seen, true, ctx);
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

namespace {

constexpr std::string_view kDayNames[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

kalshi_err_t decode_weekly(od::value &v, WeeklySchedule *w, Ctx &ctx) {
  od::object obj;
  if (auto ec = v.get_object().get(obj)) return json_error(ctx, ec);
  bool start = false, end = false;
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (auto ec = std::move(field_result).get(field)) return json_error(ctx, ec);
    if (auto ec = read_key(field, &key)) return json_error(ctx, ec);
    if (key == "start_time" || key == "end_time") {
      std::string_view *dst = key == "start_time" ? &w->start_time : &w->end_time;
      (key == "start_time" ? start : end) = true;
      od::json_type t{};
      if (auto ec = field.value().type().get(t)) return json_error(ctx, ec);
      if (t != od::json_type::string)
        return field_error(ctx, KALSHI_ERR_PARSE, key, "expected a string");
      if (auto ec = read_string(field.value(), dst)) return json_error(ctx, ec);
      continue;
    }
    for (size_t d = 0; d < 7; ++d) {
      if (key != kDayNames[d]) continue;
      if (kalshi_err_t rc = decode_array(
              field.value(), model_info(ModelKind::DailySession),
              JsonDecoder::VectorSink{&w->days[d],
                                      [](void *vec, bool clear) -> void * {
                                        auto *dv = static_cast<std::vector<DailySession> *>(vec);
                                        if (clear) {
                                          dv->clear();
                                          return nullptr;
                                        }
                                        return &dv->emplace_back();
                                      }},
              key, ctx))
        return rc;
      break;
    }
  }
  if (!start) return field_error(ctx, KALSHI_ERR_PARSE, "start_time", "missing required field");
  if (!end) return field_error(ctx, KALSHI_ERR_PARSE, "end_time", "missing required field");
  return kOk;
}

kalshi_err_t decode_schedule(od::object &obj, ExchangeSchedule *out, bool top, Ctx &ctx) {
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (auto ec = std::move(field_result).get(field)) return json_error(ctx, ec);
    if (auto ec = read_key(field, &key)) return json_error(ctx, ec);
    if (top && key == "schedule") {
      od::object inner;
      if (auto ec = field.value().get_object().get(inner)) return json_error(ctx, ec);
      if (kalshi_err_t rc = decode_schedule(inner, out, false, ctx)) return rc;
    } else if (key == "maintenance_windows") {
      if (kalshi_err_t rc = decode_array(
              field.value(), model_info(ModelKind::MaintenanceWindow),
              JsonDecoder::VectorSink{&out->maintenance_windows,
                                      [](void *vec, bool clear) -> void * {
                                        auto *mv =
                                            static_cast<std::vector<MaintenanceWindow> *>(vec);
                                        if (clear) {
                                          mv->clear();
                                          return nullptr;
                                        }
                                        return &mv->emplace_back();
                                      }},
              key, ctx))
        return rc;
    } else if (key == "standard_hours") {
      out->standard_hours.clear();
      od::json_type t{};
      if (auto ec = field.value().type().get(t)) return json_error(ctx, ec);
      if (t == od::json_type::null) continue;
      od::array arr;
      if (auto ec = field.value().get_array().get(arr)) return json_error(ctx, ec);
      ctx.model = "weekly_schedule";
      for (auto element : arr) {
        od::value item;
        if (auto ec = std::move(element).get(item)) return json_error(ctx, ec);
        if (kalshi_err_t rc = decode_weekly(item, &out->standard_hours.emplace_back(), ctx))
          return rc;
      }
      ctx.model = "exchange_schedule";
    }
  }
  return kOk;
}

}  // namespace

Error JsonDecoder::decode_exchange_schedule(std::string_view padded_json, ExchangeSchedule *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "json: null output");
  out->standard_hours.clear();
  out->maintenance_windows.clear();
  Ctx ctx;
  ctx.model = "exchange_schedule";
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  if (rc == kOk) rc = decode_schedule(root, out, true, ctx);
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

Error JsonDecoder::decode_margin_balance(std::string_view padded_json, MarginBalance *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "json: null output");
  out->settled_funds = 0;
  out->subaccount_balances.clear();
  Ctx ctx;
  ctx.model = "margin_balance";
  od::document doc;
  od::object root;
  kalshi_err_t rc = open_root(state_->parser, padded_json, &doc, &root, ctx);
  bool seen_funds = false;
  if (rc == kOk) {
    for (auto field_result : root) {
      od::field field;
      std::string_view key;
      if (auto ec = std::move(field_result).get(field)) {
        rc = json_error(ctx, ec);
      } else if (auto ec2 = read_key(field, &key)) {
        rc = json_error(ctx, ec2);
      } else if (key == "settled_funds") {
        od::json_type t{};
        if (auto ec3 = field.value().type().get(t)) {
          rc = json_error(ctx, ec3);
        } else {
          seen_funds = true;
          rc = read_decimal(field.value(), t, 6, &out->settled_funds, key, ctx);
        }
      } else if (key == "subaccount_balances") {
        rc = decode_array(
            field.value(), model_info(ModelKind::MarginSubaccountBalance),
            VectorSink{&out->subaccount_balances, &append_to<MarginSubaccountBalance>}, key, ctx);
      }
      if (rc != kOk) break;
    }
  }
  if (rc == kOk && !seen_funds)
    rc = field_error(ctx, KALSHI_ERR_PARSE, "settled_funds", "missing required field");
  if (rc != kOk) return to_error(rc, ctx);
  return Error{};
}

JsonDecoder &thread_decoder() {
  thread_local JsonDecoder decoder;
  return decoder;
}

}  // namespace kalshi::json
