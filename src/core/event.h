// The C ABI's kalshi_event_t, and how the library creates events.
#pragma once

#include <kalshi/queue.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"

namespace kalshi {

// Typed payloads of later protocol layers (FIX messages, REST responses...) derive from this and
// are reached through their own accessors.
struct EventBody {
  virtual ~EventBody() = default;
};

}  // namespace kalshi

struct kalshi_event {
  kalshi_event_type_t type = KALSHI_EVENT_NONE;
  uint64_t user_tag = 0;
  uint64_t timestamp_ns = 0;
  kalshi_log_level_t level = KALSHI_LOG_INFO;
  std::string data;                       // payload bytes; std::string keeps them NUL-terminated
  std::unique_ptr<kalshi_error> error;    // set when the event reports a failure
  std::unique_ptr<kalshi::EventBody> body;
};

namespace kalshi {

using EventPtr = std::unique_ptr<kalshi_event>;

inline EventPtr make_event(kalshi_event_type_t type, uint64_t user_tag) {
  auto ev = std::make_unique<kalshi_event>();
  ev->type = type;
  ev->user_tag = user_tag;
  ev->timestamp_ns = monotonic_ns();
  return ev;
}

inline EventPtr make_error_event(kalshi_event_type_t type, uint64_t user_tag, Error e) {
  auto ev = make_event(type, user_tag);
  if (!e.ok()) ev->error = std::make_unique<kalshi_error>(kalshi_error{std::move(e)});
  return ev;
}

// Where events go: the client's dispatch callback and queue.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void emit(EventPtr ev) = 0;
  // Logging through the same path; filtered by the client's log.level. Never pass secrets.
  virtual void log(kalshi_log_level_t level, std::string message) = 0;
};

}  // namespace kalshi
