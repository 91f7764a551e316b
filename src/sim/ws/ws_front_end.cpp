#include "sim/ws/ws_front_end.h"

#include <algorithm>
#include <string>
#include <vector>

namespace kalshi::sim::wsfront {

namespace {

const char *outcome(Side s) {
  return s == Side::Buy ? "yes" : "no";
}
const char *book_side(Side s) {
  return s == Side::Buy ? "bid" : "ask";
}

const char *order_status(OrderStatus s) {
  switch (s) {
    case OrderStatus::Resting:
      return "resting";
    case OrderStatus::Filled:
      return "executed";
    case OrderStatus::Canceled:
    case OrderStatus::Expired:
      return "canceled";
  }
  return "unknown";
}

// last_update_reason (kalshi-ws.md user_order); empty: leave the field out (a user's own cancel
// or a new order).
std::string_view update_reason(const OrderEvent &e) {
  switch (e.kind) {
    case OrderEventKind::New:
      return {};
    case OrderEventKind::Trade:
      return "Trade";
    case OrderEventKind::Replaced:
      return "Amend";
    case OrderEventKind::Expired:
      return "ExpiryCancel";
    case OrderEventKind::Canceled:
      break;
  }
  const std::string_view r = e.reason;
  if (r == "POST_ONLY_CROSS") return "PostOnlyCrossCancel";
  if (r.find("SELF_TRADE") != std::string_view::npos) return "SelfTradeCancel";
  if (r == "REDUCE_ONLY") return "ReduceOnlyCancel";
  if (r == "MARKET_CLOSED") return "CloseCancel";
  if (e.expiry_style) return "ExpiryCancel";
  return {};
}

std::string user_id(uint32_t member) {
  return std::to_string(member);
}

}  // namespace

struct WsFrontEnd::Link final : WsSessionHost {
  WsFrontEnd *owner = nullptr;
  std::shared_ptr<ServerStream> stream;
  std::unique_ptr<WsSession> session;

