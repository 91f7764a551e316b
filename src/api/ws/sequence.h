// Per-subscription sequence tracking for the sequenced WebSocket channels (kalshi-ws.md §7).
//
// The first sequenced data message of a sid (for orderbook_delta: its first snapshot) sets the
// baseline; after that each data message must carry last + 1. A jump (gap) or a repeat/backwards
// number (duplicate) gives Action::Resync naming the sid, the expected and the received seq, and
// the sid stays in the Resync state (further messages also ask for Resync) until the caller
// resets it — after resubscribing or when a snapshot answering get_snapshot arrives (a snapshot
// always rebases). Errors 10 (channel error) and 25 (subscription buffer overflow) are terminal
// for the sid per the spec: Resync too.
//
// Control replies (`ok`, `unsubscribed`, `error`) carry a seq the spec does not say they
// consume; they are informational here and never raise a gap. Unsequenced channels (ticker,
// fill, market_positions, user_orders) pass through.
//
// Storage: a small flat vector of sids (a connection holds a handful of subscriptions), capped at
// kMaxSids so a hostile peer inventing sids cannot grow it without bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "api/ws/channels.h"

namespace kalshi::wsapi {

enum class SeqAction : uint8_t {
  Deliver = 0,  // in order (or unsequenced): hand to the application
  Resync,       // gap, duplicate, terminal error or overflow: rebuild the sid's state
};

struct SeqVerdict {
  SeqAction action = SeqAction::Deliver;
  int64_t sid = kAbsent;
  int64_t expected = kAbsent;  // kAbsent for terminal errors
  int64_t got = kAbsent;
  bool duplicate = false;  // got <= last (as opposed to a gap)
};

// True for the error codes the spec calls terminal for a subscription (10, 25).
bool error_requires_resubscribe(int64_t code);

class SequenceTracker {
 public:
  static constexpr size_t kMaxSids = 4096;

  SeqVerdict on_message(const Envelope &env, int64_t error_code = 0);
  // Convenience: reads the error code from a decoded error message.
  SeqVerdict on_decoded(const Decoded &d);

  // Forget the sid (after unsubscribe / before resubscribing); the next message sets a baseline.
  void reset(int64_t sid);
  void reset_all() { sids_.clear(); }
  // Last accepted seq of a sid, or kAbsent.
  int64_t last_seq(int64_t sid) const;
  bool needs_resync(int64_t sid) const;
  size_t size() const { return sids_.size(); }

 private:
  struct Entry {
    int64_t sid;
    int64_t last;
    bool resync;
  };
  Entry *find(int64_t sid);
  const Entry *find(int64_t sid) const;
  Entry *find_or_add(int64_t sid);
  std::vector<Entry> sids_;
};

// Whether a message kind is a sequenced data message (snapshots included).
bool is_sequenced_data(MessageKind kind);

}  // namespace kalshi::wsapi
