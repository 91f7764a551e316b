// WebSocket close status codes (RFC 6455 §7.4) and which of them may appear in a Close frame.
#pragma once

#include <cstdint>

namespace kalshi::ws {

namespace close_code {
inline constexpr uint16_t kNormal = 1000;
inline constexpr uint16_t kGoingAway = 1001;
inline constexpr uint16_t kProtocolError = 1002;
inline constexpr uint16_t kUnsupportedData = 1003;
inline constexpr uint16_t kNoStatus = 1005;        // local only: a Close frame without a code
inline constexpr uint16_t kAbnormal = 1006;        // local only: the connection dropped
inline constexpr uint16_t kInvalidPayload = 1007;  // e.g. bad UTF-8 in a text message
inline constexpr uint16_t kPolicyViolation = 1008;
inline constexpr uint16_t kMessageTooBig = 1009;
inline constexpr uint16_t kMandatoryExtension = 1010;
inline constexpr uint16_t kInternalError = 1011;
inline constexpr uint16_t kServiceRestart = 1012;
inline constexpr uint16_t kTryAgainLater = 1013;
inline constexpr uint16_t kBadGateway = 1014;
inline constexpr uint16_t kTlsHandshake = 1015;  // local only
}  // namespace close_code

// True for a code a peer may send in a Close frame: the defined 1000..1003, 1007..1014 (1012..1014
// are IANA-registered since the RFC), and the registered/private ranges 3000..4999. Everything
// else, including 1004, 1005, 1006, 1015, 0..999 and 5000+, is a protocol error on the wire.
bool is_valid_wire_close_code(uint16_t code);

// Short name for logs ("normal", "protocol_error", ...; "application" for 3000..4999).
const char *close_code_name(uint16_t code);

}  // namespace kalshi::ws
