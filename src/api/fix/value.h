// How each FieldType's text maps to an int64 and back (kalshi-fix.md §2.4, §3.2, §3.3), in one
// place for the decoder, the builder and the fast order encoders.
//
// Scales: prices and dollar amounts are int64 dollars x 1e6 (kalshi_price_t); quantities are
// contracts x 100 (kalshi_count_t); UtcTimestamp is epoch milliseconds; LocalMktDate is yyyymmdd;
// Bool is 1/0; Char is the character code. No binary floating point anywhere.
#pragma once

#include <kalshi/error.h>

#include <cstdint>
#include <string_view>

#include "api/fix/context.h"
#include "api/fix/dictionary.h"
#include "core/decimal.h"
#include "fix/codec/writer.h"

namespace kalshi::fix {

inline constexpr int kPriceDecimals = 6;   // dollars x 1e6
inline constexpr int kAmountDecimals = 6;  // dollars x 1e6
inline constexpr int kQtyDecimals = 2;     // contracts x 100
inline constexpr int64_t kCent = 10000;    // one cent at the price scale

// Parses `text` as type `t`. Text kinds (String, MultiChar, Data) give 0. KALSHI_OK, or
// KALSHI_ERR_PARSE / _RANGE / _INEXACT.
kalshi_err_t parse_value(FieldType t, std::string_view text, const Context &ctx, int64_t *out);

// Can `v` be written as type `t` under ctx? Cents-mode prices must be whole cents, dollar prices
// at most 4 decimals, SettlementPrice at most 2 decimals of a cent (KALSHI_ERR_INEXACT);
// unsigned kinds must be >= 0, dates valid, Bool 0/1, Char printable (KALSHI_ERR_RANGE).
kalshi_err_t check_value(FieldType t, int64_t v, const Context &ctx);

// Writes tag=<v as type t>. `v` must have passed check_value. Quantities get at least 2
// decimals from the server (as Kalshi sends them since v1.0.18) and none from the client.
void write_value(FieldWriter &w, uint32_t tag, FieldType t, int64_t v, const Context &ctx,
                 Direction sender);

// ---- inline fast paths for the decoder's per-field loop ----------------------------------

inline constexpr int kCentDecimals = 4;  // cents x 1e4 at the 1e6 dollar scale

namespace detail {

inline constexpr int64_t kPow10Small[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};

// kalshi::parse_fixed (same grammar, same results) for decimals <= 6, specialised for what the
// wire carries: at most 12 integer digits, so the value has at most 18 digits and cannot
// overflow, and no per-digit overflow test is needed. Anything longer (or not starting with a
// digit) goes to the general parser, which decides the error.
inline kalshi_err_t parse_decimal(std::string_view text, int decimals, int64_t *out) {
  const char *p = text.data();
  const char *const end = p + text.size();
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  const char *const int_begin = p;
  uint64_t acc = 0;
  for (; p != end; ++p) {
    const uint64_t d = static_cast<uint64_t>(static_cast<unsigned char>(*p)) - '0';
    if (d > 9) break;
    acc = acc * 10 + d;
  }
  const auto int_digits = p - int_begin;
  if (int_digits == 0 || int_digits > 12 || decimals < 0 || decimals > 6) {
    return parse_fixed(text, decimals, out);
  }
  int frac = 0;
  bool inexact = false;
  if (p != end) {
    if (*p != '.' || ++p == end) return KALSHI_ERR_PARSE;
    for (; p != end; ++p) {
      const uint64_t d = static_cast<uint64_t>(static_cast<unsigned char>(*p)) - '0';
      if (d > 9) return KALSHI_ERR_PARSE;
      if (frac < decimals) {
        acc = acc * 10 + d;
        ++frac;
      } else if (d != 0) {
        inexact = true;
      }
    }
  }
  if (inexact) return KALSHI_ERR_INEXACT;
  const int64_t v = static_cast<int64_t>(acc) * kPow10Small[decimals - frac];
  *out = negative ? -v : v;
  return KALSHI_OK;
}

// Unsigned kinds (SeqNum, Length, NumInGroup): up to 18 digits cannot exceed INT64_MAX; longer
// text goes to the general parser.
inline kalshi_err_t parse_count(std::string_view text, int64_t *out) {
  const size_t n = text.size();
  if (n == 0 || n > 18) return KALSHI_ERR_PARSE;  // caller falls back when n > 18
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t d = static_cast<uint64_t>(static_cast<unsigned char>(text[i])) - '0';
    if (d > 9) return KALSHI_ERR_PARSE;
    v = v * 10 + d;
  }
  *out = static_cast<int64_t>(v);
  return KALSHI_OK;
}

}  // namespace detail

// parse_value() with the common kinds (text, Char, decimals, counters) inline; the rest
// (Int, Bool, times, dates) and every unusual input go to parse_value(). Same results.
[[gnu::always_inline]] inline kalshi_err_t parse_value_inline(FieldType t, std::string_view text,
                                                              const Context &ctx, int64_t *out) {
  switch (t) {
    case FieldType::String:
    case FieldType::MultiChar:
    case FieldType::Data:
      *out = 0;
      return KALSHI_OK;
    case FieldType::Char:
      if (text.size() != 1) return KALSHI_ERR_PARSE;
      *out = static_cast<unsigned char>(text[0]);
      return KALSHI_OK;
    case FieldType::SeqNum:
    case FieldType::Length:
    case FieldType::NumInGroup:
      if (text.size() > 18) break;
      return detail::parse_count(text, out);
    case FieldType::Qty:
      return detail::parse_decimal(text, kQtyDecimals, out);
    case FieldType::Amount:
      return detail::parse_decimal(text, kAmountDecimals, out);
    case FieldType::Price:
      return detail::parse_decimal(
          text, ctx.modal_prices_in_cents() ? kCentDecimals : kPriceDecimals, out);
    case FieldType::PriceDollars:
      return detail::parse_decimal(text, kPriceDecimals, out);
    case FieldType::PriceCents:
      return detail::parse_decimal(text, kCentDecimals, out);
    default:
      break;
  }
  return parse_value(t, text, ctx, out);
}

// Is t represented by text (String, MultiChar, Data) rather than by the int64?
constexpr bool is_text_type(FieldType t) {
  return t == FieldType::String || t == FieldType::MultiChar || t == FieldType::Data;
}

}  // namespace kalshi::fix
