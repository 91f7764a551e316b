// Typed REST models decoded from Kalshi JSON (prediction OpenAPI + perps OpenAPI core schemas).
//
// Every flat model is declared once as an X-macro field list; the same list generates the struct,
// its field enum and (in model_tables.cpp) the decoder's field table, so the three cannot drift.
//
// Field kinds and their C++ types:
//   String  std::string_view  text of a JSON string (escapes resolved)
//   Number  std::string_view  the JSON number's own text, unconverted (rates, ratios, strikes:
//                             the spec gives them as binary `number`, so we keep the exact digits
//                             and let the caller decide; never a double here)
//   Price   int64_t           kalshi_price_t units (dollars x 10^6) from a FixedPointDollars
//                             string "0.5600" (a bare JSON number is accepted too)
//   Count   int64_t           kalshi_count_t units (contracts x 100) from a FixedPointCount
//                             string "10.00" or an integer contract count
//   Cents   int64_t           kalshi_price_t units from an integer number of cents (x 10^4)
//   Centi   int64_t           kalshi_price_t units from centi-cents ($0.0001 each, x 100)
//   Int     int64_t           integer (timestamps in seconds, subaccount numbers, ...)
//   Bool    bool
//
// Lifetime of string views: a String field points into the caller's JSON input when the string
// has no escape sequence (the common case), otherwise into the JsonDecoder's internal buffer.
// Either way it is valid while BOTH the input buffer and the decoder live and until the next
// decode call on that decoder. Copy what you keep.
//
// Presence: `present` has bit i set when field i (the field enum value f_<name>) appeared with a
// non-null value; `has(f_x)` tests it. Absent fields keep their zero value. A field marked Req
// in the list is required: its absence (or null) makes the decode fail with KALSHI_ERR_PARSE
// naming the field. Unknown JSON fields are ignored.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kalshi::json {

enum class FieldKind : uint8_t { String, Number, Price, Count, Cents, Centi, Int, Bool };

template <FieldKind K>
struct FieldType {
  using type = int64_t;
};
template <>
struct FieldType<FieldKind::String> {
  using type = std::string_view;
};
template <>
struct FieldType<FieldKind::Number> {
  using type = std::string_view;
};
template <>
struct FieldType<FieldKind::Bool> {
  using type = bool;
};

// ---- field lists: X(name, kind, Req|Opt) ------------------------------------------------------

#define KALSHI_JSON_EXCHANGE_STATUS(X)          \
  X(exchange_active, Bool, Req)                 \
  X(trading_active, Bool, Req)                  \
  X(intra_exchange_transfers_active, Bool, Opt) \
  X(exchange_estimated_resume_time, String, Opt)

#define KALSHI_JSON_MAINTENANCE_WINDOW(X) \
  X(start_datetime, String, Req)          \
  X(end_datetime, String, Req)

#define KALSHI_JSON_DAILY_SESSION(X) \
  X(open_time, String, Req)          \
  X(close_time, String, Req)

#define KALSHI_JSON_SERIES(X)        \
  X(ticker, String, Req)             \
  X(frequency, String, Req)          \
  X(title, String, Req)              \
  X(category, String, Req)           \
  X(contract_url, String, Opt)       \
  X(contract_terms_url, String, Opt) \
  X(fee_type, String, Opt)           \
  X(fee_multiplier, Number, Opt)     \
  X(volume_fp, Count, Opt)           \
  X(last_updated_ts, String, Opt)

#define KALSHI_JSON_EVENT(X)             \
  X(event_ticker, String, Req)           \
  X(series_ticker, String, Req)          \
  X(sub_title, String, Opt)              \
  X(title, String, Req)                  \
  X(collateral_return_type, String, Opt) \
  X(mutually_exclusive, Bool, Req)       \
  X(category, String, Opt)               \
  X(strike_date, String, Opt)            \
  X(strike_period, String, Opt)          \
  X(last_updated_ts, String, Opt)        \
  X(fee_type_override, String, Opt)      \
  X(fee_multiplier_override, Number, Opt)

