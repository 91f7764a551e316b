// The events a WebSocket connection emits (include/kalshi/ws.h): one body type for all of them,
// and the translation of a decoded channel message into its typed kalshi_obj.
//
// Channel messages count against the connection's ws.queue_limit while the application holds
// them: the body carries a shared DeliveryGate that is told when the event is destroyed, so the
// connection knows how many of its messages are still unconsumed and can release waiting ones.
#pragma once

#include <kalshi/ws.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "api/ws/channels.h"
#include "capi/obj.h"
#include "core/event.h"

namespace kalshi::wsapi {

// Shared by a connection and the channel events it emitted.
class DeliveryGate {
 public:
  // Sequentially consistent on purpose: release() decrements then reads the flag, the owner
  // raises the flag then reads the count (Dekker), so one of them always sees the other.
  void acquire() { outstanding_.fetch_add(1); }
  // Any thread (the application destroying an event). Wakes the connection when it has messages
  // waiting for room.
  void release();
  int64_t outstanding() const { return outstanding_.load(); }
  // The connection sets these on the loop thread.
  void set_waiting(bool w) { waiting_.store(w); }
  void set_wake(std::function<void()> wake);

 private:
  std::atomic<int64_t> outstanding_{0};
  std::atomic<bool> waiting_{false};
  std::mutex mu_;
  std::function<void()> wake_;
};

struct WsEventBody : capi::ObjList {
  ~WsEventBody() override;
  kalshi_ws_state_t state = KALSHI_WS_CONNECTING;
  std::string channel;  // WS_MESSAGE: spec channel name, "raw" when unknown
  std::string type;     // WS_MESSAGE / WS_REPLY: the message's type
  std::string market;   // WS_MESSAGE (when the message names one), BOOK_TOP
  uint64_t sid = 0;
  uint64_t seq = 0;
  std::shared_ptr<DeliveryGate> gate;  // set for counted channel events
};

// The channel a message kind belongs to ("orderbook_delta", "ticker", ...; "raw" for Raw).
const char *channel_of(MessageKind kind);
// The market a message names, empty when none.
std::string_view market_of(const Decoded &d);
// Fills o with every field the decoder produced for d (kind = the message type; absent optional
// values are left out; book levels for snapshots under "yes"/"no" or "bid"/"ask").
void to_obj(const Decoded &d, kalshi_obj *o);

EventPtr make_ws_event(kalshi_event_type_t type, uint64_t user_tag);
WsEventBody *ws_body(kalshi_event *ev);
const WsEventBody *ws_body(const kalshi_event_t *ev);

}  // namespace kalshi::wsapi
