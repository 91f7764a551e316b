#include <kalshi/decimal.h>

#include <cstring>
#include <string_view>

#include "core/decimal.h"

namespace {

kalshi_err_t parse(const char *s, size_t len, int decimals, int64_t *out) {
  if (s == nullptr || out == nullptr) return KALSHI_ERR_INVALID_ARG;
  return kalshi::parse_fixed(std::string_view(s, len), decimals, out);
}

kalshi_err_t format(int64_t v, int decimals, int min_decimals, char *buf, size_t cap,
                    size_t *written) {
  if (buf == nullptr || min_decimals < 0 || min_decimals > decimals) return KALSHI_ERR_INVALID_ARG;
  char tmp[KALSHI_DECIMAL_STRLEN];
  const size_t n = kalshi::format_fixed(v, decimals, min_decimals, tmp);
  if (written != nullptr) *written = n;
  if (cap < n + 1) return KALSHI_ERR_BUFFER_TOO_SMALL;
  std::memcpy(buf, tmp, n);
  buf[n] = '\0';
  return KALSHI_OK;
}

// value * factor with overflow detection.
kalshi_err_t scale_up(int64_t value, int64_t factor, int64_t *out) {
  if (out == nullptr) return KALSHI_ERR_INVALID_ARG;
  int64_t r = 0;
  if (__builtin_mul_overflow(value, factor, &r)) return KALSHI_ERR_RANGE;
  *out = r;
  return KALSHI_OK;
}

kalshi_err_t scale_down(int64_t value, int64_t divisor, int64_t *out) {
  if (out == nullptr) return KALSHI_ERR_INVALID_ARG;
  if (value % divisor != 0) return KALSHI_ERR_INEXACT;
  *out = value / divisor;
  return KALSHI_OK;
}

constexpr int64_t kMicrosPerCent = KALSHI_PRICE_SCALE / 100;
constexpr int64_t kMicrosPerCenticent = KALSHI_PRICE_SCALE / 10000;

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_price_parse(const char *s, size_t len, kalshi_price_t *out) {
  return parse(s, len, KALSHI_PRICE_DECIMALS, out);
}

KALSHI_API kalshi_err_t kalshi_count_parse(const char *s, size_t len, kalshi_count_t *out) {
  return parse(s, len, KALSHI_COUNT_DECIMALS, out);
}

KALSHI_API kalshi_err_t kalshi_price_format(kalshi_price_t v, int min_decimals, char *buf,
                                            size_t cap, size_t *written) {
  return format(v, KALSHI_PRICE_DECIMALS, min_decimals, buf, cap, written);
}

KALSHI_API kalshi_err_t kalshi_count_format(kalshi_count_t v, int min_decimals, char *buf,
                                            size_t cap, size_t *written) {
  return format(v, KALSHI_COUNT_DECIMALS, min_decimals, buf, cap, written);
}

KALSHI_API kalshi_err_t kalshi_price_from_cents(int64_t cents, kalshi_price_t *out) {
  return scale_up(cents, kMicrosPerCent, out);
}

KALSHI_API kalshi_err_t kalshi_price_to_cents(kalshi_price_t v, int64_t *cents) {
  return scale_down(v, kMicrosPerCent, cents);
}

KALSHI_API kalshi_err_t kalshi_price_from_centicents(int64_t centicents, kalshi_price_t *out) {
  return scale_up(centicents, kMicrosPerCenticent, out);
}

KALSHI_API kalshi_err_t kalshi_price_to_centicents(kalshi_price_t v, int64_t *centicents) {
  return scale_down(v, kMicrosPerCenticent, centicents);
}

}  // extern "C"