#define KALSHI_JSON_MARKET(X)                \
  X(ticker, String, Req)                     \
  X(event_ticker, String, Req)               \
  X(market_type, String, Req)                \
  X(title, String, Opt)                      \
  X(subtitle, String, Opt)                   \
  X(yes_sub_title, String, Opt)              \
  X(no_sub_title, String, Opt)               \
  X(created_time, String, Opt)               \
  X(updated_time, String, Opt)               \
  X(open_time, String, Req)                  \
  X(close_time, String, Req)                 \
  X(expected_expiration_time, String, Opt)   \
  X(expiration_time, String, Opt)            \
  X(latest_expiration_time, String, Opt)     \
  X(settlement_timer_seconds, Int, Opt)      \
  X(status, String, Req)                     \
  X(yes_bid_dollars, Price, Opt)             \
  X(yes_bid_size_fp, Count, Opt)             \
  X(yes_ask_dollars, Price, Opt)             \
  X(yes_ask_size_fp, Count, Opt)             \
  X(no_bid_dollars, Price, Opt)              \
  X(no_ask_dollars, Price, Opt)              \
  X(last_price_dollars, Price, Opt)          \
  X(volume_fp, Count, Opt)                   \
  X(volume_24h_fp, Count, Opt)               \
  X(result, String, Opt)                     \
  X(can_close_early, Bool, Opt)              \
  X(open_interest_fp, Count, Opt)            \
  X(notional_value_dollars, Price, Opt)      \
  X(previous_yes_bid_dollars, Price, Opt)    \
  X(previous_yes_ask_dollars, Price, Opt)    \
  X(previous_price_dollars, Price, Opt)      \
  X(settlement_value_dollars, Price, Opt)    \
  X(settlement_ts, String, Opt)              \
  X(settlement_bounds_type, String, Opt)     \
  X(settlement_floor_dollars, Price, Opt)    \
  X(expiration_value, String, Opt)           \
  X(occurrence_datetime, String, Opt)        \
  X(fee_waiver_expiration_time, String, Opt) \
  X(early_close_condition, String, Opt)      \
  X(strike_type, String, Opt)                \
  X(floor_strike, Number, Opt)               \
  X(cap_strike, Number, Opt)                 \
  X(functional_strike, String, Opt)          \
  X(rules_primary, String, Opt)              \
  X(rules_secondary, String, Opt)            \
  X(mve_collection_ticker, String, Opt)      \
  X(primary_participant_key, String, Opt)    \
  X(price_level_structure, String, Opt)      \
  X(is_provisional, Bool, Opt)

#define KALSHI_JSON_ORDER(X)                 \
  X(order_id, String, Req)                   \
  X(user_id, String, Opt)                    \
  X(client_order_id, String, Opt)            \
  X(ticker, String, Req)                     \
  X(side, String, Opt)                       \
  X(action, String, Opt)                     \
  X(outcome_side, String, Opt)               \
  X(book_side, String, Opt)                  \
  X(type, String, Opt)                       \
  X(status, String, Req)                     \
  X(yes_price_dollars, Price, Opt)           \
  X(no_price_dollars, Price, Opt)            \
  X(fill_count_fp, Count, Req)               \
  X(remaining_count_fp, Count, Req)          \
  X(initial_count_fp, Count, Opt)            \
  X(taker_fill_cost_dollars, Price, Opt)     \
  X(maker_fill_cost_dollars, Price, Opt)     \
  X(taker_fees_dollars, Price, Opt)          \
  X(maker_fees_dollars, Price, Opt)          \
  X(expiration_time, String, Opt)            \
  X(created_time, String, Opt)               \
  X(last_update_time, String, Opt)           \
  X(self_trade_prevention_type, String, Opt) \
  X(order_group_id, String, Opt)             \
  X(cancel_order_on_pause, Bool, Opt)        \
  X(subaccount_number, Int, Opt)

#define KALSHI_JSON_FILL(X)        \
  X(fill_id, String, Req)          \
  X(trade_id, String, Opt)         \
  X(order_id, String, Req)         \
  X(ticker, String, Opt)           \
  X(market_ticker, String, Opt)    \
  X(side, String, Opt)             \
  X(action, String, Opt)           \
  X(outcome_side, String, Opt)     \
  X(book_side, String, Opt)        \
  X(count_fp, Count, Req)          \
  X(yes_price_dollars, Price, Opt) \
  X(no_price_dollars, Price, Opt)  \
  X(is_taker, Bool, Opt)           \
  X(created_time, String, Opt)     \
  X(fee_cost, Price, Opt)          \
  X(subaccount_number, Int, Opt)   \
  X(ts, Int, Opt)

#define KALSHI_JSON_MARKET_POSITION(X)   \
  X(ticker, String, Req)                 \
  X(total_traded_dollars, Price, Opt)    \
  X(position_fp, Count, Req)             \
  X(market_exposure_dollars, Price, Opt) \
  X(realized_pnl_dollars, Price, Opt)    \
  X(fees_paid_dollars, Price, Opt)       \
  X(last_updated_ts, String, Opt)

