#include "ws/frame/utf8.h"

namespace kalshi::ws {

bool Utf8Validator::feed(std::span<const uint8_t> bytes) {
  if (bad_) return false;
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    // ASCII runs are the common case for JSON: skip them eight bytes at a time.
    if (need_ == 0) {
      while (i + 8 <= n) {
        uint64_t w = 0;
        for (size_t k = 0; k < 8; ++k) w |= uint64_t{bytes[i + k]} << (8 * k);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
      if (i >= n) break;
    }
    const uint8_t b = bytes[i++];
    if (need_ != 0) {
      if (b < lower_ || b > upper_) {
        bad_ = true;
        return false;
      }
      lower_ = 0x80;
      upper_ = 0xBF;
      --need_;
      continue;
    }
    if (b < 0x80) continue;
    if (b >= 0xC2 && b <= 0xDF) {
      need_ = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need_ = 2;
      if (b == 0xE0) lower_ = 0xA0;  // below is an overlong 3-byte form
      if (b == 0xED) upper_ = 0x9F;  // above is a UTF-16 surrogate
    } else if (b >= 0xF0 && b <= 0xF4) {
      need_ = 3;
      if (b == 0xF0) lower_ = 0x90;  // below is an overlong 4-byte form
      if (b == 0xF4) upper_ = 0x8F;  // above is beyond U+10FFFF
    } else {
      bad_ = true;  // 80..C1 (stray continuation, overlong 2-byte lead) and F5..FF
      return false;
    }
  }
  return true;
}

bool is_valid_utf8(std::span<const uint8_t> bytes) {
  Utf8Validator v;
  return v.feed(bytes) && v.finish();
}

}  // namespace kalshi::ws
