// The payload of a KALSHI_EVENT_FIX_MESSAGE: the received frame, decoded in place, and the C ABI's
// kalshi_fix_msg_t scopes over it (the message body and, created on first use, group entries).
#pragma once

#include <kalshi/fix.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "api/fix/context.h"
#include "api/fix/decoded_message.h"
#include "core/event.h"
#include "fix/session/session.h"

namespace kalshi::fix {
struct FixMessageBody;
}

struct kalshi_fix_msg {
  const kalshi::fix::FixMessageBody *owner = nullptr;
  kalshi::fix::FieldScope scope;
  // Indices (into the message's fields) of this scope's own fields, built on first use.
  mutable std::vector<uint32_t> direct;
  mutable bool direct_built = false;
};

namespace kalshi::fix {

struct FixMessageBody final : EventBody {
  std::string frame;
  std::string msg_type;  // NUL-terminated copy for kalshi_fix_msg_type
  DecodedMessage msg;
  kalshi_fix_msg root;
  uint64_t ref_user_tag = 0;  // Reject / BusinessMessageReject: user_tag of the refused send
  // Group entries handed out so far, keyed by (scope start, counter tag, index); they live as long
  // as the event so their pointers stay valid.
  mutable std::map<std::tuple<uint32_t, uint32_t, size_t>, std::unique_ptr<kalshi_fix_msg>> entries;
};

// A FIX_MESSAGE event for a message the session delivered, or a FIX_DECODE_ERROR event carrying
// the raw bytes when it does not decode.
EventPtr make_message_event(const Inbound &m, const Context &ctx, uint64_t user_tag);

// For a Reject (3) or BusinessMessageReject (j) event: records the user_tag of the send its
// RefSeqNum(45) names, as `tags` knows it.
template <typename TagSource>
void tie_reject(kalshi_event &ev, const TagSource &tags) {
  auto *b = dynamic_cast<FixMessageBody *>(ev.body.get());
  if (b == nullptr) return;
  if (const DecodedField *f = b->msg.find(45); f != nullptr && f->value > 0) {
    b->ref_user_tag = tags.user_tag_of(static_cast<uint64_t>(f->value));
  }
}

// The decoded message of a FIX_MESSAGE event, or nullptr.
const kalshi_fix_msg *event_fix_msg(const kalshi_event &ev);

}  // namespace kalshi::fix
