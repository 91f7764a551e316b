#include "api/ws/ws_session_parts.h"

#include <algorithm>
#include <utility>

namespace kalshi::wsapi {

SubscriptionTable::Sub *SubscriptionTable::add(std::string_view channel,
                                               std::span<const std::string> tickers,
                                               uint64_t user_tag) {
  if (subs_.size() >= kMaxSubscriptions) return nullptr;
  Sub s;
  s.id = next_id_++;
  s.channel = std::string(channel);
  s.tickers.assign(tickers.begin(), tickers.end());
  s.user_tag = user_tag;
  subs_.push_back(std::move(s));
  return &subs_.back();
}

SubscriptionTable::Sub *SubscriptionTable::by_cmd(uint64_t cmd, std::string_view channel) {
  if (cmd == 0) return nullptr;
  for (Sub &s : subs_)
    if (s.cmd == cmd && s.channel == channel) return &s;
  return nullptr;
}

SubscriptionTable::Sub *SubscriptionTable::by_cmd(uint64_t cmd) {
  if (cmd == 0) return nullptr;
  for (Sub &s : subs_)
    if (s.cmd == cmd) return &s;
  return nullptr;
}

SubscriptionTable::Sub *SubscriptionTable::by_sid(int64_t sid) {
  if (sid == kAbsent) return nullptr;
  for (Sub &s : subs_)
    if (s.sid == sid) return &s;
  return nullptr;
}

SubscriptionTable::Sub *SubscriptionTable::by_user_sid(uint64_t sid) {
  if (sid == 0) return nullptr;
  for (Sub &s : subs_)
    if (s.key == sid) return &s;
  // A current sid the application read from a message's JSON.
  for (Sub &s : subs_)
    if (s.sid >= 0 && static_cast<uint64_t>(s.sid) == sid) return &s;
  return nullptr;
}

void SubscriptionTable::bind(Sub *s, int64_t sid) {
  s->sid = sid;
  s->cmd = 0;
  s->resyncing = false;
  if (s->key != 0 || sid <= 0) return;
  // Exchange sids restart with each connection, so a new subscription's first sid can equal the
  // key an older subscription kept: then it gets a key above every key in use (keys stay unique;
  // the application only ever learns the key).
  uint64_t key = static_cast<uint64_t>(sid);
  uint64_t max_key = 0;
  bool taken = false;
  for (const Sub &o : subs_) {
    if (&o == s) continue;
    taken = taken || o.key == key;
    if (o.key > max_key) max_key = o.key;
  }
  s->key = taken ? max_key + 1 : key;
}

void SubscriptionTable::unbind_all() {
  for (Sub &s : subs_) {
    s.sid = kAbsent;
    s.cmd = 0;
    s.await_room = false;
  }
}

void SubscriptionTable::apply_update(Sub *s, std::string_view action,
                                     std::span<const std::string> tickers) {
  if (action == "add_markets") {
    for (const std::string &t : tickers)
      if (std::find(s->tickers.begin(), s->tickers.end(), t) == s->tickers.end())
        s->tickers.push_back(t);
  } else if (action == "delete_markets") {
    for (const std::string &t : tickers)
      s->tickers.erase(std::remove(s->tickers.begin(), s->tickers.end(), t), s->tickers.end());
  }
}

void SubscriptionTable::remove(const Sub *s) {
  subs_.remove_if([s](const Sub &x) { return &x == s; });
}

Staging::Staging(size_t limit, OverflowPolicy policy, std::shared_ptr<DeliveryGate> gate)
    : limit_(limit == 0 ? 1 : limit), gate_(std::move(gate)), queue_(limit_, policy) {}

void Staging::attach(kalshi_event *ev) {
  gate_->acquire();
  if (WsEventBody *b = ws_body(ev)) b->gate = gate_;
}

Staging::Offer Staging::offer(EventPtr *ev, int64_t sid, int64_t *refused_sid) {
  if (queue_.empty() && room()) {
    attach(ev->get());
    return Offer::Deliver;
  }
  const PushResult r = queue_.push(Entry{std::move(*ev)}, sid, refused_sid);
  gate_->set_waiting(true);
  switch (r) {
    case PushResult::Queued:
      return Offer::Queued;
    case PushResult::QueuedDroppedOldest:
      return Offer::Dropped;
    case PushResult::Overflow:
      return Offer::Refused;
  }
  return Offer::Queued;
}

EventPtr Staging::next() {
  if (queue_.empty()) return nullptr;
  if (!room()) {
    gate_->set_waiting(true);
    // A release between the check and the flag would have found no flag to clear: look again.
    if (!room()) return nullptr;
  }
  std::optional<Entry> e = queue_.pop();
  attach(e->ev.get());
  return std::move(e->ev);
}

EventPtr Staging::take_any() {
  std::optional<Entry> e = queue_.pop();
  if (!e) return nullptr;
  attach(e->ev.get());
  return std::move(e->ev);
}

}  // namespace kalshi::wsapi
