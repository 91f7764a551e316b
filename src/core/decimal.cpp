#include "core/decimal.h"

namespace kalshi {

size_t format_fixed(int64_t value, int decimals, int min_decimals, char *buf) {
  if (min_decimals < 0) min_decimals = 0;
  if (min_decimals > decimals) min_decimals = decimals;
  // Work on the unsigned magnitude so INT64_MIN formats correctly.
  const bool negative = value < 0;
  uint64_t mag = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char digits[24];
  int nd = 0;
  do {
    digits[nd++] = static_cast<char>('0' + mag % 10);
    mag /= 10;
  } while (mag != 0);
  while (nd <= decimals) digits[nd++] = '0';  // at least one integer digit
  // digits[] is little-endian: [0, decimals) is the fraction.
  int frac_keep = decimals;
  while (frac_keep > min_decimals && digits[decimals - frac_keep] == '0') --frac_keep;
  size_t len = 0;
  if (negative) buf[len++] = '-';
  for (int k = nd - 1; k >= decimals; --k) buf[len++] = digits[k];
  if (frac_keep > 0) {
    buf[len++] = '.';
    for (int k = decimals - 1; k >= decimals - frac_keep; --k) buf[len++] = digits[k];
  }
  return len;
}

}  // namespace kalshi
