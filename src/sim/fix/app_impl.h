// FixApp's private state, shared by the app_*.cpp files (one job each: dispatch, order entry,
// order groups, execution reports, drop copy, market data, RFQ, settlement).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/fix/builder.h"
#include "api/fix/decoded_message.h"
#include "fix/codec/buffer.h"
#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"
#include "sim/fix/app_reply.h"
#include "sim/fix/fix_app.h"
#include "sim/fix/peer.h"

namespace kalshi::sim {

// One ExecutionReport as an exchange fact, independent of who receives it: rendered per peer
// (price units, Logon flags) when sent, and kept in the drop-copy journal for EventResendRequest.
struct ErRecord {
  uint64_t exec_seq = 0;  // ExecID "<exec_seq>;1"; 0 = none (rejects)
  uint32_t member = 0;
  uint64_t origin = 0;
  OrderEventKind kind = OrderEventKind::New;
  bool rejected = false;
  bool expiry_style = false;
  bool traded_on_arrival = false;
  char exec_type = '0';
  char ord_status = '0';
  std::string order_id;
  std::string cl_ord_id;
  std::string orig_cl_ord_id;
  std::string symbol;
  std::string text;
  std::string order_group_id;
  Side side = Side::Buy;
  Price price = 0;
  Qty original_qty = 0;
  Qty cum_qty = 0;
  Qty leaves_qty = 0;
  Price avg_px = 0;
  TimeInForce tif = TimeInForce::Gtc;
  int64_t expire_ms = 0;
  int64_t time_ms = 0;
  uint8_t subaccount = 0;
  int rej_reason = 0;
  SelfTradePrevention stp = SelfTradePrevention::TakerAtCross;
  bool post_only = false;
  bool reduce_only = false;
  // Trade reports.
  bool has_fill = false;
  Price last_px = 0;
  Qty last_qty = 0;
  std::string trade_id;
  bool aggressor = false;
  Money fee = 0;
  Qty position_after = 0;
  Money balance_delta = 0;
};

// A logged-on session and what it subscribed to.
struct PeerState {
  FixPeer *peer = nullptr;
  std::set<std::string, std::less<>> md_symbols;      // V 263=1
  std::set<std::string, std::less<>> status_symbols;  // e 263=1
  bool mass_cancel_seen = false;  // 35=q is limited to one per second (kalshi-fix.md §4.4)
  int64_t last_mass_cancel_ms = 0;
};

struct FixApp::Impl : ExchangeObserver, RfqObserver {
  Impl(Exchange &exchange, RfqDesk &rfq);
  ~Impl() override;

  Exchange &ex;
  RfqDesk &desk;
  std::map<uint64_t, PeerState> peers;  // by FixPeer::id(), in logon order of ids
  fix::DecodedMessage in;               // the message being handled (views into its frame)
  fix::MessageBuilder builder;
  fix::Buffer body;
  int64_t now_ms = 0;
  uint64_t next_exec_seq = 1;
  uint64_t next_operation = 1;  // OrderMassCancelReport OrderID, settlement report ids
  uint64_t send_failures = 0;   // replies the builder refused (a bug; kept for tests)

  // Price levels with size, per market, as the MD sessions were told: 279=0 New for a level
  // that appears, 1 Change for one that was there, 2 Delete when it goes (§6.3). Follows the
  // exchange's books, so it is bounded by them.
  using LevelSet = std::set<std::pair<uint8_t, Price>>;
  std::map<std::string, LevelSet, std::less<>> md_levels;

  // Sessions that ended, so reports on their resting orders reach the same key's next session of
  // the same type (a reconnected RT session keeps getting its fills). Bounded, oldest dropped.
  struct GoneOrigin {
    std::string key_id;
    fix::SessionKind kind = fix::SessionKind::NR;
    fix::Product product = fix::Product::Prediction;
  };
  static constexpr size_t kGoneOriginCap = 10000;
  std::unordered_map<uint64_t, GoneOrigin> gone_origins;
  std::deque<uint64_t> gone_order;
  void remember_gone(const FixPeer &peer);

