// Full-jitter exponential backoff for reconnects (FIX, WebSocket): the n-th wait is drawn
// uniformly from [0, min(cap, base * 2^n)]. Full jitter spreads a crowd of clients that lost the
// same server far better than fixed or "equal" jitter, at no cost in mean reconnect time.
#pragma once

#include <cstdint>
#include <functional>

namespace kalshi::net {

class Backoff {
 public:
  // Returns a uniformly distributed integer in [0, upper] (inclusive). Injected so tests can pin
  // the draw; the default is a per-instance std::mt19937_64 seeded from std::random_device.
  using Uniform = std::function<uint64_t(uint64_t upper)>;

  Backoff(uint64_t base_ms, uint64_t cap_ms, Uniform uniform = {});

  // The ceiling of the current attempt's draw: min(cap, base * 2^attempt), without overflow.
  static uint64_t ceiling(uint64_t base_ms, uint64_t cap_ms, uint32_t attempt);

  // The next delay in milliseconds; advances the attempt counter.
  uint64_t next_delay_ms();
  // Call after a connection proved healthy, so the next failure starts from the base again.
  void reset() { attempt_ = 0; }
  uint32_t attempt() const { return attempt_; }

 private:
  uint64_t base_ms_;
  uint64_t cap_ms_;
  uint32_t attempt_ = 0;
  Uniform uniform_;
};

}  // namespace kalshi::net
