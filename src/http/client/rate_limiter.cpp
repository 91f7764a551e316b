#include "http/client/rate_limiter.h"

#include <algorithm>

namespace kalshi::http {

RateLimiter::RateLimiter(uint32_t rate_per_s, uint32_t burst, uint64_t now_ms)
    : rate_milli_per_ms_(std::max<int64_t>(rate_per_s, 1)),
      capacity_milli_(std::max<int64_t>(burst, 1) * 1000),
      tokens_milli_(capacity_milli_),
      last_ms_(now_ms) {}

void RateLimiter::refill(uint64_t now_ms) {
  // A clock that steps back refills nothing (and does not move last_ms_ back).
  if (now_ms <= last_ms_) return;
  const uint64_t elapsed = now_ms - last_ms_;
  last_ms_ = now_ms;
  const int64_t missing = capacity_milli_ - tokens_milli_;
  if (missing <= 0) return;
  // Compare in the time domain so a long idle gap cannot overflow the product.
  const uint64_t full_after = static_cast<uint64_t>(missing / rate_milli_per_ms_) + 1;
  if (elapsed >= full_after) {
    tokens_milli_ = capacity_milli_;
  } else {
    tokens_milli_ = std::min(capacity_milli_,
                             tokens_milli_ + static_cast<int64_t>(elapsed) * rate_milli_per_ms_);
  }
}

uint64_t RateLimiter::wait_for(int64_t need_milli) const {
  const int64_t short_by = need_milli - tokens_milli_;
  if (short_by <= 0) return 0;
  return static_cast<uint64_t>((short_by + rate_milli_per_ms_ - 1) / rate_milli_per_ms_);
}

uint64_t RateLimiter::acquire(uint32_t cost, uint64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  refill(now_ms);
  const int64_t cost_milli = static_cast<int64_t>(cost) * 1000;
  const int64_t need = std::min(cost_milli, capacity_milli_);
  const uint64_t wait = wait_for(need);
  if (wait == 0) tokens_milli_ -= cost_milli;
  return wait;
}

uint64_t RateLimiter::reserve(uint32_t cost, uint64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  refill(now_ms);
  const int64_t cost_milli = static_cast<int64_t>(cost) * 1000;
  const int64_t need = std::min(cost_milli, capacity_milli_);
  const uint64_t wait = wait_for(need);
  tokens_milli_ -= cost_milli;
  return wait;
}

int64_t RateLimiter::available(uint64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  refill(now_ms);
  // Floor division for negative balances.
  if (tokens_milli_ >= 0) return tokens_milli_ / 1000;
  return -((-tokens_milli_ + 999) / 1000);
}

}  // namespace kalshi::http
