// The bookkeeping pieces of a WebSocket session (api/ws/ws_session.h) that need no socket, kept
// apart so tests drive them directly:
//
// SubscriptionTable: what the application subscribed to, one entry per channel. The sid the
//   application first saw for a subscription stays its name ("key") across resyncs and
//   reconnects, while the exchange hands out new sids ("current"); every event reports the key,
//   and unsubscribe / update accept either.
// Staging: the ws.queue_limit window. At most `limit` channel events are out with the
//   application (queued or held, counted by the DeliveryGate until destroyed); up to `limit`
//   more wait here, and beyond that the overflow policy applies (drop_oldest: the oldest waiting
//   one goes, counted; resync: the new one is refused and its subscription resynchronised).
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/ws/backpressure.h"
#include "api/ws/channels.h"
#include "api/ws/ws_event.h"
#include "core/event.h"

namespace kalshi::wsapi {

class SubscriptionTable {
 public:
  static constexpr size_t kMaxSubscriptions = 4096;  // bound against runaway callers

  struct Sub {
    uint64_t id = 0;        // local identity
    uint64_t key = 0;       // the sid the application knows (0 until the first `subscribed`)
    int64_t sid = kAbsent;  // the exchange's current sid; kAbsent while (re)subscribing
    uint64_t cmd = 0;       // id of the subscribe command in flight (0: none)
    std::string channel;
    std::vector<std::string> tickers;  // empty: the channel's default scope (all markets)
    uint64_t user_tag = 0;             // of the application's subscribe
    bool replied = false;              // the application got its WS_REPLY
    bool resyncing = false;            // lost messages; waiting for the fresh subscription
    bool await_room = false;  // resync policy overflow: resubscribe once the application has room
  };

  // nullptr when kMaxSubscriptions are held.
  Sub *add(std::string_view channel, std::span<const std::string> tickers, uint64_t user_tag);
  Sub *by_cmd(uint64_t cmd, std::string_view channel);
  Sub *by_cmd(uint64_t cmd);
  Sub *by_sid(int64_t sid);        // the exchange's current sid
  Sub *by_user_sid(uint64_t sid);  // the key, or the current sid
  // A `subscribed` reply: the sub now has `sid`; the first one becomes its key (unless another
  // subscription already uses that number as its key: then a fresh one above all keys).
  void bind(Sub *s, int64_t sid);
  // The connection was lost: every sub has to be subscribed again.
  void unbind_all();
  // add_markets / delete_markets on an entry's tickers.
  static void apply_update(Sub *s, std::string_view action, std::span<const std::string> tickers);
  void remove(const Sub *s);
  std::list<Sub> &all() { return subs_; }
  size_t size() const { return subs_.size(); }

 private:
  std::list<Sub> subs_;
  uint64_t next_id_ = 1;
};

class Staging {
 public:
  enum class Offer : uint8_t {
    Deliver,  // room: emit now (the gate already counts it)
    Queued,   // waiting for room
    Dropped,  // queued, the oldest waiting event was dropped (drop_oldest)
    Refused,  // resync policy: not queued; resync the sid given back
  };

  Staging(size_t limit, OverflowPolicy policy, std::shared_ptr<DeliveryGate> gate);

  // The event is attached to the gate when it is delivered (now or by next()).
  Offer offer(EventPtr *ev, int64_t sid, int64_t *refused_sid);
  // The next waiting event if the application has room for it, else nullptr (and the gate will
  // wake the owner when an event is released).
  EventPtr next();
  // Everything still waiting, regardless of room (closing).
  EventPtr take_any();
  size_t waiting() const { return queue_.size(); }
  uint64_t dropped() const { return queue_.dropped(); }
  uint64_t refused() const { return queue_.overflows(); }
  size_t limit() const { return limit_; }
  // Nothing waits and the application holds fewer than `limit` events.
  bool idle_with_room() const { return queue_.empty() && room(); }

 private:
  struct Entry {
    EventPtr ev;
  };
  void attach(kalshi_event *ev);
  bool room() const { return gate_->outstanding() < static_cast<int64_t>(limit_); }

  size_t limit_;
  std::shared_ptr<DeliveryGate> gate_;
  BoundedQueue<Entry> queue_;
};

}  // namespace kalshi::wsapi
