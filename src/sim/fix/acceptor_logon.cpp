// The first message of a connection: the Logon checks of kalshi-fix.md §2.6/§2.7, in the order
// the cheap ones come first. Any failure answers with a Logout whose Text says what was wrong
// (the exchange's way of refusing, §2.6) and closes.
//
// The flag rules are the client's own (fix::validate_config on a SessionConfig rebuilt from the
// received Logon), so client and simulator can never disagree about what a session type allows.
// Choices where the spec is silent:
// - The legacy SkipPendingExecReports tag 21003 is read as 21011 (§2.6.2 says it is still
// accepted).
// - 141=Y must come with MsgSeqNum 1 (standard FIX).
// - Without 141=Y (RT/PT) a Logon above the expected seq is accepted and followed by our
//   ResendRequest for the gap (standard FIX); one below it is refused "MsgSeqNum too low".
// - Our Logon answer carries 98=0, 108 as received, 141=Y when the client sent it, and 1137=9.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "crypto/sign.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/writer.h"
#include "fix/session/logon.h"
#include "sim/fix/acceptor_impl.h"

namespace kalshi::sim {

namespace {

struct LogonBody {
  bool has_encrypt = false, encrypt_ok = false;
  bool has_heartbeat = false;
  uint64_t heartbeat_s = 0;
  std::string_view raw_data;
  bool has_appl_ver = false, appl_ver_ok = false;
  bool has_sub_id = false;
  std::vector<std::pair<uint32_t, std::string>> flags;  // the Kalshi flags, as received
  std::string_view problem;
};

bool is_kalshi_flag(uint32_t tag) {
  switch (tag) {
    case 8013:
    case 20126:
    case 20127:
    case 20200:
    case 21005:
    case 21007:
    case 21008:
    case 21011:
    case 21012:
    case 21026:
    case 21027:
      return true;
    default:
      return false;
  }
}

void read_logon_body(std::string_view frame, LogonBody *b) {
  fix::FieldCursor cur(frame);
  fix::Field f;
  while (cur.next(&f)) {
    switch (f.tag) {
      case 50:
        b->has_sub_id = true;
        break;
      case 96:
        b->raw_data = f.value;
        break;
      case 98:
        b->has_encrypt = true;
        b->encrypt_ok = f.value == "0";
        break;
      case 108:
        b->has_heartbeat = fix::parse_uint(f.value, &b->heartbeat_s);
        if (!b->has_heartbeat) b->problem = "HeartBtInt(108) is not a number";
        break;
      case 1137:
        b->has_appl_ver = true;
        b->appl_ver_ok = f.value == "9";
        break;
      case 21003:  // legacy SkipPendingExecReports
        b->flags.emplace_back(21011, std::string(f.value));
        break;
      default:
        if (is_kalshi_flag(f.tag)) b->flags.emplace_back(f.tag, std::string(f.value));
        break;
    }
  }
  if (cur.error() != fix::FieldError::None && b->problem.empty()) {
    b->problem = fix::field_error_name(cur.error());
  }
}

LogonFlags to_flags(const std::vector<std::pair<uint32_t, std::string>> &fields,
                    fix::SessionKind kind) {
  LogonFlags f;
  f.receive_settlement = kind == fix::SessionKind::PT;  // 20127 defaults to Y on PT (§2.6.2)
  for (const auto &[tag, v] : fields) {
    const bool yes = v == "Y";
    switch (tag) {
      case 21005:
        f.use_dollars = yes;
        break;
      case 8013:
        f.cancel_on_disconnect = yes;
        break;
      case 20126:
        f.listener = yes;
        break;
      case 20127:
        f.receive_settlement = yes;
        break;
      case 21007:
        f.ioc_cancel_report = yes;
        break;
      case 21008:
        f.preserve_order_qty = yes;
        break;
      case 21011:
        f.skip_pending = yes;
        break;
      case 21012:
        f.expired_status = yes;
        break;
      case 21026:
        f.new_before_trade = yes;
        break;
      case 21027:
        f.split_collateral = yes;
        break;
      case 20200: {
        uint64_t h = 0;
        if (fix::parse_uint(v, &h)) f.retention_hours = static_cast<int>(h);
        break;
      }
      default:
        break;
    }
  }
  return f;
}

}  // namespace

void AcceptorSession::Impl::refuse_logon(std::string why, int64_t now_ms) {
  if (state == AcceptorState::Closed) return;
  body.clear();
  fix::FieldWriter(body).add(58, why);
  // No store yet (or one we must not touch): the refusal is the only message of the connection.
  encode_and_write("5", body.view(), 1, false, {}, now_ms);
  go_down(Error::make(KALSHI_ERR_REJECTED, std::move(why)), true);
}

void AcceptorSession::Impl::send_logon_answer(int heartbeat_s, bool reset, int64_t now_ms) {
  body.clear();
  fix::FieldWriter w(body);
  w.add_char(98, '0');
  w.add_uint(108, static_cast<uint64_t>(heartbeat_s));
  if (reset) w.add_char(141, 'Y');
  w.add_char(1137, '9');
  send_admin("A", body.view(), now_ms);
}

void AcceptorSession::Impl::on_first_message(const fix::InboundFields &p, std::string_view frame,
                                             int64_t now_ms) {
  client_comp_id = std::string(p.sender_comp_id.substr(0, 64));
  if (p.msg_type != "A") {
    refuse_logon("First message must be Logon (35=A), received 35=" + std::string(p.msg_type),
                 now_ms);
    return;
  }
  if (p.sender_comp_id.empty()) {
    refuse_logon("SenderCompID(49) missing: it must be your FIX API key id", now_ms);
    return;
  }
  if (p.target_comp_id != session_name) {
    refuse_logon("TargetCompID(56) must be " + session_name + " on this port, received '" +
                     std::string(p.target_comp_id.substr(0, 64)) + "'",
                 now_ms);
    return;
  }
  LogonBody b;
  read_logon_body(frame, &b);
  if (!b.problem.empty()) {
    refuse_logon("Logon malformed: " + std::string(b.problem), now_ms);
    return;
  }
  if (b.has_sub_id) {
    refuse_logon("SenderSubID(50) must not be on a Logon", now_ms);
    return;
  }
  if (b.raw_data.empty()) {
    refuse_logon("RawData(96) missing: the Logon must carry the RSA-PSS signature", now_ms);
    return;
  }
  std::string prehash;
  if (Error e = crypto::build_fix_logon_message(p.sending_time, p.seq, p.sender_comp_id,
                                                p.target_comp_id, &prehash);
      !e.ok()) {
    refuse_logon("Logon malformed: " + e.message, now_ms);
    return;
  }
  if (Error e = keys.verify_logon(config.product, p.sender_comp_id, prehash, b.raw_data); !e.ok()) {
    refuse_logon(e.code == KALSHI_ERR_NOT_FOUND
                     ? "Unknown API key '" + client_comp_id + "' (SenderCompID)"
                     : std::string("Signature problem: RawData(96) does not verify"),
                 now_ms);
    return;
  }
  if (config.max_clock_skew_ms > 0) {
    int64_t sent_ms = 0;
    if (!fix::parse_utc_timestamp(p.sending_time, &sent_ms) ||
        sent_ms - now_ms > config.max_clock_skew_ms ||
        now_ms - sent_ms > config.max_clock_skew_ms) {
      refuse_logon("SendingTime accuracy problem", now_ms);
      return;
    }
  }
  if (!b.has_encrypt || !b.encrypt_ok) {
    refuse_logon("EncryptMethod(98) must be 0", now_ms);
    return;
  }
  if (!b.has_appl_ver || !b.appl_ver_ok) {
    refuse_logon("DefaultApplVerID(1137) must be 9", now_ms);
    return;
  }
  if (!b.has_heartbeat && config.product == fix::Product::Prediction) {
    refuse_logon("HeartBtInt(108) missing", now_ms);
    return;
  }
  if (!retransmission && !p.reset_seq) {
    refuse_logon("ResetSeqNumFlag(141)=Y is required on " + session_name, now_ms);
    return;
  }
  if (p.reset_seq && p.seq != 1) {
    refuse_logon("MsgSeqNum(34) must be 1 with ResetSeqNumFlag(141)=Y", now_ms);
    return;
  }
  fix::SessionConfig rules;
  rules.product = config.product;
  rules.kind = config.kind;
  rules.sender_comp_id = std::string(p.sender_comp_id);
  rules.heartbeat_s = b.has_heartbeat ? static_cast<int>(std::min<uint64_t>(b.heartbeat_s, 100000))
                                      : 30;  // margin default (§2.6.1)
  rules.logon_fields = b.flags;
  if (Error e = fix::validate_config(rules); !e.ok()) {
    refuse_logon(e.message, now_ms);
    return;
  }
  if (reject_logon) {
    refuse_logon(reject_logon_text, now_ms);
    return;
  }
  const LogonFlags parsed = to_flags(b.flags, config.kind);
  std::string refuse_text;
  fix::Store *st = handler.on_logon(p.sender_comp_id, parsed, &refuse_text);
  if (state != AcceptorState::AwaitingLogon) return;  // the handler ended it meanwhile
  if (st == nullptr) {
    refuse_logon(refuse_text.empty() ? std::string("Logon refused") : refuse_text, now_ms);
    return;
  }
  store = st;
  key_id = std::string(p.sender_comp_id);
  flags = parsed;
  heartbeat_ms = int64_t{rules.heartbeat_s} * 1000;
  if (p.reset_seq) {
    if (Error e = store->reset(); !e.ok()) {
      drop(std::move(e));
      return;
    }
  }
  expected = p.reset_seq ? 1 : store->next_target_seq();
  if (p.seq < expected) {
    std::string text = "MsgSeqNum too low, expecting " + std::to_string(expected) +
                       " but received " + std::to_string(p.seq);
    send_logout_msg(text, now_ms);
    go_down(Error::make(KALSHI_ERR_PROTOCOL, std::move(text)), true);
    return;
  }
  state = AcceptorState::Active;
  last_recv_ms = now_ms;
  send_logon_answer(rules.heartbeat_s, p.reset_seq, now_ms);
  if (state != AcceptorState::Active) return;
  if (p.seq == expected) {
    ++expected;
  } else {
    // Standard FIX: the Logon is accepted, the gap before it asked for, and its own seq counted
    // when the resend reaches it.
    hold(p.seq, frame, true);
    resend_until = p.seq;
    send_resend_request(expected, now_ms);
    resend_pending = true;
    resend_deadline_ms = now_ms + heartbeat_ms;
    if (state != AcceptorState::Active) return;
  }
  flush_target_seq();
  handler.on_state(AcceptorState::Active, Error{});
}

}  // namespace kalshi::sim
