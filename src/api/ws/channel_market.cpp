// ticker, trade (public market data) and fill, market_position, user_order, order_group_updates
// (own data) for both products. Prediction and perps use different key names for the same
// meaning (yes_price_dollars vs price, count_fp vs count, ...); both land in the same member.
#include "api/ws/decode_util.h"

namespace kalshi::wsapi::detail {

namespace {

bool mark_price(Reader &r, od::value &v, MarkPrice *out, const char *name) {
  od::object obj;
  if (v.get_object().get(obj) != simdjson::SUCCESS) return r.fail(name);
  return for_fields(r, obj, [&](std::string_view k, od::value &f) {
    if (k == "price") return r.price(f, &out->price, name);
    if (k == "ts_ms") return r.i64(f, &out->ts_ms, name);
    return true;
  });
}

}  // namespace

bool decode_ticker(Reader &r, od::object obj, Ticker *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "market_id") return r.str(v, &out->market_id, "market_id");
    if (k == "price_dollars" || k == "price") return r.price(v, &out->price, "price_dollars");
    if (k == "yes_bid_dollars" || k == "bid" || k == "yes_bid")
      return r.price(v, &out->bid, "yes_bid_dollars");
    if (k == "yes_ask_dollars" || k == "ask" || k == "yes_ask")
      return r.price(v, &out->ask, "yes_ask_dollars");
    if (k == "yes_bid_size_fp" || k == "bid_size_fp")
      return r.count(v, &out->bid_size, "bid_size_fp");
    if (k == "yes_ask_size_fp" || k == "ask_size_fp")
      return r.count(v, &out->ask_size, "ask_size_fp");
    if (k == "last_trade_size_fp") return r.count(v, &out->last_trade_size, "last_trade_size_fp");
    if (k == "volume_fp" || k == "volume") return r.count(v, &out->volume, "volume_fp");
    if (k == "open_interest_fp" || k == "open_interest")
      return r.count(v, &out->open_interest, "open_interest_fp");
    if (k == "dollar_volume") return r.i64(v, &out->dollar_volume, "dollar_volume");
    if (k == "dollar_open_interest")
      return r.i64(v, &out->dollar_open_interest, "dollar_open_interest");
    if (k == "volume_notional_value_dollars")
      return r.price(v, &out->volume_notional, "volume_notional_value_dollars");
    if (k == "volume_24h") return r.count(v, &out->volume_24h, "volume_24h");
    if (k == "volume_24h_notional_value_dollars")
      return r.price(v, &out->volume_24h_notional, "volume_24h_notional_value_dollars");
    if (k == "open_interest_notional_value_dollars")
      return r.price(v, &out->open_interest_notional, "open_interest_notional_value_dollars");
    if (k == "reference_price") return mark_price(r, v, &out->reference_price, "reference_price");
    if (k == "settlement_mark_price")
      return mark_price(r, v, &out->settlement_mark_price, "settlement_mark_price");
    if (k == "liquidation_mark_price")
      return mark_price(r, v, &out->liquidation_mark_price, "liquidation_mark_price");
    if (k == "funding_rate") {
      od::object f;
      if (v.get_object().get(f) != simdjson::SUCCESS) return r.fail("funding_rate");
      return for_fields(r, f, [&](std::string_view fk, od::value &fv) {
        if (fk == "rate") return r.number_text(fv, &out->funding_rate_text, "funding_rate.rate");
        if (fk == "next_funding_time_ms")
          return r.i64(fv, &out->next_funding_time_ms, "funding_rate.next_funding_time_ms");
        if (fk == "ts_ms") return r.i64(fv, &out->funding_ts_ms, "funding_rate.ts_ms");
        return true;
      });
    }
    if (k == "ts") return r.i64(v, &out->ts, "ts");
    if (k == "ts_ms") return r.i64(v, &out->ts_ms, "ts_ms");
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
  return true;
}

bool decode_trade(Reader &r, od::object obj, Trade *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "trade_id") return r.str(v, &out->trade_id, "trade_id");
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "yes_price_dollars" || k == "price" || k == "yes_price")
      return r.price(v, &out->yes_price, "yes_price_dollars");
    if (k == "no_price_dollars" || k == "no_price")
      return r.price(v, &out->no_price, "no_price_dollars");
    if (k == "count_fp" || k == "count") return r.count(v, &out->count, "count_fp");
    if (k == "taker_side") return r.str(v, &out->taker_side, "taker_side");
    if (k == "taker_outcome_side") return r.str(v, &out->taker_outcome_side, "taker_outcome_side");
    if (k == "taker_book_side") return r.str(v, &out->taker_book_side, "taker_book_side");
    if (k == "is_block_trade") return r.boolean(v, &out->is_block_trade, "is_block_trade");
    if (k == "ts") return r.i64(v, &out->ts, "ts");
    if (k == "ts_ms") return r.i64(v, &out->ts_ms, "ts_ms");
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
  return true;
}

