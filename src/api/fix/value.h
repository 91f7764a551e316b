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

// Is t represented by text (String, MultiChar, Data) rather than by the int64?
constexpr bool is_text_type(FieldType t) {
  return t == FieldType::String || t == FieldType::MultiChar || t == FieldType::Data;
}

}  // namespace kalshi::fix
