// Order entry (kalshi-fix.md §4, §10): D, F, G and q turned into Exchange commands. Accepted
// commands report through the exchange's OrderEvents (app_exec_reports.cpp); rejected ones are
// answered here: ER 150=8 for D, OrderCancelReject 35=9 for F/G, 35=r 531=0 for q.
#include <string>
#include <vector>

#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

namespace {

using fix::tag::AllocAccount;

std::string_view text_or(const fix::DecodedMessage &in, uint32_t tag, std::string_view dflt = {}) {
  const fix::DecodedField *f = in.find(tag);
  return f == nullptr ? dflt : f->text;
}

bool parse_side(const fix::DecodedMessage &in, Side *out) {
  const fix::DecodedField *f = in.find(fix::tag::Side);
  if (f == nullptr || (f->text != "1" && f->text != "2")) return false;
  *out = f->text == "1" ? Side::Buy : Side::Sell;
  return true;
}

bool parse_tif(std::string_view code, TimeInForce *out) {
  if (code.size() != 1) return false;
  switch (code[0]) {
    case '0':
      *out = TimeInForce::Day;
      return true;
    case '1':
      *out = TimeInForce::Gtc;
      return true;
    case '3':
      *out = TimeInForce::Ioc;
      return true;
    case '4':
      *out = TimeInForce::Fok;
      return true;
    case '6':
      *out = TimeInForce::Gtd;
      return true;
    default:
      return false;
  }
}

// AllocAccount(79): subaccount 0-63; absent = `dflt`.
bool parse_subaccount(const fix::DecodedMessage &in, uint8_t dflt, uint8_t *out) {
  const fix::DecodedField *f = in.find(AllocAccount);
  if (f == nullptr) {
    *out = dflt;
    return true;
  }
  if (f->value < 0 || f->value > 63) return false;
  *out = static_cast<uint8_t>(f->value);
  return true;
}

char status_code(const Order &o) {
  switch (o.status) {
    case OrderStatus::Resting:
      return o.filled > 0 ? '1' : '0';
    case OrderStatus::Filled:
      return '2';
    case OrderStatus::Canceled:
      return '4';
    case OrderStatus::Expired:
      return 'C';
  }
  return '8';
}

}  // namespace

bool FixApp::Impl::market_fits(const FixPeer &peer, std::string_view ticker) const {
  const Market *mk = ex.find_market(ticker);
  if (mk == nullptr) return false;
  // Margin sessions trade perps only, prediction sessions binary markets only (§10).
  return (mk->kind == MarketKind::Perp) == (peer.product() == fix::Product::Margin);
}

void FixApp::Impl::new_order(FixPeer &peer, const fix::Inbound &m, bool decoded_ok) {
  (void)m;
  ErRecord rec;
  rec.rejected = true;
  rec.exec_type = '8';
  rec.ord_status = '8';
  rec.member = peer.member();
  rec.origin = peer.id();
  rec.time_ms = now_ms;
  rec.order_id = "NONE";
  rec.cl_ord_id = text_or(in, fix::tag::ClOrdID, "NONE");
  rec.symbol = text_or(in, fix::tag::Symbol, "NONE");
  parse_side(in, &rec.side);
  if (const auto *f = in.find(fix::tag::Price)) rec.price = f->value;
  if (const auto *f = in.find(fix::tag::OrderQty)) rec.original_qty = f->value;
  auto reject = [&](int code, std::string_view why) {
    rec.rej_reason = code;
    rec.text = why;
    order_reject(peer, rec);
  };
  constexpr int kUnsupported = static_cast<int>(RejectCode::Unsupported);
  uint32_t missing = 0;
  if (!decoded_ok || in.missing_required(&missing, 1) != 0) {
    return reject(kUnsupported, "INVALID_ORDER");
  }
  if (in.find(fix::tag::QuoteID) != nullptr) return accept_quote_by_order(peer, m);

  OrderRequest r;
  r.client_order_id = rec.cl_ord_id;
  r.ticker = rec.symbol;
  r.price = rec.price;
  r.qty = rec.original_qty;
  r.origin = peer.id();
  r.account.member = peer.member();
  if (text_or(in, fix::tag::OrdType) != "2" || !parse_side(in, &r.side)) {
    return reject(kUnsupported, "INVALID_ORDER");
  }
  if (const auto *f = in.find(fix::tag::TimeInForce); f != nullptr && !parse_tif(f->text, &r.tif)) {
    return reject(kUnsupported, "INVALID_ORDER");
  }
  const fix::DecodedField *expire = in.find(fix::tag::ExpireTime);
  if ((r.tif == TimeInForce::Gtd) != (expire != nullptr)) {
    return reject(kUnsupported, "INVALID_ORDER");
  }
  if (expire != nullptr) r.expire_ms = expire->value;
  for (char c : text_or(in, fix::tag::ExecInst)) {
    if (c == '6') {
      r.post_only = true;
    } else if (c == 'E') {
      r.reduce_only = true;
    } else if (c != ' ') {
      return reject(kUnsupported, "INVALID_ORDER");
    }
  }
  if (!parse_subaccount(in, 0, &r.account.subaccount)) {
    return reject(static_cast<int>(RejectCode::UnknownAccount), "CUSTOMER_ACCOUNT_NOT_FOUND");
  }
  rec.subaccount = r.account.subaccount;
  if (const auto *f = in.find(fix::tag::SelfTradePreventionType)) {
    if (f->value != 1 && f->value != 2) return reject(kUnsupported, "INVALID_ORDER");
    r.stp = static_cast<SelfTradePrevention>(f->value);
  }
  if (const auto *f = in.find(fix::tag::CancelOrderOnPause)) r.cancel_on_pause = f->value != 0;
  r.order_group_id = text_or(in, fix::tag::SecondaryClOrdID);
  if (const auto *f = in.find(fix::tag::MaxExecutionCost);
      f != nullptr && peer.product() == fix::Product::Prediction) {
    if (f->value <= 0) return reject(kUnsupported, "INVALID_ORDER");
    r.max_cost = f->value;
  }
  if (!market_fits(peer, r.ticker)) {
    return reject(static_cast<int>(RejectCode::UnknownSymbol), "MARKET_NOT_FOUND");
  }
  const Outcome out = ex.submit(r, now_ms);
  if (!out.ok) reject(out.code, out.text.empty() ? std::string_view("INTERNAL_ERROR") : out.text);
}

