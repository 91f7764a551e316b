// Kalshi WebSocket server messages, decoded into typed structs (kalshi::wsapi).
//
// One Decoder per connection: it owns one simdjson On-Demand parser and a few reusable vectors,
// so decoding allocates nothing once those have grown to the largest message seen. The envelope
// (type, id, sid, seq) and the payload are read in a single pass over the object, in document
// order; decimals are parsed inline (prices: dollars x 10^6, counts: contracts x 100).
//
// Lifetime of views: string_views point into the caller's padded input (JSON texts, raw numbers,
// and every string value without escapes — the common case, no copy), or, for a string value
// with escapes, into the parser's string buffer. Both stay valid until the next decode() on the
// same Decoder or until the input goes away, whichever comes first. Copy what you keep.
//
// Both products share type names (orderbook_delta, ticker, ...) with different payloads, so the
// Decoder is told which product's connection it serves. A message type this version does not
// know decodes as MessageKind::Raw with the JSON kept (escape hatch for new server fields).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kalshi::wsapi {

enum class Product : uint8_t { Prediction = 0, Perps = 1 };

// Optional integers that are absent from a message read as kAbsent.
inline constexpr int64_t kAbsent = INT64_MIN;

enum class MessageKind : uint8_t {
  Raw = 0,  // unknown type: only the envelope and `json` are filled
  // command replies (see commands.h for the typed reply view)
  Subscribed,
  Unsubscribed,
  Ok,
  ListSubscriptions,  // type "ok" with an array msg
  Error,
  // market data
  OrderbookSnapshot,
  OrderbookDelta,
  Ticker,
  Trade,
  // own data
  Fill,
  MarketPosition,
  UserOrder,
  OrderGroupUpdate,
  // lifecycle
  MarketLifecycle,  // market_lifecycle_v2, including the metadata_updated shape
  EventLifecycle,
  EventFeeUpdate,
  MultivariateLifecycle,
  // communications
  RfqCreated,
  RfqDeleted,
  QuoteCreated,
  QuoteAccepted,
  QuoteExecuted,
  // index feeds
  CfbValue,
  CfbValue5hz,
  CfbIndexList,  // cfbenchmarks_value_indexlist and cfbenchmarks_value_5hz_indexlist
  PythValue,
  PythUnderlyingList,
};

const char *kind_name(MessageKind kind);

// Prediction books carry YES bids and NO bids; perps books carry bids and asks.
enum class BookSide : uint8_t { Yes = 0, No = 1, Bid = 2, Ask = 3 };

struct PriceLevel {
  int64_t price;  // dollars x 10^6
  int64_t count;  // contracts x 100
};

struct Envelope {
  std::string_view type;
  MessageKind kind = MessageKind::Raw;
  int64_t id = kAbsent;       // command id echoed on replies
  int64_t sid = kAbsent;      // subscription id
  int64_t seq = kAbsent;      // per-sid sequence number
  std::string_view json;      // the whole message
  std::string_view msg_json;  // the raw `msg` value (object or array), empty if absent
};

// --- command replies -------------------------------------------------------------------------
struct SubscriptionInfo {
  std::string_view channel;
  int64_t sid = kAbsent;
};
struct ReplyPayload {
  SubscriptionInfo subscribed;                      // Subscribed
  std::span<const std::string_view> strings;        // Ok: market_tickers / index_ids / underlyings
  std::span<const std::string_view> market_ids;     // Ok: market_ids
  std::span<const SubscriptionInfo> subscriptions;  // ListSubscriptions
  int64_t error_code = 0;                           // Error: msg.code (spec §8)
  std::string_view error_msg;                       // Error: msg.msg
  std::string_view error_market_ticker;             // Error: msg.market_ticker
};

// --- books -----------------------------------------------------------------------------------
struct BookSnapshot {
  std::string_view market_ticker;
  std::string_view market_id;       // prediction only
  std::span<const PriceLevel> yes;  // prediction: YES bids (order as received)
  std::span<const PriceLevel>
      no;  // prediction: NO bids, priced per the subscription's use_yes_price
  std::span<const PriceLevel> bid;  // perps
  std::span<const PriceLevel> ask;  // perps
};
struct BookDelta {
  std::string_view market_ticker;
  std::string_view market_id;
  BookSide side = BookSide::Yes;
  int64_t price = 0;  // dollars x 10^6
  int64_t delta = 0;  // signed contracts x 100
  std::string_view client_order_id;
  std::string_view last_update_reason;  // perps
  int64_t subaccount = kAbsent;
  int64_t ts_ms = kAbsent;
};

