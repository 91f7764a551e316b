// Turns a WebSocket byte stream into whole messages: reassembles fragmented text/binary messages,
// delivers control frames that arrive between fragments on their own, and enforces the
// message-level rules (continuation order, message size, UTF-8 across fragment boundaries, close
// payloads and codes).
//
// Zero-copy where it can be: an unfragmented data frame whose payload lies whole in one input
// piece is delivered as a view into the caller's buffer; fragmented or split messages are gathered
// in one reused buffer, so a steady-state connection allocates nothing per message. Control
// payloads (at most 125 bytes) go to a fixed inline buffer.
//
//   MessageAssembler rx(Role::Client, limits);
//   size_t off = 0;
//   for (;;) {
//     size_t used;
//     Message m = rx.next(buf.subspan(off), &used);
//     off += used;
//     if (m.kind == Message::Kind::None) break;            // all input consumed
//     if (m.kind == Message::Kind::Error) { close with close_code_for(m.error); break; }
//     handle(m);                                            // views valid until buf is reused
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ws/frame/frame_parser.h"
#include "ws/frame/utf8.h"

namespace kalshi::ws {

struct Limits {
  uint64_t max_frame_size = uint64_t{16} << 20;    // payload bytes of one frame
  uint64_t max_message_size = uint64_t{16} << 20;  // payload bytes of a reassembled message
};

struct Message {
  enum class Kind : uint8_t { None, Text, Binary, Ping, Pong, Close, Error };
  Kind kind = Kind::None;
  std::span<const uint8_t> payload;  // Text/Binary/Ping/Pong; Close: the whole close payload
  uint16_t close_code = 0;           // Close: the code, or 1005 when the frame had none
  std::string_view close_reason;     // Close: validated UTF-8
  WsError error = WsError::None;     // Error

  std::string_view text() const {
    return {reinterpret_cast<const char *>(payload.data()), payload.size()};
  }
};

class MessageAssembler {
 public:
  explicit MessageAssembler(Role role, const Limits &limits = {});

  // Consumes bytes from the front of in and returns the next complete message, or None when all
  // of in was consumed without completing one. After an Error every call returns the same Error.
  // Returned views stay valid until the next call or until the caller reuses in.
  Message next(std::span<uint8_t> in, size_t *consumed);

  WsError error() const { return error_; }
  // True while a fragmented message is open.
  bool in_message() const { return in_message_; }
  // Capacity of the reassembly buffer (kept between messages).
  size_t buffer_capacity() const { return data_.capacity(); }
  const FrameParser &parser() const { return parser_; }
  void reset();

 private:
  Message fail(WsError e);
  WsError on_header(const FrameHeader &h);
  WsError on_payload(std::span<uint8_t> piece);
  Message on_end(WsError *err);
  Message control_message();

  Limits limits_;
  FrameParser parser_;
  WsError error_ = WsError::None;

  bool in_message_ = false;  // a data message has started and not yet ended
  bool text_ = false;        // the open data message is text
  bool control_ = false;     // the current frame is a control frame
  Opcode frame_op_ = Opcode::Continuation;
  bool frame_fin_ = false;
  std::vector<uint8_t> data_;        // reassembly buffer; cleared, never shrunk
  std::span<const uint8_t> direct_;  // whole single-frame payload seen in place
  Utf8Validator utf8_;
  uint8_t ctrl_[kMaxControlPayload] = {};  // control payload
  size_t ctrl_len_ = 0;
};

}  // namespace kalshi::ws
