#include "fix/session/logon.h"

#include <string>

#include "fix/codec/field_cursor.h"
#include "fix/codec/writer.h"

namespace kalshi::fix {

namespace {

enum Tag : uint32_t {
  kCancelOnDisconnect = 8013,
  kListener = 20126,
  kSettlementReports = 20127,
  kRetention = 20200,
  kUseDollars = 21005,
  kIocCancelReport = 21007,
  kPreserveOrderQty = 21008,
  kSkipPending = 21011,
  kExpiredOrdStatus = 21012,
  kNewBeforeTrade = 21026,
  kSplitCollateral = 21027,
};

bool order_entry(SessionKind k) {
  return k == SessionKind::NR || k == SessionKind::RT;
}

Error invalid(std::string msg) {
  return Error::make(KALSHI_ERR_INVALID_VALUE, std::move(msg));
}

const std::string *find(const SessionConfig &c, uint32_t tag) {
  for (const auto &f : c.logon_fields) {
    if (f.first == tag) return &f.second;
  }
  return nullptr;
}

bool printable(std::string_view s) {
  for (char ch : s) {
    if (ch < 0x21 || ch > 0x7e) return false;
  }
  return true;
}

}  // namespace

bool logon_sends_reset(const SessionConfig &c) {
  return c.reset_on_logon || !has_retransmission(c.product, c.kind);
}

bool logon_field_allowed(Product p, SessionKind k, uint32_t tag) {
  if (!session_exists(p, k)) return false;
  const bool margin = p == Product::Margin;
  switch (tag) {
    case kCancelOnDisconnect:
    case kListener:
    case kIocCancelReport:
    case kPreserveOrderQty:
    case kSkipPending:
    case kExpiredOrdStatus:
      return order_entry(k);
    case kNewBeforeTrade:
    case kSplitCollateral:
      return !margin && order_entry(k);  // undocumented for margin
    case kSettlementReports:
      // Auth page: RT and PT; settlement page adds NR. Margin has no settlement reports.
      return !margin && (order_entry(k) || k == SessionKind::PT);
    case kRetention:
      return k == SessionKind::RT || (!margin && k == SessionKind::PT);
    case kUseDollars:
      // Margin is always in dollars; sending Y there is harmless, so it is allowed.
      return order_entry(k) || k == SessionKind::DC || k == SessionKind::RFQ;
    default:
      return false;
  }
}

Error validate_config(const SessionConfig &c) {
  if (!session_exists(c.product, c.kind)) {
    return invalid(std::string("margin has no ") + std::string(target_comp_id(c.kind)));
  }
  if (c.sender_comp_id.empty() || !printable(c.sender_comp_id)) {
    return invalid("sender_comp_id (the FIX API key id) is empty or not printable ASCII");
  }
  if (!c.target_comp_id.empty() && !printable(c.target_comp_id)) {
    return invalid("target_comp_id is not printable ASCII");
  }
  const int min_hb = c.product == Product::Prediction ? 4 : 3;
  if (c.heartbeat_s < min_hb || c.heartbeat_s > 300) {
    return invalid("HeartBtInt(108) must be " + std::to_string(min_hb) + "..300 seconds");
  }
  if (c.logon_timeout_ms <= 0 || c.logout_timeout_ms <= 0) {
    return invalid("logon and logout timeouts must be positive");
  }
  if (c.max_message_size < 256) return invalid("max_message_size below 256 bytes");
  if (c.test_request_grace_pct < 0 || c.test_request_grace_pct > 100) {
    return invalid("test_request_grace_pct must be 0..100");
  }
  for (size_t i = 0; i < c.logon_fields.size(); ++i) {
    const uint32_t tag = c.logon_fields[i].first;
    const std::string &v = c.logon_fields[i].second;
    const std::string name = "Logon tag " + std::to_string(tag);
    if (tag == 141) return invalid("ResetSeqNumFlag(141) is set through reset_on_logon");
    if (tag == 50) return invalid("SenderSubID(50) must never be on a Logon");
    if (!logon_field_allowed(c.product, c.kind, tag)) {
      return invalid(name + " is not allowed on " +
                     (c.product == Product::Margin ? "margin " : "prediction ") +
                     std::string(target_comp_id(c.kind)));
    }
    for (size_t j = 0; j < i; ++j) {
      if (c.logon_fields[j].first == tag) return invalid(name + " is given twice");
    }
    if (tag == kRetention) {
      uint64_t hours = 0;
      if (!parse_uint(v, &hours) || hours < 1 || hours > 72) {
        return invalid(name + " (MessageRetentionPeriod) must be 1..72 hours");
      }
    } else if (v != "Y" && v != "N") {
      return invalid(name + " must be Y or N");
    }
  }
  const std::string *listener = find(c, kListener);
  if (listener != nullptr && *listener == "Y") {
    const std::string *skip = find(c, kSkipPending);
    if (skip == nullptr || *skip != "Y") {
      return invalid("Logon tag 20126 (ListenerSession) requires 21011=Y");
    }
    const std::string *cod = find(c, kCancelOnDisconnect);
    if (cod != nullptr && *cod == "Y") {
      return invalid("Logon tag 20126 (ListenerSession) is incompatible with 8013=Y");
    }
  }
  return {};
}

void write_logon_body(const SessionConfig &c, bool reset, std::string_view signature_b64,
                      Buffer &body) {
  FieldWriter w(body);
  w.add_char(98, '0');
  w.add_uint(108, static_cast<uint64_t>(c.heartbeat_s));
  w.add_data(95, 96, signature_b64);
  if (reset) w.add_char(141, 'Y');
  w.add_char(1137, '9');
  for (const auto &f : c.logon_fields) w.add(f.first, f.second);
}

}  // namespace kalshi::fix
