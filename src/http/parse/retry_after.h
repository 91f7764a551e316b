// Retry-After (RFC 9110 §10.2.3) for the client's 429/503 handling.
//
// Accepts delay-seconds (1*DIGIT, saturating at INT64_MAX) and the preferred HTTP-date form,
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"). The two obsolete date forms (RFC 850 and
// asctime) are refused: no current server sends them, and the caller falls back to its own
// backoff on a refused value. A date in the past gives a delay of 0. Capping the delay is the
// retry policy's job, not this parser's.
#pragma once

#include <cstdint>
#include <string_view>

namespace kalshi::http {

// On success stores the delay in seconds from `now_unix_seconds` and returns true.
bool parse_retry_after(std::string_view value, int64_t now_unix_seconds, int64_t *delay_seconds);

// IMF-fixdate to seconds since the Unix epoch; false when malformed (including a wrong weekday).
bool parse_imf_fixdate(std::string_view text, int64_t *unix_seconds);

}  // namespace kalshi::http