void FixApp::Impl::cancel_reject(FixPeer &peer, char response_to, std::string_view cl_ord_id,
                                 std::string_view orig_cl_ord_id, int code, std::string_view text) {
  const Order *o = nullptr;
  if (const auto *f = in.find(fix::tag::OrderID)) o = ex.find_order_by_id(f->text);
  if (o == nullptr && !orig_cl_ord_id.empty()) o = ex.find_order(peer.member(), orig_cl_ord_id);
  if (o != nullptr && o->account.member != peer.member()) o = nullptr;
  Reply r = reply("9", peer);
  r.str(fix::tag::OrderID, o != nullptr ? std::string_view(o->order_id) : "NONE");
  r.str(fix::tag::ClOrdID, cl_ord_id.empty() ? "NONE" : cl_ord_id);
  r.opt_str(fix::tag::OrigClOrdID, orig_cl_ord_id);
  r.chr(fix::tag::OrdStatus, o != nullptr ? status_code(*o) : '8');
  r.chr(fix::tag::CxlRejResponseTo, response_to);
  r.num(fix::tag::CxlRejReason, code);
  r.opt_str(fix::tag::Text, text);
  r.send(peer);
}

void FixApp::Impl::cancel_order(FixPeer &peer, const fix::Inbound &, bool decoded_ok) {
  const std::string cl(text_or(in, fix::tag::ClOrdID));
  const std::string orig(text_or(in, fix::tag::OrigClOrdID));
  constexpr int kOther = static_cast<int>(CancelRejectCode::Other);
  uint32_t missing = 0;
  CancelRequest r;
  if (!decoded_ok || in.missing_required(&missing, 1) != 0 || !parse_side(in, &r.side)) {
    return cancel_reject(peer, '1', cl, orig, kOther, "INVALID_ORDER");
  }
  r.account.member = peer.member();
  r.client_order_id = cl;
  r.orig_client_order_id = orig;
  r.order_id = text_or(in, fix::tag::OrderID);
  r.ticker = text_or(in, fix::tag::Symbol);
  r.check_side = true;
  r.origin = peer.id();
  // Without AllocAccount the order's own subaccount is meant (79 only has to match when sent).
  const Order *o = ex.find_order(peer.member(), orig);
  if (!parse_subaccount(in, o != nullptr ? o->account.subaccount : 0, &r.account.subaccount)) {
    return cancel_reject(peer, '1', cl, orig, static_cast<int>(CancelRejectCode::UnknownOrder),
                         "CUSTOMER_ACCOUNT_NOT_FOUND");
  }
  const Outcome out = ex.cancel(r, now_ms);
  if (!out.ok) cancel_reject(peer, '1', cl, orig, out.code, out.text);
}

