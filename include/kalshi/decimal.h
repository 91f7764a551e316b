/* libkalshi — exact decimals.
 *
 * No binary floating point ever carries a price or a count. Both are scaled 64-bit integers:
 *
 *   kalshi_price_t  dollars   x 1,000,000  (6 decimal places: "0.5600" -> 560000, "$0.0001" -> 100)
 *   kalshi_count_t  contracts x 100        (2 decimal places: "10.5" -> 1050)
 *
 * Six places hold every price the specs allow (FixedPointDollars, sub-penny ticks, Klear
 * centicents = 0.0001 dollar); two places hold fractional counts (`*_fp` fields). Both are signed
 * because balances, P&L and margin positions can be negative.
 *
 * Parsing accepts an optional leading '-', digits, and an optional '.' followed by digits. It
 * rejects (KALSHI_ERR_PARSE) empty input, '+', whitespace, exponents, "1." and ".5"; it rejects (KALSHI_ERR_INEXACT) any non-zero digit beyond the scale, and (KALSHI_ERR_RANGE)
 * values that overflow int64. Trailing zeros beyond the scale are exact and accepted. */
#ifndef KALSHI_DECIMAL_H
#define KALSHI_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int64_t kalshi_price_t;
typedef int64_t kalshi_count_t;

#define KALSHI_PRICE_SCALE INT64_C(1000000)
#define KALSHI_PRICE_DECIMALS 6
#define KALSHI_COUNT_SCALE INT64_C(100)
#define KALSHI_COUNT_DECIMALS 2

/* Longest text kalshi_*_format can produce, including the terminating NUL. */
#define KALSHI_DECIMAL_STRLEN 32

KALSHI_API kalshi_err_t kalshi_price_parse(const char *s, size_t len, kalshi_price_t *out);
KALSHI_API kalshi_err_t kalshi_count_parse(const char *s, size_t len, kalshi_count_t *out);

/* Formats with at least `min_decimals` places (0..scale), trimming further trailing zeros:
 * 560000 with min 2 -> "0.56", with min 4 -> "0.5600". Writes a NUL-terminated string; *written
 * (optional) receives its length. KALSHI_ERR_BUFFER_TOO_SMALL if cap < KALSHI_DECIMAL_STRLEN and
 * the text does not fit. */
KALSHI_API kalshi_err_t kalshi_price_format(kalshi_price_t v, int min_decimals, char *buf,
                                            size_t cap, size_t *written);
KALSHI_API kalshi_err_t kalshi_count_format(kalshi_count_t v, int min_decimals, char *buf,
                                            size_t cap, size_t *written);

/* Unit conversions used by the specs. Exact; KALSHI_ERR_RANGE on overflow and KALSHI_ERR_INEXACT
 * when the price is not a whole number of the target unit. */
KALSHI_API kalshi_err_t kalshi_price_from_cents(int64_t cents, kalshi_price_t *out);
KALSHI_API kalshi_err_t kalshi_price_to_cents(kalshi_price_t v, int64_t *cents);
KALSHI_API kalshi_err_t kalshi_price_from_centicents(int64_t centicents, kalshi_price_t *out);
KALSHI_API kalshi_err_t kalshi_price_to_centicents(kalshi_price_t v, int64_t *centicents);

#ifdef __cplusplus
}
#endif
#endif
