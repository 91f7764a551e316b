// A token bucket for the REST client: `rate_per_s` tokens a second, holding at most `burst`.
// The clock is injected (milliseconds on any monotonic scale) so tests drive it exactly.
// Thread-safe: REST glue may share one limiter across clients (Kalshi limits per account).
//
// Tokens are kept in thousandths, so sub-token refills between calls are exact integers.
// Two ways in:
//  - acquire(): takes the tokens if they are there (returns 0), else takes nothing and returns
//    the wait until they would be. For fail-fast callers and polls.
//  - reserve(): always takes the tokens, letting the bucket go into debt, and returns how long
//    the caller must wait before using them. Waiting callers therefore queue in arrival order
//    (no wake-up stampede, no starvation of a large `cost` by small ones), and acquire() never
//    jumps ahead of earlier reservations because it sees the debt.
// A cost above the burst is granted when the bucket is full (then it runs into debt), so it can
// never wait forever.
#pragma once

#include <cstdint>
#include <mutex>

namespace kalshi::http {

class RateLimiter {
 public:
  // rate_per_s and burst of 0 are treated as 1.
  RateLimiter(uint32_t rate_per_s, uint32_t burst, uint64_t now_ms);

  uint64_t acquire(uint32_t cost, uint64_t now_ms);
  uint64_t reserve(uint32_t cost, uint64_t now_ms);

  // Whole tokens available now (negative while in debt); for tests and stats.
  int64_t available(uint64_t now_ms);

 private:
  void refill(uint64_t now_ms);
  uint64_t wait_for(int64_t need_milli) const;

  std::mutex mu_;
  int64_t rate_milli_per_ms_;  // thousandths of a token per millisecond == tokens per second
  int64_t capacity_milli_;
  int64_t tokens_milli_;
  uint64_t last_ms_;
};

}  // namespace kalshi::http
