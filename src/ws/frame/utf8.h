// Incremental UTF-8 validation (RFC 3629) for WebSocket text messages and close reasons.
//
// A text message may be split across frames and a frame across reads, so the validator keeps the
// state of a partly seen code point between calls. It refuses, as soon as the offending byte is
// seen (RFC 6455 §8.1 "fail fast"): overlong forms, UTF-16 surrogates (U+D800..U+DFFF), code
// points above U+10FFFF, stray continuation bytes and the bytes C0, C1, F5..FF. A message that
// ends inside a code point is refused by finish().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace kalshi::ws {

class Utf8Validator {
 public:
  // False once any byte so far is invalid; stays false until reset().
  bool feed(std::span<const uint8_t> bytes);
  // True when everything fed is valid and no code point is left open.
  bool finish() const { return !bad_ && need_ == 0; }
  bool failed() const { return bad_; }
  void reset() {
    need_ = 0;
    lower_ = 0x80;
    upper_ = 0xBF;
    bad_ = false;
  }

 private:
  uint8_t need_ = 0;      // continuation bytes still expected for the open code point
  uint8_t lower_ = 0x80;  // allowed range of the next continuation byte (narrowed after E0,
  uint8_t upper_ = 0xBF;  // ED, F0 and F4 to exclude overlongs, surrogates and > U+10FFFF)
  bool bad_ = false;
};

// Whole-buffer check.
bool is_valid_utf8(std::span<const uint8_t> bytes);
inline bool is_valid_utf8(std::string_view s) {
  return is_valid_utf8(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t *>(s.data()), s.size()));
}

}  // namespace kalshi::ws
