// The simulator's FIX application layer: turns client messages into exchange commands and
// exchange events into messages for the right sessions (kalshi-fix.md §3–§11).
//
// The transport side (sim/fix/gateway) owns connections and AcceptorSessions and presents each
// logged-on session to the application as a FixPeer. The application decodes with the shared
// dictionary (api/fix, Direction::ClientToServer) and builds replies with MessageBuilder
// (Direction::ServerToClient), in the session's price units (FixPeer::context()).
//
// Routing rules (the safest reading of the spec, see docs/SIMULATOR.md):
// - An order's ExecutionReports go to the order-entry peer that sent it (origin = peer id), and
//   to every listener (20126=Y) session of the same member. Once the origin session is gone,
//   the same key's next session of the same type and product gets them (RT reconnects).
//   KalshiDC is request/response only (§9: "not a live drop copy"): DC sessions get ERs only as
//   replies to EventResendRequest.
// - A rejected D/F/G gets its ER 150=8 / 35=9 on the sending peer only; rejects are not
//   journaled for drop copy (§9 excludes them).
// - MD peers get W on subscribe and X for level changes and trades of subscribed symbols.
// - RFQ broadcasts go to every KalshiRFQ peer; the creator's answers to its RT peer.
// - Settlements go as paginated UMS to PT peers (and RT/NR peers with 20127=Y).
// - Drop copy (DC): every ER of the member is kept in a journal so EventResendRequest (U1) can
//   replay a range, then EventResendComplete (U2); out-of-range requests get U3.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/fix/context.h"
#include "core/error.h"
#include "fix/session/session.h"
#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"
#include "sim/fix/peer.h"

namespace kalshi::sim {

class FixApp : public FixPeerSink {
 public:
  // Both must outlive the app. The app registers itself as an ExchangeObserver.
  FixApp(Exchange &exchange, RfqDesk &rfq);
  ~FixApp() override;
  FixApp(const FixApp &) = delete;
  FixApp &operator=(const FixApp &) = delete;

  // Called by the gateway, on the loop thread, with the exchange clock's time.
  void on_logon(FixPeer &peer, int64_t now_ms) override;
  // Application message (frame from AcceptorHandler::on_message).
  void on_message(FixPeer &peer, const fix::Inbound &m, int64_t now_ms) override;
  // The peer is gone (Logout or drop): cancel-on-disconnect (8013=Y), MD subscriptions dropped.
  void on_logout(FixPeer &peer, int64_t now_ms) override;

  // Replies the dictionary's builder refused (never sent half-built). Always 0 unless the app
  // has a bug; tests assert it.
  uint64_t build_failures() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::sim
