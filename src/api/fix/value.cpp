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

// n ASCII digits at s (n <= 3) into *out; false on a non-digit.
inline bool small_digits(const char *s, int n, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i) {
    const uint32_t d = static_cast<uint32_t>(static_cast<unsigned char>(s[i])) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

// parse_utc_timestamp() for the form every Kalshi message carries (YYYYMMDD-HH:MM:SS.mmm), with
// the date part cached per thread: messages of one day share it, so only the time of day is
// parsed. The cache holds only dates the full parser accepted, and the time part is checked here
// exactly as the full parser checks it, so the results are the same.
bool parse_timestamp(std::string_view s, int64_t *out) {
  if (s.size() != kUtcTimestampLen) return parse_utc_timestamp(s, out);
  const char *p = s.data();
  uint32_t h, mi, sec, ms;
  if (p[8] != '-' || !small_digits(p + 9, 2, &h) || p[11] != ':' || !small_digits(p + 12, 2, &mi) ||
      p[14] != ':' || !small_digits(p + 15, 2, &sec) || p[17] != '.' ||
      !small_digits(p + 18, 3, &ms) || h > 23 || mi > 59 || sec > 60) {
    return false;
  }
  const int64_t time_of_day = ((int64_t{h} * 60 + mi) * 60 + sec) * 1000 + ms;
  struct DateCache {
    uint64_t date = 0;  // the 8 date bytes; 0 matches no date
    int64_t day_ms = 0;
  };
  thread_local DateCache cache;
  uint64_t date;
  std::memcpy(&date, p, sizeof date);
  if (date != cache.date) {
    if (!parse_utc_timestamp(s, out)) return false;
    cache.date = date;
    cache.day_ms = *out - time_of_day;
    return true;
  }
  *out = cache.day_ms + time_of_day;
  return true;
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
