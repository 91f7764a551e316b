// The per-session-type facts of kalshi-fix.md §1.2, §1.3 and §2.5 in one place, so the logon
// builder, the sequence rules and the driver never disagree about them.
#include "fix/session/session_kind.h"

namespace kalshi::fix {

std::string_view target_comp_id(SessionKind k) {
  switch (k) {
    case SessionKind::NR:
      return "KalshiNR";
    case SessionKind::RT:
      return "KalshiRT";
    case SessionKind::DC:
      return "KalshiDC";
    case SessionKind::PT:
      return "KalshiPT";
    case SessionKind::RFQ:
      return "KalshiRFQ";
    case SessionKind::MD:
      return "KalshiMD";
  }
  return "";
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

bool parse_session_kind(std::string_view s, SessionKind *out) {
  static constexpr SessionKind kAll[] = {SessionKind::NR, SessionKind::RT,  SessionKind::DC,
                                         SessionKind::PT, SessionKind::RFQ, SessionKind::MD};
  for (SessionKind k : kAll) {
    std::string_view full = target_comp_id(k);
    std::string_view shortname = full.substr(6);  // after "Kalshi"
    if (iequals(s, full) || iequals(s, shortname)) {
      if (out) *out = k;
      return true;
    }
  }
  return false;
}

uint16_t default_port(SessionKind k) {
  switch (k) {
    case SessionKind::NR:
      return 8228;
    case SessionKind::DC:
      return 8229;
    case SessionKind::RT:
      return 8230;
    case SessionKind::PT:
      return 8231;
    case SessionKind::RFQ:
      return 8232;
    case SessionKind::MD:
      return 8233;
  }
  return 0;
}

bool session_exists(Product p, SessionKind k) {
  if (p == Product::Margin) return k != SessionKind::PT && k != SessionKind::RFQ;
  return true;
}

bool has_retransmission(Product p, SessionKind k) {
  if (!session_exists(p, k)) return false;
  if (p == Product::Margin) return k == SessionKind::RT;
  return k == SessionKind::RT || k == SessionKind::PT;
}

bool uses_market_data_host(SessionKind k) {
  return k == SessionKind::MD;
}

}  // namespace kalshi::fix
