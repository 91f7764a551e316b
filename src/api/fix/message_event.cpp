#include "api/fix/message_event.h"

#include <utility>

namespace kalshi::fix {

EventPtr make_message_event(const Inbound &m, const Context &ctx, uint64_t user_tag) {
  auto body = std::make_unique<FixMessageBody>();
  body->frame.assign(m.frame.data(), m.frame.size());
  // The session's frame reader has already checked BodyLength and CheckSum.
  Error err = decode(body->frame, Direction::ServerToClient, ctx, body->msg, true);
  if (!err.ok()) {
    auto ev = make_error_event(KALSHI_EVENT_FIX_DECODE_ERROR, user_tag, std::move(err));
    ev->data = std::move(body->frame);
    return ev;
  }
  body->msg_type.assign(body->msg.msg_type());
  body->root.owner = body.get();
  body->root.scope = body->msg.root();
  auto ev = make_event(KALSHI_EVENT_FIX_MESSAGE, user_tag);
  ev->body = std::move(body);
  return ev;
}

const kalshi_fix_msg *event_fix_msg(const kalshi_event &ev) {
  if (ev.type != KALSHI_EVENT_FIX_MESSAGE) return nullptr;
  auto *b = dynamic_cast<const FixMessageBody *>(ev.body.get());
  return b == nullptr ? nullptr : &b->root;
}

}  // namespace kalshi::fix
