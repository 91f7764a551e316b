// ExecutionReports (kalshi-fix.md §4.5): an exchange OrderEvent (or a rejected D) becomes one
// ErRecord, which is journaled for drop copy and rendered for each recipient in its own price
// units and under its own Logon flags (21007, 21008, 21012, 21026).
//
// Recipients: the session that sent the order (origin) and every listener session (20126=Y) of
// the same member. KalshiDC is request/response only (§9: "not a live drop copy"), so DC
// sessions get ERs only when they ask with EventResendRequest.
//
// Pending reports (150=A/6/E) are never emitted: the exchange answers synchronously, so
// SkipPendingExecReports (21011) changes nothing.
#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

namespace {

Price average_price(const Order &o) {
  if (o.filled <= 0) return 0;
  // fill_notional is money (price x contracts); back to a price per contract, 128-bit so large
  // perp notionals cannot overflow.
  __extension__ using Wide = __int128;
  return static_cast<Price>(static_cast<Wide>(o.fill_notional) * kContract / o.filled);
}

bool is_ioc_remainder(const ErRecord &rec) {
  return rec.kind == OrderEventKind::Canceled && rec.text == "IMMEDIATE_OR_CANCELLED" &&
         rec.cum_qty > 0;
}

}  // namespace

bool FixApp::Impl::wants(const FixPeer &peer, const ErRecord &rec) {
  const LogonFlags &fl = peer.flags();
  // The New is folded into the first Trade unless 21026=Y (§4.5.2).
  if (rec.kind == OrderEventKind::New && rec.traded_on_arrival && !fl.new_before_trade) {
    return false;
  }
  // The cancel of a partially filled IOC's remainder only with 21007=Y.
  if (is_ioc_remainder(rec) && !fl.ioc_cancel_report) return false;
  return true;
}

void FixApp::Impl::on_order_event(const OrderEvent &ev) {
  if (ev.order == nullptr) return;
  const Order &o = *ev.order;
  ErRecord rec;
  rec.exec_seq = next_exec_seq++;
  rec.member = o.account.member;
  rec.origin = o.origin;
  rec.kind = ev.kind;
  rec.expiry_style = ev.expiry_style || ev.kind == OrderEventKind::Expired;
  rec.traded_on_arrival = ev.traded_on_arrival;
  rec.order_id = o.order_id;
  rec.cl_ord_id = o.client_order_id;
  rec.orig_cl_ord_id = o.orig_client_order_id;
  rec.symbol = o.ticker;
  rec.text = ev.reason;
  rec.order_group_id = o.order_group_id;
  rec.side = o.side;
  rec.price = o.price;
  rec.original_qty = o.original_qty;
  rec.cum_qty = o.filled;
  rec.leaves_qty = o.leaves;
  rec.avg_px = average_price(o);
  rec.tif = o.tif;
  rec.expire_ms = o.expire_ms;
  rec.time_ms = ev.time_ms != 0 ? ev.time_ms : now_ms;
  rec.subaccount = o.account.subaccount;
  rec.stp = o.stp;
  rec.post_only = o.post_only;
  rec.reduce_only = o.reduce_only;
  switch (ev.kind) {
    case OrderEventKind::New:
      rec.exec_type = '0';
      rec.ord_status = '0';
      break;
    case OrderEventKind::Trade:
      rec.exec_type = 'F';
      rec.ord_status = o.leaves == 0 ? '2' : '1';
      break;
    case OrderEventKind::Canceled:
    case OrderEventKind::Expired:
      rec.exec_type = '4';
      rec.ord_status = '4';
      break;
    case OrderEventKind::Replaced:
      rec.exec_type = '5';
      rec.ord_status = '5';
      break;
  }
  if (ev.kind == OrderEventKind::Trade && ev.fill != nullptr) {
    const Fill &f = *ev.fill;
    rec.has_fill = true;
    rec.last_px = f.price;
    rec.last_qty = f.qty;
    rec.trade_id = f.trade_id;
    rec.aggressor = f.aggressor;
    rec.fee = f.fee;
    rec.position_after = f.position_after;
    rec.balance_delta = f.balance_delta;
  }
  journal_add(rec);
  deliver(rec);
}

void FixApp::Impl::order_reject(FixPeer &peer, ErRecord &rec) {
  // Rejects have no exchange event: not journaled (§9 excludes them), sent to the sender only.
  rec.exec_seq = next_exec_seq++;
  send_er(peer, rec);
}

void FixApp::Impl::deliver(const ErRecord &rec) {
  // The origin session is gone: its successor (same key, type and product) gets the report.
  const GoneOrigin *gone = nullptr;
  if (find_peer(rec.origin) == nullptr) {
    auto it = gone_origins.find(rec.origin);
    if (it != gone_origins.end()) gone = &it->second;
  }
  auto recipient = [&](const PeerState &st) {
    const FixPeer &p = *st.peer;
    if (p.member() != rec.member) return false;
    const bool origin = p.id() == rec.origin ||
                        (gone != nullptr && !p.flags().listener && p.key_id() == gone->key_id &&
                         p.kind() == gone->kind && p.product() == gone->product);
    const bool listener = p.flags().listener &&
                          (p.kind() == fix::SessionKind::NR || p.kind() == fix::SessionKind::RT);
    return (origin || listener) && wants(p, rec);
  };
  for_each_peer(recipient, [&](PeerState &st) { send_er(*st.peer, rec); });
}

