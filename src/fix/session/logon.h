// The Logon (35=A) body and the rules for what it may carry (kalshi-fix.md §2.6, §10.1, §11).
#pragma once

#include <cstdint>
#include <string_view>

#include "fix/codec/buffer.h"
#include "fix/session/session.h"

namespace kalshi::fix {

// ResetSeqNumFlag(141)=Y goes on this session's Logon: always on sessions without
// retransmission (the exchange refuses the Logon otherwise), by choice on RT/PT.
bool logon_sends_reset(const SessionConfig &c);

// Whether the Kalshi Logon flag `tag` exists for this product and session type (§2.6.2 table).
bool logon_field_allowed(Product p, SessionKind k, uint32_t tag);

// Appends the Logon body: 98=0, 108, 95/96 (the signature), [141=Y], 1137=9, then the configured
// Kalshi flags in the caller's order. The header (and so SendingTime) is the caller's.
void write_logon_body(const SessionConfig &c, bool reset, std::string_view signature_b64,
                      Buffer &body);

}  // namespace kalshi::fix
