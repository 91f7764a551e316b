#include "api/ws/ws_event.h"

#include <utility>

namespace kalshi::wsapi {

void DeliveryGate::release() {
  outstanding_.fetch_sub(1);
  // Only the first release after the connection queued messages pays for a wake-up.
  if (!waiting_.exchange(false)) return;
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake = wake_;
  }
  if (wake) wake();
}

void DeliveryGate::set_wake(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mu_);
  wake_ = std::move(wake);
}

WsEventBody::~WsEventBody() {
  if (gate) gate->release();
}

EventPtr make_ws_event(kalshi_event_type_t type, uint64_t user_tag) {
  EventPtr ev = make_event(type, user_tag);
  ev->body = std::make_unique<WsEventBody>();
  return ev;
}

WsEventBody *ws_body(kalshi_event *ev) {
  return ev == nullptr ? nullptr : dynamic_cast<WsEventBody *>(ev->body.get());
}
const WsEventBody *ws_body(const kalshi_event_t *ev) {
  return ev == nullptr ? nullptr : dynamic_cast<const WsEventBody *>(ev->body.get());
}

const char *channel_of(MessageKind kind) {
  switch (kind) {
    case MessageKind::OrderbookSnapshot:
    case MessageKind::OrderbookDelta:
      return "orderbook_delta";
    case MessageKind::Ticker:
      return "ticker";
    case MessageKind::Trade:
      return "trade";
    case MessageKind::Fill:
      return "fill";
    case MessageKind::MarketPosition:
      return "market_positions";
    case MessageKind::UserOrder:
      return "user_orders";
    case MessageKind::OrderGroupUpdate:
      return "order_group_updates";
    case MessageKind::MarketLifecycle:
    case MessageKind::EventLifecycle:
    case MessageKind::EventFeeUpdate:
      return "market_lifecycle_v2";
    case MessageKind::MultivariateLifecycle:
      return "multivariate_market_lifecycle";
    case MessageKind::RfqCreated:
    case MessageKind::RfqDeleted:
    case MessageKind::QuoteCreated:
    case MessageKind::QuoteAccepted:
    case MessageKind::QuoteExecuted:
      return "communications";
    case MessageKind::CfbValue:
    case MessageKind::CfbIndexList:
      return "cfbenchmarks_value";
    case MessageKind::CfbValue5hz:
      return "cfbenchmarks_value_5hz";
    case MessageKind::PythValue:
    case MessageKind::PythUnderlyingList:
      return "pyth_value";
    default:
      return "raw";
  }
}

std::string_view market_of(const Decoded &d) {
  switch (d.env.kind) {
    case MessageKind::OrderbookSnapshot:
      return d.snapshot.market_ticker;
    case MessageKind::OrderbookDelta:
      return d.delta.market_ticker;
    case MessageKind::Ticker:
      return d.ticker.market_ticker;
    case MessageKind::Trade:
      return d.trade.market_ticker;
    case MessageKind::Fill:
      return d.fill.market_ticker;
    case MessageKind::MarketPosition:
      return d.position.market_ticker;
    case MessageKind::UserOrder:
      return d.order.ticker;
    case MessageKind::MarketLifecycle:
    case MessageKind::MultivariateLifecycle:
      return d.lifecycle.market_ticker;
    case MessageKind::RfqCreated:
    case MessageKind::RfqDeleted:
    case MessageKind::QuoteCreated:
    case MessageKind::QuoteAccepted:
    case MessageKind::QuoteExecuted:
      return d.comm.market_ticker;
    default:
      return {};
  }
}