  // Drop-copy journal: every non-reject ER of every member, oldest first, bounded.
  static constexpr size_t kJournalCap = 100000;
  static constexpr int64_t kJournalLookbackMs = 3LL * 3600 * 1000;
  std::deque<ErRecord> journal;
  uint64_t journal_dropped_upto = 0;  // highest exec_seq no longer kept

  Reply reply(std::string_view msg_type, const FixPeer &peer) {
    return Reply(builder, body, msg_type, peer.context(), &send_failures);
  }
  PeerState *find_peer(uint64_t id) {
    auto it = peers.find(id);
    return it == peers.end() ? nullptr : &it->second;
  }
  // Calls fn(PeerState&) for each peer matching pred. The ids are taken first and looked up
  // again before each call: a send may end a session (on_logout erases it) mid-loop.
  template <class Pred, class Fn>
  void for_each_peer(Pred pred, Fn fn) {
    std::vector<uint64_t> ids;
    for (auto &[id, st] : peers) {
      if (pred(st)) ids.push_back(id);
    }
    for (uint64_t id : ids) {
      if (PeerState *st = find_peer(id)) fn(*st);
    }
  }

  // Dispatch (app_dispatch.cpp).
  void handle(FixPeer &peer, const fix::Inbound &m);
  void business_reject(FixPeer &peer, const fix::Inbound &m, int reason, std::string_view text,
                       uint32_t ref_tag = 0, std::string_view ref_id = {});

  // Order entry (app_orders.cpp).
  void new_order(FixPeer &peer, const fix::Inbound &m, bool decoded_ok);
  void cancel_order(FixPeer &peer, const fix::Inbound &m, bool decoded_ok);
  void replace_order(FixPeer &peer, const fix::Inbound &m, bool decoded_ok);
  void mass_cancel(FixPeer &peer, const fix::Inbound &m);
  void cancel_reject(FixPeer &peer, char response_to, std::string_view cl_ord_id,
                     std::string_view orig_cl_ord_id, int code, std::string_view text);
  bool market_fits(const FixPeer &peer, std::string_view ticker) const;

  // Order groups (app_order_groups.cpp).
  void order_group(FixPeer &peer, const fix::Inbound &m);

  // Execution reports (app_exec_reports.cpp).
  void on_order_event(const OrderEvent &ev) override;
  void order_reject(FixPeer &peer, ErRecord &rec);
  void deliver(const ErRecord &rec);
  void send_er(FixPeer &peer, const ErRecord &rec);
  static bool wants(const FixPeer &peer, const ErRecord &rec);
  void journal_add(const ErRecord &rec);

  // Drop copy (app_drop_copy.cpp).
  void event_resend(FixPeer &peer, const fix::Inbound &m);

  // Market data (app_market_data.cpp).
  void market_data_request(FixPeer &peer, const fix::Inbound &m);
  void security_status_request(FixPeer &peer, const fix::Inbound &m);
  void send_snapshot(FixPeer &peer, std::string_view symbol);
  void md_reject(FixPeer &peer, char reason, std::string_view text);
  void track_levels(std::string_view ticker);
  void on_level_change(const LevelChange &c) override;
  void on_public_trade(const PublicTrade &t) override;
  void on_market_status(const Market &m) override;

  // RFQ (app_rfq.cpp).
  void quote_request(FixPeer &peer, const fix::Inbound &m);
  void accept_quote(FixPeer &peer, const fix::Inbound &m);
  void rfq_cancel(FixPeer &peer, const fix::Inbound &m);
  void quote(FixPeer &peer, const fix::Inbound &m);
  void quote_cancel(FixPeer &peer, const fix::Inbound &m);
  void quote_confirm(FixPeer &peer, const fix::Inbound &m);
  void accept_quote_by_order(FixPeer &peer, const fix::Inbound &m);
  void on_rfq_event(const RfqEvent &ev) override;

  // Settlement (app_settlement.cpp).
  void on_settlement(const Settlement &s) override;
};

}  // namespace kalshi::sim