// --- market data -----------------------------------------------------------------------------
struct MarkPrice {
  int64_t price = kAbsent;
  int64_t ts_ms = kAbsent;
};
struct Ticker {
  std::string_view market_ticker;
  std::string_view market_id;  // prediction
  int64_t price = kAbsent;     // last trade price
  int64_t bid = kAbsent;       // prediction: yes_bid_dollars; perps: bid
  int64_t ask = kAbsent;       // prediction: yes_ask_dollars; perps: ask
  int64_t bid_size = kAbsent;
  int64_t ask_size = kAbsent;
  int64_t last_trade_size = kAbsent;
  int64_t volume = kAbsent;
  int64_t open_interest = kAbsent;
  int64_t dollar_volume = kAbsent;           // prediction, whole dollars
  int64_t dollar_open_interest = kAbsent;    // prediction, whole dollars
  int64_t volume_notional = kAbsent;         // perps, dollars x 10^6
  int64_t volume_24h = kAbsent;              // perps
  int64_t volume_24h_notional = kAbsent;     // perps
  int64_t open_interest_notional = kAbsent;  // perps
  MarkPrice reference_price, settlement_mark_price, liquidation_mark_price;  // perps
  std::string_view
      funding_rate_text;  // perps: the rate as sent (a JSON number; kept as text, no double)
  int64_t next_funding_time_ms = kAbsent;
  int64_t funding_ts_ms = kAbsent;
  int64_t ts = kAbsent;  // deprecated seconds
  int64_t ts_ms = kAbsent;
};
struct Trade {
  std::string_view trade_id;
  std::string_view market_ticker;
  int64_t yes_price = kAbsent;  // prediction; perps: price
  int64_t no_price = kAbsent;   // prediction
  int64_t count = kAbsent;
  std::string_view taker_side;          // prediction: yes/no (deprecated); perps: bid/ask
  std::string_view taker_outcome_side;  // prediction
  std::string_view taker_book_side;     // prediction
  bool is_block_trade = false;
  int64_t ts = kAbsent;
  int64_t ts_ms = kAbsent;
};

// --- own data --------------------------------------------------------------------------------
struct Fill {
  std::string_view trade_id, order_id, client_order_id, market_ticker;
  int64_t exchange_index = kAbsent;
  bool is_taker = false;
  std::string_view side;  // prediction yes/no (deprecated); perps bid/ask
  std::string_view action, purchased_side, outcome_side, book_side, order_source;
  int64_t price = kAbsent;  // prediction: yes_price_dollars; perps: price
  int64_t count = kAbsent;
  int64_t fee_cost = kAbsent;
  int64_t post_position = kAbsent;
  int64_t subaccount = kAbsent;
  int64_t ts = kAbsent;
  int64_t ts_ms = kAbsent;
};
struct MarketPosition {
  std::string_view user_id, market_ticker;
  int64_t position = kAbsent;
  int64_t position_cost = kAbsent;
  int64_t realized_pnl = kAbsent;
  int64_t fees_paid = kAbsent;
  int64_t position_fee_cost = kAbsent;
  int64_t volume = kAbsent;
  int64_t subaccount = kAbsent;
};
struct UserOrder {
  std::string_view order_id, user_id, ticker, client_order_id, order_group_id;
  std::string_view status;  // prediction only (perps: infer from remaining_count == 0)
  std::string_view side, outcome_side, book_side, self_trade_prevention_type;
  std::string_view last_update_reason, order_source;
  bool is_yes = false;
  int64_t exchange_index = kAbsent;
  int64_t price = kAbsent;  // prediction: yes_price_dollars; perps: price
  int64_t fill_count = kAbsent;
  int64_t remaining_count = kAbsent;
  int64_t initial_count = kAbsent;
  int64_t taker_fill_cost = kAbsent, maker_fill_cost = kAbsent;
  int64_t taker_fees = kAbsent, maker_fees = kAbsent;
  int64_t created_ts_ms = kAbsent, last_updated_ts_ms = kAbsent, expiration_ts_ms = kAbsent;
  int64_t subaccount_number = kAbsent;
};
struct OrderGroupUpdate {
  std::string_view event_type, order_group_id;
  int64_t contracts_limit = kAbsent;
  int64_t ts_ms = kAbsent;
};

