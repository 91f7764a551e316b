#include "fix/codec/field_cursor.h"

#include <bit>
#include <cstring>

#include "fix/codec/frame_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kalshi::fix {

namespace {

constexpr uint32_t kMaxTag = 999999;
constexpr uint32_t kRawDataLength = 95;
constexpr uint32_t kRawData = 96;

// First SOH in [p, end), or nullptr. Values are mostly short, so one 16-byte compare usually
// settles it; this is the inner loop of every decode.
inline const char *find_soh(const char *p, const char *end) {
#if defined(__SSE2__)
  const __m128i soh = _mm_set1_epi8(kSoh);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    const unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, soh)));
    if (bits != 0) return p + std::countr_zero(bits);
    p += 16;
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    // Eight at a time: the lowest flagged byte of the zero-byte test is exact.
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      const uint64_t x = w ^ 0x0101010101010101ULL;
      const uint64_t hit = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
      if (hit != 0) return p + (std::countr_zero(hit) >> 3);
      p += 8;
    }
  }
  for (; p < end; ++p) {
    if (*p == kSoh) return p;
  }
  return nullptr;
}

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

bool FieldCursor::next(Field *out) {
  if (p_ == end_ || err_ != FieldError::None) return false;
  const char *p = p_;
  const auto fail = [this](FieldError e) {
    err_ = e;
    return false;
  };

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
    // Length-prefixed: the bytes may hold SOH, so only the preceding 95 says where they end.
    const uint64_t n = data_len_;
    data_len_ = UINT64_MAX;
    if (n == UINT64_MAX || n >= left || p[n] != kSoh) return fail(FieldError::BadDataLength);
    if (n == 0) return fail(FieldError::EmptyValue);
    out->tag = tag;
    out->value = std::string_view(p, static_cast<size_t>(n));
    p_ = p + n + 1;
    return true;
  }
  if (left == 0) return fail(FieldError::Unterminated);
  if (*p == kSoh) return fail(FieldError::EmptyValue);
  const char *soh = find_soh(p + 1, end_);
  if (soh == nullptr) return fail(FieldError::Unterminated);
  const std::string_view value(p, static_cast<size_t>(soh - p));
  if (tag == kRawDataLength) {
    uint64_t n = 0;
    if (!parse_uint(value, &n) || n >= UINT64_MAX) return fail(FieldError::BadDataLength);
    data_len_ = n;
  } else {
    data_len_ = UINT64_MAX;  // the length must come right before its data
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
