// What the meaning of a FIX value depends on besides the message itself: the product (margin
// prices are always dollars, margin order quantities are whole) and, on prediction sessions,
// whether the Logon set UseDollars(21005)=Y (kalshi-fix.md §3.2).
#pragma once

#include <cstdint>

#include "fix/session/session_kind.h"

namespace kalshi::fix {

// Which side sends a message. Session-level messages (A 0 1 2 4 5) go both ways.
enum class Direction : uint8_t { ClientToServer = 0, ServerToClient = 1, Both = 2 };
const char *direction_name(Direction d);

struct Context {
  Product product = Product::Prediction;
  bool use_dollars = false;  // Logon UseDollars(21005)=Y; margin is always dollars

  // "Modal" prices (6, 31, 44, 132, 133) are integer cents only on prediction without UseDollars.
  bool modal_prices_in_cents() const { return product == Product::Prediction && !use_dollars; }
};

// Sets of session kinds, one bit per SessionKind (bit = 1 << kind).
using SessionMask = uint8_t;
inline constexpr SessionMask session_bit(SessionKind k) {
  return static_cast<SessionMask>(1u << static_cast<unsigned>(k));
}
inline constexpr SessionMask kSessNR = session_bit(SessionKind::NR);
inline constexpr SessionMask kSessRT = session_bit(SessionKind::RT);
inline constexpr SessionMask kSessDC = session_bit(SessionKind::DC);
inline constexpr SessionMask kSessPT = session_bit(SessionKind::PT);
inline constexpr SessionMask kSessRFQ = session_bit(SessionKind::RFQ);
inline constexpr SessionMask kSessMD = session_bit(SessionKind::MD);
inline constexpr SessionMask kSessAll = 0x3f;

}  // namespace kalshi::fix