namespace {

// Optional values: absent ones are left out, so kalshi_obj_* answers NOT_FOUND for them.
struct Out {
  kalshi_obj *o;
  void str(std::string_view name, std::string_view v) const {
    if (!v.empty()) o->add_str(name, v);
  }
  void i(std::string_view name, int64_t v) const {
    if (v != kAbsent) o->add_int(name, v);
  }
  void price(std::string_view name, int64_t v) const {
    if (v != kAbsent) o->add_price(name, v);
  }
  void count(std::string_view name, int64_t v) const {
    if (v != kAbsent) o->add_count(name, v);
  }
  void b(std::string_view name, bool v) const { o->add_bool(name, v); }
  void tri(std::string_view name, int8_t v) const {
    if (v >= 0) o->add_bool(name, v != 0);
  }
  void levels(std::string_view side, std::span<const PriceLevel> ls) const {
    for (const PriceLevel &l : ls) o->add_level(side, l.price, l.count);
  }
  void window(std::string_view prefix, const WindowAverage &w) const {
    std::string p(prefix);
    i(p + ".value_e8", w.value_e8);
    i(p + ".window_size", w.window_size);
    i(p + ".window_start_ts_ms", w.window_start_ts_ms);
    i(p + ".window_end_ts_exclusive", w.window_end_ts_exclusive);
  }
};

const char *book_side_name(BookSide s) {
  switch (s) {
    case BookSide::Yes:
      return "yes";
    case BookSide::No:
      return "no";
    case BookSide::Bid:
      return "bid";
    case BookSide::Ask:
      return "ask";
  }
  return "";
}

void snapshot_obj(const BookSnapshot &s, const Out &o) {
  o.str("market_ticker", s.market_ticker);
  o.str("market_id", s.market_id);
  o.levels("yes", s.yes);
  o.levels("no", s.no);
  o.levels("bid", s.bid);
  o.levels("ask", s.ask);
}

void delta_obj(const BookDelta &d, const Out &o) {
  o.str("market_ticker", d.market_ticker);
  o.str("market_id", d.market_id);
  o.str("side", book_side_name(d.side));
  o.price("price", d.price);
  o.count("delta", d.delta);
  o.str("client_order_id", d.client_order_id);
  o.str("last_update_reason", d.last_update_reason);
  o.i("subaccount", d.subaccount);
  o.i("ts_ms", d.ts_ms);
}

void ticker_obj(const Ticker &t, const Out &o) {
  o.str("market_ticker", t.market_ticker);
  o.str("market_id", t.market_id);
  o.price("price", t.price);
  o.price("bid", t.bid);
  o.price("ask", t.ask);
  o.count("bid_size", t.bid_size);
  o.count("ask_size", t.ask_size);
  o.count("last_trade_size", t.last_trade_size);
  o.count("volume", t.volume);
  o.count("open_interest", t.open_interest);
  o.i("dollar_volume", t.dollar_volume);
  o.i("dollar_open_interest", t.dollar_open_interest);
  o.price("volume_notional", t.volume_notional);
  o.count("volume_24h", t.volume_24h);
  o.price("volume_24h_notional", t.volume_24h_notional);
  o.price("open_interest_notional", t.open_interest_notional);
  o.price("reference_price", t.reference_price.price);
  o.i("reference_price_ts_ms", t.reference_price.ts_ms);
  o.price("settlement_mark_price", t.settlement_mark_price.price);
  o.i("settlement_mark_price_ts_ms", t.settlement_mark_price.ts_ms);
  o.price("liquidation_mark_price", t.liquidation_mark_price.price);
  o.i("liquidation_mark_price_ts_ms", t.liquidation_mark_price.ts_ms);
  o.str("funding_rate", t.funding_rate_text);
  o.i("next_funding_time_ms", t.next_funding_time_ms);
  o.i("funding_ts_ms", t.funding_ts_ms);
  o.i("ts", t.ts);
  o.i("ts_ms", t.ts_ms);
}

void trade_obj(const Trade &t, const Out &o) {
  o.str("trade_id", t.trade_id);
  o.str("market_ticker", t.market_ticker);
  o.price("yes_price", t.yes_price);
  o.price("no_price", t.no_price);
  o.count("count", t.count);
  o.str("taker_side", t.taker_side);
  o.str("taker_outcome_side", t.taker_outcome_side);
  o.str("taker_book_side", t.taker_book_side);
  o.b("is_block_trade", t.is_block_trade);
  o.i("ts", t.ts);
  o.i("ts_ms", t.ts_ms);
}

void fill_obj(const Fill &f, const Out &o) {
  o.str("trade_id", f.trade_id);
  o.str("order_id", f.order_id);
  o.str("client_order_id", f.client_order_id);
  o.str("market_ticker", f.market_ticker);
  o.i("exchange_index", f.exchange_index);
  o.b("is_taker", f.is_taker);
  o.str("side", f.side);
  o.str("action", f.action);
  o.str("purchased_side", f.purchased_side);
  o.str("outcome_side", f.outcome_side);
  o.str("book_side", f.book_side);
  o.str("order_source", f.order_source);
  o.price("price", f.price);
  o.count("count", f.count);
  o.price("fee_cost", f.fee_cost);
  o.count("post_position", f.post_position);
  o.i("subaccount", f.subaccount);
  o.i("ts", f.ts);
  o.i("ts_ms", f.ts_ms);
}

void position_obj(const MarketPosition &p, const Out &o) {
  o.str("user_id", p.user_id);
  o.str("market_ticker", p.market_ticker);
  o.count("position", p.position);
  o.price("position_cost", p.position_cost);
  o.price("realized_pnl", p.realized_pnl);
  o.price("fees_paid", p.fees_paid);
  o.price("position_fee_cost", p.position_fee_cost);
  o.count("volume", p.volume);
  o.i("subaccount", p.subaccount);
}

void order_obj(const UserOrder &u, const Out &o) {
  o.str("order_id", u.order_id);
  o.str("user_id", u.user_id);
  o.str("ticker", u.ticker);
  o.str("client_order_id", u.client_order_id);
  o.str("order_group_id", u.order_group_id);
  o.str("status", u.status);
  o.str("side", u.side);
  o.str("outcome_side", u.outcome_side);
  o.str("book_side", u.book_side);
  o.str("self_trade_prevention_type", u.self_trade_prevention_type);
  o.str("last_update_reason", u.last_update_reason);
  o.str("order_source", u.order_source);
  o.b("is_yes", u.is_yes);
  o.i("exchange_index", u.exchange_index);
  o.price("price", u.price);
  o.count("fill_count", u.fill_count);
  o.count("remaining_count", u.remaining_count);
  o.count("initial_count", u.initial_count);
  o.price("taker_fill_cost", u.taker_fill_cost);
  o.price("maker_fill_cost", u.maker_fill_cost);
  o.price("taker_fees", u.taker_fees);
  o.price("maker_fees", u.maker_fees);
  o.i("created_ts_ms", u.created_ts_ms);
  o.i("last_updated_ts_ms", u.last_updated_ts_ms);
  o.i("expiration_ts_ms", u.expiration_ts_ms);
  o.i("subaccount_number", u.subaccount_number);
}

void lifecycle_obj(const MarketLifecycle &l, const Out &o) {
  o.str("event_type", l.event_type);
  o.str("market_ticker", l.market_ticker);
  o.str("result", l.result);
  o.str("price_level_structure", l.price_level_structure);
  o.i("exchange_index", l.exchange_index);
  o.i("open_ts", l.open_ts);
  o.i("close_ts", l.close_ts);
  o.i("determination_ts", l.determination_ts);
  o.i("settled_ts", l.settled_ts);
  o.price("settlement_value", l.settlement_value);
  o.tri("is_deactivated", l.is_deactivated);
  o.str("additional_metadata", l.additional_metadata_json);
  o.str("price_ranges", l.price_ranges_json);
  o.str("strike_type", l.strike_type);
  o.str("yes_sub_title", l.yes_sub_title);
  o.str("floor_strike", l.floor_strike_text);
  o.str("cap_strike", l.cap_strike_text);
  o.str("custom_strike", l.custom_strike_json);
}

void event_lifecycle_obj(const EventLifecycle &e, const Out &o) {
  o.str("event_ticker", e.event_ticker);
  o.str("title", e.title);
  o.str("subtitle", e.subtitle);
  o.str("collateral_return_type", e.collateral_return_type);
  o.str("series_ticker", e.series_ticker);
  o.str("strike_period", e.strike_period);
  o.i("exchange_index", e.exchange_index);
  o.i("strike_date", e.strike_date);
}

void comm_obj(const Communication &c, const Out &o) {
  o.str("rfq_id", c.rfq_id);
  o.str("quote_id", c.quote_id);
  o.str("creator_id", c.creator_id);
  o.str("quote_creator_id", c.quote_creator_id);
  o.str("rfq_creator_id", c.rfq_creator_id);
  o.str("market_ticker", c.market_ticker);
  o.str("event_ticker", c.event_ticker);
  o.str("mve_collection_ticker", c.mve_collection_ticker);
  o.str("order_id", c.order_id);
  o.str("client_order_id", c.client_order_id);
  o.str("accepted_side", c.accepted_side);
  o.str("created_ts", c.created_ts);
  o.str("deleted_ts", c.deleted_ts);
  o.str("executed_ts", c.executed_ts);
  o.str("mve_selected_legs", c.mve_selected_legs_json);
  o.count("contracts", c.contracts);
  o.price("target_cost", c.target_cost);
  o.price("yes_bid", c.yes_bid);
  o.price("no_bid", c.no_bid);
  o.count("yes_contracts_offered", c.yes_contracts_offered);
  o.count("no_contracts_offered", c.no_contracts_offered);
  o.count("contracts_accepted", c.contracts_accepted);
  o.price("rfq_target_cost", c.rfq_target_cost);
  o.i("subaccount", c.subaccount);
}

void index_obj(const IndexValue &v, const Out &o) {
  o.str("index_id", v.index_id);
  o.i("value_e8", v.value_e8);
  o.i("source_ts_ms", v.source_ts_ms);
  o.i("received_at", v.received_at);
  o.str("data", v.data);
  o.window("avg_60s", v.avg_60s);
  o.window("last_60s_windowed_average_15min", v.last_60s_windowed_average_15min);
}

void names_obj(const NameList &l, const Out &o) {
  o.i("count", static_cast<int64_t>(l.names.size()));
  for (size_t i = 0; i < l.names.size(); ++i) o.o->add_str("name." + std::to_string(i), l.names[i]);
}

}  // namespace

