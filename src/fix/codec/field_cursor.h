// Walks the tag=value<SOH> fields of one framed message, in wire order, without copying.
// RawData(96) is read as exactly RawDataLength(95) bytes, since it may hold SOH.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fix/codec/soh_search.h"

namespace kalshi::fix {

struct Field {
  uint32_t tag;
  std::string_view value;  // view into the frame
};

enum class FieldError : uint8_t {
  None = 0,
  BadTag,         // empty, non-numeric, leading zero, or above 999999
  MissingEquals,  // tag digits not followed by '='
  EmptyValue,     // tag= immediately followed by SOH
  Unterminated,   // no SOH before the end
  BadDataLength,  // 96 without a preceding 95, or 95 longer than the rest of the frame
};
const char *field_error_name(FieldError e);

class FieldCursor {
 public:
  // `bytes` is a whole frame (from FrameReader) or any run of fields.
  explicit FieldCursor(std::string_view bytes)
      : p_(bytes.data()), end_(bytes.data() + bytes.size()), stop_(safe_end(bytes)) {}

  // true with *out set; false at the end (error() == None) or on malformed input (error() set;
  // the cursor then stays at the bad field).
  //
  // Inline fast path for the common field (ordinary tag, non-empty value, inside the last SOH of
  // the bytes, so that SOH bounds every scan); anything else, errors included, goes through the
  // fully checked next_slow(), which gives the same answer for every field the fast path takes.
  bool next(Field *out) {
    const char *p = p_;
    if (p < stop_) {
      uint32_t tag = digit(*p);
      if (tag - 1 < 9) {
        // Tags of up to 4 digits (nearly all) unrolled; longer ones in the loop, up to 6.
        const char *q = p + 1;
        uint32_t d = digit(*q);
        if (d <= 9) {
          tag = tag * 10 + d;
          if ((d = digit(*++q)) <= 9) {
            tag = tag * 10 + d;
            if ((d = digit(*++q)) <= 9) {
              tag = tag * 10 + d;
              for (; (d = digit(*++q)) <= 9 && q - p < 6;) tag = tag * 10 + d;
            }
          }
        }
        if (*q == '=' && q[1] != '\x01' && tag - 95 > 1) {
          const char *v = q + 1;
          // One-character values (enums, flags) are common: check the next byte first.
          const char *soh = v[1] == '\x01' ? v + 1 : detail::find_soh_sentinel(v + 1, end_);
          out->tag = tag;
          out->value = std::string_view(v, static_cast<size_t>(soh - v));
          p_ = soh + 1;
          return true;
        }
      }
    }
    return next_slow(out);
  }
  FieldError error() const { return err_; }
  size_t offset_from(const char *base) const { return static_cast<size_t>(p_ - base); }

 private:
  // Just past the last SOH of `bytes` (the end for a frame).
  static const char *safe_end(std::string_view bytes) {
    return bytes.empty() || bytes.back() == '\x01' ? bytes.data() + bytes.size()
                                                   : last_soh_end(bytes);
  }
  static const char *last_soh_end(std::string_view bytes);
  static uint32_t digit(char c) {
    return static_cast<uint32_t>(static_cast<unsigned char>(c)) - '0';
  }
  bool next_slow(Field *out);
  bool fail(FieldError e);

  const char *p_;
  const char *end_;
  const char *stop_;               // fast path only before here; set to p_ on error
  const char *data_at_ = nullptr;  // where a 96 may start: right after a 95
  uint64_t data_len_ = 0;          // that 95's value
  FieldError err_ = FieldError::None;
};

// Parses an unsigned FIX integer (SeqNum, Length, NumInGroup, Int >= 0): digits only, no sign, no
// leading '+', fits in uint64. Returns false otherwise.
bool parse_uint(std::string_view s, uint64_t *out);
// Signed FIX Int: optional '-', digits.
bool parse_int(std::string_view s, int64_t *out);

}  // namespace kalshi::fix
