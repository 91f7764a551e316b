// HTTP error responses of the Kalshi REST APIs as library Errors (rest-notes.md §5, §7; perps.md
// §3, §7). The status picks the code; the body, when it is one of the exchange's JSON shapes,
// supplies exchange_code and the message:
//   {"code","message","details"}                     prediction and perps ErrorResponse
//   {"code","message","details","service"}           Klear Error
//   {"error":{"code","message","details",...}}       the same nested (batch items, some gateways)
//   {"error":"too many requests"}                    429 (not the usual shape)
// Anything else (HTML from a proxy, binary, a huge body) becomes a short printable excerpt.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kalshi::api::rest {

// Bodies longer than this are not parsed as JSON (an error body is small; a big one is a proxy
// page or an attack), only excerpted.
inline constexpr size_t kMaxParsedErrorBody = 64 * 1024;
// Longest message / exchange_code kept; longer text is cut and marked with "...".
inline constexpr size_t kMaxErrorMessage = 512;
inline constexpr size_t kMaxExchangeCode = 128;

// status -> code:
//   400 BAD_REQUEST; 401, 403 UNAUTHORIZED; 404 NOT_FOUND; 409 CONFLICT;
//   429 RATE_LIMITED (retriable; the message says when to retry, retry_after_ms 0 = no Retry-After,
//   which is what Kalshi sends); 5xx SERVER (retriable); any other 4xx REJECTED;
//   a status outside 400..599 (not an error response at all) PROTOCOL.
// http_status is always set. Never throws on bad input; the message is printable ASCII.
Error map_response_error(int status, std::string_view body, uint64_t retry_after_ms);

// Printable ASCII excerpt of text: bytes outside 0x20..0x7e become "\xNN", and the result is cut
// at max_len characters (then ends in "...").
std::string printable_excerpt(std::string_view text, size_t max_len);

}  // namespace kalshi::api::rest