#define KALSHI_JSON_EVENT_POSITION(X)   \
  X(event_ticker, String, Req)          \
  X(total_cost_dollars, Price, Opt)     \
  X(total_cost_shares_fp, Count, Opt)   \
  X(event_exposure_dollars, Price, Opt) \
  X(realized_pnl_dollars, Price, Opt)   \
  X(fees_paid_dollars, Price, Opt)

// GetBalanceResponse: `balance` and `portfolio_value` are integer cents in the spec.
#define KALSHI_JSON_BALANCE(X)   \
  X(balance, Cents, Req)         \
  X(balance_dollars, Price, Opt) \
  X(portfolio_value, Cents, Opt) \
  X(updated_ts, Int, Opt)

#define KALSHI_JSON_TRADE(X)         \
  X(trade_id, String, Req)           \
  X(ticker, String, Req)             \
  X(count_fp, Count, Req)            \
  X(yes_price_dollars, Price, Opt)   \
  X(no_price_dollars, Price, Opt)    \
  X(taker_side, String, Opt)         \
  X(taker_outcome_side, String, Opt) \
  X(taker_book_side, String, Opt)    \
  X(created_time, String, Opt)       \
  X(is_block_trade, Bool, Opt)

// Settlement: `revenue` is integer cents; `value` is the settlement value in cents.
#define KALSHI_JSON_SETTLEMENT(X)       \
  X(ticker, String, Req)                \
  X(event_ticker, String, Opt)          \
  X(market_result, String, Req)         \
  X(yes_count_fp, Count, Opt)           \
  X(yes_total_cost_dollars, Price, Opt) \
  X(no_count_fp, Count, Opt)            \
  X(no_total_cost_dollars, Price, Opt)  \
  X(revenue, Cents, Opt)                \
  X(settled_time, String, Opt)          \
  X(fee_cost, Price, Opt)               \
  X(value, Cents, Opt)

#define KALSHI_JSON_ORDER_GROUP(X)  \
  X(id, String, Req)                \
  X(contracts_limit_fp, Count, Opt) \
  X(is_auto_cancel_enabled, Bool, Req)

// Incentive programs: period_reward and max_reward_per_account are integer centi-cents.
#define KALSHI_JSON_INCENTIVE_PROGRAM(X) \
  X(id, String, Req)                     \
  X(market_id, String, Opt)              \
  X(market_ticker, String, Req)          \
  X(incentive_type, String, Req)         \
  X(incentive_description, String, Opt)  \
  X(start_date, String, Req)             \
  X(end_date, String, Req)               \
  X(period_reward, Centi, Req)           \
  X(paid_out, Bool, Req)                 \
  X(discount_factor_bps, Int, Opt)       \
  X(target_size_fp, Count, Opt)          \
  X(max_reward_per_account, Centi, Opt)

// ---- perps (margin) ----------------------------------------------------------------------------

#define KALSHI_JSON_MARGIN_MARKET(X)                  \
  X(ticker, String, Req)                              \
  X(title, String, Opt)                               \
  X(exchange_index, Int, Opt)                         \
  X(contract_size, String, Opt)                       \
  X(underlying_multiplier, String, Opt)               \
  X(tick_size, Price, Req)                            \
  X(status, String, Req)                              \
  X(fractional_trading_enabled, Bool, Opt)            \
  X(leverage_estimate, Number, Opt)                   \
  X(price, Price, Opt)                                \
  X(volume, Count, Opt)                               \
  X(volume_notional_value_dollars, Price, Opt)        \
  X(open_interest, Count, Opt)                        \
  X(open_interest_notional_value_dollars, Price, Opt) \
  X(volume_24h, Count, Opt)                           \
  X(volume_24h_notional_value_dollars, Price, Opt)    \
  X(bid, Price, Opt)                                  \
  X(ask, Price, Opt)                                  \
  X(asset_class, String, Opt)

