// Decimal parsing: never crashes, and every accepted input formats back to a value that parses
// to the same number (exactness both ways).
#include <kalshi/decimal.h>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = reinterpret_cast<const char *>(data);
  kalshi_price_t price = 0;
  if (kalshi_price_parse(text == nullptr ? "" : text, size, &price) == KALSHI_OK) {
    char buf[KALSHI_DECIMAL_STRLEN];
    size_t n = 0;
    if (kalshi_price_format(price, 0, buf, sizeof buf, &n) != KALSHI_OK) abort();
    kalshi_price_t back = 0;
    if (kalshi_price_parse(buf, n, &back) != KALSHI_OK || back != price) abort();
  }
  kalshi_count_t count = 0;
  if (kalshi_count_parse(text == nullptr ? "" : text, size, &count) == KALSHI_OK) {
    char buf[KALSHI_DECIMAL_STRLEN];
    size_t n = 0;
    if (kalshi_count_format(count, 2, buf, sizeof buf, &n) != KALSHI_OK) abort();
    kalshi_count_t back = 0;
    if (kalshi_count_parse(buf, n, &back) != KALSHI_OK || back != count) abort();
  }
  return 0;
}
