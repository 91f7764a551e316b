// The C handle of a FIX session and the one path every send takes (validate and encode on the
// calling thread, then send inline on the loop thread or queue it).
#pragma once

#include <kalshi/fix.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

#include "api/fix/builder.h"
#include "api/fix/session_driver.h"
#include "capi/client_impl.h"
#include "fix/codec/buffer.h"

struct kalshi_fix_session {
  std::shared_ptr<kalshi::ClientImpl> impl;
  // Created on the caller's thread, then used only on the loop thread (its atomics anywhere).
  std::shared_ptr<kalshi::fix::SessionDriver> driver;
  kalshi::fix::Context ctx;
  kalshi::fix::SessionKind kind = kalshi::fix::SessionKind::NR;
  std::atomic<bool> close_requested{false};
  // One encoder per handle, reused so steady-state sends do not allocate.
  std::mutex build_mu;
  kalshi::fix::MessageBuilder builder;
  kalshi::fix::Buffer body;
};

namespace kalshi::capi {

// Runs after a successful send on the loop thread (subscription tracking).
using AfterSend = std::function<void(fix::SessionDriver &)>;

// Starts `msg_type` (client to server), lets `fill` set its fields, encodes and sends.
// KALSHI_ERR_NOT_SUPPORTED when the session type or product does not carry the message.
kalshi_err_t fix_send(kalshi_fix_session_t *s, std::string_view msg_type,
                      const std::function<Error(fix::MessageBuilder &)> &fill,
                      const char *sender_sub_id, uint64_t user_tag, uint64_t *seq_out,
                      kalshi_error_t **err, AfterSend after = {});

// Is the message definition allowed on this session (type and product)?
Error check_allowed(const kalshi_fix_session_t *s, const fix::MessageDef *def);

}  // namespace kalshi::capi