void FixApp::Impl::replace_order(FixPeer &peer, const fix::Inbound &, bool decoded_ok) {
  const std::string cl(text_or(in, fix::tag::ClOrdID));
  const std::string orig(text_or(in, fix::tag::OrigClOrdID));
  constexpr int kOther = static_cast<int>(CancelRejectCode::Other);
  uint32_t missing = 0;
  ReplaceRequest r;
  if (!decoded_ok || in.missing_required(&missing, 1) != 0 || !parse_side(in, &r.side) ||
      text_or(in, fix::tag::OrdType) != "2") {
    return cancel_reject(peer, '2', cl, orig, kOther, "INVALID_ORDER");
  }
  r.account.member = peer.member();
  r.client_order_id = cl;
  r.orig_client_order_id = orig;
  r.order_id = text_or(in, fix::tag::OrderID);
  r.ticker = text_or(in, fix::tag::Symbol);
  r.origin = peer.id();
  r.qty = in.find(fix::tag::OrderQty)->value;
  if (const auto *f = in.find(fix::tag::Price)) r.price = f->value;
  // Expiry (§4.2): omitting 59 and 126 keeps it; 59=0/1 without 126; 59=6 with a future 126.
  const fix::DecodedField *tif = in.find(fix::tag::TimeInForce);
  const fix::DecodedField *expire = in.find(fix::tag::ExpireTime);
  if (tif != nullptr) {
    if (!parse_tif(tif->text, &r.tif) || r.tif == TimeInForce::Ioc || r.tif == TimeInForce::Fok ||
        (r.tif == TimeInForce::Gtd) != (expire != nullptr) ||
        (expire != nullptr && expire->value <= now_ms)) {
      return cancel_reject(peer, '2', cl, orig, kOther, "INVALID_ORDER");
    }
    r.set_tif = true;
    if (expire != nullptr) r.expire_ms = expire->value;
  } else if (expire != nullptr) {
    return cancel_reject(peer, '2', cl, orig, kOther, "INVALID_ORDER");
  }
  const Order *o = ex.find_order(peer.member(), orig);
  uint8_t sub = 0;
  if (!parse_subaccount(in, o != nullptr ? o->account.subaccount : 0, &sub)) {
    return cancel_reject(peer, '2', cl, orig, static_cast<int>(CancelRejectCode::UnknownOrder),
                         "CUSTOMER_ACCOUNT_NOT_FOUND");
  }
  r.account.subaccount = sub;
  const Outcome out = ex.replace(r, now_ms);
  if (!out.ok) cancel_reject(peer, '2', cl, orig, out.code, out.text);
}

void FixApp::Impl::mass_cancel(FixPeer &peer, const fix::Inbound &) {
  PeerState *st = find_peer(peer.id());
  const std::string cl(text_or(in, fix::tag::ClOrdID));
  const std::string op = "MC-" + std::to_string(next_operation++);
  std::string_view refuse;
  if (text_or(in, fix::tag::MassCancelRequestType) != "6") {
    refuse = "INVALID_MASS_CANCEL_REQUEST_TYPE";
  } else if (st != nullptr && st->mass_cancel_seen && now_ms - st->last_mass_cancel_ms < 1000) {
    refuse = "RATE_LIMIT_EXCEEDED";  // 1 request per second (§4.4)
  }
  Reply r = reply("r", peer);
  r.str(fix::tag::ClOrdID, cl).str(fix::tag::OrderID, op);
  if (!refuse.empty()) {
    r.chr(fix::tag::MassCancelResponse, '0').num(fix::tag::MassCancelRejectReason, 99);
    r.str(fix::tag::Text, refuse).send(peer);
    return;
  }
  if (st != nullptr) {
    st->mass_cancel_seen = true;
    st->last_mass_cancel_ms = now_ms;
  }
  // The report first, then one cancel ER per order (the exchange reports them as it cancels).
  r.chr(fix::tag::MassCancelResponse, '6').send(peer);
  // "Cancel for session" (§4.4): this connection's orders and those its key left resting on
  // earlier connections of the same session type.
  std::vector<uint64_t> origins{peer.id()};
  for (const auto &[origin, gone] : gone_origins) {
    if (gone.key_id == peer.key_id() && gone.kind == peer.kind() &&
        gone.product == peer.product()) {
      origins.push_back(origin);
    }
  }
  for (uint64_t origin : origins) ex.mass_cancel(peer.member(), origin, now_ms);
}

}  // namespace kalshi::sim