#define KALSHI_JSON_MARGIN_ORDER(X)          \
  X(order_id, String, Req)                   \
  X(user_id, String, Opt)                    \
  X(client_order_id, String, Opt)            \
  X(ticker, String, Req)                     \
  X(side, String, Req)                       \
  X(last_update_reason, String, Opt)         \
  X(price, Price, Req)                       \
  X(fill_count, Count, Req)                  \
  X(remaining_count, Count, Req)             \
  X(expiration_time, String, Opt)            \
  X(created_time, String, Opt)               \
  X(last_update_time, String, Opt)           \
  X(self_trade_prevention_type, String, Opt) \
  X(cancel_order_on_pause, Bool, Opt)        \
  X(order_group_id, String, Opt)             \
  X(order_source, String, Opt)               \
  X(order_reason, String, Opt)

// MarginFill/MarginTrade give price, entry_price, fees and realized_pnl as plain `string`
// dollars; they are decoded as FixedPointDollars like every other dollar field.
#define KALSHI_JSON_MARGIN_FILL(X) \
  X(fill_id, String, Req)          \
  X(order_id, String, Req)         \
  X(is_taker, Bool, Opt)           \
  X(side, String, Req)             \
  X(count, Count, Req)             \
  X(created_time, String, Opt)     \
  X(ticker, String, Req)           \
  X(price, Price, Req)             \
  X(entry_price, Price, Opt)       \
  X(fees, Price, Opt)              \
  X(realized_pnl, Price, Opt)      \
  X(order_source, String, Opt)

#define KALSHI_JSON_MARGIN_TRADE(X) \
  X(trade_id, String, Req)          \
  X(ticker, String, Req)            \
  X(count, Count, Req)              \
  X(price, Price, Req)              \
  X(created_time, String, Opt)      \
  X(taker_side, String, Opt)

#define KALSHI_JSON_MARGIN_POSITION(X) \
  X(subaccount, Int, Opt)              \
  X(market_ticker, String, Req)        \
  X(position, Count, Req)              \
  X(entry_price, Price, Opt)           \
  X(unrealized_pnl, Price, Opt)        \
  X(margin_used, Price, Opt)           \
  X(fees, Price, Opt)                  \
  X(roe, Number, Opt)                  \
  X(is_portfolio, Bool, Opt)

#define KALSHI_JSON_MARGIN_SUBACCOUNT_BALANCE(X) \
  X(subaccount, Int, Req)                        \
  X(position_value, Price, Opt)                  \
  X(account_equity, Price, Req)                  \
  X(maintenance_margin, Price, Opt)              \
  X(initial_margin, Price, Opt)                  \
  X(resting_orders_margin, Price, Opt)           \
  X(available_balance, Price, Req)

#define KALSHI_JSON_MARGIN_RISK_POSITION(X)  \
  X(subaccount, Int, Opt)                    \
  X(market_ticker, String, Req)              \
  X(position, Count, Req)                    \
  X(mark_price, Price, Opt)                  \
  X(position_notional, Price, Opt)           \
  X(maintenance_margin_required, Price, Opt) \
  X(position_leverage, Number, Opt)          \
  X(estimated_liquidation_price, Price, Opt) \
  X(is_portfolio, Bool, Opt)

// MarginFundingRate, and GetMarginFundingRateEstimateResponse (same fields plus
// next_funding_time/computed_time; market_ticker is then optional in the spec).
#define KALSHI_JSON_FUNDING_RATE(X) \
  X(market_ticker, String, Opt)     \
  X(funding_time, String, Opt)      \
  X(funding_rate, Number, Opt)      \
  X(mark_price, Price, Opt)         \
  X(next_funding_time, String, Opt) \
  X(computed_time, String, Opt)

#define KALSHI_JSON_FUNDING_HISTORY_ENTRY(X) \
  X(market_ticker, String, Req)              \
  X(funding_time, String, Req)               \
  X(funding_rate, Number, Req)               \
  X(mark_price, Price, Req)                  \
  X(funding_amount, Price, Req)              \
  X(quantity, Count, Req)                    \
  X(subaccount_number, Int, Opt)

