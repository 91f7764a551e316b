// RFQ (kalshi-fix.md §7, prediction only). The creator's KalshiRT session sends R / UA / UE (or D
// with QuoteID) and gets b, S, UC, UB, AG; makers' KalshiRFQ sessions get R broadcasts and send
// S / Z / U7, getting AI, U9, U8 and AG. Commands go to RfqDesk; what happens to RFQs and quotes
// comes back as RfqEvents, routed here to the sessions concerned.
#include <string>

#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

namespace {

constexpr int kRfqOther = 99;

std::string_view text_of(const fix::DecodedMessage &in, uint32_t tag) {
  const fix::DecodedField *f = in.find(tag);
  return f == nullptr ? std::string_view() : f->text;
}

uint8_t subaccount_of(const fix::DecodedMessage &in) {
  const fix::DecodedField *f = in.find(fix::tag::AllocAccount);
  return f != nullptr && f->value > 0 && f->value <= 63 ? static_cast<uint8_t>(f->value) : 0;
}

}  // namespace

void FixApp::Impl::quote_request(FixPeer &peer, const fix::Inbound &) {
  const std::string client_id(text_of(in, fix::tag::QuoteReqID));
  auto reject = [&](int code, std::string_view why) {
    Reply r = reply("AG", peer);
    r.str(fix::tag::QuoteReqID, client_id).num(fix::tag::QuoteRequestRejectReason, code);
    r.str(fix::tag::Text, why.empty() ? std::string_view("INTERNAL_ERROR") : why).send(peer);
  };
  if (in.find(fix::tag::MultivariateCollectionTicker) != nullptr) {
    return reject(kRfqOther, "Multivariate RFQs are not supported by the simulator");
  }
  if (in.count(fix::tag::NoRelatedSym) != 1) return reject(kRfqOther, "NoRelatedSym must be 1");
  const fix::FieldScope e = in.entry(fix::tag::NoRelatedSym, 0);
  const auto symbol = e.text(fix::tag::Symbol);
  const auto qty = e.value(fix::tag::OrderQty);
  if (!symbol || !qty || *qty <= 0) {
    return reject(kRfqOther, "Symbol and OrderQty are required (CashOrderQty is not supported)");
  }
  if (!market_fits(peer, *symbol)) return reject(1, "MARKET_NOT_FOUND");
  const bool rest = e.value(fix::tag::RestRemainder).value_or(0) != 0;
  const Rfq *rfq = nullptr;
  const Outcome out = desk.create_rfq({peer.member(), subaccount_of(in)}, client_id, *symbol, *qty,
                                      rest, peer.id(), now_ms, &rfq);
  if (!out.ok) return reject(out.code, out.text);
  Reply r = reply("b", peer);
  r.str(fix::tag::QuoteReqID, client_id).num(fix::tag::QuoteRequestType, 1);
  if (rfq != nullptr) r.str(fix::tag::RfqId, rfq->rfq_id);
  r.num(fix::tag::ExDestination, 0).send(peer);
}

void FixApp::Impl::accept_quote(FixPeer &peer, const fix::Inbound &) {
  const std::string quote_id(text_of(in, fix::tag::QuoteID));
  const std::string cl(text_of(in, fix::tag::ClOrdID));
  const std::string_view side_text = text_of(in, fix::tag::Side);
  Outcome out;
  if (side_text != "1" && side_text != "2") {
    out = Outcome::reject(kRfqOther, "INVALID_ORDER");
  } else {
    const fix::DecodedField *q = in.find(fix::tag::OrderQty);
    out = desk.accept_quote({peer.member(), 0}, quote_id, text_of(in, fix::tag::RfqId),
                            side_text == "1" ? Side::Buy : Side::Sell, q != nullptr ? q->value : 0,
                            cl, now_ms);
  }
  Reply r = reply("UC", peer);
  r.str(fix::tag::QuoteID, quote_id).num(fix::tag::AcceptQuoteStatus, out.ok ? 0 : 1);
  if (out.ok) r.str(fix::tag::AcceptedQuoteId, quote_id);
  r.opt_str(fix::tag::ClOrdID, cl);
  if (!out.ok) r.str(fix::tag::Text, out.text.empty() ? "INTERNAL_ERROR" : out.text);
  r.send(peer);
}

