#include "fix/codec/field_cursor.h"

#include <cstring>

#include "fix/codec/frame_reader.h"

namespace kalshi::fix {

namespace {

constexpr uint32_t kMaxTag = 999999;
constexpr uint32_t kRawDataLength = 95;
constexpr uint32_t kRawData = 96;

}  // namespace

const char *field_error_name(FieldError e) {
  switch (e) {
    case FieldError::None:
      return "none";
    case FieldError::BadTag:
      return "bad_tag";
    case FieldError::MissingEquals:
      return "missing_equals";
    case FieldError::EmptyValue:
      return "empty_value";
    case FieldError::Unterminated:
      return "unterminated";
    case FieldError::BadDataLength:
      return "bad_data_length";
  }
  return "unknown";
}

const char *FieldCursor::last_soh_end(std::string_view bytes) {
  for (size_t i = bytes.size(); i > 0; --i) {
    if (bytes[i - 1] == kSoh) return bytes.data() + i;
  }
  return bytes.data();
}

bool FieldCursor::fail(FieldError e) {
  err_ = e;
  stop_ = p_;  // every later call comes here and sees the error
  return false;
}

// Every check, in wire order; the inline next() takes only fields this accepts as well.
bool FieldCursor::next_slow(Field *out) {
  if (p_ == end_ || err_ != FieldError::None) return false;
  const char *p = p_;

  // Tag: 1-999999, no leading zero.
  uint32_t digit = static_cast<uint32_t>(static_cast<unsigned char>(*p)) - '0';
  if (digit == 0 || digit > 9) return fail(FieldError::BadTag);
  uint32_t tag = digit;
  for (++p;; ++p) {
    if (p == end_) return fail(FieldError::MissingEquals);
    digit = static_cast<uint32_t>(static_cast<unsigned char>(*p)) - '0';
    if (digit > 9) break;
    tag = tag * 10 + digit;
    if (tag > kMaxTag) return fail(FieldError::BadTag);
  }
  if (*p != '=') return fail(*p == kSoh ? FieldError::MissingEquals : FieldError::BadTag);
  ++p;

  const size_t left = static_cast<size_t>(end_ - p);
  if (tag == kRawData) {
    // Length-prefixed: the bytes may hold SOH, so only the 95 right before says where they end.
    const uint64_t n = data_len_;
    if (data_at_ != p_ || n >= left || p[n] != kSoh) return fail(FieldError::BadDataLength);
    if (n == 0) return fail(FieldError::EmptyValue);
    out->tag = tag;
    out->value = std::string_view(p, static_cast<size_t>(n));
    p_ = p + n + 1;
    return true;
  }
  if (left == 0) return fail(FieldError::Unterminated);
  if (*p == kSoh) return fail(FieldError::EmptyValue);
  const void *hit = std::memchr(p + 1, kSoh, left - 1);
  if (hit == nullptr) return fail(FieldError::Unterminated);
  const char *soh = static_cast<const char *>(hit);
  const std::string_view value(p, static_cast<size_t>(soh - p));
  if (tag == kRawDataLength) {
    if (!parse_uint(value, &data_len_)) return fail(FieldError::BadDataLength);
    data_at_ = soh + 1;
  }
  out->tag = tag;
  out->value = value;
  p_ = soh + 1;
  return true;
}

bool parse_uint(std::string_view s, uint64_t *out) {
  const size_t n = s.size();
  if (n == 0 || n > 20) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t d = static_cast<uint64_t>(static_cast<unsigned char>(s[i])) - '0';
    if (d > 9) return false;
    // Up to 19 digits cannot overflow; only the 20th needs checking.
    if (i == 19 && (v > UINT64_MAX / 10 || v * 10 > UINT64_MAX - d)) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool parse_int(std::string_view s, int64_t *out) {
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  uint64_t mag = 0;
  if (!parse_uint(s, &mag)) return false;
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (mag > limit) return false;
  *out = negative ? static_cast<int64_t>(0 - mag) : static_cast<int64_t>(mag);
  return true;
}

}  // namespace kalshi::fix
