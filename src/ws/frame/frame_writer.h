// RFC 6455 frame writer: every frame type, masked when we are the client (RFC 6455 §5.3), into a
// caller-owned buffer. Nothing here allocates; mask keys come from a caller-given source (the
// connection engine passes its CSPRNG; tests pass a fixed key).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "ws/frame/frame.h"

namespace kalshi::ws {

// Fills key[4] with a fresh mask key. Called once per frame written by a client.
using MaskKeySource = void (*)(void *ctx, uint8_t key[4]);

// Header bytes for a payload of n bytes.
constexpr size_t frame_header_size(uint64_t n, bool masked) {
  return (n < 126 ? 2 : n <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
}

class FrameWriter {
 public:
  // A client needs a mask source; a server never masks and may pass nullptr.
  FrameWriter(Role role, MaskKeySource mask_source, void *mask_ctx)
      : role_(role), mask_source_(mask_source), mask_ctx_(mask_ctx) {}

  bool masks() const { return role_ == Role::Client; }

  // Bytes write_frame() needs for a payload of n bytes.
  size_t frame_size(uint64_t n) const { return frame_header_size(n, masks()) + n; }

  // Writes one frame into out and returns its size, or 0 (nothing written) when out is too small
  // or the frame breaks a rule: a control frame that is not FIN or carries over 125 bytes.
  size_t write_frame(std::span<uint8_t> out, Opcode op, bool fin, std::span<const uint8_t> payload);

  // Writes only the header of a frame whose payload the caller sends separately (large messages).
  // With masking, *mask_key receives the key; the caller masks the payload with apply_mask().
  size_t write_header(std::span<uint8_t> out, Opcode op, bool fin, uint64_t length,
                      uint8_t mask_key[4]);

  // The common case, a small unfragmented text message (≤ 125 bytes): one length byte, no
  // branches on the length encoding. 0 when text is longer or out too small.
  size_t write_small_text(std::span<uint8_t> out, std::string_view text);

  size_t write_text(std::span<uint8_t> out, std::string_view text);
  size_t write_binary(std::span<uint8_t> out, std::span<const uint8_t> bytes);
  size_t write_ping(std::span<uint8_t> out, std::span<const uint8_t> data);
  size_t write_pong(std::span<uint8_t> out, std::span<const uint8_t> data);
  // A Close frame with a code and an optional reason. 0 when the code may not go on the wire,
  // the reason is not UTF-8, or code + reason exceed 125 bytes.
  size_t write_close(std::span<uint8_t> out, uint16_t code, std::string_view reason);
  // A Close frame without a code (received as 1005).
  size_t write_close_empty(std::span<uint8_t> out);

 private:
  void next_key(uint8_t key[4]);

  Role role_;
  MaskKeySource mask_source_;
  void *mask_ctx_;
};

}  // namespace kalshi::ws
