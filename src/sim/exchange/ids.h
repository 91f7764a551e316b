// Deterministic identifiers for the exchange core: a xoshiro256** generator seeded through
// splitmix64 from the Exchange's seed, formatted as RFC 4122 version-4 UUID text. No wall clock
// and no system entropy, so a run replays exactly from (seed, commands).
#pragma once

#include <cstdint>
#include <string>

namespace kalshi::sim {

class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed);
  uint64_t next();
  std::string uuid();

 private:
  uint64_t s_[4];
};

}  // namespace kalshi::sim
