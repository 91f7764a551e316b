// Kalshi's FIX session types and what each allows (kalshi-fix.md §1.2, §1.3, §2.5, §2.6.2, §17).
#pragma once

#include <cstdint>
#include <string_view>

namespace kalshi::fix {

enum class Product : uint8_t { Prediction = 0, Margin = 1 };
enum class SessionKind : uint8_t { NR = 0, RT = 1, DC = 2, PT = 3, RFQ = 4, MD = 5 };

// "KalshiNR" ... ; the TargetCompID and the session's identity.
std::string_view target_comp_id(SessionKind k);
// Parses "nr"/"KalshiNR" (case-insensitive); false if unknown.
bool parse_session_kind(std::string_view s, SessionKind *out);
// 8228 NR, 8229 DC, 8230 RT, 8231 PT, 8232 RFQ, 8233 MD.
uint16_t default_port(SessionKind k);
// Margin has no PT and no RFQ.
bool session_exists(Product p, SessionKind k);
// ResendRequest / SequenceReset supported: prediction RT and PT, margin RT.
bool has_retransmission(Product p, SessionKind k);
// MD connects to the market-data host, everything else to the order-entry host.
bool uses_market_data_host(SessionKind k);

}  // namespace kalshi::fix
