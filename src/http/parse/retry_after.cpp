#include "http/parse/retry_after.h"

#include <cstddef>

#include "http/parse/header_rules.h"

namespace kalshi::http {

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool digits(std::string_view s, int64_t *out) {
  int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return !s.empty();
}

int find_name(std::string_view s, const char *const *names, int count) {
  for (int i = 0; i < count; ++i)
    if (s == names[i]) return i;
  return -1;
}

bool leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

bool parse_imf_fixdate(std::string_view t, int64_t *unix_seconds) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 bytes.
  static const char *const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (t.size() != 29 || t.substr(3, 2) != ", " || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
      t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT")
    return false;
  const int wday = find_name(t.substr(0, 3), kDays, 7);
  const int month = find_name(t.substr(8, 3), kMonths, 12);
  int64_t day = 0, year = 0, hh = 0, mm = 0, ss = 0;
  if (wday < 0 || month < 0 || !digits(t.substr(5, 2), &day) || !digits(t.substr(12, 4), &year) ||
      !digits(t.substr(17, 2), &hh) || !digits(t.substr(20, 2), &mm) ||
      !digits(t.substr(23, 2), &ss))
    return false;
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int64_t month_days = kMonthDays[month] + (month == 1 && leap(year) ? 1 : 0);
  if (day < 1 || day > month_days || hh > 23 || mm > 59 || ss > 60) return false;
  const int64_t days = days_from_civil(year, month + 1, day);
  // 1970-01-01 was a Thursday (index 3 with Monday as 0).
  if (((days % 7) + 7 + 3) % 7 != wday) return false;
  *unix_seconds = days * 86400 + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
  return true;
}

bool parse_retry_after(std::string_view value, int64_t now_unix_seconds, int64_t *delay_seconds) {
  value = trim_ows(value);
  if (value.empty()) return false;
  if (value[0] >= '0' && value[0] <= '9') {
    int64_t v = 0;
    for (const char c : value) {
      if (c < '0' || c > '9') return false;
      const int64_t d = c - '0';
      v = v > (INT64_MAX - d) / 10 ? INT64_MAX : v * 10 + d;
    }
    *delay_seconds = v;
    return true;
  }
  int64_t at = 0;
  if (!parse_imf_fixdate(value, &at)) return false;
  *delay_seconds = at > now_unix_seconds ? at - now_unix_seconds : 0;
  return true;
}

}  // namespace kalshi::http
