// A logged-on FIX session as the simulator's application layer sees it, and the interface
// through which the gateway hands sessions and their messages to that layer (FixApp).
#pragma once

#include <cstdint>
#include <string_view>

#include "api/fix/context.h"
#include "core/error.h"
#include "fix/session/session.h"
#include "fix/session/session_kind.h"
#include "sim/fix/acceptor_session.h"

namespace kalshi::sim {

class FixPeer {
 public:
  virtual ~FixPeer() = default;
  virtual uint64_t id() const = 0;  // unique per connection; used as the order origin
  virtual fix::Product product() const = 0;
  virtual fix::SessionKind kind() const = 0;
  virtual std::string_view key_id() const = 0;
  virtual uint32_t member() const = 0;
  virtual const LogonFlags &flags() const = 0;
  fix::Context context() const { return {product(), flags().use_dollars}; }
  // Sends an application message (body from MessageBuilder::finish). KALSHI_ERR_STATE once the
  // session is no longer active.
  virtual Error send(std::string_view msg_type, std::string_view body) = 0;
};

// Implemented by FixApp; tests may use their own.
class FixPeerSink {
 public:
  virtual ~FixPeerSink() = default;
  // `now_ms` is the exchange clock.
  virtual void on_logon(FixPeer &peer, int64_t now_ms) = 0;
  virtual void on_message(FixPeer &peer, const fix::Inbound &m, int64_t now_ms) = 0;
  // The peer is gone (Logout or drop); it must not be used after this returns.
  virtual void on_logout(FixPeer &peer, int64_t now_ms) = 0;
};

}  // namespace kalshi::sim
