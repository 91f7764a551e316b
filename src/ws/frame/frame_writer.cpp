#include "ws/frame/frame_writer.h"

#include <cstring>

#include "ws/frame/close_codes.h"
#include "ws/frame/frame_parser.h"
#include "ws/frame/utf8.h"

namespace kalshi::ws {

namespace {

std::span<const uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t *>(s.data()), s.size()};
}

}  // namespace

void FrameWriter::next_key(uint8_t key[4]) {
  if (mask_source_ != nullptr) {
    mask_source_(mask_ctx_, key);
  } else {
    std::memset(key, 0, 4);  // a client without a source still frames correctly (null mask)
  }
}

size_t FrameWriter::write_header(std::span<uint8_t> out, Opcode op, bool fin, uint64_t length,
                                 uint8_t mask_key[4]) {
  if (is_control(op) && (!fin || length > kMaxControlPayload)) return 0;
  if (length >> 63) return 0;
  const bool masked = masks();
  const size_t n = frame_header_size(length, masked);
  if (out.size() < n) return 0;
  out[0] = static_cast<uint8_t>((fin ? 0x80 : 0) | static_cast<uint8_t>(op));
  const uint8_t mask_bit = masked ? 0x80 : 0;
  size_t pos;
  if (length < 126) {
    out[1] = static_cast<uint8_t>(mask_bit | length);
    pos = 2;
  } else if (length <= 0xFFFF) {
    out[1] = mask_bit | 126;
    out[2] = static_cast<uint8_t>(length >> 8);
    out[3] = static_cast<uint8_t>(length);
    pos = 4;
  } else {
    out[1] = mask_bit | 127;
    for (size_t i = 0; i < 8; ++i) out[2 + i] = static_cast<uint8_t>(length >> (56 - 8 * i));
    pos = 10;
  }
  if (masked) {
    next_key(mask_key);
    std::memcpy(out.data() + pos, mask_key, 4);
  }
  return n;
}

size_t FrameWriter::write_frame(std::span<uint8_t> out, Opcode op, bool fin,
                                std::span<const uint8_t> payload) {
  if (out.size() < frame_size(payload.size())) return 0;
  uint8_t key[4] = {0, 0, 0, 0};
  const size_t h = write_header(out, op, fin, payload.size(), key);
  if (h == 0) return 0;
  if (!payload.empty()) {
    std::memcpy(out.data() + h, payload.data(), payload.size());
    if (masks()) apply_mask(out.subspan(h, payload.size()), key, 0);
  }
  return h + payload.size();
}

size_t FrameWriter::write_small_text(std::span<uint8_t> out, std::string_view text) {
  const size_t n = text.size();
  const bool masked = masks();
  const size_t total = 2 + (masked ? 4 : 0) + n;
  if (n > kMaxControlPayload || out.size() < total) return 0;
  uint8_t *p = out.data();
  p[0] = 0x80 | static_cast<uint8_t>(Opcode::Text);
  p[1] = static_cast<uint8_t>((masked ? 0x80 : 0) | n);
  if (!masked) {
    std::memcpy(p + 2, text.data(), n);
    return total;
  }
  uint8_t key[4];
  next_key(key);
  std::memcpy(p + 2, key, 4);
  std::memcpy(p + 6, text.data(), n);
  apply_mask(out.subspan(6, n), key, 0);
  return total;
}

size_t FrameWriter::write_text(std::span<uint8_t> out, std::string_view text) {
  return write_frame(out, Opcode::Text, true, bytes_of(text));
}

size_t FrameWriter::write_binary(std::span<uint8_t> out, std::span<const uint8_t> bytes) {
  return write_frame(out, Opcode::Binary, true, bytes);
}

size_t FrameWriter::write_ping(std::span<uint8_t> out, std::span<const uint8_t> data) {
  return write_frame(out, Opcode::Ping, true, data);
}

size_t FrameWriter::write_pong(std::span<uint8_t> out, std::span<const uint8_t> data) {
  return write_frame(out, Opcode::Pong, true, data);
}

size_t FrameWriter::write_close(std::span<uint8_t> out, uint16_t code, std::string_view reason) {
  if (!is_valid_wire_close_code(code) || reason.size() > kMaxControlPayload - 2) return 0;
  if (!is_valid_utf8(reason)) return 0;
  uint8_t payload[kMaxControlPayload];
  payload[0] = static_cast<uint8_t>(code >> 8);
  payload[1] = static_cast<uint8_t>(code);
  if (!reason.empty()) std::memcpy(payload + 2, reason.data(), reason.size());
  return write_frame(out, Opcode::Close, true,
                     std::span<const uint8_t>(payload, 2 + reason.size()));
}

size_t FrameWriter::write_close_empty(std::span<uint8_t> out) {
  return write_frame(out, Opcode::Close, true, {});
}

}  // namespace kalshi::ws
