// Caller-supplied REST parameters and the text rules they are checked and encoded with. Pure
// functions on string_views: no allocation beyond appending to the caller's output string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kalshi::rest {

// One path or query parameter as text. Array parameters may be given as one comma-separated
// value, as the same name repeated, or both; elements therefore cannot contain a comma.
struct Param {
  std::string_view name, value;
};

// RFC 3986 unreserved characters: the only bytes sent without percent-encoding.
inline bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Appends `text` with every byte outside the unreserved set as %XX (upper-case hex). Used for
// path segments and query keys/values alike, so '/', '?', '&', '=', '+', '%' and ',' inside a
// value can never change the request's structure.
inline void percent_encode_append(std::string_view text, std::string *out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out->push_back(ch);
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0x0F]);
    }
  }
}

// Integer text: -?(0|[1-9][0-9]*) within int64. No '+', spaces or leading zeros, so an integer
// has exactly one spelling and enum values ("60") compare as text.
inline bool parse_integer_text(std::string_view text, int64_t *out) {
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  if (i >= text.size()) return false;
  if (text[i] == '0' && text.size() - i > 1) return false;
  if (negative && text.size() - i == 1 && text[i] == '0') return false;  // "-0"
  // Accumulate as a negative number so INT64_MIN is representable.
  int64_t acc = 0;
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch < '0' || ch > '9') return false;
    const int digit = ch - '0';
    if (acc < (INT64_MIN + digit) / 10) return false;
    acc = acc * 10 - digit;
  }
  if (!negative) {
    if (acc == INT64_MIN) return false;
    acc = -acc;
  }
  *out = acc;
  return true;
}

// An exact decimal: -?[0-9]+(\.[0-9]+)? . Numbers are passed on as the caller wrote them; they
// are never converted to binary floating point.
inline bool is_decimal_text(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const size_t int_begin = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == int_begin) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  const size_t frac_begin = ++i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i > frac_begin && i == text.size();
}

inline bool is_boolean_text(std::string_view text) {
  return text == "true" || text == "false";
}

}  // namespace kalshi::rest
