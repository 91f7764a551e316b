// Typed decoding of Kalshi REST JSON bodies into the structs of json/models.h, with simdjson
// On-Demand and exact decimals (core/decimal.h parse_fixed; no binary floating point).
//
// Input: `padded_json` must be followed in memory by at least kJsonPadding readable bytes (their
// value does not matter); an HTTP receive buffer with spare capacity satisfies this for free.
// When that cannot be guaranteed, JsonDecoder::pad() copies into a reused decoder-owned buffer.
//
// Output lifetime: string views in decoded models point into the input (or into the decoder for
// strings with escapes): valid while both live and until the decoder's next call. See models.h.
//
// Envelopes: a single-model decoder accepts either the bare model object or the REST response
// that wraps it (`{"market": {...}}`, `{"order": {...}}`, `{"event": {...}, "markets": [...]}`),
// so the glue can feed it the HTTP body directly.
//
// Errors: KALSHI_ERR_PARSE (malformed JSON, wrong JSON type, missing required field),
// KALSHI_ERR_INEXACT (a decimal with more places than the scale), KALSHI_ERR_RANGE (overflow);
// the message names the model and field ("market.yes_bid_dollars: ...").
//
// Threads: one JsonDecoder per thread; it is not thread-safe. After the first decodes of the
// largest document sizes, decoding (including pages into a reused vector) allocates nothing,
// except for building an Error message on failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "json/models.h"

namespace kalshi::json {

inline constexpr size_t kJsonPadding = 64;  // == SIMDJSON_PADDING (static_assert in decode.cpp)

// ---- model catalogue (for generic glue: decode by kind, iterate fields) -----------------------

#define KALSHI_JSON_KIND(Struct, LIST, snake) Struct,
enum class ModelKind : uint8_t { KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_KIND) kCount };
#undef KALSHI_JSON_KIND

struct FieldInfo {
  std::string_view name;  // JSON key
  FieldKind kind;
  bool required;
  uint32_t offset;  // byte offset of the member in the struct
};

struct ModelInfo {
  std::string_view name;     // snake_case model name, e.g. "market"
  std::string_view wrapper;  // response envelope key accepted around it ("" if none)
  const FieldInfo *fields;
  size_t field_count;
  uint32_t present_offset;     // byte offset of the `present` bit mask
  void (*reset)(void *model);  // assigns a value-initialised struct
};

const ModelInfo &model_info(ModelKind kind);
// Finds a kind by its snake_case name ("market", "margin_order"); false if unknown.
bool model_kind_from_name(std::string_view name, ModelKind *out);

template <class T>
struct ModelTraits;
#define KALSHI_JSON_TRAITS(Struct, LIST, snake)          \
  template <>                                            \
  struct ModelTraits<Struct> {                           \
    static constexpr ModelKind kind = ModelKind::Struct; \
  };
KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_TRAITS)
#undef KALSHI_JSON_TRAITS

// Text of field `index` of a decoded model (`model` points to the struct of `kind`): strings and
// numbers as they were, prices with at least 2 and up to 6 decimals ("0.56", "0.0001"), counts
// with 2 ("10.00"), ints and bools ("true"/"false"). `buf` (32 bytes) backs formatted values.
// Returns false when the field was absent.
bool field_text(ModelKind kind, const void *model, size_t index, char (&buf)[32],
                std::string_view *out);

// ---- the decoder --------------------------------------------------------------------------------

class JsonDecoder {
 public:
  JsonDecoder();
  ~JsonDecoder();
  JsonDecoder(const JsonDecoder &) = delete;
  JsonDecoder &operator=(const JsonDecoder &) = delete;

  // Copies `json` into a decoder-owned buffer with padding (capacity reused) and returns a view
  // of it to pass to the decode calls. Valid until the next pad().
  std::string_view pad(std::string_view json);

  // Any flat model by kind; `out` must point to the struct of that kind. Reset before decoding.
  Error decode(ModelKind kind, std::string_view padded_json, void *out);

  template <class T>
  Error decode(std::string_view padded_json, T *out) {
    return decode(ModelTraits<T>::kind, padded_json, out);
  }

  // `{ "<items_key>": [ ... ], "cursor": "..." }`. `items` is cleared and refilled (its capacity
  // is kept, so a steady stream of pages allocates nothing); the cursor is read from "cursor" or
  // "next_cursor" (GetIncentivePrograms); a missing or null cursor gives "".
  // A missing items array is an error; an empty one gives an empty vector.
  template <class T>
  Error decode_page(std::string_view padded_json, std::string_view items_key, std::vector<T> *items,
                    std::string_view *cursor) {
    return decode_page_erased(padded_json, items_key, ModelTraits<T>::kind,
                              VectorSink{items, &append_to<T>}, cursor);
  }