void FixApp::Impl::accept_quote_by_order(FixPeer &peer, const fix::Inbound &) {
  ErRecord rec;
  rec.rejected = true;
  rec.exec_type = '8';
  rec.ord_status = '8';
  rec.member = peer.member();
  rec.origin = peer.id();
  rec.time_ms = now_ms;
  rec.order_id = "NONE";
  rec.cl_ord_id = text_of(in, fix::tag::ClOrdID);
  rec.symbol = text_of(in, fix::tag::Symbol);
  rec.side = text_of(in, fix::tag::Side) == "2" ? Side::Sell : Side::Buy;
  if (const auto *f = in.find(fix::tag::Price)) rec.price = f->value;
  if (const auto *f = in.find(fix::tag::OrderQty)) rec.original_qty = f->value;
  Outcome out;
  if (peer.product() != fix::Product::Prediction ||
      text_of(in, fix::tag::ExecInst).find('E') != std::string_view::npos) {
    out = Outcome::reject(static_cast<int>(RejectCode::Unsupported), "INVALID_ORDER");
  } else {
    out = desk.accept_quote({peer.member(), subaccount_of(in)}, text_of(in, fix::tag::QuoteID),
                            text_of(in, fix::tag::RfqId), rec.side, rec.original_qty, rec.cl_ord_id,
                            now_ms);
  }
  if (out.ok) return;  // the fills arrive as ExecutionReports once the maker confirms
  rec.rej_reason = out.text == "EXPIRED" ? static_cast<int>(RejectCode::Stale) : out.code;
  if (rec.rej_reason <= 0) rec.rej_reason = static_cast<int>(RejectCode::Other);
  rec.text = out.text.empty() ? "INTERNAL_ERROR" : out.text;
  order_reject(peer, rec);
}

void FixApp::Impl::rfq_cancel(FixPeer &peer, const fix::Inbound &m) {
  std::string id(text_of(in, fix::tag::RfqId));
  const std::string client_id(text_of(in, fix::tag::QuoteReqID));
  if (id.empty()) id = client_id;
  if (id.empty()) {
    return business_reject(peer, m, 5, "QuoteReqID or RfqId is required", fix::tag::QuoteReqID);
  }
  const Outcome out = desk.cancel_rfq({peer.member(), 0}, id, now_ms);
  Reply r = reply("UB", peer);
  r.str(fix::tag::QuoteReqID, client_id.empty() ? id : client_id);
  r.num(fix::tag::RFQCancelStatus, out.ok ? 0 : 1);
  if (!out.ok) r.str(fix::tag::Text, out.text.empty() ? "INTERNAL_ERROR" : out.text);
  r.send(peer);
}

void FixApp::Impl::quote(FixPeer &peer, const fix::Inbound &) {
  const std::string quote_id(text_of(in, fix::tag::QuoteID));
  const std::string rfq_id(text_of(in, fix::tag::QuoteReqID));
  const fix::DecodedField *yes = in.find(fix::tag::BidPx);
  const fix::DecodedField *no = in.find(fix::tag::OfferPx);
  // The PENDING report comes with the QuoteReceived event; only a refusal is answered here.
  const Outcome out = desk.submit_quote(
      {peer.member(), subaccount_of(in)}, quote_id, rfq_id, text_of(in, fix::tag::Symbol),
      yes != nullptr ? yes->value : 0, no != nullptr ? no->value : 0, peer.id(), now_ms);
  if (out.ok) return;
  Reply r = reply("AI", peer);
  r.str(fix::tag::QuoteID, quote_id.empty() ? std::string_view("NONE") : quote_id);
  r.str(fix::tag::QuoteReqID, rfq_id.empty() ? std::string_view("NONE") : rfq_id);
  r.num(fix::tag::QuoteStatus, 5);
  r.str(fix::tag::Text, out.text.empty() ? "INTERNAL_ERROR" : out.text).send(peer);
}

void FixApp::Impl::quote_cancel(FixPeer &peer, const fix::Inbound &) {
  const std::string quote_id(text_of(in, fix::tag::QuoteID));
  // A successful cancel also produces AI 297=17 through the QuoteEnded event.
  const Outcome out =
      desk.cancel_quote({peer.member(), 0}, quote_id, text_of(in, fix::tag::RfqId), now_ms);
  Reply r = reply("U9", peer);
  r.str(fix::tag::QuoteID, quote_id).num(fix::tag::QuoteCancelStatus, out.ok ? 0 : 1);
  if (!out.ok) r.str(fix::tag::Text, out.text.empty() ? "INTERNAL_ERROR" : out.text);
  r.send(peer);
}

void FixApp::Impl::quote_confirm(FixPeer &peer, const fix::Inbound &) {
  const std::string quote_id(text_of(in, fix::tag::QuoteID));
  const Outcome out =
      desk.confirm_quote({peer.member(), 0}, quote_id, text_of(in, fix::tag::RfqId), now_ms);
  Reply r = reply("U8", peer);
  r.str(fix::tag::QuoteID, quote_id).num(fix::tag::QuoteConfirmStatus, out.ok ? 0 : 1);
  if (!out.ok) r.str(fix::tag::Text, out.text.empty() ? "INTERNAL_ERROR" : out.text);
  r.send(peer);
}

