// US Eastern time by hand: the civil-date arithmetic below works on the proleptic Gregorian
// calendar with days counted from 1970-01-01, so the DST edges are exact UTC instants.
#include "fix/session/maintenance.h"

namespace kalshi::fix {

namespace {

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int64_t kEstMs = -5 * kHourMs;
constexpr int64_t kEdtMs = -4 * kHourMs;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Days since 1970-01-01 of a civil date (month 1..12). Shifting the year to start in March puts
// the leap day last, so each era of 400 years has a fixed day count.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;                          // [0, 399]
  const int64_t mp = m > 2 ? m - 3 : m + 9;                   // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;             // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

int64_t year_of_day(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (m <= 2 ? 1 : 0);
}

// 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday.
int64_t weekday(int64_t days) {
  return (days + 4) - floor_div(days + 4, 7) * 7;
}

// Day number of the n-th (1-based) Sunday of a month.
int64_t nth_sunday(int64_t y, int64_t m, int n) {
  const int64_t first = days_from_civil(y, m, 1);
  const int64_t to_sunday = (7 - weekday(first)) % 7;
  return first + to_sunday + 7 * (n - 1);
}

}  // namespace

int64_t us_eastern_offset_ms(int64_t epoch_ms) {
  // The year in Eastern time equals the UTC year except in the first hours of January 1, far
  // from either DST edge, so the UTC year picks the right pair of edges.
  const int64_t y = year_of_day(floor_div(epoch_ms, kDayMs));
  // 02:00 EST = 07:00 UTC (start); 02:00 EDT = 06:00 UTC (end).
  const int64_t dst_start = nth_sunday(y, 3, 2) * kDayMs + 7 * kHourMs;
  const int64_t dst_end = nth_sunday(y, 11, 1) * kDayMs + 6 * kHourMs;
  return (epoch_ms >= dst_start && epoch_ms < dst_end) ? kEdtMs : kEstMs;
}

bool in_maintenance_window(int64_t epoch_ms) {
  const int64_t local = epoch_ms + us_eastern_offset_ms(epoch_ms);
  const int64_t day = floor_div(local, kDayMs);
  if (weekday(day) != 4) return false;  // Thursday
  const int64_t ms_of_day = local - day * kDayMs;
  return ms_of_day >= 3 * kHourMs && ms_of_day < 5 * kHourMs;
}

int64_t maintenance_window_end_ms(int64_t epoch_ms) {
  if (!in_maintenance_window(epoch_ms)) return epoch_ms;
  // DST never changes on a Thursday, so 05:00 has the same offset as epoch_ms.
  const int64_t offset = us_eastern_offset_ms(epoch_ms);
  const int64_t day = floor_div(epoch_ms + offset, kDayMs);
  return day * kDayMs + 5 * kHourMs - offset;
}

}  // namespace kalshi::fix
