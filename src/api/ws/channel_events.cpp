// Lifecycle (market_lifecycle_v2, multivariate_market_lifecycle, event_lifecycle,
// event_fee_update), communications (RFQs and quotes), index feeds (CF Benchmarks, Pyth) and the
// command replies. Nested descriptive objects (additional_metadata, price_ranges, custom_strike,
// mve_selected_legs) are handed out as raw JSON views: they are rare and free-form.
#include "api/ws/decode_util.h"

namespace kalshi::wsapi::detail {

bool decode_market_lifecycle(Reader &r, od::object obj, MarketLifecycle *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "event_type") return r.str(v, &out->event_type, "event_type");
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "exchange_index") return r.i64(v, &out->exchange_index, "exchange_index");
    if (k == "open_ts") return r.i64(v, &out->open_ts, "open_ts");
    if (k == "close_ts") return r.i64(v, &out->close_ts, "close_ts");
    if (k == "determination_ts") return r.i64(v, &out->determination_ts, "determination_ts");
    if (k == "settled_ts") return r.i64(v, &out->settled_ts, "settled_ts");
    if (k == "result") return r.str(v, &out->result, "result");
    if (k == "settlement_value") return r.price(v, &out->settlement_value, "settlement_value");
    if (k == "is_deactivated") {
      bool b;
      if (!r.boolean(v, &b, "is_deactivated")) return false;
      out->is_deactivated = b ? 1 : 0;
      return true;
    }
    if (k == "additional_metadata")
      return r.raw(v, &out->additional_metadata_json, "additional_metadata");
    if (k == "price_level_structure")
      return r.str(v, &out->price_level_structure, "price_level_structure");
    if (k == "price_ranges") return r.raw(v, &out->price_ranges_json, "price_ranges");
    if (k == "strike_type") return r.str(v, &out->strike_type, "strike_type");
    if (k == "yes_sub_title") return r.str(v, &out->yes_sub_title, "yes_sub_title");
    if (k == "floor_strike") return r.number_text(v, &out->floor_strike_text, "floor_strike");
    if (k == "cap_strike") return r.number_text(v, &out->cap_strike_text, "cap_strike");
    if (k == "custom_strike") return r.raw(v, &out->custom_strike_json, "custom_strike");
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
  if (out->event_type.empty()) return r.fail("event_type");
  return true;
}

bool decode_event_lifecycle(Reader &r, od::object obj, EventLifecycle *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "event_ticker") return r.str(v, &out->event_ticker, "event_ticker");
    if (k == "exchange_index") return r.i64(v, &out->exchange_index, "exchange_index");
    if (k == "title") return r.str(v, &out->title, "title");
    if (k == "subtitle") return r.str(v, &out->subtitle, "subtitle");
    if (k == "collateral_return_type")
      return r.str(v, &out->collateral_return_type, "collateral_return_type");
    if (k == "series_ticker") return r.str(v, &out->series_ticker, "series_ticker");
    if (k == "strike_date") return r.i64(v, &out->strike_date, "strike_date");
    if (k == "strike_period") return r.str(v, &out->strike_period, "strike_period");
    return true;
  });
  if (!ok) return false;
  if (out->event_ticker.empty()) return r.fail("event_ticker");
  return true;
}

bool decode_fee_update(Reader &r, od::object obj, EventFeeUpdate *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "event_ticker") return r.str(v, &out->event_ticker, "event_ticker");
    if (k == "fee_type_override")
      return r.str_or_null(v, &out->fee_type_override, "fee_type_override");
    if (k == "fee_multiplier_override")
      return r.number_text(v, &out->fee_multiplier_override_text, "fee_multiplier_override");
    return true;
  });
  if (!ok) return false;
  if (out->event_ticker.empty()) return r.fail("event_ticker");
  return true;
}

bool decode_communication(Reader &r, od::object obj, Communication *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "id" || k == "rfq_id") return r.str(v, &out->rfq_id, "rfq_id");
    if (k == "quote_id") return r.str(v, &out->quote_id, "quote_id");
    if (k == "creator_id") return r.str(v, &out->creator_id, "creator_id");
    if (k == "quote_creator_id") return r.str(v, &out->quote_creator_id, "quote_creator_id");
    if (k == "rfq_creator_id") return r.str(v, &out->rfq_creator_id, "rfq_creator_id");
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "event_ticker") return r.str(v, &out->event_ticker, "event_ticker");
    if (k == "mve_collection_ticker")
      return r.str(v, &out->mve_collection_ticker, "mve_collection_ticker");
    if (k == "mve_selected_legs")
      return r.raw(v, &out->mve_selected_legs_json, "mve_selected_legs");
    if (k == "order_id") return r.str(v, &out->order_id, "order_id");
    if (k == "client_order_id") return r.str(v, &out->client_order_id, "client_order_id");
    if (k == "accepted_side") return r.str(v, &out->accepted_side, "accepted_side");
    if (k == "created_ts") return r.str(v, &out->created_ts, "created_ts");
    if (k == "deleted_ts") return r.str(v, &out->deleted_ts, "deleted_ts");
    if (k == "executed_ts") return r.str(v, &out->executed_ts, "executed_ts");
    if (k == "contracts_fp") return r.count(v, &out->contracts, "contracts_fp");
    if (k == "target_cost_dollars") return r.price(v, &out->target_cost, "target_cost_dollars");
    if (k == "yes_bid_dollars") return r.price(v, &out->yes_bid, "yes_bid_dollars");
    if (k == "no_bid_dollars") return r.price(v, &out->no_bid, "no_bid_dollars");
    if (k == "yes_contracts_offered_fp")
      return r.count(v, &out->yes_contracts_offered, "yes_contracts_offered_fp");
    if (k == "no_contracts_offered_fp")
      return r.count(v, &out->no_contracts_offered, "no_contracts_offered_fp");
    if (k == "contracts_accepted_fp")
      return r.count(v, &out->contracts_accepted, "contracts_accepted_fp");
    if (k == "rfq_target_cost_dollars")
      return r.price(v, &out->rfq_target_cost, "rfq_target_cost_dollars");
    if (k == "subaccount") return r.i64(v, &out->subaccount, "subaccount");
    return true;
  });
  if (!ok) return false;
  if (out->rfq_id.empty()) return r.fail("rfq_id");
  return true;
}