void to_obj(const Decoded &d, kalshi_obj *o) {
  o->kind = std::string(d.env.type.empty() ? "raw" : d.env.type);
  const Out out{o};
  switch (d.env.kind) {
    case MessageKind::OrderbookSnapshot:
      return snapshot_obj(d.snapshot, out);
    case MessageKind::OrderbookDelta:
      return delta_obj(d.delta, out);
    case MessageKind::Ticker:
      return ticker_obj(d.ticker, out);
    case MessageKind::Trade:
      return trade_obj(d.trade, out);
    case MessageKind::Fill:
      return fill_obj(d.fill, out);
    case MessageKind::MarketPosition:
      return position_obj(d.position, out);
    case MessageKind::UserOrder:
      return order_obj(d.order, out);
    case MessageKind::OrderGroupUpdate:
      out.str("event_type", d.order_group.event_type);
      out.str("order_group_id", d.order_group.order_group_id);
      out.count("contracts_limit", d.order_group.contracts_limit);
      out.i("ts_ms", d.order_group.ts_ms);
      return;
    case MessageKind::MarketLifecycle:
    case MessageKind::MultivariateLifecycle:
      return lifecycle_obj(d.lifecycle, out);
    case MessageKind::EventLifecycle:
      return event_lifecycle_obj(d.event_lifecycle, out);
    case MessageKind::EventFeeUpdate:
      out.str("event_ticker", d.fee_update.event_ticker);
      out.str("fee_type_override", d.fee_update.fee_type_override);
      out.str("fee_multiplier_override", d.fee_update.fee_multiplier_override_text);
      return;
    case MessageKind::RfqCreated:
    case MessageKind::RfqDeleted:
    case MessageKind::QuoteCreated:
    case MessageKind::QuoteAccepted:
    case MessageKind::QuoteExecuted:
      return comm_obj(d.comm, out);
    case MessageKind::CfbValue:
    case MessageKind::CfbValue5hz:
    case MessageKind::PythValue:
      return index_obj(d.index, out);
    case MessageKind::CfbIndexList:
    case MessageKind::PythUnderlyingList:
      return names_obj(d.list, out);
    default:
      return;  // Raw and replies: the JSON in the event's data is the whole story
  }
}

}  // namespace kalshi::wsapi
