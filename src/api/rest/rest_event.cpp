// REST response bodies as typed objects. The json/ decoders do the exact parsing; this file only
// picks the model per operation and copies decoded values into kalshi_obj fields (generic over
// the models' field tables, so a field added to a model appears here without code).
#include "api/rest/rest_event.h"

#include <simdjson.h>

#include <cstdint>
#include <cstring>

#include "core/decimal.h"
#include "json/decode.h"

namespace kalshi::api::rest {

namespace {

using json::FieldKind;
using json::ModelKind;
using kalshi::rest::Api;
using kalshi::rest::OperationDef;

// How a response body maps onto models.
enum class Shape : uint8_t {
  Single,           // one model, bare or in its envelope ({"market": {...}})
  List,             // {"<items>": [model...], "cursor": ...}
  OrderBook,        // GetMarketOrderbook: levels "yes"/"no"
  MarginOrderBook,  // GetMarginMarketOrderbook: levels "bid"/"ask"
  Positions,        // GetPositions: market_positions + event_positions
  MarginBalance,    // GetMarginBalance: settled funds + one object per subaccount
  Flat,             // a flat response object without a model (V2 order writes): one object
  FlatList,         // {"<items>": [flat...]} (V2 batch writes)
};

struct Decoding {
  Api api;
  const char *op;
  Shape shape;
  ModelKind kind;     // Single / List
  const char *items;  // List / FlatList
  const char *name;   // object kind for Flat / FlatList / books
};

// clang-format off
constexpr Decoding kDecodings[] = {
  {Api::Prediction, "GetExchangeStatus", Shape::Single, ModelKind::ExchangeStatus, nullptr, nullptr},
  {Api::Prediction, "GetSeries", Shape::Single, ModelKind::Series, nullptr, nullptr},
  {Api::Prediction, "GetSeriesList", Shape::List, ModelKind::Series, "series", nullptr},
  {Api::Prediction, "GetEvents", Shape::List, ModelKind::Event, "events", nullptr},
  {Api::Prediction, "GetEvent", Shape::Single, ModelKind::Event, nullptr, nullptr},
  {Api::Prediction, "GetMarkets", Shape::List, ModelKind::Market, "markets", nullptr},
  {Api::Prediction, "GetMarket", Shape::Single, ModelKind::Market, nullptr, nullptr},
  {Api::Prediction, "GetMarketOrderbook", Shape::OrderBook, ModelKind::Market, nullptr, "orderbook"},
  {Api::Prediction, "GetTrades", Shape::List, ModelKind::Trade, "trades", nullptr},
  {Api::Prediction, "GetBalance", Shape::Single, ModelKind::Balance, nullptr, nullptr},
  {Api::Prediction, "GetPositions", Shape::Positions, ModelKind::MarketPosition, nullptr, nullptr},
  {Api::Prediction, "GetFills", Shape::List, ModelKind::Fill, "fills", nullptr},
  {Api::Prediction, "GetSettlements", Shape::List, ModelKind::Settlement, "settlements", nullptr},
  {Api::Prediction, "GetOrders", Shape::List, ModelKind::Order, "orders", nullptr},
  {Api::Prediction, "GetOrder", Shape::Single, ModelKind::Order, nullptr, nullptr},
  {Api::Prediction, "GetOrderGroups", Shape::List, ModelKind::OrderGroup, "order_groups", nullptr},
  {Api::Prediction, "GetIncentivePrograms", Shape::List, ModelKind::IncentiveProgram, "incentive_programs", nullptr},
  {Api::Prediction, "CreateOrderV2", Shape::Flat, ModelKind::Order, nullptr, "order"},
  {Api::Prediction, "CancelOrderV2", Shape::Flat, ModelKind::Order, nullptr, "order"},
  {Api::Prediction, "AmendOrderV2", Shape::Flat, ModelKind::Order, nullptr, "order"},
  {Api::Prediction, "DecreaseOrderV2", Shape::Flat, ModelKind::Order, nullptr, "order"},
  {Api::Prediction, "BatchCreateOrdersV2", Shape::FlatList, ModelKind::Order, "orders", "order"},
  {Api::Prediction, "BatchCancelOrdersV2", Shape::FlatList, ModelKind::Order, "orders", "order"},
  {Api::Prediction, "CreateOrderGroup", Shape::Flat, ModelKind::OrderGroup, nullptr, "order_group"},
  {Api::Perps, "GetMarginMarkets", Shape::List, ModelKind::MarginMarket, "markets", nullptr},
  {Api::Perps, "GetMarginMarket", Shape::Single, ModelKind::MarginMarket, nullptr, nullptr},
  {Api::Perps, "GetMarginMarketOrderbook", Shape::MarginOrderBook, ModelKind::MarginMarket, nullptr, "margin_orderbook"},
  {Api::Perps, "GetMarginOrders", Shape::List, ModelKind::MarginOrder, "orders", nullptr},
  {Api::Perps, "GetMarginOrder", Shape::Single, ModelKind::MarginOrder, nullptr, nullptr},
  {Api::Perps, "CreateMarginOrder", Shape::Flat, ModelKind::MarginOrder, nullptr, "margin_order"},
  {Api::Perps, "CancelMarginOrder", Shape::Flat, ModelKind::MarginOrder, nullptr, "margin_order"},
  {Api::Perps, "AmendMarginOrder", Shape::Flat, ModelKind::MarginOrder, nullptr, "margin_order"},
  {Api::Perps, "DecreaseMarginOrder", Shape::Flat, ModelKind::MarginOrder, nullptr, "margin_order"},
  {Api::Perps, "GetMarginFills", Shape::List, ModelKind::MarginFill, "fills", nullptr},
  {Api::Perps, "GetMarginTrades", Shape::List, ModelKind::MarginTrade, "trades", nullptr},
  {Api::Perps, "GetMarginPositions", Shape::List, ModelKind::MarginPosition, "positions", nullptr},
  {Api::Perps, "GetMarginRisk", Shape::List, ModelKind::MarginRiskPosition, "positions", nullptr},
  {Api::Perps, "GetMarginBalance", Shape::MarginBalance, ModelKind::MarginSubaccountBalance, nullptr, "margin_balance"},
  {Api::Perps, "GetMarginHistoricalFundingRates", Shape::List, ModelKind::FundingRate, "funding_rates", nullptr},
  {Api::Perps, "GetMarginFundingHistory", Shape::List, ModelKind::FundingHistoryEntry, "funding_history", nullptr},
  {Api::Perps, "GetMarginFundingRateEstimate", Shape::Single, ModelKind::FundingRate, nullptr, nullptr},
};
// clang-format on

const Decoding *find_decoding(const OperationDef &op) {
  for (const Decoding &d : kDecodings) {
    if (d.api == op.api && std::strcmp(d.op, op.id) == 0) return &d;
  }
  return nullptr;
}

template <class T>
const T &at(const void *model, uint32_t offset) {
  return *reinterpret_cast<const T *>(static_cast<const char *>(model) + offset);
}

// Copies every present field of a decoded model into *o (values are copied: the model's string
// views die with the next decode).
void model_to_obj(ModelKind kind, const void *model, kalshi_obj *o) {
  const json::ModelInfo &info = json::model_info(kind);
  o->kind = std::string(info.name);
  const uint64_t present = at<uint64_t>(model, info.present_offset);
  for (size_t i = 0; i < info.field_count; ++i) {
    if (((present >> i) & 1u) == 0) continue;
    const json::FieldInfo &f = info.fields[i];
    switch (f.kind) {
      case FieldKind::String:
      case FieldKind::Number:  // the exact digits as text: never a double
        o->add_str(f.name, at<std::string_view>(model, f.offset));
        break;
      case FieldKind::Price:
      case FieldKind::Cents:
      case FieldKind::Centi:
        o->add_price(f.name, at<int64_t>(model, f.offset));
        break;
      case FieldKind::Count:
        o->add_count(f.name, at<int64_t>(model, f.offset));
        break;
      case FieldKind::Int:
        o->add_int(f.name, at<int64_t>(model, f.offset));
        break;
      case FieldKind::Bool:
        o->add_bool(f.name, at<bool>(model, f.offset));
        break;
    }
  }
}

template <class T>
void append_all(const std::vector<T> &items, std::vector<kalshi_obj> *objs) {
  for (const T &m : items) model_to_obj(json::ModelTraits<T>::kind, &m, &objs->emplace_back());
}

Error decode_single(json::JsonDecoder &d, ModelKind kind, std::string_view padded,
                    std::vector<kalshi_obj> *objs) {
  switch (kind) {
#define KALSHI_REST_SINGLE(Struct, LIST, snake)            \
  case ModelKind::Struct: {                                \
    json::Struct m;                                        \
    if (Error e = d.decode(padded, &m); !e.ok()) return e; \
    model_to_obj(kind, &m, &objs->emplace_back());         \
    return Error{};                                        \
  }
    KALSHI_JSON_FLAT_MODELS(KALSHI_REST_SINGLE)
#undef KALSHI_REST_SINGLE
    case ModelKind::kCount:
      break;
  }
  return Error::make(KALSHI_ERR_INTERNAL, "no such model");
}

Error decode_list(json::JsonDecoder &d, ModelKind kind, std::string_view padded,
                  std::string_view items, std::vector<kalshi_obj> *objs, std::string *cursor) {
  switch (kind) {
#define KALSHI_REST_LIST(Struct, LIST, snake)                              \
  case ModelKind::Struct: {                                                \
    std::vector<json::Struct> v;                                           \
    std::string_view c;                                                    \
    if (Error e = d.decode_page(padded, items, &v, &c); !e.ok()) return e; \
    *cursor = std::string(c);                                              \
    append_all(v, objs);                                                   \
    return Error{};                                                        \
  }
    KALSHI_JSON_FLAT_MODELS(KALSHI_REST_LIST)
#undef KALSHI_REST_LIST
    case ModelKind::kCount:
      break;
  }
  return Error::make(KALSHI_ERR_INTERNAL, "no such model");
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Field kinds of the V2 write responses (no model in the spec's core set): dollars and counts
// arrive as FixedPoint strings and are read exactly; anything else keeps its JSON type.
bool is_price_name(std::string_view n) {
  return ends_with(n, "_dollars") || n == "price" || n == "average_fill_price" ||
         n == "average_fee_paid" || n == "fee_cost";
}
bool is_count_name(std::string_view n) {
  return ends_with(n, "_fp") || n == "count" || n == "fill_count" || n == "remaining_count" ||
         n == "reduced_by" || n == "reduce_by" || n == "reduce_to" || n == "initial_count";
}

void flat_to_obj(simdjson::dom::object o, const char *kind, kalshi_obj *out) {
  out->kind = kind;
  for (auto field : o) {
    const std::string_view name = field.key;
    simdjson::dom::element v = field.value;
    std::string_view text;
    int64_t i = 0;
    bool b = false;
    if (v.get_string().get(text) == simdjson::SUCCESS) {
      int64_t exact = 0;
      if (is_price_name(name) && parse_fixed(text, 6, &exact) == KALSHI_OK) {
        out->add_price(name, exact);
      } else if (is_count_name(name) && parse_fixed(text, 2, &exact) == KALSHI_OK) {
        out->add_count(name, exact);
      } else {
        out->add_str(name, text);
      }
    } else if (v.get_int64().get(i) == simdjson::SUCCESS) {
      out->add_int(name, i);
    } else if (v.get_bool().get(b) == simdjson::SUCCESS) {
      out->add_bool(name, b);
    } else if (name == "error" && v.is_object()) {
      // A batch item's error: its code and message, flattened.
      simdjson::dom::object err = v.get_object().value_unsafe();
      if (err["code"].get_string().get(text) == simdjson::SUCCESS) out->add_str("error_code", text);
      if (err["message"].get_string().get(text) == simdjson::SUCCESS) {
        out->add_str("error_message", text);
      }
    }
    // Floating-point numbers, arrays and other objects stay in the raw body only.
  }
}

simdjson::dom::parser &thread_parser() {
  thread_local simdjson::dom::parser p;
  return p;
}

Error parse_flat(std::string_view padded, const Decoding &dec, std::vector<kalshi_obj> *objs) {
  simdjson::dom::element root;
  if (thread_parser().parse(padded.data(), padded.size(), false).get(root) != simdjson::SUCCESS) {
    return Error::make(KALSHI_ERR_PARSE, std::string(dec.op) + ": the response is not JSON");
  }
  simdjson::dom::object o;
  if (root.get_object().get(o) != simdjson::SUCCESS) {
    return Error::make(KALSHI_ERR_PARSE, std::string(dec.op) + ": the response is not an object");
  }
  if (dec.shape == Shape::Flat) {
    flat_to_obj(o, dec.name, &objs->emplace_back());
    return Error{};
  }
  simdjson::dom::array items;
  if (o[dec.items].get_array().get(items) != simdjson::SUCCESS) {
    return Error::make(KALSHI_ERR_PARSE,
                       std::string(dec.op) + ": no \"" + dec.items + "\" array in the response");
  }
  for (simdjson::dom::element el : items) {
    simdjson::dom::object item;
    if (el.get_object().get(item) == simdjson::SUCCESS) {
      flat_to_obj(item, dec.name, &objs->emplace_back());
    }
  }
  return Error{};
}

// The top-level string `key` of a JSON object ("" when absent, null or not a string).
std::string read_cursor(std::string_view padded, const char *key) {
  simdjson::dom::element root;
  std::string_view text;
  if (thread_parser().parse(padded.data(), padded.size(), false).get(root) != simdjson::SUCCESS ||
      root[key].get_string().get(text) != simdjson::SUCCESS) {
    return {};
  }
  return std::string(text);
}

void add_book_levels(const std::vector<json::BookLevel> &levels, const char *side, kalshi_obj *o) {
  for (const json::BookLevel &l : levels) o->add_level(side, l.price, l.count);
}

// The lenient view, used when the strict model decode refuses a body (a server that omits a field
// the spec requires, or sends another JSON type for one): every known field that can be read
// exactly is kept, the rest is skipped, so one odd field does not hide the whole response. Prices
// and counts are read only from FixedPoint strings or integers, never from binary floating point.
void lenient_obj(ModelKind kind, simdjson::dom::object o, kalshi_obj *out) {
  const json::ModelInfo &info = json::model_info(kind);
  out->kind = std::string(info.name);
  for (size_t i = 0; i < info.field_count; ++i) {
    const json::FieldInfo &f = info.fields[i];
    simdjson::dom::element v;
    if (o[f.name].get(v) != simdjson::SUCCESS || v.is_null()) continue;
    std::string_view text;
    int64_t n = 0;
    bool b = false;
    const bool is_text = v.get_string().get(text) == simdjson::SUCCESS;
    const bool is_int = !is_text && v.get_int64().get(n) == simdjson::SUCCESS;
    int64_t exact = 0;
    switch (f.kind) {
      case FieldKind::String:
      case FieldKind::Number:
        if (is_text) out->add_str(f.name, text);
        break;
      case FieldKind::Price:
        if (is_text && parse_fixed(text, 6, &exact) == KALSHI_OK) out->add_price(f.name, exact);
        break;
      case FieldKind::Count:
        if (is_text && parse_fixed(text, 2, &exact) == KALSHI_OK) out->add_count(f.name, exact);
        if (is_int && n <= INT64_MAX / 100 && n >= INT64_MIN / 100) out->add_count(f.name, n * 100);
        break;
      case FieldKind::Cents:
        if (is_int && n <= INT64_MAX / 10000 && n >= INT64_MIN / 10000) {
          out->add_price(f.name, n * 10000);
        }
        break;
      case FieldKind::Centi:
        if (is_int && n <= INT64_MAX / 100 && n >= INT64_MIN / 100) out->add_price(f.name, n * 100);
        break;
      case FieldKind::Int:
        if (is_int) out->add_int(f.name, n);
        break;
      case FieldKind::Bool:
        if (v.get_bool().get(b) == simdjson::SUCCESS) out->add_bool(f.name, b);
        break;
    }
  }
}

// Lenient Single / List / Positions. False when the body is not even the expected JSON shape.
bool lenient_decode(const Decoding &dec, std::string_view padded, std::vector<kalshi_obj> *objs) {
  simdjson::dom::element root;
  simdjson::dom::object o;
  if (thread_parser().parse(padded.data(), padded.size(), false).get(root) != simdjson::SUCCESS ||
      root.get_object().get(o) != simdjson::SUCCESS) {
    return false;
  }
  auto list = [&](const char *key, ModelKind kind) {
    simdjson::dom::array items;
    if (o[key].get_array().get(items) != simdjson::SUCCESS) return false;
    for (simdjson::dom::element el : items) {
      simdjson::dom::object item;
      if (el.get_object().get(item) == simdjson::SUCCESS) {
        lenient_obj(kind, item, &objs->emplace_back());
      }
    }
    return true;
  };
  switch (dec.shape) {
    case Shape::Single: {
      const std::string_view wrapper = json::model_info(dec.kind).wrapper;
      simdjson::dom::object inner;
      if (!wrapper.empty() && o[wrapper].get_object().get(inner) == simdjson::SUCCESS) o = inner;
      lenient_obj(dec.kind, o, &objs->emplace_back());
      return true;
    }
    case Shape::List:
      return list(dec.items, dec.kind);
    case Shape::Positions: {
      const bool m = list("market_positions", ModelKind::MarketPosition);
      const bool e = list("event_positions", ModelKind::EventPosition);
      return m || e;
    }
    default:
      return false;
  }
}

}  // namespace

const RestEventBody *rest_body(const kalshi_event_t *ev) {
  if (ev == nullptr || !ev->body) return nullptr;
  return dynamic_cast<const RestEventBody *>(ev->body.get());
}

Error decode_response(const OperationDef &op, std::string_view body, std::string_view path_ticker,
                      std::vector<kalshi_obj> *objs, std::string *cursor) {
  cursor->clear();
  const Decoding *dec = find_decoding(op);
  json::JsonDecoder &d = json::thread_decoder();
  const std::string_view padded = d.pad(body);
  Error e;
  if (dec == nullptr) {
    // No model: only the cursor of a paginated listing (the raw body has the rest).
  } else {
    switch (dec->shape) {
      case Shape::Single:
        e = decode_single(d, dec->kind, padded, objs);
        break;
      case Shape::List:
        e = decode_list(d, dec->kind, padded, dec->items, objs, cursor);
        break;
      case Shape::OrderBook: {
        json::OrderBook book;
        e = d.decode_orderbook(padded, &book);
        if (e.ok()) {
          kalshi_obj &o = objs->emplace_back();
          o.kind = dec->name;
          if (!path_ticker.empty()) o.add_str("ticker", path_ticker);
          add_book_levels(book.yes, "yes", &o);
          add_book_levels(book.no, "no", &o);
        }
        break;
      }
      case Shape::MarginOrderBook: {
        json::MarginOrderBook book;
        e = d.decode_margin_orderbook(padded, &book);
        if (e.ok()) {
          kalshi_obj &o = objs->emplace_back();
          o.kind = dec->name;
          if (!path_ticker.empty()) o.add_str("ticker", path_ticker);
          add_book_levels(book.bids, "bid", &o);
          add_book_levels(book.asks, "ask", &o);
        }
        break;
      }
      case Shape::Positions: {
        std::vector<json::MarketPosition> markets;
        std::vector<json::EventPosition> events;
        std::string_view c;
        e = d.decode_positions_page(padded, &markets, &events, &c);
        if (e.ok()) {
          *cursor = std::string(c);
          append_all(markets, objs);
          append_all(events, objs);
        }
        break;
      }
      case Shape::MarginBalance: {
        json::MarginBalance b;
        e = d.decode_margin_balance(padded, &b);
        if (e.ok()) {
          kalshi_obj &o = objs->emplace_back();
          o.kind = dec->name;
          o.add_price("settled_funds", b.settled_funds);
          append_all(b.subaccount_balances, objs);
        }
        break;
      }
      case Shape::Flat:
      case Shape::FlatList:
        e = parse_flat(padded, *dec, objs);
        break;
    }
  }
  if (!e.ok() && dec != nullptr) {
    objs->clear();
    if (lenient_decode(*dec, padded, objs)) {
      e = Error{};
      if (op.response_cursor != nullptr) *cursor = read_cursor(padded, op.response_cursor);
    } else {
      objs->clear();
    }
  }
  if (e.ok() && op.paginated && cursor->empty() && op.response_cursor != nullptr) {
    *cursor = read_cursor(padded, op.response_cursor);
  }
  return e;
}

}  // namespace kalshi::api::rest
