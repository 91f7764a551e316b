// FixApp's entry points: peers come and go, and each application message is checked against the
// session matrix (kalshi-fix.md §3.1) and the listener rules (§11) before its handler runs.
#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"
#include "sim/fix/fix_app.h"

namespace kalshi::sim {

namespace {

bool is_order_entry(fix::SessionKind k) {
  return k == fix::SessionKind::NR || k == fix::SessionKind::RT;
}

// What a listener session may not send (kalshi-fix.md §11).
bool listener_forbidden(std::string_view t) {
  return t == "D" || t == "F" || t == "G" || t == "q" || t == "R" || t == "UA" || t == "UE" ||
         t == "UOG";
}

}  // namespace

FixApp::Impl::Impl(Exchange &exchange, RfqDesk &rfq) : ex(exchange), desk(rfq) {
  ex.add_observer(this);
  desk.add_observer(this);
}

FixApp::Impl::~Impl() {
  desk.remove_observer(this);
  ex.remove_observer(this);
}

FixApp::FixApp(Exchange &exchange, RfqDesk &rfq) : impl_(std::make_unique<Impl>(exchange, rfq)) {}
FixApp::~FixApp() = default;

uint64_t FixApp::build_failures() const {
  return impl_->send_failures;
}

void FixApp::on_logon(FixPeer &peer, int64_t now_ms) {
  impl_->now_ms = now_ms;
  PeerState &st = impl_->peers[peer.id()];
  st = PeerState{};
  st.peer = &peer;
}

void FixApp::on_message(FixPeer &peer, const fix::Inbound &m, int64_t now_ms) {
  impl_->now_ms = now_ms;
  if (impl_->find_peer(peer.id()) == nullptr) on_logon(peer, now_ms);
  impl_->handle(peer, m);
}

void FixApp::on_logout(FixPeer &peer, int64_t now_ms) {
  impl_->now_ms = now_ms;
  // Forget the peer first: the cancels below must not be sent to a session that is gone.
  const bool cancel = impl_->peers.count(peer.id()) != 0 && peer.flags().cancel_on_disconnect &&
                      !peer.flags().listener && is_order_entry(peer.kind());
  const uint32_t member = peer.member();
  const uint64_t id = peer.id();
  impl_->peers.erase(id);
  impl_->remember_gone(peer);
  if (cancel) impl_->ex.mass_cancel(member, id, now_ms);
}

void FixApp::Impl::remember_gone(const FixPeer &peer) {
  if (!is_order_entry(peer.kind()) || peer.flags().listener) return;
  if (gone_order.size() >= kGoneOriginCap) {
    gone_origins.erase(gone_order.front());
    gone_order.pop_front();
  }
  gone_origins[peer.id()] = GoneOrigin{std::string(peer.key_id()), peer.kind(), peer.product()};
  gone_order.push_back(peer.id());
}

void FixApp::Impl::handle(FixPeer &peer, const fix::Inbound &m) {
  const Error decoded = fix::decode(m.frame, fix::Direction::ClientToServer, peer.context(), in,
                                    /*frame_checked=*/true);
  const std::string_view type = m.msg_type;
  const fix::MessageDef *def = fix::find_message(type, fix::Direction::ClientToServer);
  const fix::SessionMask allowed = def == nullptr ? 0
                                   : peer.product() == fix::Product::Prediction
                                       ? def->prediction_sessions
                                       : def->margin_sessions;
  if ((allowed & fix::session_bit(peer.kind())) == 0) {
    business_reject(peer, m, 3, "Unsupported message type on this session");
    return;
  }
  if (peer.flags().listener && listener_forbidden(type)) {
    business_reject(peer, m, 3, "Listener sessions cannot send this message");
    return;
  }
  // Order entry answers a bad body with its own reject (ER 150=8 / 35=9); everything else
  // with a BusinessMessageReject naming what is wrong.
  if (type == "D") return new_order(peer, m, decoded.ok());
  if (type == "F") return cancel_order(peer, m, decoded.ok());
  if (type == "G") return replace_order(peer, m, decoded.ok());
  if (!decoded.ok()) {
    business_reject(peer, m, 0, decoded.message);
    return;
  }
  uint32_t missing = 0;
  if (in.missing_required(&missing, 1) != 0) {
    business_reject(peer, m, 5, "Required field missing", missing);
    return;
  }
  if (type == "q") return mass_cancel(peer, m);
  if (type == "UOG") return order_group(peer, m);
  if (type == "U1") return event_resend(peer, m);
  if (type == "V") return market_data_request(peer, m);
  if (type == "e") return security_status_request(peer, m);
  if (type == "R") return quote_request(peer, m);
  if (type == "UA") return accept_quote(peer, m);
  if (type == "UE") return rfq_cancel(peer, m);
  if (type == "S") return quote(peer, m);
  if (type == "Z") return quote_cancel(peer, m);
  if (type == "U7") return quote_confirm(peer, m);
  business_reject(peer, m, 3, "Unsupported message type");
}

void FixApp::Impl::business_reject(FixPeer &peer, const fix::Inbound &m, int reason,
                                   std::string_view text, uint32_t ref_tag,
                                   std::string_view ref_id) {
  Reply r = reply("j", peer);
  r.num(fix::tag::RefSeqNum, static_cast<int64_t>(m.seq));
  r.opt_str(fix::tag::RefMsgType, m.msg_type);
  if (ref_tag != 0) r.num(fix::tag::RefTagID, ref_tag);
  r.opt_str(fix::tag::BusinessRejectRefID, ref_id);
  r.num(fix::tag::BusinessRejectReason, reason);
  r.opt_str(fix::tag::Text, text);
  r.send(peer);
}

}  // namespace kalshi::sim
