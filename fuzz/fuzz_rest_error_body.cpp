// Fuzzes map_response_error (api/rest/errors.h) with any status and body: never a crash, and the
// result always holds the documented invariants (an error code, the status echoed, a printable
// message and exchange code within their bounds, retriable exactly for 429 and 5xx).
// Input: 2 bytes big-endian status (taken modulo 700), 1 byte Retry-After seconds, then the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/rest/errors.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool printable(const std::string &s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3) return 0;
  const int status = ((data[0] << 8) | data[1]) % 700;
  const uint64_t retry_after_ms = static_cast<uint64_t>(data[2]) * 1000;
  const std::string_view body(reinterpret_cast<const char *>(data + 3), size - 3);
  const kalshi::Error e = kalshi::api::rest::map_response_error(status, body, retry_after_ms);
  check(!e.ok());
  check(e.http_status == status);
  check(printable(e.message) && !e.message.empty());
  check(e.message.size() <= 2 * kalshi::api::rest::kMaxErrorMessage);
  check(printable(e.exchange_code));
  check(e.exchange_code.size() <= kalshi::api::rest::kMaxExchangeCode);
  check(e.retriable == (status == 429 || (status >= 500 && status <= 599)));
  return 0;
}