// --- lifecycle -------------------------------------------------------------------------------
struct MarketLifecycle {  // market_lifecycle_v2 and multivariate_market_lifecycle
  std::string_view event_type, market_ticker, result, price_level_structure;
  int64_t exchange_index = kAbsent;
  int64_t open_ts = kAbsent, close_ts = kAbsent, determination_ts = kAbsent, settled_ts = kAbsent;
  int64_t settlement_value = kAbsent;         // dollars x 10^6
  int8_t is_deactivated = -1;                 // -1 absent, 0 false, 1 true
  std::string_view additional_metadata_json;  // raw object (created only)
  std::string_view price_ranges_json;         // raw array
  // metadata_updated shape
  std::string_view strike_type, yes_sub_title;
  std::string_view floor_strike_text, cap_strike_text;  // JSON numbers kept as text
  std::string_view custom_strike_json;
};
struct EventLifecycle {
  std::string_view event_ticker, title, subtitle, collateral_return_type, series_ticker;
  std::string_view strike_period;
  int64_t exchange_index = kAbsent;
  int64_t strike_date = kAbsent;
};
struct EventFeeUpdate {
  std::string_view event_ticker;
  std::string_view fee_type_override;             // empty when null
  std::string_view fee_multiplier_override_text;  // JSON number as text; empty when null
};

// --- communications --------------------------------------------------------------------------
struct Communication {      // rfq_created / rfq_deleted / quote_created / quote_accepted /
                            // quote_executed
  std::string_view rfq_id;  // rfq_*: msg.id; quote_*: msg.rfq_id
  std::string_view quote_id, creator_id, quote_creator_id, rfq_creator_id;
  std::string_view market_ticker, event_ticker, mve_collection_ticker;
  std::string_view order_id, client_order_id, accepted_side;
  std::string_view created_ts, deleted_ts, executed_ts;  // RFC3339 text
  std::string_view mve_selected_legs_json;
  int64_t contracts = kAbsent, target_cost = kAbsent;
  int64_t yes_bid = kAbsent, no_bid = kAbsent;
  int64_t yes_contracts_offered = kAbsent, no_contracts_offered = kAbsent;
  int64_t contracts_accepted = kAbsent, rfq_target_cost = kAbsent;
  int64_t subaccount = kAbsent;
};

// --- index feeds -----------------------------------------------------------------------------
struct WindowAverage {
  int64_t value_e8 = kAbsent;  // value x 10^8 (the feed sends 8 decimals)
  int64_t window_size = kAbsent;
  int64_t window_start_ts_ms = kAbsent;
  int64_t window_end_ts_exclusive = kAbsent;
};
struct IndexValue {            // cfbenchmarks_value, cfbenchmarks_value_5hz, pyth_value
  std::string_view index_id;   // index_id or underlying_ticker
  int64_t value_e8 = kAbsent;  // value_usd x 10^8
  int64_t source_ts_ms = kAbsent;
  int64_t received_at = kAbsent;
  std::string_view data;  // upstream frame (a JSON string value, unescaped)
  WindowAverage avg_60s;
  WindowAverage last_60s_windowed_average_15min;
};
struct NameList {  // *_indexlist, pyth_value_underlying_list
  std::span<const std::string_view> names;
};

// The result of one decode(); only the member matching env.kind is meaningful.
struct Decoded {
  Envelope env;
  ReplyPayload reply;
  BookSnapshot snapshot;
  BookDelta delta;
  Ticker ticker;
  Trade trade;
  Fill fill;
  MarketPosition position;
  UserOrder order;
  OrderGroupUpdate order_group;
  MarketLifecycle lifecycle;
  EventLifecycle event_lifecycle;
  EventFeeUpdate fee_update;
  Communication comm;
  IndexValue index;
  NameList list;
};

class Decoder {
 public:
  explicit Decoder(Product product = Product::Prediction);
  ~Decoder();
  Decoder(const Decoder &) = delete;
  Decoder &operator=(const Decoder &) = delete;

  Product product() const { return product_; }

  // `padded_json` must be followed by at least kPadding readable bytes (simdjson's
  // SIMDJSON_PADDING); the receive buffer of the connection engine provides them. Returns an
  // Error with KALSHI_ERR_PARSE naming the field on malformed JSON, a missing required field or
  // a bad decimal (KALSHI_ERR_INEXACT / RANGE for decimals that do not fit the fixed scale).
  Error decode(std::string_view padded_json, Decoded *out);
  // Convenience for tests and cold paths: copies into an internal padded buffer first.
  Error decode_copy(std::string_view json, Decoded *out);

  static constexpr size_t kPadding = 64;

  struct Impl;

 private:
  Product product_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::wsapi