void FixApp::Impl::send_er(FixPeer &peer, const ErRecord &rec) {
  const LogonFlags &fl = peer.flags();
  char exec_type = rec.exec_type;
  char ord_status = rec.ord_status;
  if (rec.expiry_style && fl.expired_status) exec_type = ord_status = 'C';
  const bool margin = peer.product() == fix::Product::Margin;
  Reply r = reply("8", peer);
  r.price(fix::tag::AvgPx, rec.avg_px);
  r.str(fix::tag::ClOrdID, rec.cl_ord_id.empty() ? std::string_view("NONE") : rec.cl_ord_id);
  r.qty(fix::tag::CumQty, rec.cum_qty);
  r.str(fix::tag::ExecID, exec_id(rec.exec_seq));
  if (rec.post_only || rec.reduce_only) {
    r.str(fix::tag::ExecInst, rec.post_only && rec.reduce_only ? "6 E" : rec.post_only ? "6" : "E");
  }
  r.str(fix::tag::LastMkt, "0");
  if (rec.has_fill) r.price(fix::tag::LastPx, rec.last_px).qty(fix::tag::LastQty, rec.last_qty);
  r.str(fix::tag::OrderID, rec.order_id.empty() ? std::string_view("NONE") : rec.order_id);
  r.qty(fix::tag::OrderQty,
        fl.preserve_order_qty || rec.rejected ? rec.original_qty : rec.cum_qty + rec.leaves_qty);
  r.chr(fix::tag::OrdStatus, ord_status);
  if (rec.kind == OrderEventKind::Replaced || rec.kind == OrderEventKind::Canceled ||
      rec.kind == OrderEventKind::Expired) {
    r.opt_str(fix::tag::OrigClOrdID, rec.orig_cl_ord_id);
  }
  if (rec.price > 0) r.price(fix::tag::Price, rec.price);
  r.chr(fix::tag::Side, side_code(rec.side));
  r.str(fix::tag::Symbol, rec.symbol.empty() ? std::string_view("NONE") : rec.symbol);
  r.opt_str(fix::tag::Text, rec.text);
  if (!rec.rejected) {
    // Replaced reports state the resulting validity: 6 with an expiry (Day included), else 1.
    if (rec.kind == OrderEventKind::Replaced) {
      r.chr(fix::tag::TimeInForce, rec.expire_ms != 0 ? '6' : '1');
    } else {
      r.chr(fix::tag::TimeInForce, tif_code(rec.tif));
    }
  }
  r.time(fix::tag::TransactTime, rec.time_ms);
  if (rec.subaccount != 0) r.num(fix::tag::AllocAccount, rec.subaccount);
  if (rec.rejected) r.num(fix::tag::OrdRejReason, rec.rej_reason);
  if (rec.expire_ms != 0) r.time(fix::tag::ExpireTime, rec.expire_ms);
  if (rec.has_fill) {
    r.group(fix::tag::NoMiscFees).entry();
    r.amount(fix::tag::MiscFeeAmt, rec.fee).str(fix::tag::MiscFeeCurr, "USD");
    r.str(fix::tag::MiscFeeType, "4").num(fix::tag::MiscFeeBasis, 0).end_group();
  }
  r.chr(fix::tag::ExecType, exec_type);
  r.qty(fix::tag::LeavesQty, rec.leaves_qty);
  r.opt_str(fix::tag::SecondaryClOrdID, rec.order_group_id);
  if (rec.has_fill) {
    r.qty(fix::tag::LongQty, rec.position_after > 0 ? rec.position_after : 0);
    r.qty(fix::tag::ShortQty, rec.position_after < 0 ? -rec.position_after : 0);
    if (!margin) r.date(fix::tag::ClearingBusinessDate, eastern_date(rec.time_ms));
    r.opt_str(fix::tag::TrdMatchID, rec.trade_id);
    r.flag(fix::tag::AggressorIndicator, rec.aggressor);
    r.group(fix::tag::NoCollateralAmountChanges).entry();
    r.amount(fix::tag::CollateralAmountChange, rec.balance_delta);
    r.str(fix::tag::CollateralAmountType, "BALANCE").end_group();
  }
  if (!rec.rejected) r.num(fix::tag::SelfTradePreventionType, static_cast<int>(rec.stp));
  r.send(peer);
}

void FixApp::Impl::journal_add(const ErRecord &rec) {
  // Bounded by count and by the 3-hour lookback (§9), whichever bites first.
  while (!journal.empty() && (journal.size() >= kJournalCap ||
                              journal.front().time_ms < rec.time_ms - kJournalLookbackMs)) {
    journal_dropped_upto = journal.front().exec_seq;
    journal.pop_front();
  }
  journal.push_back(rec);
}

}  // namespace kalshi::sim
