// FIX time values in Kalshi's formats (kalshi-fix.md §2.4): UTCTimestamp "YYYYMMDD-HH:MM:SS.mmm"
// and LocalMktDate "YYYYMMDD". Epoch milliseconds in and out; no time zone database needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kalshi::fix {

inline constexpr size_t kUtcTimestampLen = 21;  // YYYYMMDD-HH:MM:SS.mmm

// Writes exactly 21 chars (no NUL) for epoch_ms in [0, year 9999].
void format_utc_timestamp(int64_t epoch_ms, char out[kUtcTimestampLen]);

// Accepts YYYYMMDD-HH:MM:SS, .sss, .ssssss (micro, truncated to ms) and .sssssssss (nano,
// truncated); validates ranges (month, day of month, hour, minute, second <= 60).
bool parse_utc_timestamp(std::string_view s, int64_t *epoch_ms);

// YYYYMMDD -> 20231231 as an integer after validating the calendar date.
bool parse_local_mkt_date(std::string_view s, int32_t *yyyymmdd);

// Cache of the date part so that stamping many messages per second costs a few instructions.
class TimestampFormatter {
 public:
  void format(int64_t epoch_ms, char out[kUtcTimestampLen]);

 private:
  int64_t day_ = -1;   // epoch day cached in date_
  char date_[9] = {};  // "YYYYMMDD-"
};

}  // namespace kalshi::fix
