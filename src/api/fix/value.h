// How each FieldType's text maps to an int64 and back (kalshi-fix.md §2.4, §3.2, §3.3), in one
// place for the decoder, the builder and the fast order encoders.
//
// Scales: prices and dollar amounts are int64 dollars x 1e6 (kalshi_price_t); quantities are
// contracts x 100 (kalshi_count_t); UtcTimestamp is epoch milliseconds; LocalMktDate is yyyymmdd;
// Bool is 1/0; Char is the character code. No binary floating point anywhere.
#pragma once

#include <kalshi/error.h>

#include <bit>
#include <cstdint>
#include <cstring>
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
[[gnu::noinline]] inline kalshi_err_t parse_decimal_checked(std::string_view text, int decimals,
                                                            int64_t *out) {
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

// parse_decimal_checked() for the text the wire carries: no sign, 1-12 integer digits, and
// when there is a '.', digits after it of which those beyond `decimals` are zeros. The scale's
// digits and the trailing zeros are separate loops, so no digit pays for the inexact test.
// Anything else goes to parse_decimal_checked(), which gives the answer or the error.
inline kalshi_err_t parse_decimal(std::string_view text, int decimals, int64_t *out) {
  const char *p = text.data();
  const char *const end = p + text.size();
  if (decimals < 0 || decimals > 6) return parse_decimal_checked(text, decimals, out);
  uint64_t acc = 0;
  const char *q = p;
  for (uint64_t d;
       q != end && (d = static_cast<uint64_t>(static_cast<unsigned char>(*q)) - '0') <= 9; ++q) {
    acc = acc * 10 + d;
  }
  const size_t int_digits = static_cast<size_t>(q - p);
  if (int_digits - 1 >= 12) return parse_decimal_checked(text, decimals, out);
  if (q == end) {
    *out = static_cast<int64_t>(acc) * kPow10Small[decimals];
    return KALSHI_OK;
  }
  if (*q != '.') return parse_decimal_checked(text, decimals, out);
  const char *const frac = ++q;
  const char *const scale_end = end - q > decimals ? q + decimals : end;
  for (uint64_t d;
       q != scale_end && (d = static_cast<uint64_t>(static_cast<unsigned char>(*q)) - '0') <= 9;
       ++q) {
    acc = acc * 10 + d;
  }
  const auto taken = q - frac;
  if (q != scale_end || taken == 0) return parse_decimal_checked(text, decimals, out);
  while (q != end && *q == '0') ++q;
  if (q != end) return parse_decimal_checked(text, decimals, out);
  *out = static_cast<int64_t>(acc) * kPow10Small[decimals - taken];
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

// ---- UtcTimestamp in the form every Kalshi message carries: YYYYMMDD-HH:MM:SS.mmm ----------
// Eight bytes at a time (SWAR) and the days-from-civil arithmetic of parse_utc_timestamp(), so
// the same text gives the same value or the same refusal, without a call or a per-digit loop.

inline constexpr size_t kTimestampMsLen = 21;
inline constexpr uint64_t kOnes = 0x0101010101010101ULL;

inline uint64_t load8(const char *p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Every byte of v an ASCII digit?
inline bool all_digits8(uint64_t v) {
  return (v & (0xF0 * kOnes)) == 0x30 * kOnes &&
         ((v + 0x06 * kOnes) & (0xF0 * kOnes)) == 0x30 * kOnes;
}

// Digits (0-9 per byte, first byte most significant) -> byte i holds 10 x digit i + digit i+1.
inline uint64_t pair_digits(uint64_t digits) {
  return digits * 10 + (digits >> 8);
}

constexpr int64_t days_from_civil(int64_t year, uint32_t month, uint32_t day) {
  const int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = month > 2 ? month - 3 : month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline bool valid_day(uint32_t y, uint32_t m, uint32_t d) {
  constexpr uint8_t kDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m] + (m == 2 && leap ? 1u : 0u);
}

// `p` holds kTimestampMsLen bytes. false: not that form, or an invalid date or time.
inline bool parse_timestamp_ms(const char *p, int64_t *out) {
  static_assert(std::endian::native == std::endian::little);
  const uint64_t date = load8(p);
  // "HH:MM:SS" with the colons made digits for the check (and zero for the arithmetic).
  constexpr uint64_t kColons = (uint64_t{':'} << 16) | (uint64_t{':'} << 40);
  constexpr uint64_t kColonMask = (uint64_t{0xFF} << 16) | (uint64_t{0xFF} << 40);
  const uint64_t time = load8(p + 9);
  const uint64_t time_digits = (time & ~kColonMask) | ((0x30 * kOnes) & kColonMask);
  if (!all_digits8(date) || p[8] != '-' || (time & kColonMask) != kColons ||
      !all_digits8(time_digits) || p[17] != '.') {
    return false;
  }
  const uint32_t m0 = static_cast<uint32_t>(static_cast<unsigned char>(p[18])) - '0';
  const uint32_t m1 = static_cast<uint32_t>(static_cast<unsigned char>(p[19])) - '0';
  const uint32_t m2 = static_cast<uint32_t>(static_cast<unsigned char>(p[20])) - '0';
  if (m0 > 9 || m1 > 9 || m2 > 9) return false;
  const uint64_t dp = pair_digits(date & (0x0F * kOnes));         // bytes 0 2 4 6: YY YY MM DD
  const uint64_t tp = pair_digits(time_digits & (0x0F * kOnes));  // bytes 0 3 6: HH MM SS
  const uint32_t year = static_cast<uint32_t>((dp & 0xFF) * 100 + ((dp >> 16) & 0xFF));
  const uint32_t month = static_cast<uint32_t>((dp >> 32) & 0xFF);
  const uint32_t day = static_cast<uint32_t>((dp >> 48) & 0xFF);
  const uint32_t h = static_cast<uint32_t>(tp & 0xFF);
  const uint32_t mi = static_cast<uint32_t>((tp >> 24) & 0xFF);
  const uint32_t sec = static_cast<uint32_t>((tp >> 48) & 0xFF);
  if (h > 23 || mi > 59 || sec > 60 || !valid_day(year, month, day)) return false;
  const int64_t secs = days_from_civil(year, month, day) * 86400 + h * 3600 + mi * 60 + sec;
  *out = secs * 1000 + (m0 * 100 + m1 * 10 + m2);
  return true;
}

}  // namespace detail

// parse_value() with the common kinds (text, Char, decimals, counters, millisecond timestamps)
// inline; the rest (Int, Bool, dates, other timestamp lengths) and every unusual input go to
// parse_value(). Same results.
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
    case FieldType::UtcTimestamp:
      if (text.size() != detail::kTimestampMsLen) break;
      return detail::parse_timestamp_ms(text.data(), out) ? KALSHI_OK : KALSHI_ERR_PARSE;
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
