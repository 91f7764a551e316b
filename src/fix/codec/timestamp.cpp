#include "fix/codec/timestamp.h"

#include <cstring>

#include "fix/codec/digits.h"

namespace kalshi::fix {

namespace {

constexpr int64_t kMsPerDay = 86400000;
// 9999-12-31 23:59:59.999, the last instant YYYYMMDD can show.
constexpr int64_t kMaxEpochMs = 253402300799999;

struct Civil {
  uint32_t year, month, day;
};

// Proleptic Gregorian calendar by the era/day-of-era method (400-year cycles of 146097 days,
// years starting in March so the leap day is last). Days since 1970-01-01, non-negative here.
Civil civil_from_days(int64_t days) {
  const uint64_t z = static_cast<uint64_t>(days) + 719468;
  const uint64_t era = z / 146097;
  const uint64_t doe = z - era * 146097;
  const uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint64_t mp = (5 * doy + 2) / 153;
  const uint64_t day = doy - (153 * mp + 2) / 5 + 1;
  const uint64_t month = mp < 10 ? mp + 3 : mp - 9;
  const uint64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<uint32_t>(year), static_cast<uint32_t>(month), static_cast<uint32_t>(day)};
}

int64_t days_from_civil(uint32_t year, uint32_t month, uint32_t day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = month > 2 ? month - 3 : month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool is_leap(uint32_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

uint32_t days_in_month(uint32_t y, uint32_t m) {
  static constexpr uint8_t kDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m];
}

// n ASCII digits at s into *out; false on any non-digit.
bool digits(const char *s, size_t n, uint32_t *out) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t d = static_cast<uint32_t>(static_cast<unsigned char>(s[i])) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool parse_date(const char *s, uint32_t *y, uint32_t *m, uint32_t *d) {
  return digits(s, 4, y) && digits(s + 4, 2, m) && digits(s + 6, 2, d) && *m >= 1 && *m <= 12 &&
         *d >= 1 && *d <= days_in_month(*y, *m);
}

void put_date(char *out, int64_t day) {
  const Civil c = civil_from_days(day);
  detail::put_uint(out, c.year, 4);
  detail::put2(out + 4, c.month);
  detail::put2(out + 6, c.day);
  out[8] = '-';
}

// "HH:MM:SS.mmm" for a millisecond of the day.
void put_time(char *out, int64_t ms_of_day) {
  const uint32_t ms = static_cast<uint32_t>(ms_of_day);
  const uint32_t secs = ms / 1000;
  detail::put2(out, secs / 3600);
  out[2] = ':';
  detail::put2(out + 3, secs / 60 % 60);
  out[5] = ':';
  detail::put2(out + 6, secs % 60);
  out[8] = '.';
  detail::put_uint(out + 9, ms % 1000, 3);
}

int64_t clamp_epoch(int64_t epoch_ms) {
  return epoch_ms < 0 ? 0 : (epoch_ms > kMaxEpochMs ? kMaxEpochMs : epoch_ms);
}

}  // namespace

void format_utc_timestamp(int64_t epoch_ms, char out[kUtcTimestampLen]) {
  epoch_ms = clamp_epoch(epoch_ms);
  put_date(out, epoch_ms / kMsPerDay);
  put_time(out + 9, epoch_ms % kMsPerDay);
}

void TimestampFormatter::format(int64_t epoch_ms, char out[kUtcTimestampLen]) {
  epoch_ms = clamp_epoch(epoch_ms);
  const int64_t day = epoch_ms / kMsPerDay;
  if (day != day_) {
    put_date(date_, day);
    day_ = day;
  }
  std::memcpy(out, date_, 9);
  put_time(out + 9, epoch_ms - day * kMsPerDay);
}

bool parse_utc_timestamp(std::string_view s, int64_t *epoch_ms) {
  const size_t n = s.size();
  if (n != 17 && n != 21 && n != 24 && n != 27) return false;
  const char *p = s.data();
  uint32_t y, mo, d, h, mi, sec, frac = 0;
  if (!parse_date(p, &y, &mo, &d) || p[8] != '-' || !digits(p + 9, 2, &h) || p[11] != ':' ||
      !digits(p + 12, 2, &mi) || p[14] != ':' || !digits(p + 15, 2, &sec)) {
    return false;
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  if (n > 17) {
    uint32_t sub = 0;
    if (p[17] != '.' || !digits(p + 18, n - 18, &sub)) return false;
    // Finer than milliseconds is truncated, not rounded, so a time never moves forward.
    frac = n == 21 ? sub : (n == 24 ? sub / 1000 : sub / 1000000);
  }
  const int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
  *epoch_ms = secs * 1000 + frac;
  return true;
}

bool parse_local_mkt_date(std::string_view s, int32_t *yyyymmdd) {
  uint32_t y, m, d;
  if (s.size() != 8 || !parse_date(s.data(), &y, &m, &d)) return false;
  *yyyymmdd = static_cast<int32_t>(y * 10000 + m * 100 + d);
  return true;
}

}  // namespace kalshi::fix
