#include "api/ws/ws_session.h"

#include <span>
#include <utility>

namespace kalshi::wsapi {

namespace {

bool is_book_kind(MessageKind k) {
  return k == MessageKind::OrderbookSnapshot || k == MessageKind::OrderbookDelta;
}

uint64_t as_u64(int64_t v) {
  return v < 0 ? 0 : static_cast<uint64_t>(v);
}

Error exchange_error(const ReplyInfo &r) {
  Error e = Error::make(KALSHI_ERR_REJECTED, "exchange error " + std::to_string(r.error_code) +
                                                 ": " + std::string(r.error_msg));
  e.exchange_code = std::to_string(r.error_code);
  return e;
}

}  // namespace

std::shared_ptr<WsSession> WsSession::create(net::Runtime *rt, std::weak_ptr<EventSink> sink,
                                             WsSessionOptions opts) {
  std::shared_ptr<WsSession> s(new WsSession(rt, std::move(sink), std::move(opts)));
  std::weak_ptr<WsSession> w = s;
  ws::WsClient::Handlers h;
  h.on_state = [w](const ws::WsClient::StateChange &sc) {
    if (auto self = w.lock()) self->on_state(sc);
  };
  h.on_text = [w](std::string_view text) {
    if (auto self = w.lock()) self->on_text(text);
  };
  h.on_closed = [w](const Error &err) {
    if (auto self = w.lock()) self->on_closed(err);
  };
  s->client_ = ws::WsClient::create(rt, s->opts_.client, std::move(h));
  // A released event wakes the loop only when messages wait for room (see DeliveryGate).
  std::weak_ptr<EventSink> sink_w = s->sink_;
  s->gate_->set_wake([w, sink_w, rt] {
    auto alive = sink_w.lock();  // the runtime lives as long as the client does
    if (!alive) return;
    rt->post([w] {
      if (auto self = w.lock()) self->pump();
    });
  });
  return s;
}

WsSession::WsSession(net::Runtime *rt, std::weak_ptr<EventSink> sink, WsSessionOptions opts)
    : rt_(rt),
      sink_(std::move(sink)),
      opts_(std::move(opts)),
      decoder_(opts_.product),
      gate_(std::make_shared<DeliveryGate>()),
      staging_(opts_.queue_limit, opts_.overflow, gate_),
      books_(opts_.product) {}

WsSession::~WsSession() {
  gate_->set_wake({});
}

Error WsSession::run(std::function<void(WsSession &)> fn) {
  if (close_requested_.load()) return Error::make(KALSHI_ERR_CLOSED, "the connection is closed");
  // Inline on the loop thread, unless we are inside our own processing (a dispatch callback
  // calling back in): then later, so no table is changed under an iteration.
  if (rt_->on_loop_thread() && depth_ == 0) {
    fn(*this);
    return Error{};
  }
  auto self = shared_from_this();
  if (!rt_->post([self, fn = std::move(fn)] { fn(*self); })) {
    return Error::make(KALSHI_ERR_CLOSED, "the client is closed");
  }
  return Error{};
}

Error WsSession::start() {
  self_ = shared_from_this();
  Error e = client_->start();
  if (!e.ok()) self_.reset();
  return e;
}

Error WsSession::subscribe(std::vector<std::string> channels, std::vector<std::string> tickers,
                           uint64_t user_tag) {
  return run([c = std::move(channels), t = std::move(tickers), user_tag](WsSession &s) {
    s.do_subscribe(c, t, user_tag);
  });
}

Error WsSession::unsubscribe(uint64_t sid, uint64_t user_tag) {
  return run([sid, user_tag](WsSession &s) { s.do_unsubscribe(sid, user_tag); });
}

Error WsSession::update_subscription(uint64_t sid, std::string action,
                                     std::vector<std::string> tickers, uint64_t user_tag) {
  return run([sid, a = std::move(action), t = std::move(tickers), user_tag](WsSession &s) {
    s.do_update(sid, a, t, user_tag);
  });
}

Error WsSession::list_subscriptions(uint64_t user_tag) {
  return run([user_tag](WsSession &s) { s.do_list(user_tag); });
}

void WsSession::close() {
  if (close_requested_.exchange(true)) return;
  auto self = shared_from_this();
  auto job = [self] {
    if (!self->closed_) self->set_state(KALSHI_WS_CLOSING, Error{});
    self->client_->close();
  };
  if (rt_->on_loop_thread()) {
    job();
  } else if (!rt_->post(job)) {
    client_->close();  // the runtime is shutting down and closes the connection itself
  }
}

// ---- connection state ---------------------------------------------------------------------

void WsSession::on_state(const ws::WsClient::StateChange &sc) {
  const Busy busy(this);
  switch (sc.state) {
    case ws::WsClient::State::Idle:
    case ws::WsClient::State::Connecting:
      return;  // CONNECTING at first, RECONNECTING until the retry opens
    case ws::WsClient::State::Open:
      set_state(KALSHI_WS_OPEN, Error{});
      on_open();
      return;
    case ws::WsClient::State::Reconnecting:
      on_lost();
      set_state(KALSHI_WS_RECONNECTING, sc.error);
      return;
    case ws::WsClient::State::Closed:
      on_lost();
      set_state(KALSHI_WS_CLOSED, sc.error);
      return;
  }
}

void WsSession::on_open() {
  open_ = true;
  auto &all = subs_.all();
  for (auto it = all.begin(); it != all.end();) {
    SubscriptionTable::Sub &s = *it++;  // send_subscribe may remove the entry
    s.await_room = false;
    send_subscribe(&s);
  }
  std::vector<uint64_t> held;
  held.swap(held_lists_);
  for (uint64_t tag : held) do_list(tag);
}

void WsSession::on_lost() {
  if (!open_ && inflight_.empty()) return;
  open_ = false;
  subs_.unbind_all();
  seq_.reset_all();
  {
    std::lock_guard<std::mutex> lock(book_mu_);
    books_.clear_all();  // stale until the fresh snapshots
  }
  std::map<uint64_t, Cmd> inflight;
  inflight.swap(inflight_);
  for (auto &[id, cmd] : inflight) {
    if (cmd.internal) continue;
    switch (cmd.kind) {
      case CmdKind::Subscribe:
        break;  // the entry is subscribed again on the next connect; its reply comes then
      case CmdKind::Unsubscribe:
        // The entry is gone and the exchange forgot the sid with the connection.
        emit_reply(cmd.user_tag, "unsubscribed", cmd.key, {}, Error{});
        break;
      case CmdKind::Update:
      case CmdKind::List:
        emit_reply(cmd.user_tag, "error", cmd.key, {},
                   Error::make(KALSHI_ERR_DISCONNECTED,
                               "the connection was lost before the reply; retry"));
        break;
    }
  }
}

void WsSession::on_closed(const Error &err) {
  const Busy busy(this);
  if (closed_) return;
  closed_ = true;
  open_ = false;
  close_requested_.store(true);
  while (EventPtr ev = staging_.take_any()) emit(std::move(ev));
  for (uint64_t tag : held_lists_) {
    emit_reply(tag, "error", 0, {}, Error::make(KALSHI_ERR_CLOSED, "the connection is closed"));
  }
  held_lists_.clear();
  emit(make_error_event(KALSHI_EVENT_WS_CLOSED, opts_.user_tag, err));
  gate_->set_wake({});
  self_.reset();
}

void WsSession::set_state(kalshi_ws_state_t s, Error why) {
  if (state_.exchange(s) == s) return;
  EventPtr ev = make_ws_event(KALSHI_EVENT_WS_STATE, opts_.user_tag);
  ws_body(ev.get())->state = s;
  if (!why.ok()) ev->error = std::make_unique<kalshi_error>(kalshi_error{std::move(why)});
  emit(std::move(ev));
}

// ---- commands -----------------------------------------------------------------------------

void WsSession::do_subscribe(const std::vector<std::string> &channels,
                             const std::vector<std::string> &tickers, uint64_t user_tag) {
  for (const std::string &ch : channels) {
    SubscriptionTable::Sub *s = subs_.add(ch, tickers, user_tag);
    if (s == nullptr) {
      emit_reply(user_tag, "error", 0, {},
                 Error::make(KALSHI_ERR_OVERFLOW, "too many subscriptions on one connection"));
      continue;
    }
    if (open_) send_subscribe(s);
  }
}

void WsSession::send_subscribe(SubscriptionTable::Sub *s) {
  std::string_view ch = s->channel;
  std::vector<std::string_view> tickers(s->tickers.begin(), s->tickers.end());
  SubscribeParams p;
  p.channels = std::span<const std::string_view>(&ch, 1);
  p.market_tickers = tickers;
  uint64_t id = 0;
  Error e = writer_.subscribe(p, &cmd_json_, &id);
  if (e.ok()) {
    s->cmd = id;
    Cmd cmd{CmdKind::Subscribe, s->user_tag, s->replied, s->key, s->id, {}, {}};
    if (send(cmd_json_, id, std::move(cmd))) return;
    e = Error::make(KALSHI_ERR_OVERFLOW, "the connection's send queue is full");
  }
  emit_reply(s->user_tag, "error", s->key, {}, std::move(e));
  clear_books(*s);
  subs_.remove(s);
}

void WsSession::send_unsubscribe(int64_t sid, Cmd cmd) {
  const int64_t sids[1] = {sid};
  uint64_t id = 0;
  if (!writer_.unsubscribe(sids, &cmd_json_, &id).ok()) return;
  cmd.kind = CmdKind::Unsubscribe;
  const uint64_t tag = cmd.user_tag, key = cmd.key;
  const bool internal = cmd.internal;
  if (!send(cmd_json_, id, std::move(cmd)) && !internal) {
    emit_reply(tag, "error", key, {},
               Error::make(KALSHI_ERR_OVERFLOW, "the connection's send queue is full"));
  }
}

bool WsSession::send(const std::string &json, uint64_t id, Cmd cmd) {
  inflight_[id] = std::move(cmd);
  if (client_->send_text(json).ok()) return true;
  inflight_.erase(id);
  return false;
}

void WsSession::do_unsubscribe(uint64_t sid, uint64_t user_tag) {
  SubscriptionTable::Sub *s = subs_.by_user_sid(sid);
  if (s == nullptr) {
    emit_reply(
        user_tag, "error", sid, {},
        Error::make(KALSHI_ERR_NOT_FOUND, "no subscription with sid " + std::to_string(sid)));
    return;
  }
  const uint64_t key = s->key;
  const int64_t current = s->sid;
  clear_books(*s);
  subs_.remove(s);
  if (current == kAbsent || !open_) {
    // Nothing on the exchange yet (or any more): a `subscribed` that still comes is undone then.
    emit_reply(user_tag, "unsubscribed", key, {}, Error{});
    return;
  }
  seq_.reset(current);
  send_unsubscribe(current, Cmd{CmdKind::Unsubscribe, user_tag, false, key, 0, {}, {}});
}

void WsSession::do_update(uint64_t sid, const std::string &action,
                          const std::vector<std::string> &tickers, uint64_t user_tag) {
  SubscriptionTable::Sub *s = subs_.by_user_sid(sid);
  if (s == nullptr) {
    emit_reply(
        user_tag, "error", sid, {},
        Error::make(KALSHI_ERR_NOT_FOUND, "no subscription with sid " + std::to_string(sid)));
    return;
  }
  if (s->cmd != 0) {
    emit_reply(user_tag, "error", s->key, {},
               Error::make(KALSHI_ERR_STATE,
                           "the subscription is being (re)established; retry after its reply"));
    return;
  }
  if (s->sid == kAbsent || !open_) {
    // Applied locally: the next subscribe of this entry carries the new market list.
    SubscriptionTable::apply_update(s, action, tickers);
    emit_reply(user_tag, "ok", s->key, {}, Error{});
    return;
  }
  std::vector<std::string_view> views(tickers.begin(), tickers.end());
  UpdateParams p;
  p.sid = s->sid;
  p.action = action;
  p.market_tickers = views;
  uint64_t id = 0;
  if (Error e = writer_.update_subscription(p, &cmd_json_, &id); !e.ok()) {
    emit_reply(user_tag, "error", s->key, {}, std::move(e));
    return;
  }
  Cmd cmd{CmdKind::Update, user_tag, false, s->key, s->id, action, tickers};
  const uint64_t key = s->key;
  if (!send(cmd_json_, id, std::move(cmd))) {
    emit_reply(user_tag, "error", key, {},
               Error::make(KALSHI_ERR_OVERFLOW, "the connection's send queue is full"));
  }
}

void WsSession::do_list(uint64_t user_tag) {
  if (!open_) {
    if (held_lists_.size() >= SubscriptionTable::kMaxSubscriptions) {
      emit_reply(user_tag, "error", 0, {},
                 Error::make(KALSHI_ERR_OVERFLOW, "too many commands waiting for the connection"));
      return;
    }
    held_lists_.push_back(user_tag);
    return;
  }
  uint64_t id = 0;
  if (Error e = writer_.list_subscriptions(&cmd_json_, &id); !e.ok()) {
    emit_reply(user_tag, "error", 0, {}, std::move(e));
    return;
  }
  if (!send(cmd_json_, id, Cmd{CmdKind::List, user_tag, false, 0, 0, {}, {}})) {
    emit_reply(user_tag, "error", 0, {},
               Error::make(KALSHI_ERR_OVERFLOW, "the connection's send queue is full"));
  }
}

// ---- receiving ----------------------------------------------------------------------------

void WsSession::on_text(std::string_view text) {
  const Busy busy(this);
  rx_.assign(text.data(), text.size());
  rx_.append(Decoder::kPadding, '\0');
  const std::string_view json(rx_.data(), text.size());
  Error e = decoder_.decode(json, &decoded_);
  if (!e.ok()) {
    EventPtr ev = make_ws_event(KALSHI_EVENT_WS_MESSAGE, opts_.user_tag);
    ev->data.assign(text.data(), text.size());
    ws_body(ev.get())->channel = "raw";
    ev->error = std::make_unique<kalshi_error>(kalshi_error{std::move(e)});
    emit_counted(std::move(ev), kAbsent);
    return;
  }
  if (handle_reply(decoded_)) return;
  handle_data(decoded_);
}

bool WsSession::handle_reply(const Decoded &d) {
  const MessageKind k = d.env.kind;
  if (k != MessageKind::Subscribed && k != MessageKind::Unsubscribed && k != MessageKind::Ok &&
      k != MessageKind::ListSubscriptions && k != MessageKind::Error) {
    return false;
  }
  const ReplyInfo r = reply_of(d);
  auto it = r.command_id == kAbsent ? inflight_.end() : inflight_.find(as_u64(r.command_id));
  if (it == inflight_.end()) {
    if (k == MessageKind::Error) {
      // Asynchronous: a subscription failed on the exchange's side.
      SubscriptionTable::Sub *s = subs_.by_sid(d.env.sid);
      if (s != nullptr && error_requires_resubscribe(r.error_code)) {
        resync(s, exchange_error(r));
        return true;
      }
      EventPtr ev = make_error_event(KALSHI_EVENT_ERROR, opts_.user_tag, exchange_error(r));
      ev->data = std::string(d.env.json);
      emit(std::move(ev));
    }
    return true;  // a late reply to a command forgotten with its connection
  }
  Cmd cmd = std::move(it->second);
  const uint64_t id = it->first;
  inflight_.erase(it);

  if (k == MessageKind::Error) {
    Error err = exchange_error(r);
    if (cmd.kind == CmdKind::Subscribe) {
      SubscriptionTable::Sub *s = subs_.by_cmd(id);
      if (s != nullptr) {
        // The exchange refused this channel: the entry goes (also when it was a resubscribe,
        // which the application learns from this reply with its subscribe's user_tag).
        emit_reply(s->user_tag, "error", s->key, d.env.json, std::move(err));
        clear_books(*s);
        subs_.remove(s);
      }
      return true;
    }
    if (!cmd.internal) emit_reply(cmd.user_tag, "error", cmd.key, d.env.json, std::move(err));
    return true;
  }

  switch (cmd.kind) {
    case CmdKind::Subscribe: {
      SubscriptionTable::Sub *s = subs_.by_cmd(id, d.reply.subscribed.channel);
      if (s == nullptr) s = subs_.by_cmd(id);
      const int64_t sid = r.sid;
      if (s == nullptr) {
        // Unsubscribed while the subscribe was in flight: undo it on the exchange.
        if (sid != kAbsent && open_) {
          send_unsubscribe(sid, Cmd{CmdKind::Unsubscribe, 0, true, 0, 0, {}, {}});
        }
        return true;
      }
      subs_.bind(s, sid);
      seq_.reset(sid);
      if (!s->replied) {
        s->replied = true;
        emit_reply(s->user_tag, "subscribed", s->key, d.env.json, Error{});
      }
      return true;
    }
    case CmdKind::Unsubscribe:
      if (!cmd.internal) emit_reply(cmd.user_tag, "unsubscribed", cmd.key, d.env.json, Error{});
      return true;
    case CmdKind::Update:
      for (SubscriptionTable::Sub &s : subs_.all()) {
        if (s.id == cmd.sub_id) SubscriptionTable::apply_update(&s, cmd.action, cmd.tickers);
      }
      emit_reply(cmd.user_tag, "ok", cmd.key, d.env.json, Error{});
      return true;
    case CmdKind::List:
      emit_reply(cmd.user_tag, "list_subscriptions", 0, d.env.json, Error{});
      return true;
  }
  return true;
}

void WsSession::handle_data(const Decoded &d) {
  SubscriptionTable::Sub *s = nullptr;
  if (d.env.sid != kAbsent) {
    s = subs_.by_sid(d.env.sid);
    if (s == nullptr) return;  // an abandoned sid (unsubscribed or being resubscribed)
    const SeqVerdict v = seq_.on_decoded(d);
    if (v.action == SeqAction::Resync) {
      std::string why = v.duplicate ? "duplicate" : "gap";
      if (v.expected != kAbsent) {
        why += ": expected seq " + std::to_string(v.expected) + ", got " + std::to_string(v.got);
      }
      resync(s, Error::make(KALSHI_ERR_SEQUENCE_GAP, std::move(why)));
      return;
    }
  }
  bool top = false;
  const MessageKind k = d.env.kind;
  if (opts_.books && is_book_kind(k)) {
    ApplyResult ar;
    Error e;
    {
      std::lock_guard<std::mutex> lock(book_mu_);
      e = k == MessageKind::OrderbookSnapshot ? books_.apply_snapshot(d.snapshot, &ar)
                                              : books_.apply_delta(d.delta, &ar);
    }
    if (!e.ok()) {
      if (s != nullptr) {
        resync(s, std::move(e));
        return;
      }
    } else {
      top = ar.top_changed && opts_.top_events;
    }
  }
  EventPtr ev = make_ws_event(KALSHI_EVENT_WS_MESSAGE, opts_.user_tag);
  ev->data.assign(d.env.json.data(), d.env.json.size());
  WsEventBody *b = ws_body(ev.get());
  if (k == MessageKind::Raw) {
    b->channel = "raw";
  } else {
    b->channel = s != nullptr ? s->channel : std::string(channel_of(k));
  }
  b->type = std::string(d.env.type);
  b->sid = s != nullptr ? s->key : as_u64(d.env.sid);
  b->seq = as_u64(d.env.seq);
  b->market = std::string(market_of(d));
  b->objs.emplace_back();
  to_obj(d, &b->objs.back());
  std::string market = top ? b->market : std::string();
  const uint64_t key = b->sid;
  emit_counted(std::move(ev), d.env.sid);
  if (top) {
    EventPtr t = make_ws_event(KALSHI_EVENT_BOOK_TOP, opts_.user_tag);
    WsEventBody *tb = ws_body(t.get());
    tb->channel = "orderbook_delta";
    tb->market = std::move(market);
    tb->sid = key;
    emit_counted(std::move(t), d.env.sid);
  }
}

void WsSession::resync(SubscriptionTable::Sub *s, Error why) {
  EventPtr ev = make_ws_event(KALSHI_EVENT_WS_RESYNC, opts_.user_tag);
  WsEventBody *b = ws_body(ev.get());
  b->sid = s->key;
  b->channel = s->channel;
  ev->error = std::make_unique<kalshi_error>(kalshi_error{std::move(why)});
  emit(std::move(ev));
  clear_books(*s);
  const int64_t old = s->sid;
  seq_.reset(old);
  s->sid = kAbsent;
  s->resyncing = true;
  if (!open_) return;  // the next connect subscribes it again
  if (old != kAbsent) send_unsubscribe(old, Cmd{CmdKind::Unsubscribe, 0, true, 0, 0, {}, {}});
  if (!s->await_room) send_subscribe(s);
}

void WsSession::clear_books(const SubscriptionTable::Sub &s) {
  if (s.channel != "orderbook_delta") return;
  std::lock_guard<std::mutex> lock(book_mu_);
  if (s.tickers.empty()) {
    books_.clear_all();
    return;
  }
  for (const std::string &t : s.tickers) books_.clear(t);
}

bool WsSession::copy_book(std::string_view market, std::vector<book::Level> *bids,
                          std::vector<book::Level> *asks) const {
  std::lock_guard<std::mutex> lock(book_mu_);
  if (!books_.has_market(market)) return false;
  for (auto [side, out] : {std::pair{book::Side::Bid, bids}, std::pair{book::Side::Ask, asks}}) {
    out->clear();
    const size_t n = books_.depth(market, side);
    for (size_t i = 0; i < n; ++i) {
      book::Level l{};
      if (books_.level(market, side, i, &l)) out->push_back(l);
    }
  }
  return true;
}

bool WsSession::top(std::string_view market, TopOfBook *out) const {
  std::lock_guard<std::mutex> lock(book_mu_);
  return books_.top(market, out);
}

// ---- delivery -----------------------------------------------------------------------------

void WsSession::emit(EventPtr ev) {
  if (auto k = sink_.lock()) k->emit(std::move(ev));
}

void WsSession::emit_counted(EventPtr ev, int64_t sid) {
  int64_t refused = kAbsent;
  switch (staging_.offer(&ev, sid, &refused)) {
    case Staging::Offer::Deliver:
      emit(std::move(ev));
      return;
    case Staging::Offer::Queued:
    case Staging::Offer::Dropped:
      dropped_.store(staging_.dropped());
      // The application may have released everything between the room check and the gate's
      // waiting flag (no wake-up then): next() re-checks after raising the flag.
      while (EventPtr next = staging_.next()) emit(std::move(next));
      return;
    case Staging::Offer::Refused:
      if (SubscriptionTable::Sub *s = subs_.by_sid(refused)) {
        // Resubscribing now would only refuse the fresh snapshot again: wait for room (pump).
        s->await_room = true;
        resync(s, Error::make(KALSHI_ERR_OVERFLOW,
                              "ws.queue_limit reached: the application is not keeping up"));
      }
      return;
  }
}

void WsSession::pump() {
  const Busy busy(this);
  while (EventPtr ev = staging_.next()) emit(std::move(ev));
  if (!open_) return;
  auto &all = subs_.all();
  bool awaiting = false;
  for (const SubscriptionTable::Sub &s : all) awaiting = awaiting || s.await_room;
  if (!awaiting) return;
  if (!staging_.idle_with_room()) {
    // Ask the gate for a wake-up on the next release, then look again (it may have just come).
    gate_->set_waiting(true);
    if (!staging_.idle_with_room()) return;
  }
  for (auto it = all.begin(); it != all.end();) {
    SubscriptionTable::Sub &s = *it++;  // send_subscribe may remove the entry
    if (!s.await_room) continue;
    s.await_room = false;
    send_subscribe(&s);
  }
}

void WsSession::emit_reply(uint64_t user_tag, std::string_view type, uint64_t sid,
                           std::string_view json, Error e) {
  EventPtr ev = make_ws_event(KALSHI_EVENT_WS_REPLY, user_tag);
  WsEventBody *b = ws_body(ev.get());
  b->type = std::string(type);
  b->sid = sid;
  ev->data.assign(json.data(), json.size());
  if (!e.ok()) ev->error = std::make_unique<kalshi_error>(kalshi_error{std::move(e)});
  emit(std::move(ev));
}

}  // namespace kalshi::wsapi
