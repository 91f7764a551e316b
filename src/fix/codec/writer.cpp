#include "fix/codec/writer.h"

#include <cstring>

#include "fix/codec/digits.h"
#include "fix/codec/frame_reader.h"

namespace kalshi::fix {

namespace {

using detail::put_uint;
using detail::uint_len;

constexpr uint64_t kPow10[20] = {1ULL,
                                 10ULL,
                                 100ULL,
                                 1000ULL,
                                 10000ULL,
                                 100000ULL,
                                 1000000ULL,
                                 10000000ULL,
                                 100000000ULL,
                                 1000000000ULL,
                                 10000000000ULL,
                                 100000000000ULL,
                                 1000000000000ULL,
                                 10000000000000ULL,
                                 100000000000000ULL,
                                 1000000000000000ULL,
                                 10000000000000000ULL,
                                 100000000000000000ULL,
                                 1000000000000000000ULL,
                                 10000000000000000000ULL};

// Field values are short (ids, symbols, numbers): overlapping word copies beat a memcpy call.
inline void copy_small(char *d, const char *s, size_t n) {
  if (n >= 8) {
    if (n > 16) {
      std::memcpy(d, s, n);
      return;
    }
    uint64_t a, b;
    std::memcpy(&a, s, 8);
    std::memcpy(&b, s + n - 8, 8);
    std::memcpy(d, &a, 8);
    std::memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, s, 4);
    std::memcpy(&b, s + n - 4, 4);
    std::memcpy(d, &a, 4);
    std::memcpy(d + n - 4, &b, 4);
  } else if (n != 0) {
    d[0] = s[0];
    d[n / 2] = s[n / 2];
    d[n - 1] = s[n - 1];
  }
}

// The two kinds of bytes every field is made of: a literal run and "tag=".
inline char *put(char *p, std::string_view s) {
  copy_small(p, s.data(), s.size());
  return p + s.size();
}
inline char *put_tag(char *p, uint32_t tag, size_t tag_len) {
  put_uint(p, tag, tag_len);
  p[tag_len] = '=';
  return p + tag_len + 1;
}

// Reserves room for one field with a value of value_len bytes and writes "tag="; returns where
// the value goes. The field's SOH is the caller's.
inline char *open_field(Buffer &out, uint32_t tag, size_t value_len) {
  const size_t tag_len = uint_len(tag);
  return put_tag(out.extend(tag_len + 1 + value_len + 1), tag, tag_len);
}

constexpr size_t kMaxFixedLen = 42;  // '-', 20 digits, '.', 19 digits, with room to spare

// Fixed-point text of value / 10^scale (see add_fixed) into buf (>= kMaxFixedLen bytes); returns
// its length.
size_t fixed_to_chars(int64_t value, int scale, int min_decimals, char *buf) {
  if (scale < 0) scale = 0;
  if (scale > 19) scale = 19;
  if (min_decimals < 0) min_decimals = 0;
  if (min_decimals > scale) min_decimals = scale;
  const bool negative = value < 0;
  const uint64_t mag = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const uint64_t unit = kPow10[scale];
  const uint64_t whole = mag / unit;
  uint64_t frac = mag % unit;
  int keep = frac == 0 ? min_decimals : scale;
  while (keep > min_decimals && frac % 10 == 0) {
    frac /= 10;
    --keep;
  }
  char *p = buf;
  if (negative) *p++ = '-';
  const size_t whole_len = uint_len(whole);
  put_uint(p, whole, whole_len);
  p += whole_len;
  if (keep > 0) {
    *p++ = '.';
    put_uint(p, frac, static_cast<size_t>(keep));
    p += keep;
  }
  return static_cast<size_t>(p - buf);
}

}  // namespace

void FieldWriter::add(uint32_t tag, std::string_view value) {
  char *p = put(open_field(out_, tag, value.size()), value);
  *p = kSoh;
}

void FieldWriter::add_uint(uint32_t tag, uint64_t value) {
  const size_t n = uint_len(value);
  char *p = open_field(out_, tag, n);
  put_uint(p, value, n);
  p[n] = kSoh;
}

void FieldWriter::add_int(uint32_t tag, int64_t value) {
  const bool negative = value < 0;
  const uint64_t mag = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const size_t n = uint_len(mag);
  char *p = open_field(out_, tag, n + (negative ? 1 : 0));
  if (negative) *p++ = '-';
  put_uint(p, mag, n);
  p[n] = kSoh;
}

void FieldWriter::add_char(uint32_t tag, char value) {
  char *p = open_field(out_, tag, 1);
  p[0] = value;
  p[1] = kSoh;
}

