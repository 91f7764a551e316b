// Exact fixed-scale decimals: text <-> scaled int64 without binary floating point.
#pragma once

#include <kalshi/error.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kalshi {

// Parses `text` into value * 10^decimals. Grammar: -?[0-9]+(\.[0-9]+)? ; digits beyond `decimals`
// must be zeros (else KALSHI_ERR_INEXACT); overflow gives KALSHI_ERR_RANGE; anything else
// KALSHI_ERR_PARSE. Inline so codecs can parse on the hot path without a call.
inline kalshi_err_t parse_fixed(std::string_view text, int decimals, int64_t *out) {
  size_t i = 0;
  const size_t n = text.size();
  const bool negative = n > 0 && text[0] == '-';
  if (negative) ++i;
  if (i >= n || text[i] < '0' || text[i] > '9') return KALSHI_ERR_PARSE;
  // Accumulate the magnitude as a negative number so INT64_MIN is representable.
  int64_t acc = 0;
  bool overflow = false;
  auto push_digit = [&](int d) {
    if (acc < (INT64_MIN + d) / 10) {
      overflow = true;
      return;
    }
    acc = acc * 10 - d;
  };
  for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) push_digit(text[i] - '0');
  int frac_digits = 0;
  bool inexact = false;
  if (i < n && text[i] == '.') {
    ++i;
    if (i >= n) return KALSHI_ERR_PARSE;
    for (; i < n; ++i) {
      const char ch = text[i];
      if (ch < '0' || ch > '9') return KALSHI_ERR_PARSE;
      if (frac_digits < decimals) {
        push_digit(ch - '0');
        ++frac_digits;
      } else if (ch != '0') {
        inexact = true;
      }
    }
  }
  if (i != n) return KALSHI_ERR_PARSE;
  for (; frac_digits < decimals; ++frac_digits) push_digit(0);
  if (overflow) return KALSHI_ERR_RANGE;
  if (inexact) return KALSHI_ERR_INEXACT;
  if (!negative) {
    if (acc == INT64_MIN) return KALSHI_ERR_RANGE;
    acc = -acc;
  }
  *out = acc;
  return KALSHI_OK;
}

// Writes value / 10^decimals with at least min_decimals places, trailing zeros beyond that
// trimmed. `buf` must hold 32 bytes; returns the length written (no NUL added).
size_t format_fixed(int64_t value, int decimals, int min_decimals, char *buf);

}  // namespace kalshi
