// The simulator's FIX front door: one FixConnection per accepted TCP/TLS stream, each running an
// AcceptorSession for the listener's (product, session type), presenting the logged-on session
// to the application (FixPeerSink) as a FixPeer, and keeping each (product, session type, key)'s
// sequence numbers and sent messages across reconnects so retransmission sessions can recover.
//
// Sans-I/O like the engines: the simulator feeds bytes and the time and implements FixTransport;
// tests drive it with a pipe and an injected clock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "core/error.h"
#include "fix/session/session_kind.h"
#include "sim/fix/acceptor_session.h"
#include "sim/fix/peer.h"

namespace kalshi::sim {

class FixTransport {
 public:
  virtual ~FixTransport() = default;
  virtual void write(std::string_view bytes) = 0;
  virtual void close() = 0;  // graceful: after what was written
  virtual void abort() = 0;  // at once (the "drop" fault)
};

class FixConnection {
 public:
  virtual ~FixConnection() = default;
  // `now_ms` here is the session clock (real time); the exchange clock comes from the gateway's.
  virtual void received(const char *data, size_t len, int64_t now_ms) = 0;
  virtual void disconnected(int64_t now_ms) = 0;
  virtual void tick(int64_t now_ms) = 0;
  virtual int64_t next_deadline_ms() const = 0;
};

class FixGateway {
 public:
  // keys and sink must outlive the gateway; exchange_now gives the exchange clock.
  FixGateway(const KeyDirectory &keys, FixPeerSink &sink, std::function<int64_t()> exchange_now);
  ~FixGateway();
  FixGateway(const FixGateway &) = delete;
  FixGateway &operator=(const FixGateway &) = delete;

  // A stream accepted on the (product, kind) listener. The transport must outlive the returned
  // connection; the connection calls transport.close()/abort() when the session ends, from inside
  // received()/tick()/inject(), so close()/abort() must not destroy the connection synchronously.
  // A second live Logon for the same (product, kind, key) is refused with "already exists".
  std::unique_ptr<FixConnection> accept(fix::Product product, fix::SessionKind kind,
                                        FixTransport &transport, int64_t now_ms);

  // Faults for sessions of (product, kind) and key_id (empty: every key): armed faults apply to
  // the next Logon, one-shot faults to every matching live session now. KALSHI_ERR_NOT_FOUND
  // when a one-shot fault matched no live session.
  Error inject(fix::Product product, fix::SessionKind kind, std::string_view key_id,
               const Fault &fault, int64_t now_ms);

  // Live logged-on sessions (for tests and the CLI's status line).
  size_t active_sessions() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::sim