  // GetPositions: market_positions and event_positions lists plus the cursor.
  Error decode_positions_page(std::string_view padded_json, std::vector<MarketPosition> *markets,
                              std::vector<EventPosition> *events, std::string_view *cursor);

  Error decode_orderbook(std::string_view padded_json, OrderBook *out);
  Error decode_margin_orderbook(std::string_view padded_json, MarginOrderBook *out);
  Error decode_exchange_schedule(std::string_view padded_json, ExchangeSchedule *out);
  Error decode_margin_balance(std::string_view padded_json, MarginBalance *out);

  // The untyped form behind decode_page: `append` clears the vector when given clear=true, and
  // otherwise appends one value-initialised element and returns its address.
  struct VectorSink {
    void *vector;
    void *(*append)(void *vector, bool clear);
  };
  Error decode_page_erased(std::string_view padded_json, std::string_view items_key, ModelKind kind,
                           VectorSink sink, std::string_view *cursor);

 private:
  template <class T>
  static void *append_to(void *vector, bool clear) {
    auto *v = static_cast<std::vector<T> *>(vector);
    if (clear) {
      v->clear();
      return nullptr;
    }
    return &v->emplace_back();
  }

  struct State;
  std::unique_ptr<State> state_;
};

// ---- convenience: one function per model/page on a per-thread decoder ---------------------------
// These use a thread_local JsonDecoder, so the string views they return are valid until the next
// call of any of these functions on the same thread (and while the input lives).

JsonDecoder &thread_decoder();

#define KALSHI_JSON_FREE_DECODE(Struct, LIST, snake)                       \
  inline Error decode_##snake(std::string_view padded_json, Struct *out) { \
    return thread_decoder().decode(padded_json, out);                      \
  }
KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_FREE_DECODE)
#undef KALSHI_JSON_FREE_DECODE

#define KALSHI_JSON_FREE_PAGE(fn, Struct, key)                              \
  inline Error fn(std::string_view padded_json, std::vector<Struct> *items, \
                  std::string_view *cursor) {                               \
    return thread_decoder().decode_page(padded_json, key, items, cursor);   \
  }
KALSHI_JSON_FREE_PAGE(decode_series_page, Series, "series")
KALSHI_JSON_FREE_PAGE(decode_events_page, Event, "events")
KALSHI_JSON_FREE_PAGE(decode_markets_page, Market, "markets")
KALSHI_JSON_FREE_PAGE(decode_orders_page, Order, "orders")
KALSHI_JSON_FREE_PAGE(decode_fills_page, Fill, "fills")
KALSHI_JSON_FREE_PAGE(decode_trades_page, Trade, "trades")
KALSHI_JSON_FREE_PAGE(decode_settlements_page, Settlement, "settlements")
KALSHI_JSON_FREE_PAGE(decode_order_groups_page, OrderGroup, "order_groups")
KALSHI_JSON_FREE_PAGE(decode_incentive_programs_page, IncentiveProgram, "incentive_programs")
KALSHI_JSON_FREE_PAGE(decode_margin_markets_page, MarginMarket, "markets")
KALSHI_JSON_FREE_PAGE(decode_margin_orders_page, MarginOrder, "orders")
KALSHI_JSON_FREE_PAGE(decode_margin_fills_page, MarginFill, "fills")
KALSHI_JSON_FREE_PAGE(decode_margin_trades_page, MarginTrade, "trades")
KALSHI_JSON_FREE_PAGE(decode_margin_positions_page, MarginPosition, "positions")
KALSHI_JSON_FREE_PAGE(decode_margin_risk_positions_page, MarginRiskPosition, "positions")
KALSHI_JSON_FREE_PAGE(decode_funding_rates_page, FundingRate, "funding_rates")
KALSHI_JSON_FREE_PAGE(decode_funding_history_page, FundingHistoryEntry, "funding_history")
#undef KALSHI_JSON_FREE_PAGE

inline Error decode_positions_page(std::string_view padded_json,
                                   std::vector<MarketPosition> *markets,
                                   std::vector<EventPosition> *events, std::string_view *cursor) {
  return thread_decoder().decode_positions_page(padded_json, markets, events, cursor);
}
inline Error decode_orderbook(std::string_view padded_json, OrderBook *out) {
  return thread_decoder().decode_orderbook(padded_json, out);
}
inline Error decode_margin_orderbook(std::string_view padded_json, MarginOrderBook *out) {
  return thread_decoder().decode_margin_orderbook(padded_json, out);
}
inline Error decode_exchange_schedule(std::string_view padded_json, ExchangeSchedule *out) {
  return thread_decoder().decode_exchange_schedule(padded_json, out);
}
inline Error decode_margin_balance(std::string_view padded_json, MarginBalance *out) {
  return thread_decoder().decode_margin_balance(padded_json, out);
}

}  // namespace kalshi::json
