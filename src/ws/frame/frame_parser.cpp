#include "ws/frame/frame_parser.h"

#include <algorithm>
#include <cstring>

namespace kalshi::ws {

namespace {

bool is_known_opcode(uint8_t op) {
  return op <= 0x2 || (op >= 0x8 && op <= 0xA);
}

}  // namespace

void apply_mask(std::span<uint8_t> bytes, const uint8_t key[4], uint64_t pos) {
  size_t i = 0;
  // Bring the key position to 0 so the bulk loop can work on 8-byte words.
  while (i < bytes.size() && ((pos + i) & 3) != 0) {
    bytes[i] ^= key[(pos + i) & 3];
    ++i;
  }
  uint64_t word = 0;
  std::memcpy(&word, key, 4);
  word |= word << 32;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, bytes.data() + i, 8);
    v ^= word;
    std::memcpy(bytes.data() + i, &v, 8);
  }
  for (; i < bytes.size(); ++i) bytes[i] ^= key[(pos + i) & 3];
}

size_t FrameParser::header_size(const uint8_t *first_two) {
  const uint8_t len7 = first_two[1] & 0x7F;
  size_t n = 2;
  if (len7 == 126) n += 2;
  if (len7 == 127) n += 8;
  if (first_two[1] & 0x80) n += 4;
  return n;
}

void FrameParser::reset() {
  state_ = State::Header;
  hdr_len_ = 0;
  header_ = FrameHeader{};
  remaining_ = 0;
  mask_pos_ = 0;
  payload_ = {};
  error_ = WsError::None;
  offset_ = 0;
}

FrameParser::Event FrameParser::fail(WsError e, size_t used, size_t *consumed) {
  state_ = State::Failed;
  error_ = e;
  *consumed = used;
  offset_ += used;
  return Event::Error;
}

// Rules visible in the first two bytes; checked as soon as they arrive so a bad frame is refused
// before its (possibly huge) length or payload.
WsError FrameParser::validate_header() const {
  const uint8_t b0 = hdr_[0];
  const uint8_t b1 = hdr_[1];
  if (b0 & 0x70) return WsError::ReservedBits;
  const uint8_t op = b0 & 0x0F;
  if (!is_known_opcode(op)) return WsError::ReservedOpcode;
  const bool control = (op & 0x8) != 0;
  if (control && !(b0 & 0x80)) return WsError::FragmentedControl;
  if (control && (b1 & 0x7F) > kMaxControlPayload) return WsError::ControlTooLong;
  const bool masked = (b1 & 0x80) != 0;
  if (role_ == Role::Server && !masked) return WsError::MaskRequired;
  if (role_ == Role::Client && masked) return WsError::MaskForbidden;
  return WsError::None;
}

FrameParser::Event FrameParser::next(std::span<uint8_t> in, size_t *consumed) {
  *consumed = 0;
  payload_ = {};
  switch (state_) {
    case State::Failed:
      return Event::Error;
    case State::End:
      state_ = State::Header;
      hdr_len_ = 0;
      return Event::End;
    case State::Payload: {
      if (in.empty()) return Event::NeedMore;
      const size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, in.size()));
      payload_ = in.first(n);
      if (header_.masked) apply_mask(payload_, header_.mask, mask_pos_);
      mask_pos_ += n;
      remaining_ -= n;
      *consumed = n;
      offset_ += n;
      if (remaining_ == 0) state_ = State::End;
      return Event::Payload;
    }
    case State::Header:
      break;
  }

  size_t used = 0;
  if (hdr_len_ < 2) {
    const size_t take = std::min(2 - hdr_len_, in.size());
    if (take != 0) std::memcpy(hdr_ + hdr_len_, in.data(), take);
    hdr_len_ += take;
    used += take;
    if (hdr_len_ < 2) {
      *consumed = used;
      offset_ += used;
      return Event::NeedMore;
    }
    if (const WsError e = validate_header(); e != WsError::None) return fail(e, used, consumed);
  }
  const size_t need = header_size(hdr_);
  const size_t take = std::min(need - hdr_len_, in.size() - used);
  if (take != 0) std::memcpy(hdr_ + hdr_len_, in.data() + used, take);
  hdr_len_ += take;
  used += take;
  if (hdr_len_ < need) {
    *consumed = used;
    offset_ += used;
    return Event::NeedMore;
  }

  FrameHeader h;
  h.fin = (hdr_[0] & 0x80) != 0;
  h.opcode = static_cast<Opcode>(hdr_[0] & 0x0F);
  h.masked = (hdr_[1] & 0x80) != 0;
  const uint8_t len7 = hdr_[1] & 0x7F;
  size_t pos = 2;
  if (len7 < 126) {
    h.length = len7;
  } else if (len7 == 126) {
    h.length = (uint64_t{hdr_[2]} << 8) | hdr_[3];
    pos = 4;
  } else {
    h.length = 0;
    for (size_t i = 0; i < 8; ++i) h.length = (h.length << 8) | hdr_[2 + i];
    pos = 10;
    if (h.length >> 63) return fail(WsError::BadLength, used, consumed);
  }
  if (h.masked) std::memcpy(h.mask, hdr_ + pos, 4);
  if (h.length > max_frame_size_) return fail(WsError::FrameTooLarge, used, consumed);

  header_ = h;
  remaining_ = h.length;
  mask_pos_ = 0;
  state_ = h.length == 0 ? State::End : State::Payload;
  *consumed = used;
  offset_ += used;
  return Event::Header;
}

}  // namespace kalshi::ws
