// Incremental RFC 6455 frame parser (sans-I/O, allocation-free).
//
// Feed it the receive buffer in pieces of any size; each next() call consumes some bytes and
// reports one event:
//   Header   — a complete, validated frame header (header() describes it);
//   Payload  — a piece of the payload, unmasked in place: a view into the caller's buffer, valid
//              until that buffer is reused;
//   End      — the frame is complete (also sent for empty payloads);
//   NeedMore — every byte was consumed; call again with more;
//   Error    — the bytes break a rule (error()); the parser stays failed until reset().
// The parser checks what one frame can tell: RSV bits, opcodes, control-frame rules, masking by
// role, the 64-bit length's top bit and the frame size limit. Message-level rules (continuation
// order, message size, UTF-8, close payloads) belong to MessageAssembler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "ws/frame/frame.h"

namespace kalshi::ws {

struct FrameHeader {
  bool fin = false;
  Opcode opcode = Opcode::Continuation;
  bool masked = false;
  uint8_t mask[4] = {0, 0, 0, 0};
  uint64_t length = 0;  // payload bytes
};

class FrameParser {
 public:
  enum class Event : uint8_t { NeedMore, Header, Payload, End, Error };

  explicit FrameParser(Role role, uint64_t max_frame_size = uint64_t{16} << 20)
      : role_(role), max_frame_size_(max_frame_size) {}

  // Consumes bytes from the front of in (*consumed says how many) and reports one event. in is
  // mutable because payload bytes are unmasked where they lie.
  Event next(std::span<uint8_t> in, size_t *consumed);

  const FrameHeader &header() const { return header_; }
  // The payload piece of the last Payload event.
  std::span<uint8_t> payload() const { return payload_; }
  // Payload bytes of the current frame not yet delivered.
  uint64_t remaining() const { return remaining_; }
  WsError error() const { return error_; }
  // Bytes consumed since construction or reset(): where an error happened.
  uint64_t offset() const { return offset_; }

  void set_max_frame_size(uint64_t n) { max_frame_size_ = n; }
  void reset();

 private:
  enum class State : uint8_t { Header, Payload, End, Failed };

  Event fail(WsError e, size_t used, size_t *consumed);
  WsError validate_header() const;
  static size_t header_size(const uint8_t *first_two);

  Role role_;
  uint64_t max_frame_size_;
  State state_ = State::Header;
  uint8_t hdr_[kMaxHeaderSize] = {};
  size_t hdr_len_ = 0;
  FrameHeader header_;
  uint64_t remaining_ = 0;
  uint64_t mask_pos_ = 0;  // payload bytes unmasked so far, for the key's rotation
  std::span<uint8_t> payload_;
  WsError error_ = WsError::None;
  uint64_t offset_ = 0;
};

// Unmasks (or masks: XOR is its own inverse) bytes in place, starting at key position pos.
void apply_mask(std::span<uint8_t> bytes, const uint8_t key[4], uint64_t pos);

}  // namespace kalshi::ws
