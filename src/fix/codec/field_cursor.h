// Walks the tag=value<SOH> fields of one framed message, in wire order, without copying.
// RawData(96) is read as exactly RawDataLength(95) bytes, since it may hold SOH.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

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
      : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  // true with *out set; false at the end (error() == None) or on malformed input (error() set;
  // the cursor then stays at the bad field).
  bool next(Field *out);
  FieldError error() const { return err_; }
  size_t offset_from(const char *base) const { return static_cast<size_t>(p_ - base); }

 private:
  const char *p_;
  const char *end_;
  uint64_t data_len_ = UINT64_MAX;  // value of the last 95, for the following 96
  FieldError err_ = FieldError::None;
};

// Parses an unsigned FIX integer (SeqNum, Length, NumInGroup, Int >= 0): digits only, no sign, no
// leading '+', fits in uint64. Returns false otherwise.
bool parse_uint(std::string_view s, uint64_t *out);
// Signed FIX Int: optional '-', digits.
bool parse_int(std::string_view s, int64_t *out);

}  // namespace kalshi::fix