bool decode_fill(Reader &r, od::object obj, Fill *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "trade_id") return r.str(v, &out->trade_id, "trade_id");
    if (k == "order_id") return r.str(v, &out->order_id, "order_id");
    if (k == "client_order_id") return r.str(v, &out->client_order_id, "client_order_id");
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "exchange_index") return r.i64(v, &out->exchange_index, "exchange_index");
    if (k == "is_taker") return r.boolean(v, &out->is_taker, "is_taker");
    if (k == "side") return r.str(v, &out->side, "side");
    if (k == "action") return r.str(v, &out->action, "action");
    if (k == "purchased_side") return r.str(v, &out->purchased_side, "purchased_side");
    if (k == "outcome_side") return r.str(v, &out->outcome_side, "outcome_side");
    if (k == "book_side") return r.str(v, &out->book_side, "book_side");
    if (k == "order_source") return r.str(v, &out->order_source, "order_source");
    if (k == "yes_price_dollars" || k == "price" || k == "yes_price")
      return r.price(v, &out->price, "yes_price_dollars");
    if (k == "count_fp" || k == "count") return r.count(v, &out->count, "count_fp");
    if (k == "fee_cost") return r.price(v, &out->fee_cost, "fee_cost");
    if (k == "post_position_fp" || k == "post_position")
      return r.count(v, &out->post_position, "post_position_fp");
    if (k == "subaccount") return r.i64(v, &out->subaccount, "subaccount");
    if (k == "ts") return r.i64(v, &out->ts, "ts");
    if (k == "ts_ms") return r.i64(v, &out->ts_ms, "ts_ms");
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
  return true;
}

bool decode_position(Reader &r, od::object obj, MarketPosition *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "user_id") return r.str(v, &out->user_id, "user_id");
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "position_fp") return r.count(v, &out->position, "position_fp");
    if (k == "position_cost_dollars")
      return r.price(v, &out->position_cost, "position_cost_dollars");
    if (k == "realized_pnl_dollars") return r.price(v, &out->realized_pnl, "realized_pnl_dollars");
    if (k == "fees_paid_dollars") return r.price(v, &out->fees_paid, "fees_paid_dollars");
    if (k == "position_fee_cost_dollars")
      return r.price(v, &out->position_fee_cost, "position_fee_cost_dollars");
    if (k == "volume_fp") return r.count(v, &out->volume, "volume_fp");
    if (k == "subaccount") return r.i64(v, &out->subaccount, "subaccount");
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
  return true;
}

bool decode_user_order(Reader &r, od::object obj, UserOrder *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "order_id") return r.str(v, &out->order_id, "order_id");
    if (k == "user_id") return r.str(v, &out->user_id, "user_id");
    if (k == "ticker") return r.str(v, &out->ticker, "ticker");
    if (k == "client_order_id") return r.str(v, &out->client_order_id, "client_order_id");
    if (k == "order_group_id") return r.str(v, &out->order_group_id, "order_group_id");
    if (k == "status") return r.str(v, &out->status, "status");
    if (k == "side") return r.str(v, &out->side, "side");
    if (k == "is_yes") return r.boolean(v, &out->is_yes, "is_yes");
    if (k == "outcome_side") return r.str(v, &out->outcome_side, "outcome_side");
    if (k == "book_side") return r.str(v, &out->book_side, "book_side");
    if (k == "self_trade_prevention_type")
      return r.str(v, &out->self_trade_prevention_type, "self_trade_prevention_type");
    if (k == "last_update_reason") return r.str(v, &out->last_update_reason, "last_update_reason");
    if (k == "order_source") return r.str(v, &out->order_source, "order_source");
    if (k == "exchange_index") return r.i64(v, &out->exchange_index, "exchange_index");
    if (k == "yes_price_dollars" || k == "price")
      return r.price(v, &out->price, "yes_price_dollars");
    if (k == "fill_count_fp" || k == "fill_count")
      return r.count(v, &out->fill_count, "fill_count_fp");
    if (k == "remaining_count_fp" || k == "remaining_count")
      return r.count(v, &out->remaining_count, "remaining_count_fp");
    if (k == "initial_count_fp") return r.count(v, &out->initial_count, "initial_count_fp");
    if (k == "taker_fill_cost_dollars")
      return r.price(v, &out->taker_fill_cost, "taker_fill_cost_dollars");
    if (k == "maker_fill_cost_dollars")
      return r.price(v, &out->maker_fill_cost, "maker_fill_cost_dollars");
    if (k == "taker_fees_dollars") return r.price(v, &out->taker_fees, "taker_fees_dollars");
    if (k == "maker_fees_dollars") return r.price(v, &out->maker_fees, "maker_fees_dollars");
    if (k == "created_ts_ms") return r.i64_or_null(v, &out->created_ts_ms, "created_ts_ms");
    if (k == "last_updated_ts_ms") return r.i64(v, &out->last_updated_ts_ms, "last_updated_ts_ms");
    if (k == "expiration_ts_ms") return r.i64(v, &out->expiration_ts_ms, "expiration_ts_ms");
    if (k == "subaccount_number") return r.i64(v, &out->subaccount_number, "subaccount_number");
    return true;
  });
  if (!ok) return false;
  if (out->order_id.empty()) return r.fail("order_id");
  return true;
}

bool decode_order_group(Reader &r, od::object obj, OrderGroupUpdate *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "event_type") return r.str(v, &out->event_type, "event_type");
    if (k == "order_group_id") return r.str(v, &out->order_group_id, "order_group_id");
    if (k == "contracts_limit_fp") return r.count(v, &out->contracts_limit, "contracts_limit_fp");
    if (k == "ts_ms") return r.i64(v, &out->ts_ms, "ts_ms");
    return true;
  });
  if (!ok) return false;
  if (out->order_group_id.empty()) return r.fail("order_group_id");
  return true;
}

}  // namespace kalshi::wsapi::detail
