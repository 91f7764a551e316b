// The WebSocket opening handshake (RFC 6455 §4), both sides, as pure functions over header
// fields: the client builds its upgrade request and checks the server's 101 answer; the server
// (the simulator's front end) validates a client's upgrade request and builds the 101 answer.
// HTTP framing itself is left to src/http (ResponseParser completes a 101 head without a body);
// these functions see only the status and the header fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kalshi::ws {

// The 16 random bytes of a Sec-WebSocket-Key come from the caller (the connection engine's
// CSPRNG; a fixed pattern in tests).
using RandomSource = void (*)(void *ctx, uint8_t *out, size_t n);

inline constexpr size_t kKeySize = 24;     // base64 of 16 bytes
inline constexpr size_t kAcceptSize = 28;  // base64 of a 20-byte SHA-1

struct HeaderField {
  std::string_view name;
  std::string_view value;
};

enum class HandshakeError : uint8_t {
  None,
  NotSwitchingProtocols,  // the server answered with a status other than 101
  MissingUpgrade,         // no "Upgrade: websocket" (case-insensitive)
  MissingConnection,      // no "upgrade" token in Connection
  BadAccept,              // Sec-WebSocket-Accept missing, repeated or wrong
  UnexpectedExtension,    // the server chose an extension we did not offer
  UnexpectedProtocol,     // the server chose a subprotocol we did not offer
  BadMethod,              // a request that is not GET
  BadVersion,             // Sec-WebSocket-Version missing or not 13
  BadKey,                 // Sec-WebSocket-Key missing, repeated, or not base64 of 16 bytes
  MissingHost,            // no Host header
};

const char *handshake_error_name(HandshakeError e);

// Sec-WebSocket-Key: base64 of 16 bytes drawn from random.
std::string make_client_key(RandomSource random, void *ctx);

// base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")), the 28-character accept value.
std::string accept_value(std::string_view key);

// The client's GET request head, ending with the blank line. extra holds further headers (e.g.
// Kalshi's KALSHI-ACCESS-* auth headers); names and values must not contain CR or LF (checked:
// the result is empty when one does, or when host, target or key is unusable).
std::string build_client_request(std::string_view host, std::string_view target,
                                 std::string_view key, std::span<const HeaderField> extra);

// Checks the server's answer to a request sent with key.
HandshakeError check_server_response(int status, std::span<const HeaderField> headers,
                                     std::string_view key);

// Validates a client's upgrade request. On success *key receives its Sec-WebSocket-Key (a view
// into headers).
HandshakeError check_client_request(std::string_view method, std::span<const HeaderField> headers,
                                    std::string_view *key);

// The server's 101 response head for a validated key, ending with the blank line.
std::string build_server_response(std::string_view key);

}  // namespace kalshi::ws
