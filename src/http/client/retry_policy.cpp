#include "http/client/retry_policy.h"

#include <algorithm>

#include "http/client/http_client.h"
#include "net/backoff.h"

namespace kalshi::http {

namespace {

// Failures before a response where the request may never have been processed.
bool retriable_failure(kalshi_err_t code) {
  switch (code) {
    case KALSHI_ERR_DNS:
    case KALSHI_ERR_CONNECT:
    case KALSHI_ERR_DISCONNECTED:
    case KALSHI_ERR_TIMEOUT:
    case KALSHI_ERR_CLOSED:  // a pooled connection was found closed when writing
      return true;
    default:
      return false;
  }
}

}  // namespace

bool retriable_status(int status) {
  switch (status) {
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

std::optional<uint64_t> retry_delay(const RetryPolicy &policy, bool idempotent,
                                    const Response &resp, uint32_t attempt, uint64_t random) {
  if (attempt >= policy.max_attempts) return std::nullopt;
  const bool retriable =
      resp.err.ok() ? retriable_status(resp.status) : retriable_failure(resp.err.code);
  if (!retriable) return std::nullopt;
  if (!idempotent && resp.request_sent) return std::nullopt;
  if (resp.err.ok() && resp.retry_after_ms > 0) {
    return std::min(resp.retry_after_ms, policy.retry_after_cap_ms);
  }
  const uint32_t exponent = attempt == 0 ? 0 : attempt - 1;
  const uint64_t ceiling = net::Backoff::ceiling(policy.base_ms, policy.max_ms, exponent);
  // ceiling + 1 cannot wrap: a ceiling of UINT64_MAX draws the whole range.
  if (ceiling == UINT64_MAX) return random;
  return random % (ceiling + 1);
}

}  // namespace kalshi::http