// Every flat model: X(StructName, FIELD_LIST_MACRO, snake_name).
#define KALSHI_JSON_FLAT_MODELS(M)                                                             \
  M(ExchangeStatus, KALSHI_JSON_EXCHANGE_STATUS, exchange_status)                              \
  M(MaintenanceWindow, KALSHI_JSON_MAINTENANCE_WINDOW, maintenance_window)                     \
  M(DailySession, KALSHI_JSON_DAILY_SESSION, daily_session)                                    \
  M(Series, KALSHI_JSON_SERIES, series)                                                        \
  M(Event, KALSHI_JSON_EVENT, event)                                                           \
  M(Market, KALSHI_JSON_MARKET, market)                                                        \
  M(Order, KALSHI_JSON_ORDER, order)                                                           \
  M(Fill, KALSHI_JSON_FILL, fill)                                                              \
  M(MarketPosition, KALSHI_JSON_MARKET_POSITION, market_position)                              \
  M(EventPosition, KALSHI_JSON_EVENT_POSITION, event_position)                                 \
  M(Balance, KALSHI_JSON_BALANCE, balance)                                                     \
  M(Trade, KALSHI_JSON_TRADE, trade)                                                           \
  M(Settlement, KALSHI_JSON_SETTLEMENT, settlement)                                            \
  M(OrderGroup, KALSHI_JSON_ORDER_GROUP, order_group)                                          \
  M(IncentiveProgram, KALSHI_JSON_INCENTIVE_PROGRAM, incentive_program)                        \
  M(MarginMarket, KALSHI_JSON_MARGIN_MARKET, margin_market)                                    \
  M(MarginOrder, KALSHI_JSON_MARGIN_ORDER, margin_order)                                       \
  M(MarginFill, KALSHI_JSON_MARGIN_FILL, margin_fill)                                          \
  M(MarginTrade, KALSHI_JSON_MARGIN_TRADE, margin_trade)                                       \
  M(MarginPosition, KALSHI_JSON_MARGIN_POSITION, margin_position)                              \
  M(MarginSubaccountBalance, KALSHI_JSON_MARGIN_SUBACCOUNT_BALANCE, margin_subaccount_balance) \
  M(MarginRiskPosition, KALSHI_JSON_MARGIN_RISK_POSITION, margin_risk_position)                \
  M(FundingRate, KALSHI_JSON_FUNDING_RATE, funding_rate)                                       \
  M(FundingHistoryEntry, KALSHI_JSON_FUNDING_HISTORY_ENTRY, funding_history_entry)

// ---- generated structs ---------------------------------------------------------------------

#define KALSHI_JSON_MEMBER(name, kind, req) FieldType<FieldKind::kind>::type name{};
#define KALSHI_JSON_ENUM(name, kind, req) f_##name,
#define KALSHI_JSON_STRUCT(Struct, LIST, snake)                    \
  struct Struct {                                                  \
    LIST(KALSHI_JSON_MEMBER)                                       \
    uint64_t present = 0;                                          \
    enum Field : uint8_t { LIST(KALSHI_JSON_ENUM) kFieldCount };   \
    bool has(Field f) const { return ((present >> f) & 1u) != 0; } \
  };                                                               \
  static_assert(Struct::kFieldCount <= 64, "present is a 64-bit mask");

KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_STRUCT)

#undef KALSHI_JSON_STRUCT
#undef KALSHI_JSON_ENUM
#undef KALSHI_JSON_MEMBER

// ---- composite models ------------------------------------------------------------------------

// One price level: price in kalshi_price_t units, quantity in kalshi_count_t units.
struct BookLevel {
  int64_t price = 0;
  int64_t count = 0;
};

// GetMarketOrderbook. Accepts `orderbook_fp` (yes_dollars/no_dollars: [["0.1500","100.00"]]) and
// the older `orderbook` shape (yes/no: [[15, 100]] in cents and whole contracts, and/or
// yes_dollars/no_dollars: [["0.15", 100]]). When both the cent and the dollar arrays of a side
// are present, the dollar one wins (it is the exact one). Levels keep the wire order (ascending
// price, as Kalshi sends bids of each side). Vectors keep their capacity across decodes.
struct OrderBook {
  std::vector<BookLevel> yes;
  std::vector<BookLevel> no;
};

// GetMarginOrderbook: `orderbook: {bids: [...], asks: [...]}` (dollars strings, _fp counts).
struct MarginOrderBook {
  std::vector<BookLevel> bids;
  std::vector<BookLevel> asks;
};

// GetExchangeSchedule: `schedule: {standard_hours: [...], maintenance_windows: [...]}`.
struct WeeklySchedule {
  std::string_view start_time;
  std::string_view end_time;
  // monday .. sunday
  std::array<std::vector<DailySession>, 7> days;
};
struct ExchangeSchedule {
  std::vector<WeeklySchedule> standard_hours;
  std::vector<MaintenanceWindow> maintenance_windows;
};

// GetMarginBalance: settled_funds plus one entry per subaccount.
struct MarginBalance {
  int64_t settled_funds = 0;
  std::vector<MarginSubaccountBalance> subaccount_balances;
};

}  // namespace kalshi::json
