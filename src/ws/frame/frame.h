// RFC 6455 framing vocabulary shared by the parser, the writer and the message assembler.
//
// The codec is hand-written rather than built on wslay: wslay's frame layer pulls bytes through
// its own recv callback and copies payloads into its own buffers, and its event layer allocates
// per message. Here the parser walks the caller's receive buffer, unmasks in place and hands out
// views into it, so a steady-state connection allocates nothing per frame; roles, limits and
// validation are explicit and every refusal has a named reason. RFC 6455 framing is small.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kalshi::ws {

enum class Opcode : uint8_t {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xA,
};

inline constexpr bool is_control(Opcode op) {
  return (static_cast<uint8_t>(op) & 0x8) != 0;
}

// Which end of the connection we are: a client masks what it sends and must receive unmasked
// frames; a server the reverse (RFC 6455 §5.1).
enum class Role : uint8_t { Client, Server };

// Longest payload of a control frame (§5.5).
inline constexpr uint64_t kMaxControlPayload = 125;
// Longest frame header: 2 + 8 (64-bit length) + 4 (mask key).
inline constexpr size_t kMaxHeaderSize = 14;

// Why received bytes were refused. Each value names one rule; close_code_for() gives the status
// code to send in the Close frame that answers it.
enum class WsError : uint8_t {
  None,
  ReservedBits,            // RSV1..3 set while no extension was negotiated
  ReservedOpcode,          // opcode 3..7 or 0xB..0xF
  FragmentedControl,       // a control frame without FIN
  ControlTooLong,          // a control frame payload over 125 bytes
  BadLength,               // a 64-bit length with its most significant bit set
  MaskRequired,            // a server received an unmasked frame
  MaskForbidden,           // a client received a masked frame
  FrameTooLarge,           // payload over Limits::max_frame_size
  MessageTooLarge,         // a (reassembled) message over Limits::max_message_size
  UnexpectedContinuation,  // a continuation frame with no message open
  ExpectedContinuation,    // a new text/binary frame while a fragmented message is open
  InvalidUtf8,             // a text message or close reason that is not UTF-8
  BadClosePayload,         // a close payload of exactly one byte
  BadCloseCode,            // a close code that may not appear on the wire
};

const char *ws_error_name(WsError e);
// 1002 for protocol errors, 1007 for bad UTF-8, 1009 for size limits.
uint16_t close_code_for(WsError e);

}  // namespace kalshi::ws