namespace {

bool window_average(Reader &r, od::value &v, WindowAverage *out, const char *name) {
  od::object obj;
  if (v.get_object().get(obj) != simdjson::SUCCESS) return r.fail(name);
  return for_fields(r, obj, [&](std::string_view k, od::value &f) {
    if (k == "value") return r.e8(f, &out->value_e8, name);
    if (k == "window_size") return r.i64(f, &out->window_size, name);
    if (k == "window_start_ts_ms") return r.i64(f, &out->window_start_ts_ms, name);
    if (k == "window_end_ts_exclusive") return r.i64(f, &out->window_end_ts_exclusive, name);
    return true;
  });
}

}  // namespace

bool decode_index_value(Reader &r, od::object obj, IndexValue *out) {
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "index_id" || k == "underlying_ticker") return r.str(v, &out->index_id, "index_id");
    if (k == "value_usd") return r.e8(v, &out->value_e8, "value_usd");
    if (k == "source_ts_ms") return r.i64(v, &out->source_ts_ms, "source_ts_ms");
    if (k == "received_at") return r.i64(v, &out->received_at, "received_at");
    if (k == "data") return r.str(v, &out->data, "data");
    if (k == "avg_60s_data") return window_average(r, v, &out->avg_60s, "avg_60s_data");
    if (k == "last_60s_windowed_average_15min")
      return window_average(r, v, &out->last_60s_windowed_average_15min,
                            "last_60s_windowed_average_15min");
    return true;
  });
  if (!ok) return false;
  if (out->index_id.empty()) return r.fail("index_id");
  return true;
}

bool decode_name_list(Reader &r, od::object obj, NameList *out) {
  r.strings.clear();
  bool found = false;
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "index_ids" || k == "underlying_tickers") {
      found = true;
      return r.string_list(v, &r.strings, "index_ids");
    }
    return true;
  });
  if (!ok) return false;
  if (!found) return r.fail("index_ids");
  out->names = {r.strings.data(), r.strings.size()};
  return true;
}

bool decode_reply(Reader &r, MessageKind kind, od::value msg, ReplyPayload *out) {
  *out = ReplyPayload{};
  r.strings.clear();
  r.strings_b.clear();
  r.subs.clear();
  if (kind == MessageKind::ListSubscriptions) {
    od::array arr;
    if (msg.get_array().get(arr) != simdjson::SUCCESS) return r.fail("msg");
    for (auto item : arr) {
      od::object o;
      if (item.get_object().get(o) != simdjson::SUCCESS) return r.fail("msg[]");
      SubscriptionInfo info;
      const bool ok = for_fields(r, o, [&](std::string_view k, od::value &v) {
        if (k == "channel") return r.str(v, &info.channel, "msg[].channel");
        if (k == "sid") return r.i64(v, &info.sid, "msg[].sid");
        return true;
      });
      if (!ok) return false;
      r.subs.push_back(info);
    }
    out->subscriptions = {r.subs.data(), r.subs.size()};
    return true;
  }
  od::object obj;
  if (msg.get_object().get(obj) != simdjson::SUCCESS) return r.fail("msg");
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "channel") return r.str(v, &out->subscribed.channel, "msg.channel");
    if (k == "sid") return r.i64(v, &out->subscribed.sid, "msg.sid");
    if (k == "code") return r.i64(v, &out->error_code, "msg.code");
    if (k == "msg") return r.str(v, &out->error_msg, "msg.msg");
    if (k == "market_ticker") return r.str(v, &out->error_market_ticker, "msg.market_ticker");
    if (k == "market_tickers" || k == "index_ids" || k == "underlying_tickers")
      return r.string_list(v, &r.strings, "msg.market_tickers");
    if (k == "market_ids") return r.string_list(v, &r.strings_b, "msg.market_ids");
    return true;
  });
  if (!ok) return false;
  out->strings = {r.strings.data(), r.strings.size()};
  out->market_ids = {r.strings_b.data(), r.strings_b.size()};
  if (kind == MessageKind::Error && out->error_code == 0) return r.fail("msg.code");
  if (kind == MessageKind::Subscribed && out->subscribed.sid == kAbsent) return r.fail("msg.sid");
  return true;
}

}  // namespace kalshi::wsapi::detail
