#include "net/backoff.h"

#include <random>

namespace kalshi::net {

Backoff::Backoff(uint64_t base_ms, uint64_t cap_ms, Uniform uniform)
    : base_ms_(base_ms), cap_ms_(cap_ms), uniform_(std::move(uniform)) {
  if (!uniform_) {
    std::random_device rd;
    const uint64_t seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
    // The generator lives in the closure, so copies and moves of the Backoff stay valid.
    uniform_ = [rng = std::mt19937_64(seed)](uint64_t upper) mutable {
      return std::uniform_int_distribution<uint64_t>(0, upper)(rng);
    };
  }
}

uint64_t Backoff::ceiling(uint64_t base_ms, uint64_t cap_ms, uint32_t attempt) {
  if (base_ms == 0) return 0;
  // base * 2^attempt > cap  <=>  base > cap >> attempt; checking this way never overflows.
  if (attempt >= 64 || base_ms > (cap_ms >> attempt)) return cap_ms;
  return base_ms << attempt;
}

uint64_t Backoff::next_delay_ms() {
  const uint64_t upper = ceiling(base_ms_, cap_ms_, attempt_);
  // Stop counting once the ceiling is pinned at the cap; the counter must not wrap back to base.
  if (attempt_ < 64) ++attempt_;
  const uint64_t d = uniform_(upper);
  return d > upper ? upper : d;  // a misbehaving injected RNG cannot exceed the ceiling
}

}  // namespace kalshi::net