void FieldWriter::add_bool(uint32_t tag, bool value) {
  add_char(tag, value ? 'Y' : 'N');
}

void FieldWriter::add_fixed(uint32_t tag, int64_t value, int scale, int min_decimals) {
  // Written in place with room for the longest text, then the unused tail is given back.
  char *p = open_field(out_, tag, kMaxFixedLen);
  p += fixed_to_chars(value, scale, min_decimals, p);
  *p++ = kSoh;
  out_.truncate(static_cast<size_t>(p - out_.data()));
}

void FieldWriter::add_timestamp(uint32_t tag, int64_t epoch_ms) {
  char *p = open_field(out_, tag, kUtcTimestampLen);
  ts_.format(epoch_ms, p);
  p[kUtcTimestampLen] = kSoh;
}

void FieldWriter::add_data(uint32_t length_tag, uint32_t data_tag, std::string_view bytes) {
  add_uint(length_tag, bytes.size());
  add(data_tag, bytes);
}

namespace {

constexpr size_t kTrailerLen = 7;  // "10=NNN<SOH>"

// "8=FIXT.1.1<SOH>9=<body_len><SOH>" at p; returns the end.
char *put_begin(char *p, size_t body_len, size_t body_len_digits) {
  p = put(p, kBeginString);
  p = put_tag(p, 9, 1);
  put_uint(p, body_len, body_len_digits);
  p[body_len_digits] = kSoh;
  return p + body_len_digits + 1;
}

void put_trailer(char *msg, size_t before_trailer) {
  char *t = msg + before_trailer;
  const uint8_t sum = checksum(msg, before_trailer);
  t[0] = '1';
  t[1] = '0';
  t[2] = '=';
  put_uint(t + 3, sum, 3);
  t[6] = kSoh;
}

// Bytes of "tag=value<SOH>" for a tag of tag_len digits.
constexpr size_t field_len(size_t tag_len, size_t value_len) {
  return tag_len + 1 + value_len + 1;
}

}  // namespace

// Everything is sized first (every header value's length is known up front), so the message is
// written once, front to back, into its final place: no second pass to patch BodyLength.
size_t encode_message(const Header &h, std::string_view body, Buffer &out) {
  const size_t seq_len = uint_len(h.msg_seq_num);
  size_t body_len = field_len(2, h.msg_type.size()) + field_len(2, h.sender_comp_id.size()) +
                    field_len(2, h.target_comp_id.size()) + field_len(2, seq_len) +
                    field_len(2, h.sending_time.size()) + body.size();
  if (!h.sender_sub_id.empty()) body_len += field_len(2, h.sender_sub_id.size());
  if (h.poss_dup) body_len += field_len(2, 1);
  if (h.poss_resend) body_len += field_len(2, 1);
  if (!h.orig_sending_time.empty()) body_len += field_len(3, h.orig_sending_time.size());
  const size_t body_len_digits = uint_len(body_len);
  const size_t head_len = kBeginString.size() + field_len(1, body_len_digits);
  const size_t total = head_len + body_len + kTrailerLen;

  char *msg = out.extend(total);
  char *p = put_begin(msg, body_len, body_len_digits);
  const auto field = [&p](std::string_view tag_eq, std::string_view value) {
    p = put(put(p, tag_eq), value);
    *p++ = kSoh;
  };
  field("35=", h.msg_type);
  field("49=", h.sender_comp_id);
  field("56=", h.target_comp_id);
  p = put(p, "34=");
  put_uint(p, h.msg_seq_num, seq_len);
  p += seq_len;
  *p++ = kSoh;
  if (!h.sender_sub_id.empty()) field("50=", h.sender_sub_id);
  field("52=", h.sending_time);
  if (h.poss_dup) field("43=", "Y");
  if (h.poss_resend) field("97=", "Y");
  if (!h.orig_sending_time.empty()) field("122=", h.orig_sending_time);
  put(p, body);
  put_trailer(msg, total - kTrailerLen);
  return total;
}

size_t encode_raw(std::string_view msg_type, std::string_view fields, Buffer &out) {
  const size_t body_len = field_len(2, msg_type.size()) + fields.size();
  const size_t body_len_digits = uint_len(body_len);
  const size_t total = kBeginString.size() + field_len(1, body_len_digits) + body_len + kTrailerLen;
  char *msg = out.extend(total);
  char *p = put_begin(msg, body_len, body_len_digits);
  p = put(put(p, "35="), msg_type);
  *p++ = kSoh;
  put(p, fields);
  put_trailer(msg, total - kTrailerLen);
  return total;
}

}  // namespace kalshi::fix