void FixApp::Impl::on_rfq_event(const RfqEvent &ev) {
  if (ev.rfq == nullptr) return;
  const Rfq &rfq = *ev.rfq;
  auto maker_session = [](const PeerState &st) {
    return st.peer->kind() == fix::SessionKind::RFQ &&
           st.peer->product() == fix::Product::Prediction;
  };
  // The creator's answers go to the RT session that created the RFQ, else to any RT session of
  // the creator (it may have reconnected under a new connection id).
  auto creator_peer = [&]() -> FixPeer * {
    if (PeerState *st = find_peer(rfq.creator_origin)) return st->peer;
    for (auto &[id, st] : peers) {
      if (st.peer->member() == rfq.creator.member && st.peer->kind() == fix::SessionKind::RT &&
          !st.peer->flags().listener) {
        return st.peer;
      }
    }
    return nullptr;
  };
  auto status_report = [&](FixPeer &p, const Quote &q, int status, std::string_view text) {
    Reply r = reply("AI", p);
    r.str(fix::tag::QuoteID, q.quote_id).str(fix::tag::QuoteReqID, q.rfq_id);
    if (q.maker.subaccount != 0) r.num(fix::tag::AllocAccount, q.maker.subaccount);
    r.num(fix::tag::QuoteStatus, status);
    if (status == 0) r.chr(fix::tag::Side, side_code(q.accepted_side));
    r.qty(fix::tag::OrderQty, status == 0 && q.accepted_qty > 0 ? q.accepted_qty : q.qty);
    if (q.yes_price > 0) r.price(fix::tag::BidPx, q.yes_price).qty(fix::tag::BidSize, q.qty);
    if (q.no_price > 0) r.price(fix::tag::OfferPx, q.no_price).qty(fix::tag::OfferSize, q.qty);
    r.opt_str(fix::tag::Text, text).send(p);
  };
  switch (ev.kind) {
    case RfqEventKind::RfqCreated:
      for_each_peer(maker_session, [&](PeerState &st) {
        Reply r = reply("R", *st.peer);
        r.str(fix::tag::QuoteReqID, rfq.rfq_id).group(fix::tag::NoRelatedSym).entry();
        r.str(fix::tag::Symbol, rfq.ticker).qty(fix::tag::OrderQty, rfq.qty).end_group();
        r.send(*st.peer);
      });
      break;
    case RfqEventKind::RfqEnded:
      for_each_peer(maker_session, [&](PeerState &st) {
        Reply r = reply("AG", *st.peer);
        r.str(fix::tag::QuoteReqID, rfq.rfq_id).num(fix::tag::QuoteRequestRejectReason, 99);
        r.str(fix::tag::Text, ev.reason.empty() ? std::string_view("RFQ_CLOSED") : ev.reason);
        r.send(*st.peer);
      });
      break;
    case RfqEventKind::QuoteReceived: {
      if (ev.quote == nullptr) break;
      const Quote &q = *ev.quote;
      if (PeerState *maker = find_peer(q.maker_origin)) status_report(*maker->peer, q, 10, {});
      if (FixPeer *creator = creator_peer()) {
        Reply r = reply("S", *creator);
        r.str(fix::tag::QuoteID, q.quote_id).str(fix::tag::QuoteReqID, q.rfq_id);
        r.str(fix::tag::Symbol, rfq.ticker);
        if (q.yes_price > 0) r.price(fix::tag::BidPx, q.yes_price);
        if (q.no_price > 0) r.price(fix::tag::OfferPx, q.no_price);
        r.qty(fix::tag::OrderQty, q.qty);
        if (q.yes_price > 0) r.qty(fix::tag::BidSize, q.qty);
        if (q.no_price > 0) r.qty(fix::tag::OfferSize, q.qty);
        r.send(*creator);
      }
      break;
    }
    case RfqEventKind::QuoteAccepted:
      if (ev.quote == nullptr) break;
      if (PeerState *maker = find_peer(ev.quote->maker_origin)) {
        status_report(*maker->peer, *ev.quote, 0, {});
      }
      break;
    case RfqEventKind::QuoteEnded:
      if (ev.quote == nullptr) break;
      if (PeerState *maker = find_peer(ev.quote->maker_origin)) {
        const int status = ev.quote->status == QuoteStatus::Rejected ? 5 : 17;
        status_report(*maker->peer, *ev.quote, status, ev.reason);
      }
      break;
    case RfqEventKind::QuoteExecuted:
      break;  // the trade reports come as ExecutionReports of the block trade
  }
}

}  // namespace kalshi::sim