  void send(std::string_view bytes) override {
    (void)stream->write(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  }
  void close_transport(bool abort) override {
    if (abort) {
      stream->abort();
    } else {
      stream->close();
    }
  }
};

WsFrontEnd::WsFrontEnd(Exchange &exchange, const KeyDirectory &keys,
                       std::function<int64_t()> exchange_now, std::function<int64_t()> session_now)
    : exchange_(exchange),
      exchange_now_(std::move(exchange_now)),
      session_now_(std::move(session_now)) {
  ctx_.keys = &keys;
  ctx_.exchange = &exchange_;
  ctx_.json = &json_;
  ctx_.stats = &stats_;
  exchange_.add_observer(this);
}

WsFrontEnd::~WsFrontEnd() {
  exchange_.remove_observer(this);
  if (rfq_ != nullptr) rfq_->remove_observer(this);
  for (Link *l : links_) delete l;
}

Error WsFrontEnd::listen(uv_loop_t *loop, const std::string &host, bool plain, uint16_t plain_port,
                         std::shared_ptr<TlsServerConfig> tls, uint16_t tls_port) {
  auto on_accept = [this](std::shared_ptr<ServerStream> s) { accept(std::move(s)); };
  if (plain) {
    if (Error e = StreamServer::listen(loop, host, plain_port, nullptr, on_accept, &plain_);
        !e.ok()) {
      e.message = "ws: " + e.message;
      return e;
    }
    plain_port_ = plain_->port();
  }
  if (tls) {
    if (Error e = StreamServer::listen(loop, host, tls_port, tls, on_accept, &tls_); !e.ok()) {
      e.message = "ws.tls: " + e.message;
      return e;
    }
    tls_port_ = tls_->port();
  }
  return Error{};
}

Error WsFrontEnd::port(std::string_view name, uint16_t *out) const {
  const uint16_t p = name == "ws" ? plain_port_ : name == "ws.tls" ? tls_port_ : 0;
  if (p == 0) {
    return Error::make(KALSHI_ERR_NOT_FOUND,
                       "no listener \"" + std::string(name) + "\" (unknown endpoint or disabled)");
  }
  *out = p;
  return Error{};
}

void WsFrontEnd::close() {
  for (Link *l : links_) {
    if (l->session) (void)l->session->inject(Fault{FaultKind::Logout, 0, "server stopping"}, 0);
  }
  if (plain_) plain_->close();
  if (tls_) tls_->close();
}

void WsFrontEnd::force_close() {
  close();
  if (plain_) plain_->force_close();
  if (tls_) tls_->force_close();
  std::vector<Link *> open(links_.begin(), links_.end());
  for (Link *l : open) l->stream->abort();
}

void WsFrontEnd::accept(std::shared_ptr<ServerStream> stream) {
  auto *link = new Link();
  link->owner = this;
  link->stream = std::move(stream);
  link->session = std::make_unique<WsSession>(ctx_, *link, session_now_());
  links_.insert(link);
  link->stream->set_handlers(ServerStream::Handlers{
      [this, link](const uint8_t *data, size_t len) {
        if (link->session) link->session->received(data, len, session_now_());
      },
      [this, link](const Error &) { drop(link); },
  });
}

void WsFrontEnd::drop(Link *link) {
  if (links_.erase(link) == 0) return;
  delete link;
}

void WsFrontEnd::attach_rfq(RfqDesk *desk) {
  if (rfq_ != nullptr) rfq_->remove_observer(this);
  rfq_ = desk;
  if (rfq_ != nullptr) rfq_->add_observer(this);
}

WsSession *WsFrontEnd::attach(WsSessionHost &host) {
  detached_.push_back(std::make_unique<WsSession>(ctx_, host, session_now_()));
  return detached_.back().get();
}

void WsFrontEnd::tick() {
  const int64_t now = session_now_();
  for (auto &s : detached_) s->tick(now);
  for (Link *l : links_) {
    if (l->session) l->session->tick(now);
  }
}

Error WsFrontEnd::inject(std::string_view key_id, const Fault &f) {
  const int64_t now = session_now_();
  size_t hit = 0;
  Error last;
  for (Link *l : links_) {
    WsSession *s = l->session.get();
    if (s == nullptr || s->state() != WsSession::State::Open) continue;
    if (!key_id.empty() && s->key_id() != key_id) continue;
    ++hit;
    if (Error e = s->inject(f, now); !e.ok()) last = e;
  }
  if (!last.ok()) return last;
  if (hit == 0) {
    return Error::make(KALSHI_ERR_NOT_FOUND, "no open WebSocket connection for that key");
  }
  return Error{};
}

void WsFrontEnd::publish(const Publication &p) {
  const int64_t now = session_now_();
  for (auto &s : detached_) s->publish(p, now);
  for (Link *l : links_) {
    if (l->session) l->session->publish(p, now);
  }
}

bool WsFrontEnd::is_perp(std::string_view ticker) const {
  const Market *m = exchange_.find_market(ticker);
  return m != nullptr && m->kind == MarketKind::Perp;
}

void WsFrontEnd::on_level_change(const LevelChange &c) {
  auto it = books_.find(c.ticker);
  if (it == books_.end()) it = books_.emplace(std::string(c.ticker), decltype(it->second){}).first;
  auto &levels = it->second;
  const std::pair<int, Price> at{static_cast<int>(c.side), c.price};
  const auto lv = levels.find(at);
  const Qty before = lv == levels.end() ? 0 : lv->second;
  if (c.qty == 0) {
    if (lv != levels.end()) levels.erase(lv);
  } else {
    levels[at] = c.qty;
  }
  const Qty delta = c.qty - before;
  if (delta != 0 && !no_sessions()) {
    const bool perp = is_perp(c.ticker);
    const int64_t now = exchange_now_();
    // Binary offers (YES asks) are NO bids: priced 1 - p in NO terms, p with use_yes_price.
    const Price no_price = perp || c.side == Side::Buy ? c.price : kDollar - c.price;
    yes_body_.clear();
    if (perp) {
      // perps_asyncapi.yaml marginOrderbookDeltaPayload: one form, book sides.
      JsonOut &j = body_;
      j.clear();
      j.begin_object();
      j.field("market_ticker", c.ticker);
      j.field_dollars("price", c.price);
      j.field_count("delta", delta);
      j.field("side", book_side(c.side));
      j.field_int("ts_ms", now);
      j.end_object();
    }
    for (int yes_form = 0; yes_form < 2 && !perp; ++yes_form) {
      JsonOut &j = yes_form ? yes_body_ : body_;
      j.clear();
      j.begin_object();
      j.field("market_ticker", c.ticker);
      j.field("market_id", market_id(c.ticker));
      j.field_dollars("price_dollars", yes_form ? c.price : no_price);
      j.field_count("delta_fp", delta);
      j.field("side", c.side == Side::Buy ? "yes" : "no");
      j.field_int("ts_ms", now);
      j.end_object();
    }
    Publication p;
    p.channel = Channel::OrderbookDelta;
    p.ticker = c.ticker;
    p.perp = perp;
    p.type = "orderbook_delta";
    p.body = body_.str();
    p.yes_body = yes_body_.str();
    publish(p);
  }
  publish_ticker_if_moved(c.ticker, false);
}

void WsFrontEnd::publish_ticker_if_moved(std::string_view ticker, bool force) {
  const BookSnapshot b = exchange_.book(ticker, 1);
  Top now_top;
  if (!b.bids.empty()) now_top.bid = b.bids[0];
  if (!b.asks.empty()) now_top.ask = b.asks[0];
  auto it = tops_.find(ticker);
  if (it != tops_.end() && it->second == now_top && !force) return;
  if (it == tops_.end()) {
    tops_.emplace(std::string(ticker), now_top);
  } else {
    it->second = now_top;
  }
  if (no_sessions()) return;
  body_.clear();
  if (is_perp(ticker)) {
    write_margin_ticker_body(body_, exchange_, ticker, &stats_, exchange_now_());
  } else {
    write_ticker_body(body_, exchange_, ticker, &stats_, exchange_now_());
  }
  Publication p;
  p.channel = Channel::Ticker;
  p.ticker = ticker;
  p.perp = is_perp(ticker);
  p.type = "ticker";
  p.body = body_.str();
  publish(p);
}

void WsFrontEnd::on_public_trade(const PublicTrade &t) {
  stats_.on_trade(t);
  if (no_sessions()) return;
  const bool perp = is_perp(t.ticker);
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  j.field("trade_id", t.trade_id);
  j.field("market_ticker", t.ticker);
  if (perp) {  // perps_asyncapi.yaml marginTradePayload
    j.field_dollars("price", t.price);
    j.field_count("count", t.qty);
    j.field("taker_side", book_side(t.taker_side));
    j.field_int("ts_ms", t.time_ms);
    j.end_object();
    Publication p;
    p.channel = Channel::Trade;
    p.ticker = t.ticker;
    p.perp = true;
    p.type = "trade";
    p.body = body_.str();
    publish(p);
    publish_ticker_if_moved(t.ticker, true);
    return;
  }
  j.field_dollars("yes_price_dollars", t.price);
  j.field_dollars("no_price_dollars", perp ? t.price : kDollar - t.price);
  j.field_count("count_fp", t.qty);
  j.field("taker_side", outcome(t.taker_side));
  j.field("taker_outcome_side", outcome(t.taker_side));
  j.field("taker_book_side", book_side(t.taker_side));
  j.field_bool("is_block_trade", false);
  j.field_int("ts", t.time_ms / 1000);
  j.field_int("ts_ms", t.time_ms);
  j.end_object();
  Publication p;
  p.channel = Channel::Trade;
  p.ticker = t.ticker;
  p.perp = perp;
  p.type = "trade";
  p.body = body_.str();
  publish(p);
  publish_ticker_if_moved(t.ticker, true);
}

void WsFrontEnd::on_order_event(const OrderEvent &e) {
  if (e.order == nullptr) return;
  const Order &o = *e.order;
  if (e.kind == OrderEventKind::Trade && e.fill != nullptr) {
    OrderCosts &c = costs_[o.order_id];
    const bool perp = is_perp(o.ticker);
    const Price paid = perp || o.side == Side::Buy ? e.fill->price : kDollar - e.fill->price;
    const Money cost =
        paid * (e.fill->qty / kContract) + paid * (e.fill->qty % kContract) / kContract;
    (e.fill->aggressor ? c.taker_cost : c.maker_cost) += cost;
    (e.fill->aggressor ? c.taker_fees : c.maker_fees) += e.fill->fee;
  }
  if (!no_sessions()) {
    publish_user_order(e);
    if (e.kind == OrderEventKind::Trade && e.fill != nullptr) {
      publish_fill(e);
      publish_position(e);
    }
  }
  if (o.status != OrderStatus::Resting) costs_.erase(o.order_id);
}

void WsFrontEnd::publish_user_order(const OrderEvent &e) {
  const Order &o = *e.order;
  const bool perp = is_perp(o.ticker);
  const auto cit = costs_.find(o.order_id);
  const OrderCosts costs = cit == costs_.end() ? OrderCosts{} : cit->second;
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  j.field("order_id", o.order_id);
  j.field("user_id", user_id(o.account.member));
  if (perp) {  // perps_asyncapi.yaml marginUserOrderPayload
    j.field("client_order_id", o.client_order_id);
    j.field("ticker", o.ticker);
    j.field("status", order_status(o.status));
    j.field("side", book_side(o.side));
    j.field_dollars("price", o.price);
    j.field_count("fill_count", o.filled);
    j.field_count("remaining_count", o.leaves);
    j.field("self_trade_prevention_type",
            o.stp == SelfTradePrevention::Maker ? "maker" : "taker_at_cross");
    if (!o.order_group_id.empty()) j.field("order_group_id", o.order_group_id);
    if (o.expire_ms != 0) j.field_int("expiration_ts_ms", o.expire_ms);
    j.field_int("created_ts_ms", o.created_ms);
    j.field_int("last_updated_ts_ms", o.updated_ms);
    j.field_int("subaccount_number", o.account.subaccount);
    j.field("order_source", "user");
    j.end_object();
  } else {
    j.field("ticker", o.ticker);
    j.field_int("exchange_index", 0);
    j.field("status", order_status(o.status));
    j.field("side", outcome(o.side));
    j.field_bool("is_yes", o.side == Side::Buy);
    j.field("outcome_side", outcome(o.side));
    j.field("book_side", book_side(o.side));
    j.field_dollars("yes_price_dollars", o.price);
    j.field_count("fill_count_fp", o.filled);
    j.field_count("remaining_count_fp", o.leaves);
    j.field_count("initial_count_fp", o.original_qty);
    j.field_dollars("taker_fill_cost_dollars", costs.taker_cost);
    j.field_dollars("maker_fill_cost_dollars", costs.maker_cost);
    j.field_dollars("taker_fees_dollars", costs.taker_fees);
    j.field_dollars("maker_fees_dollars", costs.maker_fees);
    j.field("client_order_id", o.client_order_id);
    if (!o.order_group_id.empty()) j.field("order_group_id", o.order_group_id);
    j.field("self_trade_prevention_type",
            o.stp == SelfTradePrevention::Maker ? "maker" : "taker_at_cross");
    j.key("created_time");
    j.rfc3339(o.created_ms);
    j.key("last_update_time");
    j.rfc3339(o.updated_ms);
    if (o.expire_ms != 0) {
      j.key("expiration_time");
      j.rfc3339(o.expire_ms);
      j.field_int("expiration_ts_ms", o.expire_ms);
    }
    j.field_int("created_ts_ms", o.created_ms);
    j.field_int("last_updated_ts_ms", o.updated_ms);
    if (const std::string_view r = update_reason(e); !r.empty()) j.field("last_update_reason", r);
    j.field_int("subaccount_number", o.account.subaccount);
    j.end_object();
  }
  Publication p;
  p.channel = Channel::UserOrders;
  p.ticker = o.ticker;
  p.member = o.account.member;
  p.perp = perp;
  p.type = "user_order";
  p.body = body_.str();
  publish(p);
}

void WsFrontEnd::publish_fill(const OrderEvent &e) {
  const Order &o = *e.order;
  const Fill &f = *e.fill;
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  j.field("trade_id", f.trade_id);
  j.field("order_id", o.order_id);
  j.field("client_order_id", o.client_order_id);
  j.field("market_ticker", o.ticker);
  const bool perp = is_perp(o.ticker);
  if (perp) {  // perps_asyncapi.yaml marginFillPayload
    j.field_bool("is_taker", f.aggressor);
    j.field("side", book_side(o.side));
    j.field_int("ts_ms", e.time_ms);
    j.field_dollars("price", f.price);
    j.field_count("count", f.qty);
    j.field_dollars("fee_cost", f.fee);
    j.field_count("post_position", f.position_after);
    j.field_int("subaccount", o.account.subaccount);
    j.field("order_source", "user");
    j.end_object();
  } else {
    j.field_int("exchange_index", 0);
    j.field_bool("is_taker", f.aggressor);
    j.field("side", outcome(o.side));
    j.field_int("ts", e.time_ms / 1000);
    j.field_int("ts_ms", e.time_ms);
    j.field_dollars("yes_price_dollars", f.price);
    j.field_count("count_fp", f.qty);
    j.field_dollars("fee_cost", f.fee);
    j.field("action", o.side == Side::Buy ? "buy" : "sell");
    j.field_count("post_position_fp", f.position_after);
    j.field("purchased_side", outcome(o.side));
    j.field("outcome_side", outcome(o.side));
    j.field("book_side", book_side(o.side));
    j.field_int("subaccount", o.account.subaccount);
    j.end_object();
  }
  Publication p;
  p.channel = Channel::Fill;
  p.ticker = o.ticker;
  p.member = o.account.member;
  p.perp = perp;
  p.type = "fill";
  p.body = body_.str();
  publish(p);
}

void WsFrontEnd::publish_position(const OrderEvent &e) {
  const Order &o = *e.order;
  Position pos;
  pos.ticker = o.ticker;
  for (const Position &p : exchange_.positions(o.account)) {
    if (p.ticker == o.ticker) pos = p;
  }
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  j.field("user_id", user_id(o.account.member));
  j.field("market_ticker", o.ticker);
  j.field_count("position_fp", pos.contracts);
  j.field_dollars("position_cost_dollars", pos.cost);
  j.field_dollars("realized_pnl_dollars", pos.realized);
  j.field_dollars("fees_paid_dollars", pos.fees);
  j.field_dollars("position_fee_cost_dollars", pos.fees);
  j.field_count("volume_fp", o.filled);
  j.field_int("subaccount", o.account.subaccount);
  j.end_object();
  Publication p;
  p.channel = Channel::MarketPositions;
  p.ticker = o.ticker;
  p.member = o.account.member;
  p.perp = is_perp(o.ticker);
  p.type = "market_position";
  p.body = body_.str();
  publish(p);
}

void WsFrontEnd::publish_lifecycle(std::string_view ticker, std::string_view event_type,
                                   const std::function<void(JsonOut &)> &extra) {
  if (no_sessions()) return;
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  j.field("market_ticker", ticker);
  j.field("event_type", event_type);
  j.field_int("exchange_index", 0);
  extra(j);
  j.end_object();
  Publication p;
  p.channel = Channel::MarketLifecycleV2;
  p.perp = is_perp(ticker);
  p.type = "market_lifecycle_v2";
  p.body = body_.str();
  publish(p);
}

void WsFrontEnd::on_market_status(const Market &m) {
  const int64_t now = exchange_now_();
  switch (m.status) {
    case MarketStatus::Initialized:
      publish_lifecycle(m.ticker, "created", [&m](JsonOut &j) {
        j.field_int("open_ts", m.open_time_ms / 1000);
        if (m.close_time_ms != 0) j.field_int("close_ts", m.close_time_ms / 1000);
      });
      break;
    case MarketStatus::Open:
      publish_lifecycle(m.ticker, "activated",
                        [](JsonOut &j) { j.field_bool("is_deactivated", false); });
      break;
    case MarketStatus::Paused:
      publish_lifecycle(m.ticker, "deactivated",
                        [](JsonOut &j) { j.field_bool("is_deactivated", true); });
      break;
    case MarketStatus::Closed:
      // The spec has no "closed" event: a close is reported as the close date becoming now.
      publish_lifecycle(m.ticker, "close_date_updated", [now, &m](JsonOut &j) {
        j.field_int("close_ts",
                    (m.close_time_ms != 0 ? std::min(m.close_time_ms, now) : now) / 1000);
      });
      break;
    case MarketStatus::Settled:
      publish_lifecycle(m.ticker, "settled",
                        [now](JsonOut &j) { j.field_int("settled_ts", now / 1000); });
      break;
  }
}

void WsFrontEnd::on_settlement(const Settlement &s) {
  publish_lifecycle(s.ticker, "determined", [&s](JsonOut &j) {
    j.field_int("determination_ts", s.time_ms / 1000);
    j.field("result", s.value == kDollar ? "yes" : s.value == 0 ? "no" : "scalar");
    j.field_dollars("settlement_value", s.value);
  });
}

void WsFrontEnd::on_order_group(const OrderGroup &g) {
  const char *event = "reset";
  auto it = groups_.find(g.id);
  const bool exists = exchange_.find_order_group(g.id) != nullptr;
  if (!exists) {
    event = "deleted";
  } else if (it == groups_.end()) {
    event = "created";
  } else if (g.triggered && !it->second.triggered) {
    event = "triggered";
  } else if (g.contracts_limit != it->second.contracts_limit) {
    event = "limit_updated";
  }
  if (exists) {
    groups_[g.id] = g;
  } else if (it != groups_.end()) {
    groups_.erase(it);
  }
  if (no_sessions()) return;
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  j.field("event_type", event);
  j.field("order_group_id", g.id);
  if (std::string_view(event) != "deleted")
    j.field_count("contracts_limit_fp", g.contracts_limit * kContract);
  j.field_int("ts_ms", exchange_now_());
  j.end_object();
  Publication p;
  p.channel = Channel::OrderGroupUpdates;
  p.member = g.account.member;
  p.both_products = true;
  p.type = "order_group_updates";
  p.body = body_.str();
  publish(p);
}

std::string WsFrontEnd::comms_id(uint32_t member) {
  // The spec's ids are anonymised: a stable UUID-shaped id per member, not the member number.
  return market_id("communications member " + std::to_string(member));
}

void WsFrontEnd::on_rfq_event(const RfqEvent &e) {
  if (e.rfq == nullptr || no_sessions()) return;
  const Rfq &r = *e.rfq;
  const Market *m = exchange_.find_market(r.ticker);
  body_.clear();
  JsonOut &j = body_;
  j.begin_object();
  Publication p;
  p.channel = Channel::Communications;
  p.perp = m != nullptr && m->kind == MarketKind::Perp;
  p.rfq_creator = r.creator.member;
  switch (e.kind) {
    case RfqEventKind::RfqCreated:
    case RfqEventKind::RfqEnded: {
      const bool created = e.kind == RfqEventKind::RfqCreated;
      p.type = created ? "rfq_created" : "rfq_deleted";
      j.field("id", r.rfq_id);
      j.field("creator_id", comms_id(r.creator.member));
      j.field("market_ticker", r.ticker);
      if (m != nullptr && !m->event_ticker.empty()) j.field("event_ticker", m->event_ticker);
      j.field_count("contracts_fp", r.qty);
      j.key(created ? "created_ts" : "deleted_ts");
      j.rfc3339(created ? r.created_ms : e.time_ms);
      break;
    }
    case RfqEventKind::QuoteReceived:
    case RfqEventKind::QuoteAccepted:
    case RfqEventKind::QuoteExecuted: {
      if (e.quote == nullptr) return;
      const Quote &q = *e.quote;
      p.member = r.creator.member;
      p.also_member = q.maker.member;
      j.field("quote_id", q.quote_id);
      j.field("rfq_id", r.rfq_id);
      j.field("quote_creator_id", comms_id(q.maker.member));
      j.field("rfq_creator_id", comms_id(r.creator.member));
      if (e.kind == RfqEventKind::QuoteExecuted) {
        p.type = "quote_executed";
        // The desk books the trade on synthetic orders; the quote names the order here.
        j.field("order_id", market_id("rfq order " + q.quote_id));
        j.field("client_order_id", q.accept_client_order_id);
        j.field("market_ticker", r.ticker);
        j.key("executed_ts");
        j.rfc3339(e.time_ms);
        break;
      }
      j.field("market_ticker", r.ticker);
      if (m != nullptr && !m->event_ticker.empty()) j.field("event_ticker", m->event_ticker);
      j.field_dollars("yes_bid_dollars", q.yes_price);
      j.field_dollars("no_bid_dollars", q.no_price);
      j.field_count("yes_contracts_offered_fp", r.qty);
      j.field_count("no_contracts_offered_fp", r.qty);
      if (e.kind == RfqEventKind::QuoteReceived) {
        p.type = "quote_created";
        j.key("created_ts");
        j.rfc3339(e.time_ms);
      } else {
        p.type = "quote_accepted";
        // accepted_side is the creator's: Buy = the creator buys YES on the maker's NO bid.
        j.field("accepted_side", q.accepted_side == Side::Buy ? "no" : "yes");
        j.field_count("contracts_accepted_fp", q.accepted_qty);
      }
      break;
    }
    case RfqEventKind::QuoteEnded:
      return;  // the spec has no message for a quote that ends unexecuted
  }
  j.end_object();
  p.body = body_.str();
  publish(p);
}

}  // namespace kalshi::sim::wsfront
