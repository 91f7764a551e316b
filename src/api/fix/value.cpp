// FieldType <-> text for the decoder and the builders (scales in value.h).
#include "api/fix/value.h"

#include <cstring>

#include "core/decimal.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/timestamp.h"

namespace kalshi::fix {

namespace {

constexpr int64_t kMaxEpochMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

bool valid_date(int64_t v) {
  if (v < 10000101 || v > 99991231) return false;
  char text[8];
  int64_t x = v;
  for (int i = 7; i >= 0; --i) {
    text[i] = static_cast<char>('0' + x % 10);
    x /= 10;
  }
  int32_t back = 0;
  return parse_local_mkt_date(std::string_view(text, 8), &back) && back == v;
}

// The millisecond form every Kalshi message carries inline (value.h), the rest in full.
bool parse_timestamp(std::string_view s, int64_t *out) {
  if (s.size() == detail::kTimestampMsLen) return detail::parse_timestamp_ms(s.data(), out);
  return parse_utc_timestamp(s, out);
}

}  // namespace

kalshi_err_t parse_value(FieldType t, std::string_view text, const Context &ctx, int64_t *out) {
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
    case FieldType::Bool:
      if (text == "Y") {
        *out = 1;
      } else if (text == "N") {
        *out = 0;
      } else {
        return KALSHI_ERR_PARSE;
      }
      return KALSHI_OK;
    case FieldType::Int:
      return parse_int(text, out) ? KALSHI_OK : KALSHI_ERR_PARSE;
    case FieldType::SeqNum:
    case FieldType::Length:
    case FieldType::NumInGroup: {
      uint64_t u = 0;
      if (!parse_uint(text, &u)) return KALSHI_ERR_PARSE;
      if (u > static_cast<uint64_t>(INT64_MAX)) return KALSHI_ERR_RANGE;
      *out = static_cast<int64_t>(u);
      return KALSHI_OK;
    }
    case FieldType::UtcTimestamp:
      return parse_timestamp(text, out) ? KALSHI_OK : KALSHI_ERR_PARSE;
    case FieldType::LocalMktDate: {
      int32_t d = 0;
      if (!parse_local_mkt_date(text, &d)) return KALSHI_ERR_PARSE;
      *out = d;
      return KALSHI_OK;
    }
    case FieldType::Qty:
      return parse_fixed(text, kQtyDecimals, out);
    case FieldType::Amount:
      return parse_fixed(text, kAmountDecimals, out);
    case FieldType::Price:
      return parse_fixed(text, ctx.modal_prices_in_cents() ? kCentDecimals : kPriceDecimals, out);
    case FieldType::PriceDollars:
      return parse_fixed(text, kPriceDecimals, out);
    case FieldType::PriceCents:
      return parse_fixed(text, kCentDecimals, out);
  }
  return KALSHI_ERR_PARSE;
}

kalshi_err_t check_value(FieldType t, int64_t v, const Context &ctx) {
  switch (t) {
    case FieldType::String:
    case FieldType::MultiChar:
    case FieldType::Data:
    case FieldType::Int:
    case FieldType::Qty:
    case FieldType::Amount:
      return KALSHI_OK;
    case FieldType::Char:
      return v > 0x20 && v < 0x7f ? KALSHI_OK : KALSHI_ERR_RANGE;
    case FieldType::Bool:
      return v == 0 || v == 1 ? KALSHI_OK : KALSHI_ERR_RANGE;
    case FieldType::SeqNum:
    case FieldType::Length:
    case FieldType::NumInGroup:
      return v >= 0 ? KALSHI_OK : KALSHI_ERR_RANGE;
    case FieldType::UtcTimestamp:
      return v >= 0 && v <= kMaxEpochMs ? KALSHI_OK : KALSHI_ERR_RANGE;
    case FieldType::LocalMktDate:
      return valid_date(v) ? KALSHI_OK : KALSHI_ERR_RANGE;
    case FieldType::Price:
      // Cents mode carries whole cents; dollar mode at most 4 decimals (§3.2).
      if (ctx.modal_prices_in_cents()) return v % kCent == 0 ? KALSHI_OK : KALSHI_ERR_INEXACT;
      return v % 100 == 0 ? KALSHI_OK : KALSHI_ERR_INEXACT;
    case FieldType::PriceDollars:
    case FieldType::PriceCents:  // cents with 2 decimals == dollars with 4
      return v % 100 == 0 ? KALSHI_OK : KALSHI_ERR_INEXACT;
  }
  return KALSHI_ERR_RANGE;
}

void write_value(FieldWriter &w, uint32_t tag, FieldType t, int64_t v, const Context &ctx,
                 Direction sender) {
  switch (t) {
    case FieldType::String:
    case FieldType::MultiChar:
    case FieldType::Data:
      return;  // text kinds are written by the caller
    case FieldType::Char:
      w.add_char(tag, static_cast<char>(v));
      return;
    case FieldType::Bool:
      w.add_bool(tag, v != 0);
      return;
    case FieldType::Int:
      w.add_int(tag, v);
      return;
    case FieldType::SeqNum:
    case FieldType::Length:
    case FieldType::NumInGroup:
    case FieldType::LocalMktDate:
      w.add_uint(tag, static_cast<uint64_t>(v));
      return;
    case FieldType::UtcTimestamp:
      w.add_timestamp(tag, v);
      return;
    case FieldType::Qty:
      w.add_fixed(tag, v, kQtyDecimals, sender == Direction::ServerToClient ? 2 : 0);
      return;
    case FieldType::Amount:
      w.add_fixed(tag, v, kAmountDecimals, 2);
      return;
    case FieldType::Price:
      if (ctx.modal_prices_in_cents()) {
        w.add_int(tag, v / kCent);
      } else {
        w.add_fixed(tag, v, kPriceDecimals, 4);
      }
      return;
    case FieldType::PriceDollars:
      w.add_fixed(tag, v, kPriceDecimals, 4);
      return;
    case FieldType::PriceCents:
      w.add_fixed(tag, v / 100, 2, 2);
      return;
  }
}

}  // namespace kalshi::fix
