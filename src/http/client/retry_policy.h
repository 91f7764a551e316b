// When the REST client tries a request again, as a pure function so tests can drive every case.
//
// Retried: HTTP 429, 500, 502, 503 and 504, and failures before any response arrived (DNS,
// connect, disconnect, timeout, or a pooled connection found closed). Only idempotent requests
// are retried, with one exception: a request of which no byte was written (request_sent ==
// false) provably never reached the server, so it may be retried whatever its method.
//
// The wait is the server's Retry-After when it sent one (capped by retry_after_cap_ms, so a
// hostile or confused server cannot park a client for hours), else full-jitter backoff: a
// uniform draw from [0, min(max_ms, base_ms * 2^(attempt-1))] (net::Backoff::ceiling).
#pragma once

#include <cstdint>
#include <optional>

namespace kalshi::http {

struct Response;

struct RetryPolicy {
  uint32_t max_attempts = 3;  // attempts in all, the first included; 1 turns retries off
  uint64_t base_ms = 100;
  uint64_t max_ms = 5000;
  uint64_t retry_after_cap_ms = 10000;
};

// True for the statuses the policy retries (429, 500, 502, 503, 504).
bool retriable_status(int status);

// `attempt` is the 1-based number of the attempt that just ended with `resp`; `random` is any
// uniformly distributed 64-bit value (the jitter draw). Returns the wait in milliseconds before
// the next attempt, or nullopt when the request must not be tried again.
std::optional<uint64_t> retry_delay(const RetryPolicy &policy, bool idempotent,
                                    const Response &resp, uint32_t attempt, uint64_t random);

}  // namespace kalshi::http
